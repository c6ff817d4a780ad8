import type { SyntaxNode } from '@lezer/common';
import type { PySource } from './pysource.js';

/**
 * Python values as far as a static reading of a flow file can know them. Anything that needs a real
 * interpreter (I/O, third-party code) is `unknown`, which spreads through every operation.
 */
export type PyValue =
  | { k: 'none' }
  | { k: 'bool'; v: boolean }
  | { k: 'int'; v: number }
  | { k: 'float'; v: number }
  | { k: 'str'; v: string }
  /** Bytes as a latin-1 string, one char per byte. */
  | { k: 'bytes'; v: string }
  | { k: 'ellipsis' }
  | { k: 'list' | 'tuple' | 'set' | 'frozenset'; items: PyValue[] }
  | { k: 'dict'; entries: Array<[PyValue, PyValue]> }
  /** Something from the catalogue of known library names (`int`, `typing.Optional`, `prefect.flow`). */
  | { k: 'builtin'; name: string }
  | { k: 'module'; name: string; ns?: Map<string, PyValue> }
  /** A subscripted type: `list[int]`, `Optional[X]`, `Annotated[T, ...]`. */
  | { k: 'generic'; origin: string; args: PyValue[] }
  | { k: 'class'; cls: PyClass }
  | { k: 'instance'; cls: PyClass; fields: Map<string, PyValue> }
  | { k: 'member'; cls: PyClass; name: string; value: PyValue }
  /** `via`: decorators this reader cannot read that the function went through (assumed to keep it as is). */
  | { k: 'function'; fn: PyFunction; wrapper?: 'classmethod' | 'staticmethod'; via?: string[] }
  | { k: 'flow'; flow: PyFlow }
  /** `flow(name=...)` before it is applied to a function. */
  | { k: 'flowFactory'; kwargs: Map<string, PyValue> }
  /** A method looked up on a value, e.g. `my_flow.with_options` or `Path(...).read_text`. */
  | { k: 'method'; self: PyValue; name: string }
  /** `functools.wraps(fn)` before it is applied to the wrapper. */
  | { k: 'wraps'; target: PyValue }
  /** `functools.partial(fn, *args, **kwargs)`: calling it calls `fn` with these arguments first. */
  | { k: 'partial'; fn: PyValue; args: PyValue[]; kwargs: Map<string, PyValue> }
  | { k: 'object'; type: StdType; data: StdData }
  | { k: 'field'; info: FieldInfo }
  /** `foreign`: the dotted name, when the value comes from a package this reader cannot read. */
  | { k: 'unknown'; why: string; foreign?: string };

export type StdType = 'datetime' | 'date' | 'time' | 'timedelta' | 'timezone' | 'uuid' | 'path' | 'decimal' | 'secret' | 'complex' | 'ip' | 'opaque';

export interface StdData {
  /** datetime/date/time fields. */
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  micro?: number;
  /** UTC offset in seconds for aware datetimes/times and timezones; undefined when naive. */
  offset?: number;
  /** timedelta, normalised like Python: days, 0 <= seconds < 86400, 0 <= micro < 1e6. */
  days?: number;
  seconds?: number;
  /** complex parts. */
  re?: number;
  im?: number;
  text?: string;
}

export interface FieldInfo {
  /** Undefined when the field has no default (`Field(...)`, `Field(default_factory=...)`). */
  default?: PyValue;
  hasFactory: boolean;
  kwargs: Map<string, PyValue>;
}

export type ClassKind = 'enum' | 'model' | 'dataclass' | 'typeddict' | 'namedtuple' | 'plain';

export interface ClassField {
  name: string;
  /** The annotation as written; evaluated when the schema is built, in `scope`. */
  annotation?: AnnotationRef;
  /** The annotation value when it was known at creation (`create_model`). */
  type?: PyValue;
  default?: PyValue;
}

export interface AnnotationRef {
  node: SyntaxNode;
  source: PySource;
}

export interface PyClass {
  name: string;
  kind: ClassKind;
  doc: string | null;
  bases: PyValue[];
  fields: ClassField[];
  attrs: Map<string, PyValue>;
  /** Enum members in definition order. */
  members: Array<{ name: string; value: PyValue }>;
  extraForbid: boolean;
  /** `model_config = ConfigDict(title=...)`. */
  title?: string;
  /** `model_config = ConfigDict(json_schema_extra={...})`, merged into the definition. */
  schemaExtra?: PyValue;
  /** A pydantic RootModel: the schema and the dump are those of its `root` field. */
  isRoot?: boolean;
  /** A TypedDict from `typing` rather than `typing_extensions` (pydantic refuses it before Python 3.12). */
  stdlibTypedDict?: boolean;
  /** TypedDict `total=` (fields required unless NotRequired). */
  total?: boolean;
  scope: Scope | null;
  node?: SyntaxNode;
}

export interface ParamSpec {
  name: string;
  kind: 'positional' | 'varargs' | 'kwonly' | 'varkw';
  annotation?: AnnotationRef;
  /** Value of the annotation when it was evaluated at definition time. */
  annotationValue?: PyValue;
  default?: PyValue;
  defaultNode?: SyntaxNode;
}

export interface PyFunction {
  name: string;
  node: SyntaxNode;
  source: PySource;
  isAsync: boolean;
  params: ParamSpec[];
  /** The docstring after `inspect.cleandoc`, as `inspect.getdoc` returns it. */
  doc: string | null;
  /** The docstring as written (`__doc__`). */
  rawDoc?: string | null;
  scope: Scope;
  /** Set for lambdas: the expression they return. */
  lambdaBody?: SyntaxNode;
  /** Annotations are strings (`from __future__ import annotations`, or the fallback's recompile). */
  stringAnnotations: boolean;
  /** Set for functions rebuilt by the fallback loader (§10.4): string literals become strings of strings. */
  sanitized?: boolean;
}

export interface PyFlow {
  fn: PyFunction;
  kwargs: Map<string, PyValue>;
  /** Decorators this reader cannot read that the flow or its function went through (assumed to keep them as they are). */
  via?: string[];
}

/** A namespace: module globals, a class body or a function call frame. */
export interface Scope {
  vars: Map<string, PyValue>;
  parent: Scope | null;
  module: ModuleInfo;
  /** Class bodies are not visible from the methods defined in them. */
  isClass?: boolean;
}

export interface ModuleInfo {
  name: string;
  /** Relative path from cwd, for messages. */
  file: string;
  source: PySource;
  futureAnnotations: boolean;
  /** Names bound somewhere at module level by statements this reader does not execute. */
  boundSomewhere: Set<string>;
  starImport: boolean;
  /**
   * How many leading dots a relative import may use: 0 for a script run by path (it has no
   * parent package), the package depth for modules imported by name.
   */
  packageDepth: number;
}

export const NONE: PyValue = { k: 'none' };
export const unknown = (why: string): PyValue => ({ k: 'unknown', why });

/** A Python exception raised while reading the module, e.g. NameError. */
export class PyRaise extends Error {
  constructor(
    readonly pyType: string,
    readonly pyMessage: string,
    readonly offset?: number,
  ) {
    super(`${pyType}: ${pyMessage}`);
  }

  /** Python's repr of the exception, as Prefect prints it in ScriptError. */
  repr(): string {
    return `${this.pyType}(${JSON.stringify(this.pyMessage)})`;
  }
}

export function truthy(v: PyValue): boolean | undefined {
  switch (v.k) {
    case 'none':
      return false;
    case 'bool':
      return v.v;
    case 'int':
    case 'float':
      return v.v !== 0;
    case 'str':
    case 'bytes':
      return v.v.length > 0;
    case 'list':
    case 'tuple':
    case 'set':
    case 'frozenset':
      return v.items.length > 0;
    case 'dict':
      return v.entries.length > 0;
    case 'unknown':
      return undefined;
    default:
      return true;
  }
}
