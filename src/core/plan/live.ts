/**
 * The live half of a plan: what a deploy would do to each deployment, read from the server
 * without writing (the snapshot of what exists, compared field by field with the desired state).
 */
import { isMapping, type Mapping } from '../config/index.js';
import { automationBody } from '../triggers/index.js';
import type { DesiredDeployment } from './desired.js';
import { automationsEqual, diffDeployment, type CurrentDeployment, type FieldChange } from './diff.js';
import type { Plan } from './index.js';
import { ownershipChange } from './ownership.js';
import { readServerSnapshot, type ServerSnapshot, type SnapshotClient, type SnapshotPrefetch } from './snapshot.js';

/** What writing a deployment does (or would do) to it. */
export type RegistrationAction = 'created' | 'updated' | 'unchanged';

/** What a deploy would do to each deployment, read from the live server without writing. */
export interface LiveChange {
  deployment: DesiredDeployment;
  action: RegistrationAction;
  id?: string;
  changes: FieldChange[];
  /** Drift the apply would undo or side effects worth a warning. */
  notes: string[];
}

/** Builds the automation bodies of a deployment once its id is known. */
export function automationsFor(d: DesiredDeployment): (id: string) => Mapping[] {
  return (id) => d.triggers.map((t) => automationBody(t, id));
}

/**
 * `owner`: the project identity a deploy marks its deployments with (see ownership.ts); a stored
 * deployment without that mark shows an `owner` change (a deploy marks it).
 */
export async function compareWithServer(
  client: SnapshotClient,
  plan: Plan,
  prefetch?: SnapshotPrefetch,
  read?: Promise<ServerSnapshot>,
  owner?: string,
): Promise<LiveChange[]> {
  const snapshot = await (read ?? readServerSnapshot(client, plan.deployments, prefetch));
  return Promise.all(
    plan.deployments.map(async (d): Promise<LiveChange> => {
      const current = snapshot.deployment(d.flowName, d.name);
      if (!current) return { deployment: d, action: 'created', changes: [], notes: [] };
      const changes = diffDeployment(d, current as CurrentDeployment);
      const notes: string[] = [];
      const mark = ownershipChange(current, owner);
      if (mark) {
        changes.push(mark);
        notes.push(
          mark.from === null
            ? "not marked as this project's yet: deploying marks it (re-registering it once, which re-creates its schedules)"
            : `marked as owned by ${String(mark.from)}: deploying makes it this project's`,
        );
      }
      if (current.paused === true && d.pausedConfigured && d.payload.paused === false)
        notes.push('paused on the server: deploying un-pauses it, as prefect.yaml says paused: false');
      else if (current.paused === true && !d.pausedConfigured)
        notes.push('paused on the server: stays paused (prefect deploy would un-pause it; set paused: false to un-pause)');
      const schedules = Array.isArray(current.schedules) ? current.schedules.filter(isMapping) : [];
      if (changes.some((c) => c.field === 'schedules') && schedules.length > 0 && schedules.some((s) => !s.slug)) {
        notes.push(`its ${schedules.length} schedule(s) will be deleted and re-created (give each schedule a slug to update them in place)`);
      }
      if (schedules.some((s) => s.active === false) && changes.some((c) => c.field === 'schedules')) {
        notes.push('a schedule turned off on the server is turned back on');
      }
      const id = String(current.id);
      const related = await snapshot.automationsOf(id);
      const wanted = automationsFor(d)(id);
      if (!automationsEqual(wanted, related, id)) {
        changes.push({ field: 'automations', from: related.map((a) => a.name), to: wanted.map((a) => a.name) });
        notes.push(`its automations are deleted and re-created (${wanted.length} configured)`);
      }
      return { deployment: d, action: changes.length ? 'updated' : 'unchanged', id, changes, notes };
    }),
  );
}
