/**
 * What the server holds for the selected deployments, read in bulk once per run: the flows by
 * name, their deployments, and the automations that run them. Registration and the live plan
 * decide create / update / unchanged from this snapshot instead of asking per deployment, so a
 * re-run of N unchanged deployments costs a handful of reads, not 2·N.
 */
import { chunks, MAX_FILTER_VALUES, namesPerPage } from '../../prefect/client.js';
import { isMapping, type Mapping } from '../config/index.js';

/** The reads the snapshot needs; `PrefectClient` implements them against a real server. */
export interface SnapshotClient {
  /** `POST /flows/filter` by name (any number of names). */
  readFlowsByName(names: readonly string[]): Promise<Mapping[]>;
  /** `POST /flows/filter` by id (any number of ids). */
  readFlowsById(ids: readonly string[]): Promise<Mapping[]>;
  /** `POST /deployments/filter` by flow ids and deployment names, all pages. */
  readDeploymentsOfFlows(flowIds: readonly string[], names: readonly string[]): Promise<Mapping[]>;
  /**
   * `POST /deployments/filter` by deployment name alone, page by page, giving up (undefined) once
   * more than `budget` have been read.
   */
  readDeploymentsNamed(names: readonly string[], budget: number): Promise<Mapping[] | undefined>;
  /** `POST /automations/filter`, first page, and whether it holds every automation. */
  readAutomationsFirstPage(): Promise<{ automations: Mapping[]; complete: boolean }>;
  /** `POST /automations/filter`, all pages. */
  readAutomations(): Promise<Mapping[]>;
  /** `POST /automations/count`. */
  countAutomations(): Promise<number>;
  /** The page size of the paged reads. */
  readonly filterPageSize: number;
  /** `GET /automations/related-to/prefect.deployment.{id}`: per deployment, when the workspace has many automations. */
  readRelatedAutomations(deploymentId: string): Promise<Mapping[]>;
}

export interface ServerSnapshot {
  /** Ids of the selected flows that exist, by name. */
  readonly flowIds: ReadonlyMap<string, string>;
  /** The deployment `flow/name` as `GET /deployments/name/{flow}/{name}` would answer; undefined when absent. */
  deployment(flowName: string, name: string): Mapping | undefined;
  /**
   * Automations that run the deployment (a `run-deployment` action naming it): the ones it owns,
   * which `prefect deploy` creates that way, and any made by hand that run it.
   */
  automationsOf(deploymentId: string): Promise<Mapping[]>;
}

const key = (flowName: string, name: string) => JSON.stringify([flowName, name]);

/** Whether an automation runs this deployment (what `automationsEqual` compares against). */
export function runsDeployment(automation: Mapping, deploymentId: string): boolean {
  return Array.isArray(automation.actions) && automation.actions.some((a) => isMapping(a) && a.type === 'run-deployment' && a.deployment_id === deploymentId);
}

/**
 * Reads started while the plan is still being made, when only the deployment names are known (the
 * flow names come from analysing the flow files): every deployment with one of those names, of any
 * flow, then the flows they belong to (by id), and the first page of automations. When the
 * workspace has many more deployments of those names than were asked for (other flows' `prod`),
 * the deployments are left to the exact read.
 */
export interface SnapshotPrefetch {
  readonly names: ReadonlySet<string>;
  readonly deployments: Promise<Mapping[] | undefined>;
  /** The flows of `deployments` (undefined when either read failed or was given up). */
  readonly flows: Promise<Mapping[] | undefined>;
  readonly firstAutomations: Promise<{ automations: Mapping[]; complete: boolean } | undefined>;
  /** `deployments` holds every deployment of the workspace: it covers any name. */
  readonly complete?: boolean;
}

/**
 * A prefetch made of every deployment of the workspace, read for another purpose (the owned ones a
 * plan of all would delete): it stands in for the reads of any plan of the run, then each part's
 * flows are the flows of those deployments.
 */
export function workspacePrefetch(client: SnapshotClient, deployments: Promise<Mapping[]>): SnapshotPrefetch {
  const all = deployments.then(
    (found) => found,
    () => undefined,
  );
  return {
    names: new Set(),
    complete: true,
    deployments: all,
    flows: all.then((found) => (found ? client.readFlowsById([...new Set(found.map((d) => String(d.flow_id)))]) : undefined)).catch(() => undefined),
    firstAutomations: client.readAutomationsFirstPage().catch(() => undefined),
  };
}

export function prefetchSnapshot(client: SnapshotClient, names: readonly string[]): SnapshotPrefetch {
  const unique = [...new Set(names)];
  // A failure here is not reported: the exact reads after the plan ask again and report theirs.
  // Each part's flows are asked for as soon as its deployments arrive.
  const asked = new Set<string>();
  const parts = chunks(unique, namesPerPage(client.filterPageSize)).map(async (part) => {
    const found = await client.readDeploymentsNamed(part, 2 * part.length + 50);
    if (!found) return undefined;
    const ids = [...new Set(found.map((d) => String(d.flow_id)))].filter((id) => !asked.has(id));
    ids.forEach((id) => asked.add(id));
    return { found, flows: ids.length > 0 ? await client.readFlowsById(ids) : [] };
  });
  const all = Promise.all(parts).then(
    (done) => (done.every((d) => d !== undefined) ? done : undefined),
    () => undefined,
  );
  return {
    names: new Set(unique),
    deployments: all.then((done) => done?.flatMap((d) => d.found)),
    flows: all.then((done) => done?.flatMap((d) => d.flows)),
    firstAutomations: client.readAutomationsFirstPage().catch(() => undefined),
  };
}

/**
 * Reads the snapshot for these `flow/name` pairs: one `/flows/filter`, then in parallel the
 * deployments of the flows found and the first page of automations; more automation pages only
 * when the workspace has more than one page of them and fewer pages than existing deployments
 * (otherwise each existing deployment's related automations are read on demand). A prefetch
 * stands in for the first-page read, and for the deployments read when it covers every wanted name.
 */
export async function readServerSnapshot(
  client: SnapshotClient,
  wanted: readonly { flowName: string; name: string }[],
  prefetch?: SnapshotPrefetch,
): Promise<ServerSnapshot> {
  // Read early, the deployments of every wanted name and their flows hold every wanted one that
  // exists; `flowIds` then knows the flows that have one (a flow without is created by upsert).
  const covered = prefetch !== undefined && (prefetch.complete === true || wanted.every((w) => prefetch.names.has(w.name)));
  const [early, earlyFlows] = covered ? await Promise.all([prefetch.deployments, prefetch.flows]) : [];
  const flows = earlyFlows ?? (wanted.length ? await client.readFlowsByName([...new Set(wanted.map((w) => w.flowName))]) : []);
  const flowIds = new Map(flows.map((f) => [String(f.name), String(f.id)]));
  const deployments = new Map<string, Mapping>();
  const empty: ServerSnapshot = { flowIds, deployment: () => undefined, automationsOf: async () => [] };
  const present = wanted.filter((w) => flowIds.has(w.flowName));
  if (present.length === 0) return empty;

  // The automations read early stand whatever the names: they do not depend on them.
  const prefetched = earlyFlows && early ? early : covered ? await prefetch.deployments : undefined;
  const prefetchedAutomations = prefetch ? await prefetch.firstAutomations : undefined;
  const [found, firstPage] = await Promise.all([
    prefetched ? [prefetched] : Promise.all(groups(present).map((g) => client.readDeploymentsOfFlows(g.flowIds(flowIds), g.names))),
    prefetchedAutomations ?? client.readAutomationsFirstPage(),
  ]);
  const flowNameById = new Map(flows.map((f) => [String(f.id), String(f.name)]));
  const wantedKeys = new Set(present.map((w) => key(w.flowName, w.name)));
  for (const d of found.flat()) {
    const k = key(flowNameById.get(String(d.flow_id)) ?? '', String(d.name));
    if (wantedKeys.has(k)) deployments.set(k, d);
  }
  if (deployments.size === 0) return empty;

  let all: Promise<Mapping[]> | undefined;
  if (firstPage.complete) all = Promise.resolve(firstPage.automations);
  else {
    const pages = Math.ceil((await client.countAutomations()) / client.filterPageSize);
    if (pages <= deployments.size) all = client.readAutomations();
  }
  return {
    flowIds,
    deployment: (flowName, name) => deployments.get(key(flowName, name)),
    automationsOf: all ? async (id) => (await all).filter((a) => runsDeployment(a, id)) : (id) => client.readRelatedAutomations(id),
  };
}

interface Group {
  names: string[];
  flowIds(ids: ReadonlyMap<string, string>): string[];
}

/** The pairs split so that no request carries more than MAX_FILTER_VALUES flows or names. */
function groups(pairs: readonly { flowName: string; name: string }[]): Group[] {
  const out: { flows: Set<string>; names: Set<string> }[] = [];
  let current: { flows: Set<string>; names: Set<string> } | undefined;
  for (const p of pairs) {
    const fits =
      current && (current.flows.has(p.flowName) || current.flows.size < MAX_FILTER_VALUES) && (current.names.has(p.name) || current.names.size < MAX_FILTER_VALUES);
    if (!fits) out.push((current = { flows: new Set(), names: new Set() }));
    current!.flows.add(p.flowName);
    current!.names.add(p.name);
  }
  return out.map((g) => ({ names: [...g.names], flowIds: (ids) => [...g.flows].map((f) => ids.get(f)!) }));
}
