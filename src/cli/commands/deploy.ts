/** `prefect-deploy deploy`: validate, run the build/push steps (or take their outputs), register. */
import { qualifiedName } from '../../core/plan/index.js';
import os from 'node:os';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { deploy, type CommandResult } from '../../commands/index.js';
import {
  DEFAULT_LOCK_TIMEOUT_SECONDS,
  DEFAULT_SMOKE_TIMEOUT_SECONDS,
  outcomeJson,
  parseSmokeTarget,
  SmokeSpecError,
  type DeploymentOutcome,
  type LockOptions,
  type SmokeOutcome,
  type SmokeTarget,
} from '../../core/apply/index.js';
import { planToJson, skippedToJson, skippedToText } from '../../core/report/index.js';
import { deploymentUrl } from '../../prefect/index.js';
import { ciSummary, type CiEnvironment } from '../ci.js';
import { EXAMPLES, ownerOption, parseNonNegativeInteger, pruneOption, selectionOptions, stepOutputsParser, type SelectionFlags } from '../flags.js';
import type { DotenvVariables } from '../output.js';
import { deployProjectsCli } from '../projects.js';
import { TerminalReporter } from '../reporter.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, NO_API_MESSAGE, refused, status, type Session } from '../session.js';
import { planRequest } from './plan.js';

interface DeployFlags extends SelectionFlags {
  lockTimeout?: number;
  lock?: boolean;
  skipSteps?: boolean;
  stepOutputs?: Record<string, unknown>;
  prune?: boolean;
  smoke?: SmokeTarget[];
  smokeTimeout?: number;
}

function collectSmoke(value: string, previous: SmokeTarget[] = []): SmokeTarget[] {
  try {
    return [...previous, parseSmokeTarget(value)];
  } catch (e) {
    if (e instanceof SmokeSpecError) throw new InvalidArgumentError(e.message);
    throw e;
  }
}

function parseSmokeTimeout(value: string): number {
  const n = parseNonNegativeInteger(value);
  if (n < 1) throw new InvalidArgumentError(`"${value}" is not a positive number of seconds`);
  return n;
}

const smokeJson = (outcomes: readonly SmokeOutcome[]) =>
  outcomes.map((o) => ({
    deployment: o.deployment,
    run_id: o.runId ?? null,
    run_name: o.runName ?? null,
    status: o.status,
    state: o.state ?? null,
    message: o.message ?? null,
    parameters: o.parameters,
    duration_ms: o.durationMs,
    logs: o.logs,
  }));

const label = qualifiedName;

/** Who holds the deploy lock, for the log of a deploy waiting for it: the CI job, else user@host. */
export function lockHolder(ci: CiEnvironment): string {
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

/** The deploy lock the flags ask for: none with `--no-lock`, else held as this job, waited for `--lock-timeout` seconds. */
export function lockFromFlags(flags: { lock?: boolean; lockTimeout?: number }, ci: CiEnvironment): LockOptions | false {
  return flags.lock === false ? false : { timeoutSeconds: flags.lockTimeout ?? DEFAULT_LOCK_TIMEOUT_SECONDS, holder: lockHolder(ci) };
}

export const outcomesJson = (outcomes: readonly DeploymentOutcome[], ui: string | undefined) =>
  outcomes.map((o) => ({ ...outcomeJson(o, ui), step_outputs: o.stepOutputs, ...(o.error ? { error: o.error } : {}) }));

async function runDeploy(session: Session, cmd: Command): Promise<void> {
  const { flags, s } = session.context<DeployFlags>(cmd);
  const { io, ci, secrets } = session;
  // A partial selection would see every other deployment as removed.
  if (flags.prune && !flags.all)
    cmd.error('error: --prune requires --all (a partial selection must not delete the deployments it does not select)', { exitCode: EXIT_USAGE });
  if (flags.smoke?.length && flags.project?.length)
    cmd.error('error: --smoke does not work with --project yet; smoke each project in its own deploy', { exitCode: EXIT_USAGE });
  session.dotenvFile = flags.dotenv;
  const reporter = new TerminalReporter(session, s, Boolean(flags.json));
  const request = {
    ...planRequest(session, flags),
    planEnv: [],
    lock: lockFromFlags(flags, ci),
    skipSteps: Boolean(flags.skipSteps),
    ...(flags.stepOutputs ? { stepOutputs: flags.stepOutputs } : {}),
    ...(flags.prune ? { prune: true } : {}),
    ...(flags.smoke?.length ? { smoke: { targets: flags.smoke, timeoutSeconds: flags.smokeTimeout ?? DEFAULT_SMOKE_TIMEOUT_SECONDS } } : {}),
  };
  if (flags.project?.length) return deployProjectsCli(session, s, Boolean(flags.json), request, flags.project, reporter);
  let result: CommandResult | undefined;
  try {
    result = await deploy(request, reporter);
  } finally {
    if (!result) reporter.finish(s.red('stopped'));
  }
  const reason = result.failureReason;
  if (reason === 'no-api-url') return refused(session, s, { message: NO_API_MESSAGE, reason, file: flags.prefectFile });
  const outcomes = result.outcomes ?? [];
  const { diagnostics, uiUrl: ui } = result;
  const failed = diagnostics.some((d) => d.severity === 'error');
  const count = (a: string) => outcomes.filter((o) => o.action === a).length;
  const smoked = result.smoke ?? [];
  const passed = smoked.filter((o) => o.status === 'completed').length;
  const smokeSummary = smoked.length ? `; smoke: ${passed} completed${passed < smoked.length ? `, ${s.red(`${smoked.length - passed} failed`)}` : ''}` : '';
  reporter.finish(
    outcomes.length === 0 && failed
      ? s.red('nothing registered')
      : `${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged, ${count('failed')} failed${count('deleted') ? `, ${count('deleted')} deleted` : ''}${smokeSummary}`,
  );
  const diagJson = planToJson({ prefectFile: result.plan?.prefectFile ?? flags.prefectFile, deployments: [], diagnostics });
  const skipped = result.changedSince ? { skipped: skippedToJson(result.changedSince) } : {};
  const json = secrets.redactValue({
    deployments: outcomesJson(outcomes, ui),
    ...(flags.smoke?.length ? { smoke: smokeJson(smoked) } : {}),
    ...skipped,
    errors: diagJson.errors,
    warnings: diagJson.warnings,
    failure_reason: reason ?? null,
  });
  if (flags.json) {
    session.annotateOnly(diagnostics);
    io.stdout(JSON.stringify(json, null, 2));
  } else if (outcomes.length === 0) {
    session.printProblems(s, diagnostics, 'was registered');
  } else {
    for (const d of diagnostics) if (d.severity === 'warning' || ci.annotation) io.stderr(ci.annotation ? ci.annotation(d, io.cwd) : session.paint(s, d));
  }
  if (!flags.json && !failed && skippedToText(result.changedSince)) io.stdout(skippedToText(result.changedSince));
  const registered = outcomes.filter((o) => o.action !== 'deleted');
  const only = registered.length === 1 ? registered[0]! : undefined;
  const names = (a: string) => outcomes.filter((o) => o.action === a).map(label);
  const scalars: DotenvVariables = [
    ...status(reason),
    ...(only?.id ? ([['DEPLOYMENT_ID', only.id], ...(ui ? [['DEPLOYMENT_URL', deploymentUrl(ui, only.id)!]] : [])] as DotenvVariables) : []),
  ];
  const lists: Array<[string, string[]]> = [
    ['DEPLOYMENTS_CREATED', names('created')],
    ['DEPLOYMENTS_UPDATED', names('updated')],
    ['DEPLOYMENTS_UNCHANGED', names('unchanged')],
    ['DEPLOYMENTS_FAILED', names('failed')],
    ...(result.changedSince ? [['DEPLOYMENTS_SKIPPED', result.changedSince.skipped.map((d) => d.deployment)] as [string, string[]]] : []),
    ...(flags.prune ? ([['DEPLOYMENTS_DELETED', names('deleted')]] as Array<[string, string[]]>) : []),
  ];
  session.done({ json, dotenv: { scalars, lists } }, failed || reason ? EXIT_FAILED : EXIT_OK);
}

export function registerDeploy(program: Command, session: Session): void {
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
          'prefect-deploy build --all > step-outputs.json && prefect-deploy deploy --all --step-outputs step-outputs.json',
          'prefect-deploy deploy --all --smoke etl/nightly --smoke \'report={"day": "2026-01-01"}\' --smoke-timeout 300',
        ]),
      ),
  )
    .addOption(
      new Option(
        '--lock-timeout <seconds>',
        `how long to wait for another deploy of the same prefect.yaml to the same server to finish writing (default ${DEFAULT_LOCK_TIMEOUT_SECONDS}; 0: fail at once)`,
      ).argParser(parseNonNegativeInteger),
    )
    .option('--no-lock', 'write without taking the deploy lock on the server (concurrent deploys of the same prefect.yaml may then duplicate automations)')
    .addOption(pruneOption())
    .addOption(ownerOption())
    .option('--skip-steps', 'do not run the build/push steps; what they would fill must come from --step-outputs')
    .addOption(
      new Option(
        '--step-outputs <json|file>',
        'outputs of build/push steps run earlier, as a JSON object or a file holding one: one set for every deployment, or what `prefect-deploy build` printed (keyed by flow/name); the steps are not run',
      ).argParser(stepOutputsParser(session.io.cwd)),
    )
    .addOption(
      new Option(
        '--smoke <name[=json]>',
        'after a successful deploy, run this deployment (name or flow/name) once, with the parameters of the JSON object after "=", and fail unless the run reaches Completed (repeatable; runs go in parallel)',
      ).argParser(collectSmoke),
    )
    .addOption(
      new Option(
        '--smoke-timeout <seconds>',
        `how long each smoke run may take to reach Completed (default ${DEFAULT_SMOKE_TIMEOUT_SECONDS}); a run still going then is cancelled`,
      ).argParser(parseSmokeTimeout),
    )
    .action((_flags, cmd: Command) => runDeploy(session, cmd));
}
