/**
 * What a plan shows of a deployment's settings, in the words both the PR comment and the terminal
 * use: a new deployment as the prefect.yaml settings it is registered with, a changed one as a
 * unified diff of each changed field's YAML. One renderer for both, so the comment and the
 * terminal cannot disagree on what changes (or on which differences are only of form).
 */
import { stringify } from 'yaml';
import { isMapping, type Mapping } from '../config/index.js';
import type { ConvertedSchedule, Schedule } from '../schedules/index.js';
import type { FieldChange } from '../plan/diff.js';
import type { DesiredDeployment } from '../plan/desired.js';

/**
 * A schedule as prefect.yaml wrote it: an rrule without the DTSTART Prefect synthesises for the
 * server (an anchor the user never chose, which would read as part of their rule).
 */
export function scheduleAsWritten(s: ConvertedSchedule): Schedule {
  return s.rruleAsWritten !== undefined && 'rrule' in s.create.schedule ? { ...s.create.schedule, rrule: s.rruleAsWritten } : s.create.schedule;
}

/** What a new deployment is registered with, in prefect.yaml's words. */
export function settingsYaml(d: DesiredDeployment): string {
  const p = d.payload;
  const value: Mapping = { entrypoint: d.entrypoint };
  if (d.description) value.description = d.description;
  if (p.version) value.version = p.version;
  value.work_pool = {
    name: p.work_pool_name,
    ...(p.work_queue_name ? { work_queue_name: p.work_queue_name } : {}),
    ...(isMapping(p.job_variables) && Object.keys(p.job_variables).length ? { job_variables: p.job_variables } : {}),
  };
  if (isMapping(p.parameters) && Object.keys(p.parameters).length) value.parameters = p.parameters;
  if (d.schedules.length) {
    value.schedules = d.schedules.map((s) => ({
      ...withoutDefaultDayOr(scheduleAsWritten(s)),
      ...(s.create.active ? {} : { active: false }),
      ...(s.create.slug ? { slug: s.create.slug } : {}),
      ...(Object.keys(s.create.parameters).length ? { parameters: s.create.parameters } : {}),
    }));
  }
  if (Array.isArray(p.tags) && p.tags.length) value.tags = p.tags;
  if (p.paused) value.paused = true;
  if (p.concurrency_limit !== null) value.concurrency_limit = p.concurrency_limit;
  if (d.triggers.length) value.triggers = `${d.triggers.length} automation${d.triggers.length === 1 ? '' : 's'}`;
  if (d.deferred.length) value.filled_by_steps = [...d.deferred];
  return yaml(value, false);
}

function withoutDefaultDayOr(s: Schedule): Mapping {
  const { day_or: dayOr, ...rest } = s as Schedule & { day_or?: boolean };
  return dayOr === false ? { ...rest, day_or: false } : rest;
}

/** Every changed field as a unified diff of its YAML, unchanged stretches cut to three lines of context. */
export function fieldDiff(changes: readonly FieldChange[]): string {
  const lines: string[] = [];
  for (const c of changes) {
    const [from, to] = alignForDisplay(c.from, c.to);
    const before = yaml({ [c.field]: from === undefined ? null : from }).split('\n');
    const after = yaml({ [c.field]: to === undefined ? null : to }).split('\n');
    lines.push(...hunks(diffLines(before, after), 3));
  }
  return lines.join('\n');
}

/**
 * Hides what only differs in form: a key the server leaves out and the deploy sends as null (or
 * the other way round) is not a change worth a diff line.
 */
function alignForDisplay(from: unknown, to: unknown): [unknown, unknown] {
  if (Array.isArray(from) && Array.isArray(to)) {
    const [f, t]: [unknown[], unknown[]] = [from, to];
    const n = Math.min(f.length, t.length);
    const pairs = Array.from({ length: n }, (_, i) => alignForDisplay(f[i], t[i]));
    return [
      [...pairs.map((p) => p[0]), ...f.slice(n)],
      [...pairs.map((p) => p[1]), ...t.slice(n)],
    ];
  }
  if (!isMapping(from) || !isMapping(to)) return [from, to];
  const a: Mapping = {};
  const b: Mapping = {};
  for (const k of new Set([...Object.keys(from), ...Object.keys(to)])) {
    const inA = Object.hasOwn(from, k) && from[k] !== undefined;
    const inB = Object.hasOwn(to, k) && to[k] !== undefined;
    if (inA && inB) [a[k], b[k]] = alignForDisplay(from[k], to[k]);
    else if (inA && from[k] !== null) a[k] = from[k];
    else if (inB && to[k] !== null) b[k] = to[k];
  }
  return [a, b];
}

type DiffLine = { op: ' ' | '-' | '+'; text: string };

/** Longest-common-subsequence line diff; very large inputs fall back to all-removed, all-added. */
function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if (n * m > 1_000_000) return [...a.map((text) => ({ op: '-' as const, text })), ...b.map((text) => ({ op: '+' as const, text }))];
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: ' ', text: a[i]! });
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push({ op: '+', text: b[j++]! });
    } else {
      out.push({ op: '-', text: a[i++]! });
    }
  }
  // Removals before additions within a run of changes, as unified diffs print them.
  for (let k = 0; k < out.length;) {
    if (out[k]!.op === ' ') {
      k++;
      continue;
    }
    let end = k;
    while (end < out.length && out[end]!.op !== ' ') end++;
    const run = out.slice(k, end);
    out.splice(k, run.length, ...run.filter((l) => l.op === '-'), ...run.filter((l) => l.op === '+'));
    k = end;
  }
  return out;
}

function hunks(lines: readonly DiffLine[], context: number): string[] {
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.op === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  // The first line names the field: always shown so every hunk can be placed.
  keep[0] = true;
  const out: string[] = [];
  let skipped = false;
  lines.forEach((l, i) => {
    if (!keep[i]) {
      skipped = true;
      return;
    }
    if (skipped) out.push('@@ … @@');
    skipped = false;
    out.push(`${l.op}${l.text}`);
  });
  if (skipped) out.push('@@ … @@');
  return out;
}

/** Sorted keys for diffs, so the server's key order and ours do not show as changes. */
export function yaml(value: unknown, sorted = true): string {
  return stringify(value, { lineWidth: 0, sortMapEntries: sorted, aliasDuplicateObjects: false }).trimEnd();
}
