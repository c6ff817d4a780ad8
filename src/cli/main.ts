/**
 * The CLI front door: parses flags, calls the engine, prints, and turns the outcome into an exit
 * code (0 success, 1 invalid configuration or failed deployment, 2 usage error).
 */
import { Command, CommanderError, Option } from 'commander';
import { formatDiagnostic } from '../core/diagnostics.js';
import { createPlan, hasErrors } from '../core/plan/index.js';
import { planToJson, planToText } from '../core/plan/render.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
}

const defaultIo: Io = {
  stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  cwd: process.cwd(),
  env: process.env,
  now: () => new Date(),
};

interface PlanFlags {
  all?: boolean;
  name?: string[];
  prefectFile: string;
  json?: boolean;
  debug?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command()
    .name('prefect-deploy')
    .description('Plan and register Prefect deployments from prefect.yaml, without Python.')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run prefect-deploy --help for usage)');

  const selectionOptions = (cmd: Command) =>
    cmd
      .option('--all', 'select every deployment in the file')
      .addOption(new Option('-n, --name <name>', 'a deployment name, flow/name, or * pattern (repeatable)').argParser(collect))
      .option('--prefect-file <path>', 'path to prefect.yaml, relative to the working directory', 'prefect.yaml')
      .option('--json', 'print machine-readable JSON')
      .option('--debug', 'print stack traces for unexpected errors');

  const runPlan = async (flags: PlanFlags, print: 'plan' | 'validate') => {
    const now = io.now();
    const plan = await createPlan({
      prefectFile: flags.prefectFile,
      selection: { all: Boolean(flags.all), names: flags.name ?? [] },
      cwd: io.cwd,
      env: io.env,
      now,
    });
    const failed = hasErrors(plan.diagnostics);
    if (flags.json) {
      io.stdout(JSON.stringify(planToJson(plan), null, 2));
    } else {
      for (const d of plan.diagnostics) io.stderr(formatDiagnostic(d));
      if (!failed) {
        io.stdout(print === 'plan' ? planToText(plan, { now }) : `${plan.prefectFile}: ${plan.deployments.length} deployment(s) valid`);
      } else {
        const errors = plan.diagnostics.filter((d) => d.severity === 'error').length;
        io.stderr(`${errors} problem${errors === 1 ? '' : 's'} found; nothing would be registered.`);
      }
    }
    exitCode = failed ? EXIT_FAILED : EXIT_OK;
  };

  selectionOptions(
    program
      .command('plan')
      .description('show what would be registered for each selected deployment (no server needed)')
      .addHelpText('after', '\nExamples:\n  prefect-deploy plan --all\n  prefect-deploy plan -n etl/nightly --json\n  prefect-deploy plan -n "etl-*" --prefect-file deploy/prefect.yaml'),
  ).action((flags: PlanFlags) => runPlan(flags, 'plan'));

  selectionOptions(
    program
      .command('validate')
      .description('check prefect.yaml, entrypoints, flows and schedules; write nothing')
      .addHelpText('after', '\nExamples:\n  prefect-deploy validate --all'),
  ).action((flags: PlanFlags) => runPlan(flags, 'validate'));

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const debug = argv.includes('--debug');
    io.stderr(debug && e instanceof Error ? (e.stack ?? e.message) : `error: ${(e as Error).message} (run with --debug for details)`);
    return EXIT_FAILED;
  }
  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return EXIT_USAGE;
  }
  return exitCode;
}
