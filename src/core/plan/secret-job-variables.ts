/**
 * Secrets in job variables stay block references. `prefect deploy` resolves
 * `{{ prefect.blocks.… }}` everywhere, so a secret placed in a job variable is stored in clear on the
 * deployment, readable by anyone who can read it. A worker resolves block references in the job
 * configuration itself when the flow runs (`BaseJobConfiguration.from_template_and_values`: apply the
 * job variables to the base job template, then the block pass, then the variable pass), so a
 * placeholder that resolves to secret material is stored as written and the run sees the same value.
 *
 * The server validates job variables against the work pool's schema on create and update (and again
 * when a run is created), so a reference is only kept where that schema accepts its text; elsewhere
 * (an integer, boolean or object field fed by a secret) the secret is stored resolved, as the
 * reference does, with a warning.
 */
import { isWholeStringPlaceholder, placeholdersInString, pythonStr, type KeepSecretReferences, type Placeholder, type WorkPoolSource } from '../templating/index.js';
import { isMapping } from '../config/index.js';

/** Keeps secret references under `work_pool.job_variables` of a deployment config; `kept` collects them with their values. */
export function keepSecretsInJobVariables(kept: Map<string, unknown>): KeepSecretReferences {
  return {
    at: (path) => path[0] === 'work_pool' && path[1] === 'job_variables',
    onKept: (placeholder, value) => kept.set(placeholder, value),
  };
}

type Path = (string | number)[];

/**
 * The final job variables with each kept reference checked against the pool's variables schema:
 * where the server would reject the text, the resolved value goes back in (what the reference
 * stores). Without a schema (offline, no such pool, or a pool without one) the references stay.
 * The check is the server's own (job-variables-judge.ts), loaded only when there is one to make.
 */
export async function settleSecretJobVariables(
  jobVariables: unknown,
  kept: ReadonlyMap<string, unknown>,
  poolName: unknown,
  pools: WorkPoolSource | undefined,
): Promise<{ jobVariables: unknown; warnings: string[] }> {
  const warnings: string[] = [];
  if (kept.size === 0 || !pools || typeof poolName !== 'string') return { jobVariables, warnings };
  const references = keptReferences(jobVariables, kept);
  if (references.length === 0) return { jobVariables, warnings };
  const lookup = await pools.readJobVariablesSchema(poolName);
  if (lookup.status !== 'found') return { jobVariables, warnings };
  const { judgeFor, replaceAt } = await import('./job-variables-judge.js');
  const judge = judgeFor(lookup.value);

  // In document order, each against the job variables as settled so far.
  let settled = jobVariables;
  for (const { path, text, placeholders } of references) {
    const [only] = placeholders;
    const resolved =
      only && isWholeStringPlaceholder(text, placeholders, 'block_document')
        ? kept.get(only.fullMatch)
        : placeholders.reduce((acc, p) => acc.replaceAll(p.fullMatch, pythonStr(kept.get(p.fullMatch))), text);
    if (judge.accepts(settled, path, resolved)) continue;
    warnings.push(
      `job variable ${describePath(path)} gets a secret from a block, but work pool "${poolName}" does not accept a ` +
        `{{ prefect.blocks.… }} reference there, so the resolved secret is stored in the deployment (as prefect deploy does)`,
    );
    settled = replaceAt(settled, path, resolved);
  }
  return { jobVariables: settled, warnings };
}

/** The strings of the job variables that hold a kept reference. */
function keptReferences(jobVariables: unknown, kept: ReadonlyMap<string, unknown>): { path: Path; text: string; placeholders: Placeholder[] }[] {
  const found: { path: Path; text: string; placeholders: Placeholder[] }[] = [];
  const visit = (value: unknown, path: Path): void => {
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i]));
    else if (isMapping(value)) for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
    else if (typeof value === 'string') {
      const placeholders = placeholdersInString(value).filter((p) => p.kind === 'block_document' && kept.has(p.fullMatch));
      if (placeholders.length > 0) found.push({ path, text: value, placeholders });
    }
  };
  visit(jobVariables, []);
  return found;
}

function describePath(path: Path): string {
  if (path.length === 0) return '(all of job_variables)';
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}
