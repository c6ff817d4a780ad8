#!/usr/bin/env node
/**
 * Summarises a `node --cpu-prof` profile of dist/cli.js (e.g. from `npm run bench -- --profile 200`):
 * wall time, CPU busy vs idle, the top functions by self time and by inclusive time, and when the
 * first and last samples of a few phase markers fall (start-up → validation → registration).
 *
 *   node bench/profile-summary.mjs bench/results/profile-200/first/*.cpuprofile [--top 15]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts, positionals } = parseArgs({ options: { top: { type: 'string', default: '15' } }, allowPositionals: true });
const top = Number(opts.top);
const MARKERS = ['createPlan', 'validateForDeploy', 'registerDeployment', 'compareWithServer', 'analyzeFlow', 'runPlan', 'runDeploy'];

for (const file of positionals) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const f = n.callFrame;
    const where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : '';
    return `${f.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
  };
  const self = new Map();
  const incl = new Map();
  const firstLast = new Map();
  let t = prof.startTime;
  const ms = (us) => us / 1000;
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = prof.timeDeltas[i] ?? 0;
    t += dt;
    const leaf = byId.get(prof.samples[i]);
    const interval = prof.timeDeltas[i + 1] ?? 0;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + interval);
    const seen = new Set();
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id);
      const l = label(n);
      if (seen.has(l)) continue;
      seen.add(l);
      incl.set(l, (incl.get(l) ?? 0) + interval);
      const name = n.callFrame.functionName;
      if (MARKERS.includes(name)) {
        const fl = firstLast.get(name) ?? [t, t];
        firstLast.set(name, [Math.min(fl[0], t), Math.max(fl[1], t)]);
      }
    }
  }
  const total = prof.endTime - prof.startTime;
  const idle = self.get('(idle)') ?? 0;
  console.log(`\n${file}`);
  console.log(
    `  profiled wall ${ms(total).toFixed(0)} ms; idle (waiting on I/O) ${ms(idle).toFixed(0)} ms; busy ${ms(total - idle).toFixed(0)} ms (GC ${ms(self.get('(garbage collector)') ?? 0).toFixed(0)} ms)`,
  );
  console.log('  phase markers (first–last sample, ms from profile start):');
  for (const [name, [a, b]] of [...firstLast].sort((x, y) => x[1][0] - y[1][0]))
    console.log(`    ${name.padEnd(20)} ${ms(a - prof.startTime).toFixed(0)}–${ms(b - prof.startTime).toFixed(0)}`);
  const list = (m, title) => {
    console.log(`  top ${top} by ${title}:`);
    for (const [l, us] of [...m]
      .filter(([l]) => !l.startsWith('(idle)') && !l.startsWith('(root)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)) {
      console.log(`    ${ms(us).toFixed(0).padStart(6)} ms  ${l}`);
    }
  };
  list(self, 'self time');
  list(incl, 'inclusive time');
}
