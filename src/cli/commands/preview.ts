/** `prefect-deploy preview up|down --id ID`: preview copies of the selected deployments, and their removal. */
import { type Command, Option } from 'commander';
import { preview, type CommandResult, type PreviewCommandRequest } from '../../commands/index.js';
import { DEFAULT_LOCK_TIMEOUT_SECONDS } from '../../core/apply/index.js';
import { qualifiedName, PREVIEW_ID_ENV } from '../../core/plan/index.js';
import { planToJson } from '../../core/report/index.js';
import { deploymentUrl } from '../../prefect/index.js';
import { EXAMPLES, ownerOption, parseNonNegativeInteger, selectionOptions, stepOutputsParser, type SelectionFlags } from '../flags.js';
import type { DotenvVariables } from '../output.js';
import { TerminalReporter } from '../reporter.js';
import { EXIT_FAILED, EXIT_OK, NO_API_MESSAGE, refused, status, type Session } from '../session.js';
import { lockFromFlags, outcomesJson } from './deploy.js';
import { planRequest } from './plan.js';

interface PreviewFlags extends SelectionFlags {
  id: string;
  withSchedules?: boolean;
  withTriggers?: boolean;
  lockTimeout?: number;
  lock?: boolean;
  skipSteps?: boolean;
  stepOutputs?: Record<string, unknown>;
}

async function runPreview(session: Session, cmd: Command, action: 'up' | 'down'): Promise<void> {
  const { flags, s } = session.context<PreviewFlags>(cmd);
  const { io, ci, secrets } = session;
  session.dotenvFile = flags.dotenv;
  const reporter = new TerminalReporter(session, s, Boolean(flags.json));
  const request: PreviewCommandRequest = {
    ...planRequest(session, flags),
    planEnv: [],
    lock: lockFromFlags(flags, ci),
    skipSteps: Boolean(flags.skipSteps),
    ...(flags.stepOutputs ? { stepOutputs: flags.stepOutputs } : {}),
    action,
    preview: { id: flags.id, ...(flags.withSchedules ? { withSchedules: true } : {}), ...(flags.withTriggers ? { withTriggers: true } : {}) },
  };
  let result: CommandResult | undefined;
  try {
    result = await preview(request, reporter);
  } finally {
    if (!result) reporter.finish(s.red('stopped'));
  }
  const reason = result.failureReason;
  // A refused id or no API: one line, a usage error. (Missing step outputs are diagnostics, below.)
  if (reason === 'no-api-url' || (reason === 'invalid-input' && result.message)) {
    reporter.finish(s.red('nothing done'));
    return refused(session, s, { message: result.message ?? NO_API_MESSAGE, reason, file: flags.prefectFile });
  }
  const outcomes = result.outcomes ?? [];
  const { diagnostics, uiUrl: ui } = result;
  const failed = diagnostics.some((d) => d.severity === 'error');
  const count = (a: string) => outcomes.filter((o) => o.action === a).length;
  reporter.finish(
    action === 'down'
      ? `preview ${flags.id}: ${count('deleted')} deleted, ${count('failed')} failed`
      : outcomes.length === 0 && failed
        ? s.red('nothing registered')
        : `preview ${flags.id}: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged, ${count('failed')} failed`,
  );
  const diagJson = planToJson({ prefectFile: result.plan?.prefectFile ?? flags.prefectFile, deployments: [], diagnostics });
  const json = secrets.redactValue({
    preview: result.preview ?? { id: flags.id },
    deployments: outcomesJson(outcomes, ui),
    errors: diagJson.errors,
    warnings: diagJson.warnings,
    failure_reason: reason ?? null,
  });
  if (flags.json) {
    session.annotateOnly(diagnostics);
    io.stdout(JSON.stringify(json, null, 2));
  } else {
    if (outcomes.length === 0) session.printProblems(s, diagnostics, action === 'up' ? 'was registered' : 'was deleted');
    else for (const d of diagnostics) io.stderr(ci.annotation ? ci.annotation(d, io.cwd) : session.paint(s, d));
    if (action === 'down' && outcomes.length === 0 && !failed) io.stdout(`preview ${flags.id}: no deployments to delete`);
    for (const o of outcomes) {
      const url = o.action === 'deleted' ? null : deploymentUrl(ui, o.id);
      io.stdout(`${qualifiedName(o)} (${o.action})${url ? ` ${url}` : ''}`);
    }
  }
  const names = (a: string) => outcomes.filter((o) => o.action === a).map(qualifiedName);
  const scalars: DotenvVariables = [...status(reason), ['PREVIEW_ID', flags.id]];
  const lists: Array<[string, string[]]> =
    action === 'up'
      ? [
          ['DEPLOYMENTS_CREATED', names('created')],
          ['DEPLOYMENTS_UPDATED', names('updated')],
          ['DEPLOYMENTS_UNCHANGED', names('unchanged')],
          ['DEPLOYMENTS_FAILED', names('failed')],
        ]
      : [
          ['DEPLOYMENTS_DELETED', names('deleted')],
          ['DEPLOYMENTS_FAILED', names('failed')],
        ];
  session.done({ json, dotenv: { scalars, lists } }, failed || reason ? EXIT_FAILED : EXIT_OK);
}

const idOption = () =>
  new Option('--id <id>', "the preview id (e.g. pr-42): copies are named <name>-<id>, tagged preview:<id> and marked as that preview's").makeOptionMandatory();

export function registerPreview(program: Command, session: Session): void {
  const group = program
    .command('preview')
    .description('preview deployments: copies of the selected deployments named <name>-<id> (up), and their removal (down)')
    .addHelpText(
      'after',
      EXAMPLES([
        'prefect-deploy preview up --id pr-42 --all',
        'prefect-deploy preview up --id pr-42 -n etl/nightly --with-schedules',
        'prefect-deploy preview down --id pr-42',
      ]),
    );
  selectionOptions(
    group
      .command('up')
      .description(
        `register the selected deployments as preview copies <name>-<id> (same flow): schedules inactive and triggers left out unless asked, tagged preview:<id>; build/push steps run as for deploy, with ${PREVIEW_ID_ENV}=<id> in their environment`,
      ),
  )
    .addOption(idOption())
    .option('--with-schedules', "keep the copies' schedules active (default: every schedule inactive)")
    .option('--with-triggers', "register the deployments' triggers for the copies too (default: left out)")
    .addOption(ownerOption())
    .addOption(
      new Option('--lock-timeout <seconds>', `how long to wait for another deploy of the same deployments (default ${DEFAULT_LOCK_TIMEOUT_SECONDS})`).argParser(
        parseNonNegativeInteger,
      ),
    )
    .option('--no-lock', 'write without taking the deploy lock on the server')
    .option('--skip-steps', 'do not run the build/push steps; what they would fill must come from --step-outputs')
    .addOption(
      new Option('--step-outputs <json|file>', 'outputs of build/push steps run earlier (as deploy --step-outputs)').argParser(stepOutputsParser(session.io.cwd)),
    )
    .action((_flags, cmd: Command) => runPreview(session, cmd, 'up'));
  group
    .command('down')
    .description('delete every deployment of the preview <id> (the ones its up registered, found by their mark), with the automations they own; no other deployment')
    .addOption(idOption())
    .option('--api-url <url>', 'Prefect API URL (default: PREFECT_API_URL)')
    .option('--dotenv <path>', 'write a GitLab dotenv report of the result')
    .addOption(ownerOption())
    .action((_flags, cmd: Command) => runPreview(session, cmd, 'down'));
}
