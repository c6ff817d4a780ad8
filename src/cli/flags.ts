/** The flags the verbs share, their parsers, and the help texts around them. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { DeployOptions } from '../core/plan/index.js';
import type { GlobalFlags } from './session.js';

export interface SelectionFlags extends GlobalFlags {
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
  /** Only the deployments whose inputs changed since this git revision. */
  changedSince?: string;
  /** Several projects in one run: their directories (globs expanded by us). */
  project?: string[];
  /** plan, deploy: the project identity deployments are marked with (default: repository + prefect.yaml path). */
  owner?: string;
}

export const collect = (value: string, previous: string[] = []) => [...previous, value];
const collectInt = (value: string, previous: number[] = []) => [...previous, parseInteger(value)];

function parseInteger(value: string): number {
  if (!/^[-+]?\d+$/.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not an integer`);
  return Number.parseInt(value, 10);
}

export function parseNonNegativeInteger(value: string): number {
  const n = parseInteger(value);
  if (n < 0) throw new InvalidArgumentError(`"${value}" is not a whole number of seconds`);
  return n;
}

function parsePositiveInteger(value: string): number {
  const n = parseInteger(value);
  if (n < 1) throw new InvalidArgumentError(`"${value}" is not a positive integer`);
  return n;
}

/** `--step-outputs`: a JSON object, or a file holding one (relative to `cwd`), as the action's `step-outputs` input. */
export function stepOutputsParser(cwd: string): (value: string) => Record<string, unknown> {
  return (value) => {
    let text = value;
    if (!value.trim().startsWith('{')) {
      try {
        text = readFileSync(path.resolve(cwd, value), 'utf8');
      } catch (e) {
        throw new InvalidArgumentError(`"${value}" is neither a JSON object nor a readable file: ${(e as Error).message}`);
      }
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new InvalidArgumentError(`must be a JSON object: ${(e as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidArgumentError('must be a JSON object');
    return parsed as Record<string, unknown>;
  };
}

/** prefect deploy's two-letter short flags, which commander cannot declare. */
export const SHORT_ALIASES: Record<string, string> = { '-jv': '--job-variable', '-cl': '--concurrency-limit', '--variable': '--job-variable' };

export function deployOptions(f: SelectionFlags): DeployOptions {
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

export const EXAMPLES = (lines: string[]) => `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}`;

export const OUTPUT_HELP = `
Output for pipelines:
  --output-file F   writes what --json prints (also on failure), atomically
  --dotenv F        GitLab dotenv report (artifacts: reports: dotenv: F); see docs/ci.md
Exit codes: 0 success, 1 invalid configuration or failed deployment, 2 usage error.`;

export const planEnvOption = () =>
  new Option(
    '--plan-env <name>',
    'an environment variable whose value the plan may show; the others show as (from $NAME), since prefect.yaml may come from a pull request (repeatable)',
  ).argParser(collect);

export const changedSinceOption = () =>
  new Option(
    '--changed-since <ref>',
    'only the selected deployments whose inputs (prefect.yaml section, flow files, files their steps read) changed between this git revision and the working tree; the others are skipped',
  );
export const projectOption = () =>
  new Option(
    '--project <dir>',
    "a project directory holding the prefect file, used as its working directory (as cd DIR && prefect deploy); repeatable, globs allowed ('flows/*'); select one project's deployment with -n DIR:flow/name",
  ).argParser(collect);
export const ownerOption = () =>
  new Option(
    '--owner <id>',
    'the project identity deployments are marked with (label deploy-action.owner) and --prune deletes by (default: the repository, from GITHUB_REPOSITORY or the origin remote, and the prefect.yaml path in it); with --project, each project gets :<project> appended',
  );

export const pruneOption = () =>
  new Option(
    '--prune',
    'after every create and update succeeded, delete the deployments this project owns that prefect.yaml no longer has, with their automations (needs --all)',
  );

export const selectionOptions = (cmd: Command) =>
  cmd
    .option('--all', 'select every deployment in the file')
    .addOption(projectOption())
    .addOption(new Option('-n, --name <name>', 'a deployment name, flow/name, or * pattern (repeatable)').argParser(collect))
    .option('--api-url <url>', 'Prefect API URL (default: PREFECT_API_URL; PREFECT_API_KEY authenticates with Prefect Cloud)')
    .option('--offline', 'do not contact the Prefect API even when PREFECT_API_URL is set')
    .addOption(
      new Option('--concurrency <n>', 'deployments processed at once (default 8; writes to a self-hosted server default to 1 at a time)').argParser(parsePositiveInteger),
    )
    .option('--dotenv <path>', 'write a GitLab dotenv report of the result (artifacts: reports: dotenv:)')
    .addOption(changedSinceOption())
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
    .addOption(
      new Option('--trigger <json|file>', 'a trigger as JSON, or a .yaml/.json file with a triggers: list; replaces the triggers of prefect.yaml (repeatable)').argParser(
        collect,
      ),
    )
    .addOption(
      new Option('--sla <json|file>', 'an SLA as JSON, or a .yaml/.json file with an sla: list; replaces the SLAs of prefect.yaml (repeatable; Prefect Cloud)').argParser(
        collect,
      ),
    );
