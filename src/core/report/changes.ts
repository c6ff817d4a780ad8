/**
 * What a plan's field changes mean to someone reading them. Two kinds of difference are not what a
 * pull request changed, and a plan that counts them as updates hides the one change that matters:
 *
 * - a value filled by a build or push step's output (`image: "{{ build.image }}"`): a plan does not
 *   run the steps, so it holds the placeholder where the server holds last build's value. The
 *   build may well reproduce that value, so such a difference is "known after build" (terraform's
 *   "known after apply"), not a change;
 * - `version` alone: the reference stamps every deployment with the commit, so every commit
 *   changes it. A deploy still sends it (a real update), but it is not what the change is about.
 */
import { isMapping } from '../config/index.js';
import { jsonEqual, updateBody, type FieldChange } from '../plan/diff.js';
import type { DesiredDeployment } from '../plan/desired.js';

/** How a value that only a build or push step can produce is shown. */
export const KNOWN_AFTER_BUILD = '(known after build)';

/**
 * - `create`, `update`, `unchanged`: as the server comparison says, `update` only for changes
 *   beyond the version and values known after build;
 * - `version-only`: a deploy updates the version (the commit) and nothing else;
 * - `unchanged-unless-build-differs`: every difference is a value a build step fills; a deploy
 *   changes the deployment only if the build's output differs from the server's value.
 */
export type ChangeCategory = 'create' | 'update' | 'version-only' | 'unchanged-unless-build-differs' | 'unchanged';

/** A value in the deploy body that holds a step-output placeholder until the build runs. */
export interface KnownAfterBuild {
  /** Where it is in the body: `job_variables.image`, `pull_steps[0].…`. */
  path: string;
  /** The value as written, placeholders included. */
  written: string;
  /** The server's value now; absent when it has none. */
  current?: unknown;
  /** Whether the build could produce the server's value again (then it is no change by itself). */
  couldMatch: boolean;
}

export interface ClassifiedChange {
  category: ChangeCategory;
  /**
   * The changes a deploy makes for certain, for display: other fields first, `version` last; a value
   * known after build is replaced by the server's (when the build may reproduce it) or by
   * {@link KNOWN_AFTER_BUILD}. A field whose only differences are such values is left out.
   */
  changes: FieldChange[];
  knownAfterBuild: KnownAfterBuild[];
}

/** Fields the reference derives from the commit. */
const VERSION_FIELDS: ReadonlySet<string> = new Set(['version', 'version_info']);

export function isVersionField(field: string): boolean {
  return VERSION_FIELDS.has(field);
}

/** Classifies what the server comparison found for one deployment. */
export function classifyChange(d: DesiredDeployment, action: 'created' | 'updated' | 'unchanged', changes: readonly FieldChange[]): ClassifiedChange {
  const deferred = deferredMatcher(d.deferred);
  if (action === 'created') {
    const knownAfterBuild: KnownAfterBuild[] = [];
    if (deferred) for (const [field, value] of Object.entries(updateBody(d))) substitute(undefined, value, field, deferred, knownAfterBuild);
    return { category: 'create', changes: [], knownAfterBuild };
  }
  if (action === 'unchanged') return { category: 'unchanged', changes: [], knownAfterBuild: [] };
  const knownAfterBuild: KnownAfterBuild[] = [];
  const other: FieldChange[] = [];
  const version: FieldChange[] = [];
  for (const c of changes) {
    let shown = c;
    if (deferred) {
      const found: KnownAfterBuild[] = [];
      const to = substitute(c.from, c.to, c.field, deferred, found);
      knownAfterBuild.push(...found);
      // Nothing but build outputs differ (and the build may reproduce the server's values).
      if (found.length > 0 && jsonEqual(c.from, to)) continue;
      if (found.length > 0) shown = { ...c, to };
    }
    (isVersionField(c.field) ? version : other).push(shown);
  }
  const category: ChangeCategory =
    other.length > 0 ? 'update' : version.length > 0 ? 'version-only' : knownAfterBuild.length > 0 ? 'unchanged-unless-build-differs' : 'update';
  return { category, changes: [...other, ...version], knownAfterBuild };
}

/** Whether a deploy would change anything for certain (a value known after build alone does not). */
export function changesForCertain(c: ClassifiedChange): boolean {
  return c.category === 'create' || c.category === 'update' || c.category === 'version-only';
}

interface DeferredMatcher {
  /** Placeholders as written, longest first (so one that contains another is found whole). */
  placeholders: readonly string[];
  any: RegExp;
}

function deferredMatcher(placeholders: readonly string[]): DeferredMatcher | undefined {
  if (placeholders.length === 0) return undefined;
  const sorted = [...new Set(placeholders)].sort((a, b) => b.length - a.length);
  return { placeholders: sorted, any: new RegExp(sorted.map((part) => RegExp.escape(part)).join('|'), 'u') };
}

/**
 * `to` with each string that holds a deferred placeholder replaced: by the server's value at the
 * same place when the build could produce it, else by {@link KNOWN_AFTER_BUILD}. Each such string
 * is recorded in `found`.
 */
function substitute(from: unknown, to: unknown, path: string, deferred: DeferredMatcher, found: KnownAfterBuild[]): unknown {
  if (typeof to === 'string') {
    if (!deferred.any.test(to)) return to;
    const couldMatch = couldProduce(to, deferred, from);
    found.push({ path, written: to, ...(from !== undefined ? { current: from } : {}), couldMatch });
    return couldMatch ? from : KNOWN_AFTER_BUILD;
  }
  if (Array.isArray(to)) {
    const before = Array.isArray(from) ? from : [];
    return to.map((v, i) => substitute(before[i], v, `${path}[${i}]`, deferred, found));
  }
  if (isMapping(to)) {
    const before = isMapping(from) ? from : {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(to)) out[k] = substitute(Object.hasOwn(before, k) ? before[k] : undefined, v, `${path}.${k}`, deferred, found);
    return out;
  }
  return to;
}

/**
 * Whether filling the placeholders of `template` could give `value`. A template that is exactly one
 * placeholder takes the step output's value whatever its type (as Prefect's `apply_values` does);
 * otherwise each placeholder stands for any text.
 */
function couldProduce(template: string, deferred: DeferredMatcher, value: unknown): boolean {
  if (value === undefined) return false;
  if (deferred.placeholders.includes(template)) return true;
  if (typeof value !== 'string') return false;
  const literal = template.split(deferred.any).map((part) => RegExp.escape(part));
  return new RegExp(`^${literal.join('[\\s\\S]*')}$`, 'u').test(value);
}
