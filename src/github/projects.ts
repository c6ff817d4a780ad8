/**
 * The action's `projects` input: each mode over several projects (each directory the working
 * directory of its prefect file), published once for the run: one plan, one job summary, one PR
 * comment, one `matrix` whose entries name their project.
 */
import path from 'node:path';
import * as core from '@actions/core';
import {
  build,
  deletionsInProject,
  deployProjects,
  drift,
  planInProject,
  plan,
  projectSelector,
  ProjectsInputError,
  resolveProjects,
  runProjects,
  type CommandRequest,
  type DeployCommandRequest,
  type ProjectsResult,
  type Reporter,
} from '../commands/index.js';
import { outcomeJson } from '../core/apply/index.js';
import { driftHeadline, projectsDeployToMarkdown, projectsMatrix, projectsPlanToJson, projectsPlanToMarkdown, projectsPlanToText } from '../core/report/index.js';
import { deploymentUrl } from '../prefect/index.js';
import { printGroup } from './logs.js';
import { deploymentKey, OUTPUT, projectsFlatStepOutputs } from './outputs.js';
import { followDeploy } from './applied-comment.js';
import { postPlanComment } from './pull-request.js';
import { fail, fingerprint, footer, writeSummary, type Run } from './run.js';

/** The prefect files of a run over projects, as the comment key and the footer name them (stable as projects come and go). */
export function projectsPrefectFile(r: Pick<Run, 'inputs' | 'github' | 'cwd'>): string {
  const rel = (p: string) => path.relative(r.github.workspace, path.resolve(r.cwd, p)).split(path.sep).join('/') || '.';
  return r.inputs.projects.map((p) => path.posix.join(rel(p), r.inputs.prefectFile)).join(', ');
}

/** Runs the mode over the projects and publishes the run's result. */
export async function runProjectsMode(r: Run, request: CommandRequest, deployRequest: () => DeployCommandRequest, reporter: Reporter): Promise<void> {
  let result: ProjectsResult;
  try {
    const projects = resolveProjects(r.inputs.projects, r.cwd, r.inputs.prefectFile);
    core.info(`projects: ${projects.join(', ')}`);
    if (r.inputs.mode === 'deploy') result = await deployProjects(deployRequest(), projects, reporter);
    else if (r.inputs.mode === 'build') result = await runProjects(request, projects, build, reporter);
    else if (r.inputs.mode === 'drift') {
      if (!request.apiUrl) return fail(r, 'no-api-url', [], NO_API_URL_DRIFT);
      result = await runProjects({ ...request, planEnv: r.inputs.planEnv }, projects, drift, reporter);
    } else result = await runProjects({ ...request, planEnv: r.inputs.planEnv }, projects, plan, reporter);
  } catch (e) {
    if (!(e instanceof ProjectsInputError)) throw e;
    return fail(r, 'invalid-input', [], `input "projects": ${e.message}`);
  }
  if (r.inputs.mode === 'deploy') return publishDeployProjects(r, result);
  if (r.inputs.mode === 'build') return publishBuildProjects(r, result);
  if (r.inputs.mode === 'drift') return publishDriftProjects(r, result);
  return publishPlanProjects(r, result);
}

const planned = (r: Run, result: ProjectsResult) =>
  result.projects.flatMap((p) =>
    p.result.plan
      ? [
          {
            project: p.project,
            plan: r.secrets.redactValue(p.result.plan),
            live: p.result.live && r.secrets.redactValue(p.result.live),
            deletions: p.result.deletions && r.secrets.redactValue(p.result.deletions),
            changedSince: p.result.changedSince,
          },
        ]
      : [],
  );

/** Every deployment of the run, named `<project>:<flow>/<name>` as require-plan-match fingerprints them at deploy time. */
const allDeployments = (result: ProjectsResult) => result.projects.flatMap((p) => (p.result.plan ? planInProject(p.project, p.result.plan).deployments : []));

/** Every project's deletions, named the same way, so that the plan hash covers them (see deletionsInProject). */
const allDeletions = (result: ProjectsResult) => result.projects.flatMap((p) => deletionsInProject(p.project, p.result.deletions ?? []));

export async function publishPlanProjects(r: Run, result: ProjectsResult): Promise<void> {
  const markdown = publishPlannedProjects(r, result, 'Planned');
  await writeSummary(r, markdown);
  await postPlanComment(r, markdown, fingerprint(r, allDeployments(result), allDeletions(result)), result.hasChanges);
  if (result.failureReason) fail(r, result.failureReason, result.diagnostics);
}

const NO_API_URL_DRIFT = 'mode drift compares with the Prefect API: set the api-url input (and api-key for Prefect Cloud) or PREFECT_API_URL';

/** mode drift over projects: as for one project (see publishDrift), each deployment named `<project>:<flow>/<name>`. */
export async function publishDriftProjects(r: Run, result: ProjectsResult): Promise<void> {
  const markdown = publishPlannedProjects(r, result, 'Checked');
  // A project that could not be checked is an error, whatever the others found.
  const error = result.projects.map((p) => p.result.failureReason).find((f) => f !== undefined && f !== 'drift');
  if (error) {
    await writeSummary(r, markdown);
    return fail(r, error, result.diagnostics);
  }
  const inProject = <T extends { flowName: string }>(project: string, x: T): T => ({ ...x, flowName: projectSelector(project, x.flowName) });
  const live = result.projects.flatMap((p) => (p.result.live ?? []).map((c) => ({ ...c, deployment: inProject(p.project, c.deployment) })));
  const deletions = result.projects.flatMap((p) => (p.result.deletions ?? []).map((d) => inProject(p.project, d)));
  const headline = driftHeadline({ prefectFile: r.prefectFile, live: r.secrets.redactValue(live), deletions, uiUrl: result.uiUrl });
  await writeSummary(r, `${headline}\n${markdown}`);
  const drifted = result.projects.filter((p) => p.result.failureReason === 'drift');
  r.secrets.setOutput(OUTPUT.drift, String(drifted.length > 0));
  if (drifted.length > 0) fail(r, 'drift', [], r.secrets.redactText(drifted.map((p) => `${p.project}: ${p.result.message}`).join('; ')));
}

/** A run's plan outputs and its markdown (for the summary, the comment). */
function publishPlannedProjects(r: Run, result: ProjectsResult, verb: string): string {
  const parts = planned(r, result);
  const ui = result.uiUrl;
  const text = projectsPlanToText(parts, { now: r.now });
  printGroup(`plan of ${parts.length} projects`, text.split('\n'));
  r.secrets.setOutput(OUTPUT.plan, JSON.stringify(projectsPlanToJson(parts)));
  r.secrets.setOutput(OUTPUT.matrix, JSON.stringify(projectsMatrix(parts)));
  const deployments = parts.flatMap((p) =>
    p.plan.deployments.map((d, i) => {
      const change = p.live?.[i];
      return {
        project: p.project,
        name: d.name,
        flow: d.flowName,
        entrypoint: d.entrypoint,
        ...(change
          ? {
              id: change.id ?? null,
              action: change.action,
              changes: change.changes.map((c) => c.field),
              url: deploymentUrl(ui, change.id),
            }
          : {}),
      };
    }),
  );
  r.secrets.setOutput(OUTPUT.deployments, JSON.stringify(deployments));
  r.secrets.setOutput(OUTPUT.changes, String(result.hasChanges));
  return projectsPlanToMarkdown(parts, {
    now: r.now,
    ...(ui ? { uiUrl: ui } : {}),
    footer: footer(r, verb),
  });
}

const NO_API_URL = 'mode deploy needs the Prefect API: set the api-url input (and api-key for Prefect Cloud) or PREFECT_API_URL';

/** The run's outputs, summary and failure; then, on the push that merged a pull request, its plan comment marked applied. */
export async function publishDeployProjects(r: Run, result: ProjectsResult): Promise<void> {
  await publishDeployProjectsResult(r, result);
  // Each outcome named as the plan comment names it: <project>:<flow>/<name>.
  const outcomes = result.projects.flatMap((p) => (p.result.outcomes ?? []).map((o) => ({ ...o, flowName: `${p.project}:${o.flowName}` })));
  const reason = result.failureReason;
  const refusal = reason === 'no-api-url' ? NO_API_URL : reason === 'plan-changed' ? `require-plan-match: ${result.message}` : undefined;
  await followDeploy(r, { ...result, outcomes }, refusal);
}

async function publishDeployProjectsResult(r: Run, result: ProjectsResult): Promise<void> {
  const reason = result.failureReason;
  if (reason === 'no-api-url') return fail(r, 'no-api-url', [], NO_API_URL);
  const ui = result.uiUrl;
  const parts = planned(r, result);
  r.secrets.setOutput(OUTPUT.matrix, JSON.stringify(projectsMatrix(parts)));
  r.secrets.setOutput(
    OUTPUT.plan,
    JSON.stringify(
      projectsPlanToJson(
        parts.map((p, i) => ({
          ...p,
          plan: {
            ...p.plan,
            diagnostics: result.projects[i]!.result.diagnostics,
          },
        })),
      ),
    ),
  );
  const outcomes = result.projects.flatMap((p) =>
    (p.result.outcomes ?? []).map((o) => ({
      project: p.project,
      ...outcomeJson(o, ui),
    })),
  );
  r.secrets.setOutput(OUTPUT.deployments, JSON.stringify(outcomes));
  r.secrets.setOutput(OUTPUT.changes, String(result.hasChanges));
  const stepOutputs: Record<string, unknown> = {};
  for (const p of result.projects)
    for (const d of p.result.plan?.deployments ?? []) stepOutputs[projectSelector(p.project, deploymentKey(d))] = p.result.stepOutputs?.get(d.index) ?? {};
  r.secrets.setOutput(OUTPUT.stepOutputs, JSON.stringify(stepOutputs));
  setProjectsStepOutputs(r, result);
  const deployed = result.projects.flatMap((p) =>
    p.result.plan
      ? [
          {
            project: p.project,
            result: {
              plan: p.result.plan,
              outcomes: p.result.outcomes ?? [],
              diagnostics: p.result.diagnostics,
              ...(p.result.stoppedAt ? { stoppedAt: p.result.stoppedAt } : {}),
            },
            ...(p.result.changedSince ? { changedSince: p.result.changedSince } : {}),
          },
        ]
      : [],
  );
  await writeSummary(
    r,
    projectsDeployToMarkdown(r.secrets.redactValue(deployed), {
      now: r.now,
      ...(ui ? { uiUrl: ui } : {}),
      footer: footer(r, 'Deployed'),
    }),
  );
  if (reason) fail(r, reason, result.diagnostics, reason === 'plan-changed' ? `require-plan-match: ${result.message}` : undefined);
}

export async function publishBuildProjects(r: Run, result: ProjectsResult): Promise<void> {
  const parts = planned(r, result);
  r.secrets.setOutput(OUTPUT.matrix, JSON.stringify(projectsMatrix(parts)));
  r.secrets.setOutput(
    OUTPUT.deployments,
    JSON.stringify(
      parts.flatMap((p) =>
        p.plan.deployments.map((d) => ({
          project: p.project,
          name: d.name,
          flow: d.flowName,
          entrypoint: d.entrypoint,
        })),
      ),
    ),
  );
  if (result.failureReason) return fail(r, result.failureReason, result.diagnostics);
  // Keyed `<project>:<flow>/<name>`: the deploy legs with the same projects take each project's own.
  const stepOutputs: Record<string, unknown> = {};
  const rows: string[] = [];
  for (const p of result.projects) {
    for (const d of p.result.plan?.deployments ?? []) {
      const key = projectSelector(p.project, deploymentKey(d));
      const out = p.result.stepOutputs?.get(d.index) ?? {};
      stepOutputs[key] = out;
      rows.push(
        `| \`${key}\` | ${
          Object.keys(out).length
            ? Object.keys(out)
                .map((k) => `\`${k}\``)
                .join(' ')
            : '—'
        } |`,
      );
    }
  }
  r.secrets.setOutput(OUTPUT.stepOutputs, JSON.stringify(stepOutputs));
  setProjectsStepOutputs(r, result);
  const built = result.projects.reduce((n, p) => n + (p.result.built ?? 0), 0);
  const heading = `### Prefect build: steps ran for ${built} of ${rows.length} deployments in ${result.projects.length} projects`;
  await writeSummary(r, [heading, '', '| Deployment | Step outputs |', '|---|---|', ...rows, '', footer(r, 'Built'), ''].join('\n'));
}

/** Each step output as `<project>-<step id>-<key>`, and as `<step id>-<key>` where the projects agree (see projectsFlatStepOutputs). */
function setProjectsStepOutputs(r: Run, result: ProjectsResult): void {
  const projects = result.projects.flatMap((p) => (p.result.plan ? [{ project: p.project, plan: p.result.plan, outputs: p.result.stepOutputs ?? new Map() }] : []));
  for (const [name, value] of Object.entries(projectsFlatStepOutputs(projects))) r.secrets.setOutput(name, value);
}
