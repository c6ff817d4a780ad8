/**
 * Drift: which deployments on the server differ from prefect.yaml, and the headline a drift check
 * puts above its plan (job summary, `plan-markdown`, the issue a scheduled workflow opens).
 *
 * Two differences a deploy would write are not drift: the commit stamp (`version`, `version_info`),
 * which every commit changes, so a check on a commit no deploy ran for would always fire; and values
 * only a build step fills (an image tag), which a plan cannot know without running the build.
 */
import type { LiveChange } from '../plan/live.js';
import type { Deletion } from '../plan/ownership.js';
import { deploymentUrl } from '../../prefect/ui.js';
import { classifyChange } from './changes.js';

/** The deployments whose configuration on the server differs from prefect.yaml's. */
export function driftedDeployments(live: readonly LiveChange[]): LiveChange[] {
  return live.filter((c) => {
    const category = classifyChange(c.deployment, c.action, c.changes).category;
    return category === 'create' || category === 'update';
  });
}

/** The fields that drifted: the commit stamp and values known after build left out. */
export function driftedFields(c: LiveChange): string[] {
  return classifyChange(c.deployment, c.action, c.changes)
    .changes.map((f) => f.field)
    .filter((f) => f !== 'version' && f !== 'version_info');
}

export interface DriftHeadlineOptions {
  prefectFile: string;
  live: readonly LiveChange[];
  deletions?: readonly Deletion[] | undefined;
  uiUrl?: string | undefined;
}

/** `### ⚠️ Drift: …` with a line per drifted deployment, or `### ✅ No drift: …`. */
export function driftHeadline({ prefectFile, live, deletions = [], uiUrl }: DriftHeadlineOptions): string {
  const drifted = driftedDeployments(live);
  const total = live.length + deletions.length;
  const n = drifted.length + deletions.length;
  const of = `${total} deployment${total === 1 ? '' : 's'}`;
  if (n === 0) return `### ✅ No drift: the Prefect server matches \`${prefectFile}\` (${of})\n`;
  const link = (label: string, id: string | undefined) => {
    const url = deploymentUrl(uiUrl, id);
    return url ? `[\`${label}\`](${url})` : `\`${label}\``;
  };
  const lines = [
    ...drifted.map((c) => {
      const label = `${c.deployment.flowName}/${c.deployment.name}`;
      return c.action === 'created'
        ? `- ${link(label, undefined)}: missing on the server (a deploy creates it)`
        : `- ${link(label, c.id)}: ${driftedFields(c)
            .map((f) => `\`${f}\``)
            .join(', ')} differ${c.notes.length ? ` — ${c.notes.join('; ')}` : ''}`;
    }),
    ...deletions.map((d) => `- ${link(`${d.flowName}/${d.name}`, d.id)}: on the server, no longer in \`${prefectFile}\` (a deploy with prune deletes it)`),
  ];
  return [
    `### ⚠️ Drift: the Prefect server differs from \`${prefectFile}\` in ${n} of ${of}`,
    '',
    ...lines,
    '',
    'A deploy of `' + prefectFile + '` puts them back; or change `' + prefectFile + '` to what the server holds.',
    '',
  ].join('\n');
}
