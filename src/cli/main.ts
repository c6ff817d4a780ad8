/**
 * The CLI front door: parses flags, calls the engine, prints, leaves the result for the rest of the
 * pipeline (`--output-file`, `--dotenv`), and turns the outcome into an exit code (0 success,
 * 1 invalid configuration or failed deployment, 2 usage error).
 */
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError, Help, InvalidArgumentError, Option } from 'commander';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics.js';
import { createPlan, hasErrors, qualifiedName, type DeployOptions, type Plan } from '../core/plan/index.js';
import { liveChangesToText, planToJson, planToText } from '../core/report/index.js';
import { DEFAULT_LOCK_TIMEOUT_SECONDS, deploy, lockEventText, outcomeJson, planAgainstServer, validateDeployments, validateForDeploy, type DeploymentOutcome, type LiveChange } from '../core/apply/index.js';
import { deploymentUrl, PrefectClient, uiUrl } from '../prefect/index.js';
import { prefectTemplateSources } from '../core/templating/index.js';
import { Secrets, untrustedEnvironment } from '../core/secrets.js';
import { stepRunner } from '../steps/index.js';
import { ciSummary, detectCi, type CiEnvironment } from './ci.js';
import { initProject, loadRecipe, parseField, recipeNames } from './init.js';
import { listDeployments, listToText, matrixJson } from './list.js';
import { dotenvText, fitDotenv, style, useColor, writeFileAtomic, type DotenvVariables, type Style } from './output.js';
import { LiveReporter, PlainReporter, type DeployReporter, type Terminal } from './progress.js';
import { prefectYamlSchema, prefectYamlSchemaText } from './schema.js';
import { asksToolVersion, toolVersion } from './version.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** Whether a person is at a terminal to answer questions (init's recipe and missing fields). */
  isTTY?: boolean;
  prompt?: (question: string) => Promise<string>;
  /** stdout when it is a terminal: colour, and the live progress block of deploy. */
  terminal?: Terminal;
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
  ...(process.stdout.isTTY
    ? { terminal: { write: (raw: string) => void process.stdout.write(raw), columns: () => process.stdout.columns || 80, rows: () => process.stdout.rows || 24 } }
    : {}),
};

/** Options every command takes (declared once, on the program; accepted before or after the command). */
interface GlobalFlags {
  prefectFile: string;
  json?: boolean;
  outputFile?: string;
  debug?: boolean;
  /** commander's `--no-color` sets this to false. */
  color: boolean;
}

interface SelectionFlags extends GlobalFlags {
  apiUrl?: string;
  offline?: boolean;
  concurrency?: number;
  all?: boolean;
  name?: string[];
  dotenv?: string;
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
  /** plan, validate: environment variables whose values may be shown (the others read as `(from $NAME)`). */
  planEnv?: string[];
}

/** What a command leaves for the pipeline: the JSON `--json` prints (also `--output-file`'s content) and the dotenv report. */
interface CommandResult {
  json: unknown;
  dotenv?: { scalars: DotenvVariables; lists: Array<[string, readonly string[]]> };
}

/** The action's failure reasons, shared so that pipelines branch on the same words. */
type FailureReason = 'invalid-config' | 'step-failed' | 'deploy-failed' | 'no-api-url' | 'lock-timeout';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const collectInt = (value: string, previous: number[] = []) => [...previous, parseInteger(value)];

function parseInteger(value: string): number {
  if (!/^[-+]?\d+$/.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not an integer`);
  return Number.parseInt(value, 10);
}

/** Who holds the deploy lock, for the log of a deploy waiting for it: the CI job, else user@host. */
function lockHolder(ci: CiEnvironment): string {
  const where = ci.isCi ? (ci.jobUrl ?? ciSummary(ci)) : undefined;
  if (where) return where;
  let user = 'someone';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers).
  }
  return `${user}@${os.hostname()} (pid ${process.pid})`;
}

function parseNonNegativeInteger(value: string): number {
  const n = parseInteger(value);
  if (n < 0) throw new InvalidArgumentError(`"${value}" is not a whole number of seconds`);
  return n;
}

function parsePositiveInteger(value: string): number {
  const n = parseInteger(value);
  if (n < 1) throw new InvalidArgumentError(`"${value}" is not a positive integer`);
  return n;
}

/** prefect deploy's two-letter short flags, which commander cannot declare. */
const SHORT_ALIASES: Record<string, string> = { '-jv': '--job-variable', '-cl': '--concurrency-limit', '--variable': '--job-variable' };

function deployOptions(f: SelectionFlags): DeployOptions {
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

const VERSION_OPTION = new Option('-V, --version', "print prefect-deploy's version (after plan or deploy, --version V is the deployment's)");

const label = qualifiedName;

const EXAMPLES = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}`;

const OUTPUT_HELP = `
Output for pipelines:
  --output-file F   writes what --json prints (also on failure), atomically
  --dotenv F        GitLab dotenv report (artifacts: reports: dotenv: F); see the README
Exit codes: 0 success, 1 invalid configuration or failed deployment, 2 usage error.`;

export async function main(argv: string[], rawIo: Io = defaultIo): Promise<number> {
  // Templating puts the values of Secret blocks (and other blocks' secret fields) in clear into
  // payloads, step inputs and step outputs; everything printed or written goes through `secrets`,
  // which learns each value as the client reads its block document.
  const secrets = new Secrets();
  secrets.addEnvironment(rawIo.env);
  const io = redactingIo(rawIo, secrets);
  let exitCode = EXIT_OK;
  let result: CommandResult | undefined;
  let globals: GlobalFlags | undefined;
  let dotenvFile: string | undefined;
  const ci = detectCi(io.env);

  const program = new Command()
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
    .addHelpText('after', EXAMPLES(['prefect-deploy plan --all', 'prefect-deploy deploy --all --output-file deploy.json --dotenv deploy.env', 'prefect-deploy <command> --help']) + '\n' + OUTPUT_HELP);

  /** Global flags with the command's own, and the reporting conveniences that follow from them. */
  const context = <F extends GlobalFlags>(cmd: Command) => {
    const flags = cmd.optsWithGlobals() as F;
    globals = flags;
    const s = style(useColor({ noColorFlag: flags.color === false, env: io.env, isTTY: io.terminal !== undefined }));
    return { flags, s };
  };

  const printProblems = (s: Style, diagnostics: readonly Diagnostic[], verb: string): boolean => {
    for (const d of diagnostics) io.stderr(ci.annotation ? ci.annotation(d, io.cwd) : paint(s, d));
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0) io.stderr(s.red(`${errors} problem${errors === 1 ? '' : 's'} found; nothing ${verb}.`));
    return errors > 0;
  };

  const apiUrlOf = (flags: SelectionFlags): string | undefined => (flags.offline ? undefined : flags.apiUrl || io.env.PREFECT_API_URL || undefined);
  const clientFor = (apiUrl: string, flags: SelectionFlags, log: (line: string) => void) => {
    const client = new PrefectClient({
      env: io.env,
      apiUrl,
      ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
      logger: { debug: (m) => flags.debug && log(`debug: ${m}`), warning: (m) => log(`warning: ${m}`) },
    });
    secrets.watchBlockDocuments(client);
    secrets.watchVariables(client);
    if (flags.debug) logRequests(client, log);
    return client;
  };

  const selectionOptions = (cmd: Command) =>
    cmd
      .option('--all', 'select every deployment in the file')
      .addOption(new Option('-n, --name <name>', 'a deployment name, flow/name, or * pattern (repeatable)').argParser(collect))
      .option('--api-url <url>', 'Prefect API URL (default: PREFECT_API_URL; PREFECT_API_KEY authenticates with Prefect Cloud)')
      .option('--offline', 'do not contact the Prefect API even when PREFECT_API_URL is set')
      .addOption(new Option('--concurrency <n>', 'deployments processed at once (default 8; writes to a self-hosted server default to 1 at a time)').argParser(parsePositiveInteger))
      .option('--dotenv <path>', 'write a GitLab dotenv report of the result (artifacts: reports: dotenv:)')
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

  const runPlan = async (cmd: Command, print: 'plan' | 'validate') => {
    const { flags, s } = context<SelectionFlags>(cmd);
    dotenvFile = flags.dotenv;
    const now = io.now();
    const request = {
      prefectFile: flags.prefectFile,
      selection: { all: Boolean(flags.all), names: flags.name ?? [] },
      cwd: io.cwd,
      env: io.env,
      // A plan may be of a pull request's prefect.yaml: it shows no environment value it is not allowed to.
      templateEnv: untrustedEnvironment(io.env, new Set(flags.planEnv ?? []), (v) => secrets.add(v)),
      now,
      options: deployOptions(flags),
      stepRunner,
    };
    const apiUrl = apiUrlOf(flags);
    let plan: Plan;
    let live: LiveChange[] | undefined;
    if (apiUrl) {
      const client = clientFor(apiUrl, flags, io.stderr);
      try {
        const checked = { ...request, client, sources: prefectTemplateSources(client) };
        if (print === 'plan') ({ plan, live } = await planAgainstServer(checked));
        else plan = await validateForDeploy(checked);
      } finally {
        client.close();
      }
    } else {
      plan = await validateDeployments(request);
    }
    const failed = hasErrors(plan.diagnostics);
    // Redacted copies for showing; credential-named keys are blanked too, as in the action's comment.
    const shown = secrets.redactValue(plan);
    const shownLive = live && secrets.redactValue(live);
    const json = planToJson(shown, shownLive);
    if (flags.json) {
      for (const d of plan.diagnostics) if (ci.annotation) io.stderr(ci.annotation(d, io.cwd));
      io.stdout(JSON.stringify(json, null, 2));
    } else if (!printProblems(s, plan.diagnostics, 'would be registered')) {
      if (print === 'validate') io.stdout(`${plan.prefectFile}: ${plan.deployments.length} deployment(s) valid${apiUrl ? ' against ' + apiUrl : ''}`);
      else io.stdout(shownLive ? liveChangesToText(shown, shownLive, { now }) : planToText(shown, { now }));
    }
    const names = plan.deployments.map(label);
    const byAction = (a: string) => (live ?? []).filter((c) => c.action === a).map((c) => label(c.deployment));
    result = {
      json,
      dotenv: {
        scalars: [
          ...status(failed ? 'invalid-config' : undefined),
          ...(live ? ([['PREFECT_PLAN_HAS_CHANGES', String(live.some((c) => c.action !== 'unchanged'))]] as DotenvVariables) : []),
        ],
        lists: [['DEPLOYMENTS_SELECTED', failed ? [] : names], ...(live ? ([['DEPLOYMENTS_TO_CREATE', byAction('created')], ['DEPLOYMENTS_TO_UPDATE', byAction('updated')], ['DEPLOYMENTS_UNCHANGED', byAction('unchanged')]] as Array<[string, string[]]>) : [])],
      },
    };
    exitCode = failed ? EXIT_FAILED : EXIT_OK;
  };

  const runDeploy = async (cmd: Command) => {
    const { flags, s } = context<SelectionFlags & { lockTimeout?: number; lock?: boolean }>(cmd);
    dotenvFile = flags.dotenv;
    const apiUrl = apiUrlOf(flags);
    const outcomesJson = (outcomes: readonly DeploymentOutcome[], ui: string | undefined) =>
      outcomes.map((o) => ({
        ...outcomeJson(o, ui),
        step_outputs: o.stepOutputs,
        ...(o.error ? { error: o.error } : {}),
      }));
    if (!apiUrl) {
      const message = 'no Prefect API: set PREFECT_API_URL (and PREFECT_API_KEY for Prefect Cloud) or pass --api-url';
      io.stderr(s.red(`error: ${message}`));
      result = {
        json: { deployments: [], errors: [{ file: flags.prefectFile, line: null, column: null, deployment: null, message }], warnings: [], failure_reason: 'no-api-url' },
        dotenv: { scalars: status('no-api-url'), lists: [] },
      };
      exitCode = EXIT_USAGE;
      return;
    }
    const ui = uiUrl(apiUrl, io.env);
    // Progress goes to stdout for people; with --json stdout holds only the JSON, so it goes to stderr.
    const lines = { out: flags.json ? io.stderr : io.stdout, err: io.stderr };
    const live = io.terminal && !ci.isCi && !flags.json && io.env.TERM !== 'dumb';
    const reporter: DeployReporter = live ? new LiveReporter(io.terminal!, s, ui) : new PlainReporter(lines, s, ui);
    const header = ciSummary(ci);
    if (header && !live) lines.out(s.dim(`prefect-deploy on ${header}`));
    const client = clientFor(apiUrl, flags, (line) => reporter.note(line, true));
    let finished = false;
    try {
      const deployed = await deploy({
        prefectFile: flags.prefectFile,
        selection: { all: Boolean(flags.all), names: flags.name ?? [] },
        cwd: io.cwd,
        env: io.env,
        now: io.now(),
        options: deployOptions(flags),
        client,
        sources: prefectTemplateSources(client),
        stepRunner,
        concurrency: flags.concurrency ?? 8,
        // A self-hosted server's SQLite database takes one write at a time and answers parallel
        // writes with 503s (and retry back-offs); Prefect Cloud takes them in parallel.
        registrationConcurrency: flags.concurrency ?? (client.isCloud ? 8 : 1),
        onProgress: (e) => reporter.progress(e),
        onResult: (o) => reporter.result(secrets.redactValue(o)),
        onStepLog: (deployment, text) => reporter.stepLog(deployment, text),
        lock: flags.lock === false ? false : { timeoutSeconds: flags.lockTimeout ?? DEFAULT_LOCK_TIMEOUT_SECONDS, holder: lockHolder(ci) },
        onLock: (e) => {
          const { text, warning } = lockEventText(e);
          reporter.note(warning ? s.yellow(`warning: ${text}`) : s.dim(text), warning);
        },
      });
      const { outcomes, diagnostics } = deployed;
      const failed = hasErrors(diagnostics);
      const reason: FailureReason | undefined = outcomes.length === 0 ? (deployed.stoppedAt === 'steps' ? 'step-failed' : deployed.stoppedAt === 'lock' ? 'lock-timeout' : failed ? 'invalid-config' : undefined) : outcomes.some((o) => o.action === 'failed') ? 'deploy-failed' : undefined;
      const count = (a: string) => outcomes.filter((o) => o.action === a).length;
      reporter.finish(outcomes.length === 0 && failed ? s.red('nothing registered') : `${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged, ${count('failed')} failed`);
      finished = true;
      const diagJson = planToJson({ ...deployed.plan, diagnostics });
      const json = secrets.redactValue({ deployments: outcomesJson(outcomes, ui), errors: diagJson.errors, warnings: diagJson.warnings, failure_reason: reason ?? null });
      if (flags.json) {
        for (const d of diagnostics) if (ci.annotation) io.stderr(ci.annotation(d, io.cwd));
        io.stdout(JSON.stringify(json, null, 2));
      } else if (outcomes.length === 0) {
        printProblems(s, diagnostics, 'was registered');
      } else {
        for (const d of diagnostics) if (d.severity === 'warning' || ci.annotation) io.stderr(ci.annotation ? ci.annotation(d, io.cwd) : paint(s, d));
      }
      const only = outcomes.length === 1 ? outcomes[0]! : undefined;
      const names = (a: string) => outcomes.filter((o) => o.action === a).map(label);
      result = {
        json,
        dotenv: {
          scalars: [
            ...status(reason),
            ...(only?.id ? ([['DEPLOYMENT_ID', only.id], ...(ui ? [['DEPLOYMENT_URL', deploymentUrl(ui, only.id)!]] : [])] as DotenvVariables) : []),
          ],
          lists: [
            ['DEPLOYMENTS_CREATED', names('created')],
            ['DEPLOYMENTS_UPDATED', names('updated')],
            ['DEPLOYMENTS_UNCHANGED', names('unchanged')],
            ['DEPLOYMENTS_FAILED', names('failed')],
          ],
        },
      };
      exitCode = failed ? EXIT_FAILED : EXIT_OK;
    } finally {
      if (!finished) reporter.finish(s.red('stopped'));
      client.close();
    }
  };

  selectionOptions(
    program
      .command('plan')
      .description('show what would be registered for each selected deployment; with PREFECT_API_URL, what a deploy would create, update or leave unchanged')
      .addHelpText('after', EXAMPLES(['prefect-deploy plan --all', 'prefect-deploy plan -n etl/nightly --json', 'prefect-deploy plan -n "etl-*" --prefect-file deploy/prefect.yaml', 'prefect-deploy plan --all --offline --output-file plan.json --dotenv plan.env'])),
  )
    .addOption(new Option('--plan-env <name>', 'an environment variable whose value the plan may show; the others show as (from $NAME), since prefect.yaml may come from a pull request (repeatable)').argParser(collect))
    .action((_flags, cmd: Command) => runPlan(cmd, 'plan'));

  selectionOptions(
    program
      .command('deploy')
      .description('validate every selected deployment, run their build/push steps, then register them with the Prefect API (unchanged ones are not written)')
      .addHelpText(
        'after',
        EXAMPLES([
          'PREFECT_API_URL=http://127.0.0.1:4200/api prefect-deploy deploy --all',
          'prefect-deploy deploy -n etl/nightly --pool k8s --param day=\'"2026-01-01"\'',
          'prefect-deploy deploy --all --json --concurrency 4',
          'prefect-deploy deploy --all --output-file deploy.json --dotenv deploy.env   # GitLab: artifacts: reports: dotenv: deploy.env',
          'prefect-deploy deploy --all --lock-timeout 1800   # wait up to 30 minutes for another deploy of this prefect.yaml',
        ]),
      ),
  )
    .addOption(new Option('--lock-timeout <seconds>', `how long to wait for another deploy of the same prefect.yaml to the same server to finish writing (default ${DEFAULT_LOCK_TIMEOUT_SECONDS}; 0: fail at once)`).argParser(parseNonNegativeInteger))
    .option('--no-lock', 'write without taking the deploy lock on the server (concurrent deploys of the same prefect.yaml may then duplicate automations)')
    .action((_flags, cmd: Command) => runDeploy(cmd));

  selectionOptions(
    program
      .command('validate')
      .description('check everything deploy checks before its first write: prefect.yaml, entrypoints, flows, schedules, parameters against the flow schema, a Python for steps that need one (and, with PREFECT_API_URL, work pools, blocks and variables); write nothing')
      .addHelpText('after', EXAMPLES(['prefect-deploy validate --all', 'prefect-deploy validate --all --offline --json'])),
  )
    .addOption(new Option('--plan-env <name>', 'an environment variable whose value the plan may show; the others show as (from $NAME), since prefect.yaml may come from a pull request (repeatable)').argParser(collect))
    .action((_flags, cmd: Command) => runPlan(cmd, 'validate'));

  program
    .command('init')
    .description("write prefect.yaml (and .prefectignore) from one of prefect init's recipes")
    .option('--recipe <name>', `the recipe (${safeRecipeNames()}); when omitted: chosen on a terminal, else guessed as prefect init does (a git remote gives git or docker-git, a Dockerfile docker, else local)`)
    .addOption(new Option('-f, --field <key=value>', 'a recipe input such as image_name=ghcr.io/acme/etl (repeatable); asked for on a terminal when missing').argParser(collect))
    .option('--name <name>', 'the project name written to prefect.yaml (default: the directory name)')
    .option('--force', 'overwrite an existing prefect.yaml')
    .addHelpText('after', EXAMPLES(['prefect-deploy init', 'prefect-deploy init --recipe docker-git --field image_name=ghcr.io/acme/etl --field tag=latest', 'prefect-deploy init --recipe s3 -f bucket=acme-flows --force']))
    .action(async (_flags, cmd: Command) => {
      const { flags, s } = context<GlobalFlags & { recipe?: string; field?: string[]; name?: string; force?: boolean }>(cmd);
      const fail = (message: string, code: number) => {
        io.stderr(s.red(`error: ${message}`));
        result = { json: { error: message } };
        if (flags.json) io.stdout(JSON.stringify(result.json, null, 2));
        exitCode = code;
      };
      const fields: Record<string, string> = {};
      for (const field of flags.field ?? []) {
        const parsed = parseField(field);
        if (!parsed) return fail(`--field "${field}" is not key=value (for example --field image_name=ghcr.io/acme/etl)`, EXIT_USAGE);
        fields[parsed[0]] = parsed[1];
      }
      const prompt = io.isTTY ? io.prompt : undefined;
      const outcome = await initProject({
        cwd: io.cwd,
        env: io.env,
        recipe: flags.recipe,
        fields,
        name: flags.name,
        force: Boolean(flags.force),
        ask: prompt ? (field, description) => prompt(`${field} (${description}): `) : undefined,
        chooseRecipe: prompt
          ? async (names, guess) => {
              const width = Math.max(...names.map((n) => n.length));
              io.stdout(`Recipes:\n${names.map((n) => `  ${n.padEnd(width)}  ${loadRecipe(n)?.description ?? ''}`).join('\n')}`);
              return (await prompt(`Recipe (Enter for ${guess}): `)).trim();
            }
          : undefined,
      });
      if (!outcome.ok) return fail(outcome.message, EXIT_FAILED);
      for (const w of outcome.warnings) io.stderr(s.yellow(`warning: ${w}`));
      const { recipe, guessed, directory, files, warnings } = outcome;
      result = { json: { recipe, guessed, directory, files, warnings } };
      if (flags.json) io.stdout(JSON.stringify(result.json, null, 2));
      else io.stdout(`Created project in ${directory} from the ${recipe} recipe${guessed ? ' (guessed; choose another with --recipe)' : ''} with the following new files:\n${files.join('\n')}`);
      exitCode = EXIT_OK;
    });

  program
    .command('schema')
    .description('print the JSON schema of prefect.yaml (for editor completion and validation)')
    .addHelpText('after', EXAMPLES(['prefect-deploy schema > prefect-yaml.schema.json']) + '\n\nThen start prefect.yaml with:\n  # yaml-language-server: $schema=./prefect-yaml.schema.json')
    .action((_flags, cmd: Command) => {
      context(cmd);
      io.stdout(prefectYamlSchemaText());
      result = { json: prefectYamlSchema() };
      exitCode = EXIT_OK;
    });

  program
    .command('list')
    .description('list the selected deployments of prefect.yaml (no server needed)')
    .option('--all', 'select every deployment in the file (the default when no -n is given)')
    .addOption(new Option('-n, --name <name>', 'a deployment name, flow/name, or * pattern (repeatable)').argParser(collect))
    .option('--matrix', 'print {"include": [...]} for a CI matrix (GitHub strategy.matrix, GitLab parallel:matrix)')
    .option('--dotenv <path>', 'write a GitLab dotenv report (DEPLOYMENTS_SELECTED)')
    .addHelpText('after', EXAMPLES(['prefect-deploy list', 'prefect-deploy list -n "etl-*" --json', 'echo "matrix=$(prefect-deploy list --all --matrix)" >> "$GITHUB_OUTPUT"']))
    .action(async (_flags, cmd: Command) => {
      const { flags, s } = context<GlobalFlags & { all?: boolean; name?: string[]; matrix?: boolean; dotenv?: string }>(cmd);
      dotenvFile = flags.dotenv;
      const names = flags.name ?? [];
      const plan = await createPlan({
        prefectFile: flags.prefectFile,
        selection: { all: Boolean(flags.all) || names.length === 0, names },
        cwd: io.cwd,
        env: io.env,
        now: io.now(),
      });
      const failed = printProblems(s, plan.diagnostics, 'listed');
      const listed = failed ? [] : listDeployments(plan);
      const json = flags.matrix ? matrixJson(listed) : { deployments: listed };
      if (!failed) {
        if (flags.matrix) io.stdout(JSON.stringify(json));
        else if (flags.json) io.stdout(JSON.stringify(json, null, 2));
        else io.stdout(listToText(listed));
      }
      const errors = planToJson(plan).errors;
      result = { json: failed ? { ...json, errors } : json, dotenv: { scalars: status(failed ? 'invalid-config' : undefined), lists: [['DEPLOYMENTS_SELECTED', listed.map((d) => d.deployment)]] } };
      exitCode = failed ? EXIT_FAILED : EXIT_OK;
    });

  if (asksToolVersion(argv)) {
    io.stdout(toolVersion());
    return EXIT_OK;
  }
  try {
    await program.parseAsync(argv.map((a) => SHORT_ALIASES[a] ?? a), { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    const debug = argv.includes('--debug');
    io.stderr(debug && e instanceof Error ? (e.stack ?? e.message) : `error: ${(e as Error).message} (run with --debug for details)`);
    result = { json: { error: (e as Error).message } };
    exitCode = EXIT_FAILED;
  }
  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return EXIT_USAGE;
  }
  return writeResult(io, globals, dotenvFile, result, exitCode, (text) => secrets.redactText(text));
}

/**
 * `io` with every secret known so far removed from what reaches stdout, stderr and the terminal:
 * progress lines, step logs, problems and error messages (a server's error body can echo a value).
 * The JSON results are redacted as values before this, which also blanks credential-named keys.
 */
function redactingIo(io: Io, secrets: Secrets): Io {
  const { terminal } = io;
  return {
    ...io,
    stdout: (text) => io.stdout(secrets.redactText(text)),
    stderr: (text) => io.stderr(secrets.redactText(text)),
    ...(terminal ? { terminal: { write: (raw: string) => terminal.write(secrets.redactText(raw)), columns: () => terminal.columns(), rows: () => terminal.rows() } } : {}),
  };
}

/** `PREFECT_DEPLOY_STATUS` and `PREFECT_DEPLOY_FAILURE_REASON`, the first two lines of every dotenv report. */
function status(reason: FailureReason | undefined): DotenvVariables {
  return [
    ['PREFECT_DEPLOY_STATUS', reason ? 'failed' : 'success'],
    ['PREFECT_DEPLOY_FAILURE_REASON', reason ?? ''],
  ];
}

function paint(s: Style, d: Diagnostic): string {
  return d.severity === 'error' ? s.red(formatDiagnostic(d)) : s.yellow(formatDiagnostic(d));
}

/** The files a pipeline reads after us; a file that cannot be written fails the command. */
function writeResult(io: Io, globals: GlobalFlags | undefined, dotenvFile: string | undefined, result: CommandResult | undefined, exitCode: number, redact: (text: string) => string): number {
  if (!result) return exitCode;
  try {
    if (globals?.outputFile) writeFileAtomic(path.resolve(io.cwd, globals.outputFile), redact(`${JSON.stringify(result.json, null, 2)}\n`));
    if (dotenvFile && result.dotenv) {
      const { variables, truncated } = fitDotenv(result.dotenv.scalars, result.dotenv.lists);
      if (truncated) io.stderr(`warning: ${dotenvFile}: lists cut to stay under GitLab's 5 KiB dotenv limit${globals?.outputFile ? `; ${globals.outputFile} has them whole` : ' (--output-file keeps them whole)'}`);
      writeFileAtomic(path.resolve(io.cwd, dotenvFile), redact(dotenvText(variables)));
    }
  } catch (e) {
    io.stderr(`error: cannot write the result: ${(e as Error).message}`);
    return exitCode === EXIT_OK ? EXIT_FAILED : exitCode;
  }
  return exitCode;
}

/**
 * `--debug`'s request log: method, path, status and time of every API call. The HTTP client has
 * no request hook, so its `send` is wrapped on this one instance; paths carry names, never
 * credentials, and bodies are not printed.
 */
function logRequests(client: PrefectClient, log: (line: string) => void): void {
  const http = client.http;
  const send = http.send.bind(http);
  http.send = async (request) => {
    const started = Date.now();
    try {
      const response = await send(request);
      log(`debug: ${request.method} ${request.path} → ${response.status} in ${Date.now() - started} ms`);
      return response;
    } catch (e) {
      log(`debug: ${request.method} ${request.path} → ${(e as Error).message} after ${Date.now() - started} ms`);
      throw e;
    }
  };
}
