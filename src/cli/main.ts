/**
 * The CLI front door: the program and its global flags, a module per verb (src/cli/commands), and
 * the outcome as an exit code (0 success, 1 invalid configuration or failed deployment, 2 usage
 * error) after the result is left for the rest of the pipeline (`--output-file`, `--dotenv`).
 */
import { Command, CommanderError, Help, Option } from 'commander';
import { registerBuild } from './commands/build.js';
import { registerDeploy } from './commands/deploy.js';
import { registerInit } from './commands/init.js';
import { registerList } from './commands/list.js';
import { registerPlan, registerValidate } from './commands/plan.js';
import { registerPreview } from './commands/preview.js';
import { registerSchema } from './commands/schema.js';
import { EXAMPLES, OUTPUT_HELP, SHORT_ALIASES } from './flags.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, Session, type Io } from './session.js';
import { asksToolVersion, toolVersion } from './version.js';

export { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Io } from './session.js';

async function terminalPrompt(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

const defaultIo: Io = {
  stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  cwd: process.cwd(),
  env: process.env,
  now: () => new Date(),
  isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  prompt: terminalPrompt,
  ...(process.stdout.isTTY
    ? { terminal: { write: (raw: string) => void process.stdout.write(raw), columns: () => process.stdout.columns || 80, rows: () => process.stdout.rows || 24 } }
    : {}),
};

const VERSION_OPTION = new Option('-V, --version', "print prefect-deploy's version (after plan or deploy, --version V is the deployment's)");

function program(session: Session): Command {
  const { io } = session;
  const root = new Command()
    .name('prefect-deploy')
    .description('Plan and register Prefect deployments from prefect.yaml, without Python.')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .configureHelp({
      showGlobalOptions: true,
      // -V/--version is listed in the program's help, not declared (see asksToolVersion); and only
      // listed, not offered as a suggestion for an unknown option (`list --version`).
      formatHelp(cmd, helper) {
        if (!cmd.parent) {
          // A Help is made for each help text, so this changes this one only.
          const visibleOptions = helper.visibleOptions.bind(helper);
          helper.visibleOptions = (c) => {
            const options = visibleOptions(c);
            return c === cmd ? [...options.slice(0, -1), VERSION_OPTION, ...options.slice(-1)] : options;
          };
        }
        return Help.prototype.formatHelp.call(this, cmd, helper);
      },
    })
    .showHelpAfterError('(run prefect-deploy --help for usage)')
    .option('--prefect-file <path>', 'path to prefect.yaml, relative to the working directory', 'prefect.yaml')
    .option('--json', 'print the result as JSON on stdout (progress and problems go to stderr)')
    .option('--output-file <path>', 'also write the JSON result to this file (written whole: temp file + rename)')
    .option('--debug', 'print stack traces for unexpected errors and every Prefect API request')
    .option('--no-color', 'no ANSI colours (also: NO_COLOR=1; FORCE_COLOR=1 forces them, e.g. in CI logs)')
    .addHelpText(
      'after',
      EXAMPLES(['prefect-deploy plan --all', 'prefect-deploy deploy --all --output-file deploy.json --dotenv deploy.env', 'prefect-deploy <command> --help']) +
        '\n' +
        OUTPUT_HELP,
    );
  registerPlan(root, session);
  registerDeploy(root, session);
  registerBuild(root, session);
  registerValidate(root, session);
  registerInit(root, session);
  registerSchema(root, session);
  registerList(root, session);
  registerPreview(root, session);
  return root;
}

export async function main(argv: string[], rawIo: Io = defaultIo): Promise<number> {
  const session = new Session(rawIo);
  const { io } = session;
  const root = program(session);
  if (asksToolVersion(argv)) {
    io.stdout(toolVersion());
    return EXIT_OK;
  }
  try {
    await root.parseAsync(
      argv.map((a) => SHORT_ALIASES[a] ?? a),
      { from: 'user' },
    );
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : argv.includes('--detailed-exitcode') ? EXIT_FAILED : EXIT_USAGE;
    const debug = argv.includes('--debug');
    io.stderr(debug && e instanceof Error ? (e.stack ?? e.message) : `error: ${(e as Error).message} (run with --debug for details)`);
    session.done({ json: { error: (e as Error).message } }, EXIT_FAILED);
  }
  if (argv.length === 0) {
    io.stderr(root.helpInformation());
    return EXIT_USAGE;
  }
  return session.writeResult();
}
