// Preloaded (node --import) into the action under test: the clock starts at DEPLOY_ACTION_TEST_NOW
// and runs on from there, so what depends on "now" (next run times) is the same on every run.
const origin = Date.parse(process.env.DEPLOY_ACTION_TEST_NOW);
if (Number.isNaN(origin)) throw new Error(`DEPLOY_ACTION_TEST_NOW is not a date: ${process.env.DEPLOY_ACTION_TEST_NOW}`);
const RealDate = Date;
const started = performance.now();
const now = () => origin + Math.round(performance.now() - started);

globalThis.Date = class extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(now());
    else super(...args);
  }
  static now() {
    return now();
  }
};
