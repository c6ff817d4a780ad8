/** `prefect-deploy plan` and `validate`: what would be registered, or only whether it is valid. */
import { qualifiedName } from '../../core/plan/index.js';
import type { Command } from 'commander';
import { apiUrlOf, drift, plan, validate, type PlanCommandRequest } from '../../commands/index.js';
import { driftedDeployments, liveChangesToText, planToJson, planToText, skippedToJson, skippedToText } from '../../core/report/index.js';
import { deployOptions, EXAMPLES, ownerOption, planEnvOption, selectionOptions, type SelectionFlags } from '../flags.js';
import type { DotenvVariables } from '../output.js';
import { planProjects } from '../projects.js';
import { TerminalReporter } from '../reporter.js';
import { EXIT_CHANGES, EXIT_FAILED, EXIT_OK, status, type Session } from '../session.js';

const label = qualifiedName;

export function planRequest(session: Session, flags: SelectionFlags): PlanCommandRequest {
  const { io } = session;
  const apiUrl = apiUrlOf(io.env, flags);
  return {
    prefectFile: flags.prefectFile,
    selection: { all: Boolean(flags.all), names: flags.name ?? [] },
    cwd: io.cwd,
    env: io.env,
    now: io.now(),
    options: deployOptions(flags),
    ...(apiUrl ? { apiUrl } : {}),
    ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
    ...(flags.debug ? { debug: true } : {}),
    secrets: session.secrets,
    planEnv: flags.planEnv ?? [],
    ...(flags.changedSince ? { changedSince: flags.changedSince } : {}),
    ...(flags.owner ? { owner: flags.owner } : {}),
  };
}

interface PlanFlags extends SelectionFlags {
  /** Terraform's convention: 0 nothing would change, 2 something would (the server drifted), 1 an error. */
  detailedExitcode?: boolean;
}

async function runPlan(session: Session, cmd: Command, verb: 'plan' | 'validate'): Promise<void> {
  const { flags, s } = session.context<PlanFlags>(cmd);
  const { io, secrets } = session;
  session.dotenvFile = flags.dotenv;
  const request = planRequest(session, flags);
  const detailed = verb === 'plan' && Boolean(flags.detailedExitcode);
  session.detailedExitcode = detailed;
  if (detailed && !request.apiUrl) {
    // Exit 2 must mean drift only: an offline plan cannot tell, so it is an error, not a guess.
    const message = `--detailed-exitcode compares with the server: set PREFECT_API_URL${flags.offline ? ' and drop --offline' : ''} (and PREFECT_API_KEY for Prefect Cloud)`;
    io.stderr(`error: ${message}`);
    return session.done({ json: { error: message }, dotenv: { scalars: status('no-api-url'), lists: [] } }, EXIT_FAILED);
  }
  if (flags.project?.length) {
    const reporter = new TerminalReporter(session, s, Boolean(flags.json));
    const projects = await planProjects(session, s, Boolean(flags.json), verb, request, flags.project, reporter);
    const drifted = projects?.projects.some((p) => driftedDeployments(p.result.live ?? []).length + (p.result.deletions?.length ?? 0) > 0);
    if (detailed && drifted && session.exitCode === EXIT_OK) session.exitCode = EXIT_CHANGES;
    return;
  }
  const result = await (verb === 'validate' ? validate : detailed ? drift : plan)(request, new TerminalReporter(session, s, Boolean(flags.json)));
  const planned = result.plan!;
  const { live } = result;
  const drifted = result.failureReason === 'drift';
  const failed = result.failureReason !== undefined && !drifted;
  // Redacted copies for showing; credential-named keys are blanked too, as in the action's comment.
  const shown = secrets.redactValue(planned);
  const shownLive = live && secrets.redactValue(live);
  const deletions = result.deletions && secrets.redactValue(result.deletions);
  const because = result.changedSince?.because;
  const json = { ...planToJson(shown, shownLive, deletions, because), ...(result.changedSince ? { skipped: skippedToJson(result.changedSince) } : {}) };
  if (flags.json) {
    session.annotateOnly(planned.diagnostics);
    io.stdout(JSON.stringify(json, null, 2));
  } else if (!session.printProblems(s, planned.diagnostics, 'would be registered')) {
    if (verb === 'validate') io.stdout(`${planned.prefectFile}: ${planned.deployments.length} deployment(s) valid${request.apiUrl ? ' against ' + request.apiUrl : ''}`);
    else {
      const options = { now: request.now, changedBecause: because };
      io.stdout(shownLive ? liveChangesToText(shown, shownLive, { ...options, paint: s.paint, ...(deletions ? { deletions } : {}) }) : planToText(shown, options));
    }
    const skipped = skippedToText(result.changedSince);
    if (skipped) io.stdout(skipped);
  }
  if (drifted && result.message) io.stderr(`drift: ${result.message}`);
  const byAction = (a: string) => (live ?? []).filter((c) => c.action === a).map((c) => label(c.deployment));
  const lists: Array<[string, string[]]> = [['DEPLOYMENTS_SELECTED', failed ? [] : planned.deployments.map(label)]];
  if (live) lists.push(['DEPLOYMENTS_TO_CREATE', byAction('created')], ['DEPLOYMENTS_TO_UPDATE', byAction('updated')], ['DEPLOYMENTS_UNCHANGED', byAction('unchanged')]);
  if (result.changedSince) lists.push(['DEPLOYMENTS_SKIPPED', result.changedSince.skipped.map((d) => d.deployment)]);
  if (deletions) lists.push(['DEPLOYMENTS_TO_DELETE', deletions.map(label)]);
  // Drift is the answer a detailed plan was asked for, not a failure: the status stays success.
  const scalars: DotenvVariables = [
    ...status(drifted ? undefined : result.failureReason),
    ...(live ? ([['PREFECT_PLAN_HAS_CHANGES', String(result.hasChanges)]] as DotenvVariables) : []),
  ];
  session.done({ json, dotenv: { scalars, lists } }, failed ? EXIT_FAILED : drifted ? EXIT_CHANGES : EXIT_OK);
}

export function registerPlan(program: Command, session: Session): void {
  selectionOptions(
    program
      .command('plan')
      .description('show what would be registered for each selected deployment; with PREFECT_API_URL, what a deploy would create, update or leave unchanged')
      .addHelpText(
        'after',
        EXAMPLES([
          'prefect-deploy plan --all',
          'prefect-deploy plan -n etl/nightly --json',
          'prefect-deploy plan -n "etl-*" --prefect-file deploy/prefect.yaml',
          'prefect-deploy plan --all --offline --output-file plan.json --dotenv plan.env',
          'prefect-deploy plan --all --detailed-exitcode   # a drift check: 0 in sync, 2 the server differs, 1 error',
        ]),
      ),
  )
    .addOption(planEnvOption())
    .addOption(ownerOption())
    .option(
      '--detailed-exitcode',
      "exit 0 when a deploy would change nothing, 2 when it would (the server differs from prefect.yaml: a drift check), 1 on errors, as terraform plan's; needs PREFECT_API_URL",
    )
    .action((_flags, cmd: Command) => runPlan(session, cmd, 'plan'));
}

export function registerValidate(program: Command, session: Session): void {
  selectionOptions(
    program
      .command('validate')
      .description(
        'check everything deploy checks before its first write: prefect.yaml, entrypoints, flows, schedules, parameters against the flow schema, a Python for steps that need one (and, with PREFECT_API_URL, work pools, blocks and variables); write nothing',
      )
      .addHelpText('after', EXAMPLES(['prefect-deploy validate --all', 'prefect-deploy validate --all --offline --json'])),
  )
    .addOption(planEnvOption())
    .action((_flags, cmd: Command) => runPlan(session, cmd, 'validate'));
}
