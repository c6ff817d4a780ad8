/**
 * `--project DIR` (repeatable, globs expanded here): each verb over several projects, each one's
 * directory its working directory as `cd DIR && prefect deploy`, one result printed for the run.
 */
import {
  build,
  deployProjects,
  deploymentKey,
  list,
  plan,
  projectSelector,
  ProjectsInputError,
  resolveProjects,
  runProjects,
  validate,
  type CommandRequest,
  type DeployCommandRequest,
  type PlanCommandRequest,
  type ProjectsResult,
  type Reporter,
} from '../commands/index.js';
import { outcomeJson } from '../core/apply/index.js';
import { qualifiedName } from '../core/plan/index.js';
import { planToJson, projectsMatrix, projectsPlanToJson, projectsPlanToText, skippedToJson, skippedToText, type SkippedDeployments } from '../core/report/index.js';
import { listDeployments, listToText } from './list.js';
import type { DotenvVariables, Style } from './output.js';
import type { TerminalReporter } from './reporter.js';
import { EXIT_FAILED, EXIT_OK, NO_API_MESSAGE, refused, status, type Session } from './session.js';

/** The projects `--project` names, or the usage error that ends the command (undefined). */
function projectsOf(session: Session, s: Style, request: CommandRequest, given: readonly string[]): string[] | undefined {
  try {
    return resolveProjects(given, request.cwd, request.prefectFile);
  } catch (e) {
    if (!(e instanceof ProjectsInputError)) throw e;
    usageError(session, s, e.message);
    return undefined;
  }
}

function usageError(session: Session, s: Style, message: string): void {
  refused(session, s, { message, reason: 'invalid-input', file: null, list: 'projects' });
}

/** Runs `run`, turning a selection no project has into a usage error. */
async function guarded(session: Session, s: Style, run: () => Promise<ProjectsResult>): Promise<ProjectsResult | undefined> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof ProjectsInputError)) throw e;
    usageError(session, s, e.message);
    return undefined;
  }
}

const diagnosticsJson = (result: ProjectsResult) => {
  const { errors, warnings } = planToJson({ prefectFile: '', deployments: [], diagnostics: result.diagnostics });
  return { errors, warnings };
};

export async function planProjects(
  session: Session,
  s: Style,
  json: boolean,
  verb: 'plan' | 'validate',
  request: PlanCommandRequest,
  given: readonly string[],
  reporter: Reporter,
): Promise<ProjectsResult | undefined> {
  const { io, secrets } = session;
  const projects = projectsOf(session, s, request, given);
  if (!projects) return;
  const result = await guarded(session, s, () => runProjects(request, projects, verb === 'plan' ? plan : validate, reporter));
  if (!result) return;
  const parts = result.projects.map((p) => ({
    project: p.project,
    plan: secrets.redactValue(p.result.plan!),
    live: p.result.live && secrets.redactValue(p.result.live),
    deletions: p.result.deletions && secrets.redactValue(p.result.deletions),
    changedSince: p.result.changedSince,
  }));
  const out = projectsPlanToJson(parts);
  const failed = result.failureReason !== undefined;
  if (json) {
    session.annotateOnly(result.diagnostics);
    io.stdout(JSON.stringify(out, null, 2));
  } else if (!session.printProblems(s, result.diagnostics, 'would be registered')) {
    if (verb === 'validate')
      for (const p of parts) io.stdout(`${p.project}: ${p.plan.deployments.length} deployment(s) valid${request.apiUrl ? ' against ' + request.apiUrl : ''}`);
    else io.stdout(projectsPlanToText(parts, { now: request.now, paint: s.paint }));
  }
  const selected = failed ? [] : projectsMatrix(parts).include.map((e) => e.deployment);
  const byAction = (a: string) => parts.flatMap((p) => (p.live ?? []).filter((c) => c.action === a).map((c) => projectSelector(p.project, qualifiedName(c.deployment))));
  const live = parts.some((p) => p.live);
  const lists: Array<[string, string[]]> = [['DEPLOYMENTS_SELECTED', selected]];
  if (live) lists.push(['DEPLOYMENTS_TO_CREATE', byAction('created')], ['DEPLOYMENTS_TO_UPDATE', byAction('updated')], ['DEPLOYMENTS_UNCHANGED', byAction('unchanged')]);
  const scalars: DotenvVariables = [...status(result.failureReason), ...(live ? ([['PREFECT_PLAN_HAS_CHANGES', String(result.hasChanges)]] as DotenvVariables) : [])];
  session.done({ json: out, dotenv: { scalars, lists } }, failed ? EXIT_FAILED : EXIT_OK);
  return result;
}

export async function deployProjectsCli(
  session: Session,
  s: Style,
  json: boolean,
  request: DeployCommandRequest,
  given: readonly string[],
  reporter: TerminalReporter,
): Promise<void> {
  const { io, secrets } = session;
  const projects = projectsOf(session, s, request, given);
  if (!projects) return;
  let result: ProjectsResult | undefined;
  try {
    result = await guarded(session, s, () => deployProjects(request, projects, reporter));
  } finally {
    if (!result) reporter.finish(s.red('stopped'));
  }
  if (!result) return;
  const reason = result.failureReason;
  if (reason === 'no-api-url') return usageError(session, s, NO_API_MESSAGE);
  const outcomes = result.projects.flatMap((p) => (p.result.outcomes ?? []).map((o) => ({ project: p.project, o })));
  const count = (a: string) => outcomes.filter(({ o }) => o.action === a).length;
  const failed = reason !== undefined || result.diagnostics.some((d) => d.severity === 'error');
  // --changed-since: each project's skipped deployments, named as the run names them (<project>:<name>).
  const skipped = result.projects.flatMap((p) => (p.result.changedSince ? [{ project: p.project, changedSince: inProject(p.project, p.result.changedSince) }] : []));
  const skippedCount = skipped.reduce((n, p) => n + p.changedSince.skipped.length, 0);
  reporter.finish(
    outcomes.length === 0 && failed
      ? s.red('nothing registered')
      : `${result.projects.length} projects: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged, ${count('failed')} failed${skippedCount ? `, ${skippedCount} skipped` : ''}`,
  );
  const out = secrets.redactValue({
    projects: result.projects.map((p) => ({
      project: p.project,
      deployments: (p.result.outcomes ?? []).map((o) => ({ ...outcomeJson(o, p.result.uiUrl), step_outputs: o.stepOutputs, ...(o.error ? { error: o.error } : {}) })),
      ...(p.result.changedSince ? { skipped: skippedToJson(p.result.changedSince) } : {}),
      failure_reason: p.result.failureReason ?? null,
    })),
    ...diagnosticsJson(result),
    failure_reason: reason ?? null,
  });
  if (json) {
    session.annotateOnly(result.diagnostics);
    io.stdout(JSON.stringify(out, null, 2));
  } else if (outcomes.length === 0) {
    session.printProblems(s, result.diagnostics, 'was registered');
  } else {
    for (const d of result.diagnostics)
      if (d.severity === 'warning' || session.ci.annotation) io.stderr(session.ci.annotation ? session.ci.annotation(d, io.cwd) : session.paint(s, d));
  }
  const names = (a: string) => outcomes.filter(({ o }) => o.action === a).map(({ project, o }) => projectSelector(project, qualifiedName(o)));
  const lists: Array<[string, string[]]> = [
    ['DEPLOYMENTS_CREATED', names('created')],
    ['DEPLOYMENTS_UPDATED', names('updated')],
    ['DEPLOYMENTS_UNCHANGED', names('unchanged')],
    ['DEPLOYMENTS_FAILED', names('failed')],
    ...(skipped.length ? [['DEPLOYMENTS_SKIPPED', skipped.flatMap((p) => p.changedSince.skipped.map((d) => d.deployment))] as [string, string[]]] : []),
  ];
  if (!json && !failed) for (const p of skipped) if (skippedToText(p.changedSince)) io.stdout(skippedToText(p.changedSince));
  session.done({ json: out, dotenv: { scalars: status(reason), lists } }, failed ? EXIT_FAILED : EXIT_OK);
}

/** A project's skipped deployments named `<project>:<name>` (their flows are not read to skip them). */
function inProject(project: string, changedSince: SkippedDeployments): SkippedDeployments {
  return { ...changedSince, skipped: changedSince.skipped.map((d) => ({ ...d, deployment: projectSelector(project, d.deployment) })) };
}

export async function buildProjects(session: Session, s: Style, json: boolean, request: CommandRequest, given: readonly string[], reporter: Reporter): Promise<void> {
  const { io, secrets } = session;
  const projects = projectsOf(session, s, request, given);
  if (!projects) return;
  const result = await guarded(session, s, () => runProjects(request, projects, build, reporter));
  if (!result) return;
  const reason = result.failureReason;
  // Keyed `<project>:<flow>/<name>`, which `deploy --project … --step-outputs` takes back per project.
  const stepOutputs: Record<string, unknown> = {};
  for (const p of reason ? [] : result.projects) {
    for (const d of p.result.plan?.deployments ?? []) stepOutputs[projectSelector(p.project, deploymentKey(d))] = p.result.stepOutputs?.get(d.index) ?? {};
  }
  const out = secrets.redactValue({ step_outputs: stepOutputs, ...diagnosticsJson(result), failure_reason: reason ?? null });
  if (json) {
    session.annotateOnly(result.diagnostics);
    io.stdout(JSON.stringify(out, null, 2));
  } else if (!session.printProblems(s, result.diagnostics, 'was built')) {
    io.stdout(JSON.stringify(out.step_outputs, null, 2));
  }
  const built = (reason ? [] : result.projects).flatMap((p) =>
    (p.result.plan?.deployments ?? []).filter((d) => d.steps.build.length + d.steps.push.length > 0).map((d) => projectSelector(p.project, deploymentKey(d))),
  );
  session.done({ json: out, dotenv: { scalars: status(reason), lists: [['DEPLOYMENTS_BUILT', built]] } }, reason ? EXIT_FAILED : EXIT_OK);
}

export async function listProjects(
  session: Session,
  s: Style,
  flags: { json?: boolean; matrix?: boolean },
  request: CommandRequest,
  given: readonly string[],
  reporter: Reporter,
): Promise<void> {
  const { io } = session;
  const projects = projectsOf(session, s, request, given);
  if (!projects) return;
  const result = await guarded(session, s, () => runProjects(request, projects, list, reporter));
  if (!result) return;
  const failed = session.printProblems(s, result.diagnostics, 'listed');
  const parts = failed ? [] : result.projects.map((p) => ({ project: p.project, plan: p.result.plan! }));
  const matrix = projectsMatrix(parts);
  const listed = parts.flatMap((p) => listDeployments(p.plan).map((d) => ({ ...d, project: p.project, deployment: projectSelector(p.project, d.deployment) })));
  const out = flags.matrix ? matrix : { deployments: listed };
  if (!failed) {
    if (flags.matrix) io.stdout(JSON.stringify(out));
    else if (flags.json) io.stdout(JSON.stringify(out, null, 2));
    else io.stdout(listToText(listed));
  }
  const lists: Array<[string, string[]]> = [['DEPLOYMENTS_SELECTED', matrix.include.map((e) => e.deployment)]];
  session.done({ json: failed ? { ...out, ...diagnosticsJson(result) } : out, dotenv: { scalars: status(result.failureReason), lists } }, failed ? EXIT_FAILED : EXIT_OK);
}
