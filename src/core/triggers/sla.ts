/**
 * Deployment SLAs (experimental, Cloud only; spec §5.10) as `_initialize_deployment_slas` validates
 * them with the `SlaTypes` union and `apply_slas_for_deployment` sends them.
 */
import type { FieldError } from '../diagnostics.js';
import { isMapping, type Mapping } from '../values/index.js';
import { duration } from './duration.js';
import { describe, laxBool, laxInt, laxStr, oneOf, type Lax } from './lax.js';
import { ownerResource } from './automation.js';
import { SLA_SEVERITIES, type Sla, type SlaKind, type SlaSeverity } from './types.js';

/** The union's members in its order: the first that validates wins (they tie on fields set). */
const KINDS: readonly { kind: SlaKind; what: string; check: (v: unknown) => Lax<number> }[] = [
  { kind: 'duration', what: 'time to completion, whole seconds', check: laxInt },
  { kind: 'within', what: 'lateness, a duration', check: (v) => toLax(duration(v)) },
  { kind: 'stale_after', what: 'frequency, a duration', check: (v) => toLax(duration(v)) },
];

/** Validates SLA specs; error paths start at the index in the list (`[0, 'severity']`). */
export function validateSlas(specs: readonly unknown[]): { slas: Sla[]; errors: FieldError[] } {
  // The reference treats `[[]]` (an empty `--sla` list given as one item) like `[]`.
  if (specs.length === 1 && Array.isArray(specs[0]) && specs[0].length === 0) return { slas: [], errors: [] };
  const slas: Sla[] = [];
  const errors: FieldError[] = [];
  specs.forEach((spec, i) => {
    const result = validateSla(spec, i);
    if ('sla' in result) slas.push(result.sla);
    else errors.push(...result.errors);
  });
  return { slas, errors };
}

function validateSla(spec: unknown, i: number): { sla: Sla } | { errors: FieldError[] } {
  if (!isMapping(spec)) return { errors: [{ path: [i], message: `each SLA must be a mapping, got ${describe(spec)}` }] };
  const common: FieldError[] = [];
  const check = <T>(key: string, fn: (v: unknown) => Lax<T>): T | undefined => {
    if (!(key in spec)) return undefined;
    const r = fn(spec[key]);
    if ('error' in r) {
      common.push({ path: [i, key], message: r.error });
      return undefined;
    }
    return r.value;
  };
  if (!('name' in spec)) common.push({ path: [i, 'name'], message: 'is required: a name unique within the deployment' });
  const name = check('name', laxStr);
  const severity = check('severity', (v): Lax<SlaSeverity> =>
    (SLA_SEVERITIES as readonly unknown[]).includes(v) ? { value: v as SlaSeverity } : { error: `should be one of ${oneOf(SLA_SEVERITIES)}, got ${describe(v)}` },
  );
  const enabled = check('enabled', (v): Lax<boolean | null> => (v === null ? { value: null } : laxBool(v)));

  const kindErrors: FieldError[] = [];
  for (const { kind, check: fn } of KINDS) {
    if (!(kind in spec)) continue;
    const r = fn(spec[kind]);
    if ('error' in r) {
      kindErrors.push({ path: [i, kind], message: r.error });
      continue;
    }
    if (common.length > 0) break;
    const sla: Sla = { kind, name: name!, value: r.value };
    if (severity !== undefined) sla.severity = severity;
    if ('enabled' in spec) sla.enabled = enabled ?? null;
    return { sla };
  }
  if (kindErrors.length === 0 && !KINDS.some(({ kind }) => kind in spec)) {
    kindErrors.push({ path: [i], message: `an SLA needs one of ${KINDS.map(({ kind, what }) => `\`${kind}\` (${what})`).join(', ')}` });
  }
  return { errors: [...common, ...kindErrors] };
}

/** The JSON list for `POST /slas/apply-resource-slas/prefect.deployment.<id>`: given fields only. */
export function slaBodies(slas: readonly Sla[], deploymentId: string): Record<string, unknown>[] {
  return slas.map((sla) => {
    const body: Mapping = { name: sla.name };
    if (sla.severity !== undefined) body.severity = sla.severity;
    if (sla.enabled !== undefined) body.enabled = sla.enabled;
    body[sla.kind] = sla.value;
    body.owner_resource = ownerResource(deploymentId);
    return body;
  });
}

function toLax(parsed: ReturnType<typeof duration>): Lax<number> {
  return 'error' in parsed ? parsed : { value: parsed.seconds };
}
