/**
 * The CLI front door: parses flags, calls the engine, prints, and turns the outcome into an exit
 * code (0 success, 1 invalid configuration or failed deployment, 2 usage error).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { createPlan, hasErrors, type DeployOptions, type Plan } from '../core/plan/index.js';
import { liveChangesToText, planToJson, planToText } from '../core/plan/render.js';
import { compareWithServer, deploy, validateForDeploy, type DeploymentOutcome, type LiveChange } from '../core/apply/index.js';
import { PrefectClient, prefectTemplateSources, uiUrl } from '../prefect/index.js';
import { initProject, parseField, recipeNames } from './init.js';
import { listDeployments, listToText, matrixJson } from './list.js';
import { prefectYamlSchemaText } from './schema.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** Whether a person is at a terminal to answer questions (init's missing recipe fields). */
  isTTY?: boolean;
  prompt?: (question: string) => Promise<string>;
}

function safeRecipeNames(): string {
  try {
    return recipeNames().join(', ');
  } catch {
    return 'see recipes/';
  }
}

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
};

interface PlanFlags {
  apiUrl?: string;
  offline?: boolean;
  concurrency?: number;
  all?: boolean;
  name?: string[];
  prefectFile: string;
  json?: boolean;
  debug?: boolean;
  description?: string;
  version?: string;
  versionType?: string;
  tag?: string[];
  concurrencyLimit?: number;
  collisionStrategy?: string;
  pool?: string;
  workQueue?: string;
  jobVariable?: string[];
  cron?: string[];
  interval?: number[];
  anchorDate?: string;
  rrule?: string[];
  timezone?: string;
  param?: string[];
  params?: string;
  enforceParameterSchema?: boolean;
  trigger?: string[];
  sla?: string[];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const collectInt = (value: string, previous: number[] = []) => [...previous, parseInteger(value)];

function parseInteger(value: string): number {
  if (!/^[-+]?\d+$/.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not an integer`);
  return Number.parseInt(value, 10);
}

/** prefect deploy's two-letter short flags, which commander cannot declare. */
const SHORT_ALIASES: Record<string, string> = { '-jv': '--job-variable', '-cl': '--concurrency-limit', '--variable': '--job-variable' };

function deployOptions(f: PlanFlags): DeployOptions {
  return {
    description: f.description,
    version: f.version,
    versionType: f.versionType,
    tags: f.tag,
    concurrencyLimit: f.concurrencyLimit,
    collisionStrategy: f.collisionStrategy,
    workPoolName: f.pool,
    workQueueName: f.workQueue,
    jobVariables: f.jobVariable,
    cron: f.cron,
    interval: f.interval,
    anchorDate: f.anchorDate,
    rrule: f.rrule,
    timezone: f.timezone,
    param: f.param,
    params: f.params,
    enforceParameterSchema: f.enforceParameterSchema,
    triggers: f.trigger,
    sla: f.sla,
  };
}

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
      .option('--debug', 'print stack traces for unexpected errors')
      .option('--api-url <url>', 'Prefect API URL (default: PREFECT_API_URL); plan diffs against it when set')
      .option('--offline', 'plan without contacting the Prefect API even when PREFECT_API_URL is set')
      .addOption(new Option('--concurrency <n>', 'deployments processed at once (default 8; writes to a self-hosted server default to 1 at a time)').argParser(parseInteger))
      .optionsGroup('Deployment options (as prefect deploy; applied when one deployment is selected):')
      .option('-d, --description <text>', 'override the description')
      .option('--version <version>', 'override the version')
      .option('--version-type <type>', 'version type when prefect.yaml sets none (prefect:simple, vcs:github, vcs:gitlab, vcs:bitbucket, vcs:azuredevops, vcs:git)')
      .addOption(new Option('-t, --tag <tag>', 'a tag; replaces the tags of prefect.yaml (repeatable)').argParser(collect))
      .addOption(new Option('--concurrency-limit <n>', 'maximum concurrent runs (alias -cl)').argParser(parseInteger))
      .option('--collision-strategy <strategy>', 'with --concurrency-limit: ENQUEUE or CANCEL_NEW')
      .option('-p, --pool <name>', 'work pool name')
      .option('-q, --work-queue <name>', 'work queue name')
      .addOption(new Option('--job-variable <key=value|json>', 'a job variable; replaces the job variables of prefect.yaml (repeatable, alias -jv)').argParser(collect))
      .addOption(new Option('--cron <expr>', 'add a cron schedule (repeatable)').argParser(collect))
      .addOption(new Option('--interval <seconds>', 'add an interval schedule (repeatable)').argParser(collectInt))
      .option('--anchor-date <date>', 'anchor date for interval schedules')
      .addOption(new Option('--rrule <rule>', 'add an RRule schedule (repeatable)').argParser(collect))
      .option('--timezone <tz>', 'timezone for every schedule')
      .addOption(new Option('--param <key=value>', 'a parameter; JSON values are parsed (repeatable)').argParser(collect))
      .option('--params <json>', 'parameters as a JSON object')
      .option('--enforce-parameter-schema', 'validate parameters against the flow signature (default)')
      .option('--no-enforce-parameter-schema', 'do not validate parameters against the flow signature')
      .addOption(new Option('--trigger <json|file>', 'a trigger as JSON, or a .yaml/.json file with a triggers: list; replaces the triggers of prefect.yaml (repeatable)').argParser(collect))
      .addOption(new Option('--sla <json|file>', 'an SLA as JSON, or a .yaml/.json file with an sla: list; replaces the SLAs of prefect.yaml (repeatable; Prefect Cloud)').argParser(collect));

  const apiUrlOf = (flags: PlanFlags): string | undefined => (flags.offline ? undefined : flags.apiUrl || io.env.PREFECT_API_URL || undefined);
  const clientFor = (apiUrl: string, flags: PlanFlags) => new PrefectClient({ env: io.env, apiUrl, ...(flags.concurrency ? { concurrency: flags.concurrency } : {}) });

  const printProblems = (diagnostics: readonly Diagnostic[], verb: string): boolean => {
    for (const d of diagnostics) io.stderr(formatDiagnostic(d));
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0) io.stderr(`${errors} problem${errors === 1 ? '' : 's'} found; nothing ${verb}.`);
    return errors > 0;
  };

  const runPlan = async (flags: PlanFlags, print: 'plan' | 'validate') => {
    const now = io.now();
    const request = {
      prefectFile: flags.prefectFile,
      selection: { all: Boolean(flags.all), names: flags.name ?? [] },
      cwd: io.cwd,
      env: io.env,
      now,
      options: deployOptions(flags),
    };
    const apiUrl = apiUrlOf(flags);
    let plan: Plan;
    let live: LiveChange[] | undefined;
    if (apiUrl) {
      const client = clientFor(apiUrl, flags);
      try {
        plan = await validateForDeploy({ ...request, client, sources: prefectTemplateSources(client) });
        if (!hasErrors(plan.diagnostics) && print === 'plan') live = await compareWithServer(client, plan);
      } finally {
        client.close();
      }
    } else {
      plan = await createPlan(request);
    }
    const failed = hasErrors(plan.diagnostics);
    if (flags.json) {
      io.stdout(JSON.stringify(planToJson(plan, live), null, 2));
    } else if (!printProblems(plan.diagnostics, 'would be registered')) {
      if (print === 'validate') io.stdout(`${plan.prefectFile}: ${plan.deployments.length} deployment(s) valid${apiUrl ? ' against ' + apiUrl : ''}`);
      else io.stdout(live ? liveChangesToText(plan, live, { now }) : planToText(plan, { now }));
    }
    exitCode = failed ? EXIT_FAILED : EXIT_OK;
  };

  const runDeploy = async (flags: PlanFlags) => {
    const apiUrl = apiUrlOf(flags);
    if (!apiUrl) {
      io.stderr('error: no Prefect API: set PREFECT_API_URL (and PREFECT_API_KEY for Prefect Cloud) or pass --api-url');
      exitCode = EXIT_USAGE;
      return;
    }
    const client = clientFor(apiUrl, flags);
    const ui = uiUrl(apiUrl, io.env);
    const line = (o: DeploymentOutcome) => {
      const what = o.action === 'failed' ? `failed: ${o.error}` : o.action;
      const fields = o.action === 'updated' ? ` (${o.changes.map((c) => c.field).join(', ')})` : '';
      return `${o.flowName}/${o.name}: ${what}${fields} in ${(o.durationMs / 1000).toFixed(1)}s${o.id && ui ? `  ${ui}/deployments/deployment/${o.id}` : ''}`;
    };
    try {
      const result = await deploy({
        prefectFile: flags.prefectFile,
        selection: { all: Boolean(flags.all), names: flags.name ?? [] },
        cwd: io.cwd,
        env: io.env,
        now: io.now(),
        options: deployOptions(flags),
        client,
        sources: prefectTemplateSources(client),
        concurrency: flags.concurrency ?? 8,
        // A self-hosted server's SQLite database takes one write at a time and answers parallel
        // writes with 503s (and retry back-offs); Prefect Cloud takes them in parallel.
        registrationConcurrency: flags.concurrency ?? (client.isCloud ? 8 : 1),
        onResult: flags.json ? undefined : (o) => (o.action === 'failed' ? io.stderr : io.stdout)(line(o)),
        onStepLog: (deployment, text) => io.stderr(`[${deployment}] ${text}`),
      });
      const failed = hasErrors(result.diagnostics);
      if (flags.json) {
        io.stdout(
          JSON.stringify(
            {
              deployments: result.outcomes.map((o) => ({
                name: o.name,
                flow: o.flowName,
                id: o.id ?? null,
                action: o.action,
                changes: o.changes.map((c) => c.field),
                url: o.id && ui ? `${ui}/deployments/deployment/${o.id}` : null,
                step_outputs: o.stepOutputs,
                ...(o.error ? { error: o.error } : {}),
              })),
              errors: planToJson({ ...result.plan, diagnostics: result.diagnostics }).errors,
            },
            null,
            2,
          ),
        );
      } else if (result.outcomes.length === 0) {
        printProblems(result.diagnostics, 'was registered');
      } else {
        for (const d of result.diagnostics) if (d.severity === 'warning') io.stderr(formatDiagnostic(d));
        const count = (a: string) => result.outcomes.filter((o) => o.action === a).length;
        io.stdout(`${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged, ${count('failed')} failed`);
      }
      exitCode = failed ? EXIT_FAILED : EXIT_OK;
    } finally {
      client.close();
    }
  };

  selectionOptions(
    program
      .command('plan')
      .description('show what would be registered for each selected deployment (no server needed)')
      .addHelpText('after', '\nExamples:\n  prefect-deploy plan --all\n  prefect-deploy plan -n etl/nightly --json\n  prefect-deploy plan -n "etl-*" --prefect-file deploy/prefect.yaml'),
  ).action((flags: PlanFlags) => runPlan(flags, 'plan'));

  selectionOptions(
    program
      .command('deploy')
      .description('validate every selected deployment, then register them with the Prefect API (unchanged ones are not written)')
      .addHelpText('after', '\nExamples:\n  PREFECT_API_URL=http://127.0.0.1:4200/api prefect-deploy deploy --all\n  prefect-deploy deploy -n etl/nightly --pool k8s --param day=\'"2026-01-01"\'\n  prefect-deploy deploy --all --json --concurrency 4'),
  ).action((flags: PlanFlags) => runDeploy(flags));

  selectionOptions(
    program
      .command('validate')
      .description('check prefect.yaml, entrypoints, flows and schedules; write nothing')
      .addHelpText('after', '\nExamples:\n  prefect-deploy validate --all'),
  ).action((flags: PlanFlags) => runPlan(flags, 'validate'));

  program
    .command('init')
    .description('write prefect.yaml (and .prefectignore) from one of prefect init\'s recipes')
    .option('--recipe <name>', `the recipe (${safeRecipeNames()}); guessed as prefect init does when omitted: a git remote gives git or docker-git, a Dockerfile docker, else local`)
    .addOption(new Option('-f, --field <key=value>', 'a recipe input such as image_name=ghcr.io/acme/etl (repeatable); asked for on a terminal when missing').argParser(collect))
    .option('--name <name>', 'the project name written to prefect.yaml (default: the directory name)')
    .option('--force', 'overwrite an existing prefect.yaml')
    .addHelpText('after', '\nExamples:\n  prefect-deploy init\n  prefect-deploy init --recipe docker-git --field image_name=ghcr.io/acme/etl --field tag=latest\n  prefect-deploy init --recipe s3 -f bucket=acme-flows --force')
    .action(async (flags: { recipe?: string; field?: string[]; name?: string; force?: boolean }) => {
      const fields: Record<string, string> = {};
      for (const field of flags.field ?? []) {
        const parsed = parseField(field);
        if (!parsed) {
          io.stderr(`error: --field "${field}" is not key=value (for example --field image_name=ghcr.io/acme/etl)`);
          exitCode = EXIT_USAGE;
          return;
        }
        fields[parsed[0]] = parsed[1];
      }
      const prompt = io.isTTY ? io.prompt : undefined;
      const result = await initProject({
        cwd: io.cwd,
        env: io.env,
        recipe: flags.recipe,
        fields,
        name: flags.name,
        force: Boolean(flags.force),
        ask: prompt ? (field, description) => prompt(`${field} (${description}): `) : undefined,
      });
      if (!result.ok) {
        io.stderr(`error: ${result.message}`);
        exitCode = EXIT_FAILED;
        return;
      }
      for (const w of result.warnings) io.stderr(`warning: ${w}`);
      io.stdout(`Created project in ${result.directory} from the ${result.recipe} recipe${result.guessed ? ' (guessed; choose another with --recipe)' : ''} with the following new files:\n${result.files.join('\n')}`);
      exitCode = EXIT_OK;
    });

  program
    .command('schema')
    .description('print the JSON schema of prefect.yaml (for editor completion and validation)')
    .addHelpText('after', '\nExamples:\n  prefect-deploy schema > prefect-yaml.schema.json\n\nThen start prefect.yaml with:\n  # yaml-language-server: $schema=./prefect-yaml.schema.json')
    .action(() => {
      io.stdout(prefectYamlSchemaText());
      exitCode = EXIT_OK;
    });

  program
    .command('list')
    .description('list the selected deployments of prefect.yaml (no server needed)')
    .option('--all', 'select every deployment in the file (the default when no -n is given)')
    .addOption(new Option('-n, --name <name>', 'a deployment name, flow/name, or * pattern (repeatable)').argParser(collect))
    .option('--prefect-file <path>', 'path to prefect.yaml, relative to the working directory', 'prefect.yaml')
    .option('--json', 'print the deployments as JSON')
    .option('--matrix', 'print {"include": [...]} for a CI matrix (GitHub strategy.matrix, GitLab parallel:matrix)')
    .addHelpText('after', '\nExamples:\n  prefect-deploy list\n  prefect-deploy list -n "etl-*" --json\n  echo "matrix=$(prefect-deploy list --all --matrix)" >> "$GITHUB_OUTPUT"')
    .action(async (flags: { all?: boolean; name?: string[]; prefectFile: string; json?: boolean; matrix?: boolean }) => {
      const names = flags.name ?? [];
      const plan = await createPlan({
        prefectFile: flags.prefectFile,
        selection: { all: Boolean(flags.all) || names.length === 0, names },
        cwd: io.cwd,
        env: io.env,
        now: io.now(),
      });
      const failed = printProblems(plan.diagnostics, 'listed');
      if (!failed) {
        const listed = listDeployments(plan);
        if (flags.matrix) io.stdout(JSON.stringify(matrixJson(listed)));
        else if (flags.json) io.stdout(JSON.stringify({ deployments: listed }, null, 2));
        else io.stdout(listToText(listed));
      }
      exitCode = failed ? EXIT_FAILED : EXIT_OK;
    });

  try {
    await program.parseAsync(argv.map((a) => SHORT_ALIASES[a] ?? a), { from: 'user' });
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
