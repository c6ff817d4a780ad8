/**
 * Without running the build and push steps there are no step outputs, yet a plan must not treat
 * `{{ img.image }}` as missing (which would drop it). Placeholders that a step could fill are
 * swapped for inert tokens while the step-output passes run, then put back as written.
 */
import { keyPath, placeholdersInString } from '../templating/index.js';
import { isMapping, parseStep, type Mapping } from '../config/index.js';

/** Keys the steps may produce; `any` when a custom step's outputs cannot be known. */
export type PossibleOutputs = ReadonlySet<string> | 'any';

export function possibleStepOutputs(steps: readonly Mapping[]): PossibleOutputs {
  const keys = new Set<string>();
  for (const step of steps) {
    const parsed = parseStep(step);
    if (parsed === undefined) continue;
    if (!parsed.definition) return 'any';
    parsed.definition.outputs.forEach((k) => keys.add(k));
    if (parsed.id !== undefined) keys.add(parsed.id);
  }
  return keys;
}

const OPEN = '\uE000';
const CLOSE = '\uE001';
const TOKEN = /\uE000(\d+)\uE001/g;

export class DeferredPlaceholders {
  private readonly texts: string[] = [];

  constructor(private readonly outputs: PossibleOutputs) {}

  /** The placeholders (as written) that were deferred, in first-seen order. */
  get deferred(): readonly string[] {
    return [...new Set(this.texts)];
  }

  protect<T>(value: T): T {
    return mapStrings(value, (s) => {
      let out = s;
      for (const p of placeholdersInString(s)) {
        if (p.kind !== 'standard' || p.name.startsWith('ctx.')) continue;
        const root = keyPath(p.name)[0];
        if (this.outputs !== 'any' && (root === undefined || !this.outputs.has(root))) continue;
        this.texts.push(p.fullMatch);
        out = out.split(p.fullMatch).join(`${OPEN}${this.texts.length - 1}${CLOSE}`);
      }
      return out;
    }) as T;
  }

  restore<T>(value: T): T {
    return mapStrings(value, (s) => s.replace(TOKEN, (_, i: string) => this.texts[Number(i)]!)) as T;
  }
}

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (isMapping(value)) {
    const out: Mapping = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, f);
    return out;
  }
  return value;
}
