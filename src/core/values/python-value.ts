/**
 * The value model the engine works on: what the YAML/JSON loaders produce (plain objects, arrays,
 * strings, numbers, booleans, null), plus markers that keep Python distinctions JS lacks.
 */

/** A YAML/JSON mapping: Python's `dict`. */
export type Mapping = Record<string, unknown>;

/**
 * A float whose value is integral (`1.0`). JS cannot tell `1.0` from `1`, but Python renders them
 * differently (`str(1.0) == '1.0'`), so loaders that keep float-ness can wrap such numbers.
 * Plain non-integral numbers need no wrapper; plain integral numbers render as Python ints.
 */
export class PythonFloat {
  constructor(readonly value: number) {}

  /**
   * Written as Python's `json.dumps` writes the float (`1.0`, `1e+16`), so the server stores a float
   * where the reference's request has one; non-finite values become null as in pydantic's JSON mode.
   */
  toJSON(): unknown {
    return Number.isFinite(this.value) ? rawJSON(this.toString()) : null;
  }

  /** Python's `repr()` of an integral or non-finite float. */
  toString(): string {
    const x = this.value;
    if (Number.isNaN(x)) return 'nan';
    if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
    if (!Number.isInteger(x)) return String(x);
    if (Math.abs(x) >= 1e16) return x.toExponential();
    return `${Object.is(x, -0) ? '-' : ''}${BigInt(x).toString()}.0`;
  }

  valueOf(): number {
    return this.value;
  }
}

// Node 24 has JSON.rawJSON; the ES2024 lib typings do not declare it yet.
const rawJSON = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/**
 * Python's `dict`/`Mapping` test: plain objects (and the process environment, which is one to the
 * reference). Class instances such as the YAML loader's timestamps are not mappings.
 */
export function isMapping(value: unknown): value is Mapping {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || value === globalThis.process?.env;
}

/** Python truthiness, for the places where the reference tests `if x:`. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'bigint') return value !== 0n;
  if (typeof value === 'string') return value.length > 0;
  if (value instanceof PythonFloat) return value.value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isMapping(value)) return Object.keys(value).length > 0;
  return true;
}

/** `copy.deepcopy` for the value model, so resolved block data is never shared with the source. */
export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => deepCopy(item)) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (isMapping(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = deepCopy(item);
    return copy as T;
  }
  return value;
}

/** The name Python's `type(x).__name__` would give, for error messages. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (value instanceof PythonFloat) return 'float';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Date) return 'datetime';
  if (isMapping(value)) return 'dict';
  // The YAML loader's timestamps carry `isDateOnly`; PyYAML makes them `date` or `datetime`.
  if (typeof value === 'object' && value !== null && 'isDateOnly' in value) return value.isDateOnly ? 'date' : 'datetime';
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  return typeof value;
}
