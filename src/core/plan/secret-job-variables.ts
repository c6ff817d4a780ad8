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
import {
  isWholeStringPlaceholder,
  placeholdersInString,
  pythonStr,
  type KeepSecretReferences,
  type WorkPoolSource,
} from '../templating/index.js';
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
 */
export async function settleSecretJobVariables(
  jobVariables: unknown,
  kept: ReadonlyMap<string, unknown>,
  poolName: unknown,
  pools: WorkPoolSource | undefined,
): Promise<{ jobVariables: unknown; warnings: string[] }> {
  const warnings: string[] = [];
  if (kept.size === 0 || !pools || typeof poolName !== 'string') return { jobVariables, warnings };
  const lookup = await pools.readJobVariablesSchema(poolName);
  if (lookup.status !== 'found') return { jobVariables, warnings };
  const schema = lookup.value;

  const settle = (value: unknown, path: Path): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => settle(item, [...path, i]));
    if (isMapping(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, settle(v, [...path, k])]));
    if (typeof value !== 'string') return value;
    const placeholders = placeholdersInString(value).filter((p) => p.kind === 'block_document' && kept.has(p.fullMatch));
    if (placeholders.length === 0 || acceptsStringAt(schema, path, value)) return value;
    warnings.push(
      `job variable ${describePath(path)} gets a secret from a block, but work pool "${poolName}" does not accept a ` +
        `{{ prefect.blocks.… }} reference there, so the resolved secret is stored in the deployment (as prefect deploy does)`,
    );
    const [only] = placeholders;
    if (only && isWholeStringPlaceholder(value, placeholders, 'block_document')) return kept.get(only.fullMatch);
    let text = value;
    for (const p of placeholders) text = text.replaceAll(p.fullMatch, pythonStr(kept.get(p.fullMatch)));
    return text;
  };
  return { jobVariables: settle(jobVariables, []), warnings };
}

function describePath(path: Path): string {
  if (path.length === 0) return '(all of job_variables)';
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** A schema construct this check does not model: the reference is not kept there. */
class Unknown extends Error {}

// Keywords through which a schema constrains the members of an object or array.
const MEMBER_KEYWORDS = [
  'properties', 'additionalProperties', 'patternProperties', 'items', 'prefixItems', 'contains', 'uniqueItems',
  'dependentSchemas', 'unevaluatedProperties', 'unevaluatedItems', '$ref', '$dynamicRef', 'allOf', 'anyOf', 'oneOf', 'not', 'if',
];

/**
 * Whether the server's job-variable validation (JSON Schema 2020-12, `required` ignored, formats not
 * checked) accepts `text` at `path` of the job variables, the rest being what it was. Only the
 * constructs work pool schemas use are modelled; anything else counts as "not accepted", which
 * falls back to the reference's behaviour.
 */
export function acceptsStringAt(schema: Record<string, unknown>, path: readonly (string | number)[], text: string): boolean {
  let depth = 0;
  const resolveRef = (ref: unknown): unknown => {
    if (typeof ref !== 'string' || !ref.startsWith('#/')) throw new Unknown();
    let node: unknown = schema;
    for (const part of ref.slice(2).split('/')) {
      const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
      if (!isMapping(node) || !Object.hasOwn(node, key)) throw new Unknown();
      node = node[key];
    }
    return node;
  };

  const leaf = (node: Record<string, unknown>): boolean => {
    const type = node.type;
    if (type !== undefined && !(type === 'string' || (Array.isArray(type) && type.includes('string')))) return false;
    if (Array.isArray(node.enum) && !node.enum.includes(text)) return false;
    if ('const' in node && node.const !== text) return false;
    const length = [...text].length;
    if (typeof node.minLength === 'number' && length < node.minLength) return false;
    if (typeof node.maxLength === 'number' && length > node.maxLength) return false;
    if (typeof node.pattern === 'string') {
      let pattern: RegExp;
      try {
        pattern = new RegExp(node.pattern, 'u');
      } catch {
        throw new Unknown();
      }
      if (!pattern.test(text)) return false;
    }
    const branches = (key: string): unknown[] => (Array.isArray(node[key]) ? (node[key] as unknown[]) : []);
    if (Array.isArray(node.anyOf) && !branches('anyOf').some((b) => at(b, []))) return false;
    if (Array.isArray(node.oneOf) && branches('oneOf').filter((b) => at(b, [])).length !== 1) return false;
    if ('not' in node && at(node.not, [])) return false;
    if ('if' in node) {
      const then = at(node.if, []) ? node.then : node.else;
      if (then !== undefined && !at(then, [])) return false;
    }
    return true;
  };

  const member = (node: Record<string, unknown>, key: string | number): unknown => {
    if (typeof key === 'number') {
      // Pydantic v1 tuples (`items` as a list) are read as `prefixItems`, as the server's preprocessing does.
      const prefix = Array.isArray(node.prefixItems) ? node.prefixItems : Array.isArray(node.items) ? node.items : [];
      if (key < prefix.length) return prefix[key];
      return Array.isArray(node.items) ? true : (node.items ?? true);
    }
    if (node.patternProperties !== undefined) throw new Unknown();
    if (isMapping(node.properties) && Object.hasOwn(node.properties, key)) return node.properties[key];
    return node.additionalProperties ?? true;
  };

  function at(node: unknown, rest: readonly (string | number)[]): boolean {
    if (node === true) return true;
    if (node === false) return false;
    if (!isMapping(node)) throw new Unknown();
    if (++depth > 200) throw new Unknown();
    if ('$ref' in node && !at(resolveRef(node.$ref), rest)) return false;
    if ('$dynamicRef' in node) throw new Unknown();
    if (Array.isArray(node.allOf) && !node.allOf.every((b) => at(b, rest))) return false;
    if (rest.length === 0) return leaf(node);
    // Above the value, a branch that constrains members could flip with it: not modelled. Branches
    // that only name a type (the server's `anyOf: [{type: X}, {type: null}]` rewrite) cannot.
    for (const key of ['anyOf', 'oneOf'] as const) {
      const branches = node[key];
      if (Array.isArray(branches) && branches.some((b) => !isMapping(b) || MEMBER_KEYWORDS.some((k) => k in b))) throw new Unknown();
    }
    if ('not' in node || 'if' in node || 'contains' in node || 'dependentSchemas' in node || node.uniqueItems === true) throw new Unknown();
    if ('unevaluatedProperties' in node || 'unevaluatedItems' in node) throw new Unknown();
    const [head, ...tail] = rest;
    return at(member(node, head!), tail);
  }

  try {
    return at(schema, path);
  } catch (e) {
    if (e instanceof Unknown) return false;
    throw e;
  }
}
