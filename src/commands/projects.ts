/**
 * Several projects in one run (monorepos): each project directory is used as the working directory
 * exactly as `cd DIR && prefect deploy` would, its command runs as for one project, and the results
 * are merged into one. A wrapper over the verbs, so the verbs stay single-project.
 */
import { globSync, statSync } from 'node:fs';
import path from 'node:path';
import { pruneDeletions, readWorkPoolOnce, validateForDeploy } from '../core/apply/index.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { isMapping, loadPrefectFile, selectDeployments, type Mapping } from '../core/config/index.js';
import {
  createPlan,
  hasErrors,
  newPlanCache,
  prefetchSnapshot,
  readServerSnapshot,
  selectedConfigs,
  sharingGit,
  workspacePrefetch,
  type Plan,
  type SnapshotPrefetch,
} from '../core/plan/index.js';
import { projectIdentity, type Deletion } from '../core/plan/ownership.js';
import { gate, mapBounded } from '../core/util/map-bounded.js';
import { runGit } from '../core/plan/version-info.js';
import { untrustedEnvironment } from '../core/secrets.js';
import { PROJECT_SEPARATOR, projectSelector } from '../core/report/projects.js';
import { prefectTemplateSources } from '../core/templating/index.js';
import { uiUrl } from '../prefect/index.js';
import { stepRunner } from '../steps/index.js';
import { engineRequest, openClient, writeConcurrency } from './client.js';
import { deploy } from './deploy.js';
import { narrowToChanged, type ChangedNarrowing } from './changed.js';
import type { CommandRequest, CommandResult, DeployCommandRequest, FailureReason, Reporter, SharedRun } from './types.js';
import type { PrefectClient } from '../prefect/index.js';

// The selector's form is the report's (the matrix writes it); the doors take it from here.
export { PROJECT_SEPARATOR, projectSelector };

/**
 * Projects worked on at once: their reads and writes overlap (each keeps its own request
 * concurrency, lock and steps); a few, so that twenty projects do not open twenty times the
 * connections a self-hosted server's database takes.
 */
const PROJECTS_AT_ONCE = 4;

/** Projects validated at once before a deploy: their reads are the run's, made once. */
const VALIDATING_AT_ONCE = 16;

/** One project's part of a run. */
export interface ProjectRun {
  /** The directory as the run names it: relative to the run's working directory, `/`-separated. */
  project: string;
  result: CommandResult;
}

/** A run over several projects: each project's result, and the merge the doors decide on. */
export interface ProjectsResult extends CommandResult {
  projects: ProjectRun[];
}

/** A `--project` (or `projects` input) that names nothing usable: the user's to fix. */
export class ProjectsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectsInputError';
  }
}

const GLOB = /[*?[{]/u;

/**
 * The project directories `patterns` name, relative to `cwd`: a plain DIR as given (it must be a
 * directory), a glob expanded here, sorted, keeping the directories that hold `prefectFile` (a glob
 * matching none is an error). In the order given, each once.
 */
export function resolveProjects(patterns: readonly string[], cwd: string, prefectFile: string): string[] {
  const out: string[] = [];
  const add = (dir: string) => {
    const name = path.posix.normalize(dir.split(path.sep).join('/')).replace(/\/+$/u, '') || '.';
    if (!out.includes(name)) out.push(name);
  };
  const isDir = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
  for (const raw of patterns.map((p) => p.trim()).filter(Boolean)) {
    if (!GLOB.test(raw)) {
      if (!isDir(path.resolve(cwd, raw))) throw new ProjectsInputError(`project "${raw}" is not a directory (relative to ${cwd})`);
      add(raw);
      continue;
    }
    const found = globSync(raw, { cwd })
      .filter((m) => isDir(path.resolve(cwd, m)) && statSync(path.resolve(cwd, m, prefectFile), { throwIfNoEntry: false })?.isFile())
      .sort();
    if (found.length === 0) throw new ProjectsInputError(`project pattern "${raw}" matches no directory holding ${prefectFile}`);
    found.forEach(add);
  }
  if (out.length === 0) throw new ProjectsInputError('no project given');
  return out;
}

/**
 * What `project` selects by the names alone: `<project>:<name>` only in its project, a name without
 * a project part in every project (`projectSelections` narrows those to the projects that have
 * them). Undefined when the names select only other projects (the project is skipped).
 */
export function projectSelection(project: string, projects: readonly string[], selection: CommandRequest['selection']): CommandRequest['selection'] | undefined {
  if (selection.all || selection.names.length === 0) return { all: selection.all, names: [...selection.names] };
  const names: string[] = [];
  for (const name of selection.names) {
    const owner = projects.find((p) => name.startsWith(`${p}${PROJECT_SEPARATOR}`));
    if (owner === undefined) names.push(name);
    else if (owner === project) names.push(name.slice(owner.length + PROJECT_SEPARATOR.length));
  }
  return names.length > 0 ? { all: false, names } : undefined;
}

/**
 * What each project selects (undefined: skipped). A name without a project part goes to the projects
 * whose file it matches (an `etl/nightly` that exists in one project of twenty does not fail the
 * other nineteen); a name no project matches goes to every project, whose plan then says what exists.
 */
export async function projectSelections(
  request: Pick<CommandRequest, 'cwd' | 'prefectFile' | 'selection'>,
  projects: readonly string[],
): Promise<Map<string, CommandRequest['selection'] | undefined>> {
  const given = new Map(projects.map((p) => [p, projectSelection(p, projects, request.selection)]));
  const unowned = request.selection.all ? [] : request.selection.names.filter((n) => !projects.some((p) => n.startsWith(`${p}${PROJECT_SEPARATOR}`)));
  if (unowned.length === 0 || projects.length < 2) return given;
  const configs = await Promise.all(projects.map(async (p) => (await loadPrefectFile(request.prefectFile, path.resolve(request.cwd, p))).prefectFile?.deployments));
  const matches = (i: number, name: string) => {
    const c = configs[i];
    if (!c) return true; // unreadable: the project's own run reports it
    const { selected, errors } = selectDeployments(c, { all: false, names: [name] });
    return errors.length === 0 && selected.length > 0;
  };
  const nowhere = new Set(unowned.filter((n) => !projects.some((_, i) => matches(i, n))));
  return new Map(
    projects.map((p, i) => {
      const sel = given.get(p);
      if (!sel) return [p, undefined];
      const names = sel.names.filter((n) => !unowned.includes(n) || nowhere.has(n) || matches(i, n));
      return [p, names.length > 0 ? { all: false, names } : undefined];
    }),
  );
}

/**
 * The step outputs given to a deploy over several projects: keyed `<project>:<flow>/<name>` (what
 * `build --project` prints), each project takes its own; otherwise every project takes them all.
 */
export function projectStepOutputs(project: string, projects: readonly string[], given: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!given) return undefined;
  const owned = (key: string) => projects.find((p) => key.startsWith(`${p}${PROJECT_SEPARATOR}`));
  if (!Object.keys(given).some((k) => owned(k) !== undefined)) return given;
  const prefix = `${project}${PROJECT_SEPARATOR}`;
  return Object.fromEntries(Object.entries(given).flatMap(([k, v]) => (owned(k) === project ? [[k.slice(prefix.length), v]] : [])));
}

/**
 * The request of one project: its directory as the working directory, its selection, the run's step
 * cache, and an owner of its own: a given `owner` gets `:<project>` appended, the default one counts
 * the prefect.yaml path from the run's directory when there is no git repository. Projects sharing
 * an owner would each prune the others' deployments.
 */
export function projectRequest<R extends CommandRequest>(
  request: R,
  project: string,
  selection: CommandRequest['selection'],
  stepCache: NonNullable<CommandRequest['stepCache']>,
): R {
  const owner = request.owner ? { owner: `${request.owner}${PROJECT_SEPARATOR}${project}` } : {};
  return { ...request, cwd: path.resolve(request.cwd, project), selection, stepCache, ownerRoot: request.ownerRoot ?? request.cwd, ...owner };
}

/** The request with one git for the run: projects in one checkout ask its questions once, not once each. */
function withRunGit<R extends CommandRequest>(request: R): R {
  return { ...request, git: sharingGit(request.git ?? runGit, new Map()) };
}

/** A diagnostic's file as seen from the run's working directory. */
function fromRun(project: string, d: Diagnostic): Diagnostic {
  return path.isAbsolute(d.file) ? d : { ...d, file: path.posix.join(project, d.file.split(path.sep).join('/')) };
}

/**
 * `reporter` for one project: problems point at the project's files, deployments read
 * `<project>:<flow>/<name>` (the matrix's selector) in step lines, progress and results, and a
 * deploy's display starts once for the run.
 */
export function projectReporter(reporter: Reporter, project: string, once: { deploying: boolean }): Reporter {
  // The project goes in front of the flow, so that `flow/name` everywhere reads `<project>:<flow>/<name>`.
  const inProject = <T extends { flowName: string }>(d: T): T => ({ ...d, flowName: projectSelector(project, d.flowName) });
  return {
    info: (line) => reporter.info(`[${project}] ${line}`),
    warning: (line) => reporter.warning(`[${project}] ${line}`),
    notice: (line) => reporter.notice(`[${project}] ${line}`),
    diagnostics: (list) => reporter.diagnostics(list.map((d) => fromRun(project, d))),
    deploying: (ui) => {
      if (once.deploying) return;
      once.deploying = true;
      reporter.deploying(ui);
    },
    step: (d, e) => reporter.step(inProject(d), e),
    stepLog: (deployment, line) => reporter.stepLog(projectSelector(project, deployment), line),
    progress: (e) => reporter.progress(e.phase === 'validated' ? { ...e, deployments: e.deployments.map(inProject) } : inProject(e)),
    result: (o) => reporter.result(inProject(o)),
    lock: (e) => reporter.lock(e),
    smoke: (e) => reporter.smoke(e),
    ...(reporter.clientLog ? { clientLog: (line: string) => reporter.clientLog!(line) } : {}),
  };
}

/** The run's result from its projects': every problem (files from the run's directory), the first failure, any change. */
export function mergeProjects(projects: ProjectRun[], extra?: Partial<CommandResult>): ProjectsResult {
  const diagnostics = projects.flatMap((p) => p.result.diagnostics.map((d) => fromRun(p.project, d)));
  const order = (d: Diagnostic) => (d.severity === 'error' ? 0 : 1);
  const reason: FailureReason | undefined = projects.find((p) => p.result.failureReason)?.result.failureReason;
  const message = projects.find((p) => p.result.message)?.result.message;
  const ui = projects.find((p) => p.result.uiUrl)?.result.uiUrl;
  return {
    projects,
    diagnostics: [...diagnostics].sort((a, b) => order(a) - order(b)),
    hasChanges: projects.some((p) => p.result.hasChanges),
    ...(reason ? { failureReason: reason } : {}),
    ...(message ? { message } : {}),
    ...(ui ? { uiUrl: ui } : {}),
    ...extra,
  };
}

/**
 * Runs `command` for each project (`PROJECTS_AT_ONCE` at a time, results in the projects' order),
 * one failing project not stopping the others (a plan or a validation shows every project's
 * problems), with one step cache and one git for the run.
 */
export async function runProjects<R extends CommandRequest>(
  request: R,
  projects: readonly string[],
  command: (request: R, reporter: Reporter) => Promise<CommandResult>,
  reporter: Reporter,
): Promise<ProjectsResult> {
  const stepCache = request.stepCache ?? stepRunner.newCache();
  request = withRunGit(request);
  const once = { deploying: false };
  const selections = await projectSelections(request, projects);
  const chosen = projects.filter((project) => selections.get(project) !== undefined);
  const { shared, close } = sharedRun(request, reporter);
  try {
    const runs = await mapBounded(chosen, PROJECTS_AT_ONCE, async (project) => ({
      project,
      result: await command(
        { ...projectRequest(request, project, selections.get(project)!, stepCache), ...(shared ? { shared } : {}) },
        projectReporter(reporter, project, once),
      ),
    }));
    if (runs.length === 0) throw new ProjectsInputError(`no project has a deployment named ${request.selection.names.map((n) => `"${n}"`).join(', ')}`);
    return mergeProjects(runs);
  } finally {
    close();
  }
}

/**
 * The run's client and reads (see `SharedRun`), for a request with a server: the client opened
 * when a command first asks for it, the workspace's deployments read once when first asked for.
 */
function sharedRun(request: CommandRequest, reporter: Reporter): { shared?: SharedRun; close: () => void } {
  const { apiUrl } = request;
  if (!apiUrl) return { close: () => {} };
  let client: PrefectClient | undefined;
  let workspace: Promise<Mapping[]> | undefined;
  let prefetch: SnapshotPrefetch | undefined;
  const open = () => (client ??= openClient({ ...request, apiUrl }, reporter));
  const shared: SharedRun = {
    get client() {
      return open();
    },
    workPools: new Map(),
    workspaceDeployments: () => (workspace ??= open().readAllDeployments()),
    workspacePrefetch: () => (prefetch ??= workspacePrefetch(open(), shared.workspaceDeployments!())),
  };
  return { shared, close: () => client?.close() };
}

/**
 * A project's plan with each deployment's flow named `<project>:<flow>`, so that it reads
 * `<project>:<flow>/<name>`: what a run over several projects fingerprints (two projects may both
 * have an `etl/nightly`), on the PR comment and at deploy time.
 */
export function planInProject(project: string, plan: Plan): Plan {
  return { ...plan, deployments: plan.deployments.map((d) => ({ ...d, flowName: projectSelector(project, d.flowName) })) };
}

/** A project's deletions named `<project>:<flow>/<name>` as `planInProject` names its deployments: the plan hash of a run covers them. */
export function deletionsInProject(project: string, deletions: readonly Deletion[]): Deletion[] {
  return deletions.map((d) => ({ ...d, flowName: projectSelector(project, d.flowName) }));
}

/**
 * `deploy` over several projects: every project is validated against the server first, and
 * `checkPlan` (require-plan-match) asked about each, and nothing is written when any has a problem;
 * then the projects deploy, `PROJECTS_AT_ONCE` at a time (each its own lock, steps and writes), with
 * one step cache, one git, one set of write slots and one read of what the server holds for the
 * run, each reusing its validation's plan cache. A project that
 * fails to deploy does not stop the others (they were all validated); the run fails.
 */
export async function deployProjects(request: DeployCommandRequest, projects: readonly string[], reporter: Reporter): Promise<ProjectsResult> {
  const { apiUrl } = request;
  if (!apiUrl) return { projects: [], diagnostics: [], hasChanges: false, failureReason: 'no-api-url' };
  const stepCache = request.stepCache ?? stepRunner.newCache();
  request = withRunGit(request);
  const selections = await projectSelections(request, projects);
  // Each project's plan is checked below, before any project writes; not again in its deploy.
  const { checkPlan, ...each } = request;
  const chosen = projects.flatMap((project) => {
    const selection = selections.get(project);
    if (!selection) return [];
    const stepOutputs = projectStepOutputs(project, projects, request.stepOutputs);
    // The deploy reuses what its validation read from disk and analysed.
    const planCache = newPlanCache();
    return [{ project, request: { ...projectRequest(each, project, selection, stepCache), planCache, ...(stepOutputs ? { stepOutputs } : {}) } }];
  });
  if (chosen.length === 0) throw new ProjectsInputError(`no project has a deployment named ${request.selection.names.map((n) => `"${n}"`).join(', ')}`);
  const client = openClient({ ...request, apiUrl }, reporter);
  const prepared = client.prepare();
  const shared = { client, workPools: new Map<string, Promise<Mapping | undefined>>() };
  const ui = uiUrl(apiUrl, request.env);
  const uiField = ui ? { uiUrl: ui } : {};
  try {
    const sources = prefectTemplateSources(client);
    const given = request.skipSteps || request.stepOutputs !== undefined ? { stepOutputs: {} } : {};
    const stepsFirst = !request.skipSteps && request.stepOutputs === undefined;
    // --changed-since: each project's changed deployments first (git is asked once for the
    // checkout); only those are validated, read and deployed. A REF git cannot use stops the run.
    const once = { deploying: false };
    const reporters = new Map(chosen.map(({ project }) => [project, projectReporter(reporter, project, once)]));
    const narrowed = new Map<string, ChangedNarrowing>(
      request.changedSince === undefined
        ? []
        : await mapBounded(chosen, VALIDATING_AT_ONCE, async ({ project, request: req }) => {
            return [project, await narrowToChanged(req, req.planCache, reporters.get(project)!, false)] as const;
          }),
    );
    const refused = chosen.flatMap(({ project }) => {
      const result = narrowed.get(project)?.refused;
      return result ? [{ project, result: { ...result, stoppedAt: 'validation' as const } }] : [];
    });
    if (refused.length > 0) return { ...mergeProjects(refused, { stoppedAt: 'validation' }), ...uiField };
    const onlyOf = (project: string) => narrowed.get(project)?.only ?? {};
    // What the server holds for every selected name, asked for before any flow is analysed (the
    // names are in the files). The work pools the files name are asked for first: every validation
    // waits on them.
    const configs = (await Promise.all(chosen.map(({ project, request: req }) => selectedConfigs({ ...req, ...onlyOf(project) }, req.planCache)))).flat();
    for (const name of poolNames(configs, request.options?.workPoolName)) readWorkPoolOnce(client, shared.workPools, name);
    // The validations below keep the thread busy: the reads go out first (their CSRF token at
    // hand, and a few milliseconds for their connections to open).
    await prepared;
    const prefetch: SnapshotPrefetch = prefetchSnapshot(
      client,
      configs.flatMap((c) => (typeof c.name === 'string' ? [c.name] : [])),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Validations only read what the run reads once (the server's version, work pools, blocks): a
    // project waiting on one does not hold the others up.
    const validated: ProjectRun[] = await mapBounded(chosen, VALIDATING_AT_ONCE, async ({ project, request: req }) => {
      const planned = await validateForDeploy({
        ...engineRequest(req),
        ...onlyOf(project),
        cache: req.planCache,
        ...given,
        client,
        sources,
        workPools: shared.workPools,
      });
      const errors = hasErrors(planned.diagnostics);
      return {
        project,
        result: { plan: planned, diagnostics: planned.diagnostics, hasChanges: false, ...(errors ? { failureReason: 'invalid-config' as const } : {}) },
      };
    });
    if (validated.some((p) => hasErrors(p.result.diagnostics))) {
      const merged = mergeProjects(
        validated.map((p) => ({ ...p, result: { ...p.result, stoppedAt: 'validation' as const } })),
        { stoppedAt: 'validation' },
      );
      reporter.diagnostics(merged.diagnostics);
      return { ...merged, failureReason: 'invalid-config', ...uiField };
    }
    if (checkPlan) {
      // As a plan of the same files saw the environment, so the fingerprints compare (see deploy.ts).
      const templateEnv = untrustedEnvironment(request.env, new Set(request.planEnv ?? []), () => undefined);
      for (const { project, request: req } of chosen) {
        const before = await createPlan({ ...engineRequest(req), ...onlyOf(project), templateEnv, sources });
        if (hasErrors(before.diagnostics)) continue;
        // A prune is checked too: deleting what the reviewed plan did not show is refused.
        const deletions = request.prune ? deletionsInProject(project, await pruneDeletions(client, await projectIdentity(engineRequest(req)), before)) : undefined;
        const refused = await checkPlan(planInProject(project, before), deletions);
        if (refused !== undefined) return { ...mergeProjects(validated), failureReason: 'plan-changed', message: refused, stoppedAt: 'validation', ...uiField };
      }
    }
    // What the server holds for every project, in a few bulk reads for the run instead of each
    // project's own; a project whose steps run first reads after them, as one deploy does.
    const planned = validated.flatMap((p) => p.result.plan?.deployments ?? []);
    const snapshot = stepsFirst && planned.every((d) => d.steps.build.length + d.steps.push.length > 0) ? undefined : readServerSnapshot(client, planned, prefetch);
    snapshot?.catch(() => {}); // each deploy reports a failed read as its own
    // A self-hosted server's database takes one write at a time: the projects share one deploy's slots.
    const writeGate = gate(writeConcurrency(request, client));
    // A deploy validates again only what differs from the validation above: given step outputs.
    const planOf = new Map(validated.map((p) => [p.project, p.result.plan]));
    const runs = await mapBounded(chosen, PROJECTS_AT_ONCE, async ({ project, request: req }) => {
      const plan = stepsFirst ? planOf.get(project) : undefined;
      const n = narrowed.get(project);
      const result = await deploy(
        { ...req, writeGate, shared, ...(snapshot ? { snapshot } : {}), ...(plan ? { validated: plan } : {}), ...(n ? { narrowed: n } : {}) },
        reporters.get(project)!,
      );
      return { project, result };
    });
    return mergeProjects(runs);
  } finally {
    // After the deploys: the run's snapshot reads automations through it on demand.
    client.close();
  }
}

/** The work pools named in so many words (no template) by these deployments or `--pool`. */
function poolNames(configs: readonly Mapping[], given: string | undefined): Set<string> {
  const names = new Set<string>();
  const add = (name: unknown) => typeof name === 'string' && name !== '' && !name.includes('{{') && names.add(name);
  add(given);
  for (const c of configs) if (isMapping(c.work_pool)) add(c.work_pool.name);
  return names;
}
