/** `prefect-deploy build`: run the build/push steps once, register nothing, print their outputs for `deploy --step-outputs`. */
import type { Command } from 'commander';
import { build, deploymentKey } from '../../commands/index.js';
import { planToJson, skippedToJson } from '../../core/report/index.js';
import { EXAMPLES, selectionOptions, type SelectionFlags } from '../flags.js';
import { buildProjects } from '../projects.js';
import { TerminalReporter } from '../reporter.js';
import { planRequest } from './plan.js';
import { EXIT_FAILED, EXIT_OK, status, type Session } from '../session.js';

async function runBuild(session: Session, cmd: Command): Promise<void> {
  const { flags, s } = session.context<SelectionFlags>(cmd);
  const { io, secrets } = session;
  session.dotenvFile = flags.dotenv;
  const { planEnv: _planEnv, ...request } = planRequest(session, flags);
  if (flags.project?.length) return buildProjects(session, s, Boolean(flags.json), request, flags.project, new TerminalReporter(session, s, Boolean(flags.json)));
  const result = await build(request, new TerminalReporter(session, s, Boolean(flags.json)));
  const { plan, diagnostics, failureReason: reason } = result;
  const outputs = result.stepOutputs ?? new Map();
  const stepOutputs = Object.fromEntries((reason ? [] : (plan?.deployments ?? [])).map((d) => [deploymentKey(d), outputs.get(d.index) ?? {}]));
  const diagJson = planToJson({ prefectFile: plan?.prefectFile ?? flags.prefectFile, deployments: [], diagnostics });
  const skipped = result.changedSince ? { skipped: skippedToJson(result.changedSince) } : {};
  const json = secrets.redactValue({ step_outputs: stepOutputs, ...skipped, errors: diagJson.errors, warnings: diagJson.warnings, failure_reason: reason ?? null });
  if (flags.json) {
    session.annotateOnly(diagnostics);
    io.stdout(JSON.stringify(json, null, 2));
  } else if (!session.printProblems(s, diagnostics, 'was built')) {
    io.stdout(JSON.stringify(json.step_outputs, null, 2));
  }
  const built = (plan?.deployments ?? []).filter((d) => d.steps.build.length + d.steps.push.length > 0);
  session.done({ json, dotenv: { scalars: status(reason), lists: [['DEPLOYMENTS_BUILT', reason ? [] : built.map(deploymentKey)]] } }, reason ? EXIT_FAILED : EXIT_OK);
}

export function registerBuild(program: Command, session: Session): void {
  selectionOptions(
    program
      .command('build')
      .description(
        'run the build and push steps of the selected deployments once and register nothing; print their outputs as JSON (keyed by flow/name) for deploy --step-outputs',
      )
      .addHelpText(
        'after',
        EXAMPLES([
          'prefect-deploy build --all > step-outputs.json',
          'prefect-deploy deploy --all --step-outputs step-outputs.json',
          'prefect-deploy build -n etl/nightly --json --output-file build.json',
        ]),
      ),
  ).action((_flags, cmd: Command) => runBuild(session, cmd));
}
