/**
 * What a prune deletes (or deleted), shown before everything else in a plan and a deploy: a
 * reviewer must see a deletion first, not find it under a long list of updates.
 */
import { qualifiedName } from '../plan/desired.js';
import type { Deletion } from '../plan/ownership.js';
import { deploymentUrl } from '../../prefect/ui.js';
import { plainText, type Paint } from './paint.js';

/** A deletion as the JSON `plan` output and `--json` list it. */
export function deletionJson(d: Pick<Deletion, 'flowName' | 'name' | 'id'>) {
  return { name: d.name, flow_name: d.flowName, id: d.id, action: 'delete' as const };
}

/** `pruning`: whether this run deletes them (`--prune`), else a plan saying what a prune would. */
export function deletionsText(deletions: readonly Pick<Deletion, 'flowName' | 'name'>[], paint: Paint = plainText): string[] {
  if (deletions.length === 0) return [];
  return [
    '',
    `to delete (owned by this project, no longer in prefect.yaml; deploy --prune deletes them with their automations):`,
    ...deletions.map((d) => paint('remove', `- ${qualifiedName(d)} (delete)`)),
  ];
}

/** The markdown section; `done`: a deploy that deleted them. */
export function deletionsMarkdown(deletions: readonly Pick<Deletion, 'flowName' | 'name' | 'id'>[], options: { uiUrl?: string | undefined; done?: boolean }): string[] {
  if (deletions.length === 0) return [];
  const lead = options.done
    ? `🗑️ **Deleted** (owned by this project, no longer in prefect.yaml), with their automations:`
    : `🗑️ **To delete** (owned by this project, no longer in prefect.yaml; a deploy with \`prune\` deletes them with their automations):`;
  const name = (d: Pick<Deletion, 'flowName' | 'name' | 'id'>) => {
    const text = `\`${qualifiedName(d)}\``;
    const url = options.done ? undefined : deploymentUrl(options.uiUrl, d.id);
    return url ? `[${text}](${url})` : text;
  };
  return [lead, '', ...deletions.map((d) => `- 🔴 ${name(d)}`), ''];
}
