import { pyFloatRepr } from './pyformat.js';
import { PyRaise, unknown, type ClassField, type ClassKind, type PyClass, type PyFlow, type PyFunction, type PyValue } from './values.js';

/** `conint(ge=1)`, `constr(pattern=...)`, `conlist(int, min_length=1)` as `Annotated[T, Field(...)]`. */
export function constrainedType(name: string, args: PyValue[], kwargs: Map<string, PyValue>): PyValue {
  const base: Record<string, PyValue> = {
    'pydantic.conint': { k: 'builtin', name: 'int' },
    'pydantic.confloat': { k: 'builtin', name: 'float' },
    'pydantic.constr': { k: 'builtin', name: 'str' },
    'pydantic.conbytes': { k: 'builtin', name: 'bytes' },
    'pydantic.condecimal': { k: 'builtin', name: 'decimal.Decimal' },
    'pydantic.condate': { k: 'builtin', name: 'datetime.date' },
  };
  let type = base[name];
  const constraints = new Map(kwargs);
  if (!type) {
    const item = args[0] ?? kwargs.get('item_type') ?? { k: 'builtin', name: 'typing.Any' };
    constraints.delete('item_type');
    const origin = name === 'pydantic.conlist' ? 'list' : name === 'pydantic.conset' ? 'set' : 'frozenset';
    type = { k: 'generic', origin, args: [item] };
  }
  return { k: 'generic', origin: 'typing.Annotated', args: [type, { k: 'field', info: { hasFactory: false, kwargs: constraints } }] };
}

export function flowNameValue(flow: PyFlow): PyValue {
  const n = flow.kwargs.get('name');
  if (n?.k === 'str' && n.v !== '') return n;
  if (n?.k === 'unknown') return n;
  return { k: 'str', v: flow.fn.name.replace(/_/g, '-') };
}

export function mathCall(name: string, args: PyValue[]): PyValue {
  const nums = args.map((a) => (a.k === 'int' || a.k === 'float' ? a.v : a.k === 'bool' ? Number(a.v) : undefined));
  if (nums.some((n) => n === undefined)) return unknown(`${name}(...)`);
  const [a = 0, b = 0] = nums as number[];
  switch (name) {
    case 'math.sqrt':
      return { k: 'float', v: Math.sqrt(a) };
    case 'math.exp':
      return { k: 'float', v: Math.exp(a) };
    case 'math.log':
      return { k: 'float', v: args.length > 1 ? Math.log(a) / Math.log(b) : Math.log(a) };
    case 'math.log10':
      return { k: 'float', v: Math.log10(a) };
    case 'math.log2':
      return { k: 'float', v: Math.log2(a) };
    case 'math.pow':
      return { k: 'float', v: a ** b };
    case 'math.floor':
      return { k: 'int', v: Math.floor(a) };
    case 'math.ceil':
      return { k: 'int', v: Math.ceil(a) };
    case 'math.fabs':
      return { k: 'float', v: Math.abs(a) };
    default:
      return unknown(`${name}(...)`);
  }
}

/** `json.dumps(value)` with Python's default separators and ensure_ascii. */
export function pyJsonDumps(v: PyValue): string | undefined {
  switch (v.k) {
    case 'none':
      return 'null';
    case 'bool':
      return v.v ? 'true' : 'false';
    case 'int':
      return String(v.v);
    case 'float':
      if (Number.isNaN(v.v)) return 'NaN';
      if (!Number.isFinite(v.v)) return v.v > 0 ? 'Infinity' : '-Infinity';
      return pyFloatRepr(v.v);
    case 'str':
      return JSON.stringify(v.v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    case 'list':
    case 'tuple': {
      const items = v.items.map(pyJsonDumps);
      return items.some((i) => i === undefined) ? undefined : `[${items.join(', ')}]`;
    }
    case 'dict': {
      const parts: string[] = [];
      for (const [k, val] of v.entries) {
        const key = k.k === 'str' ? k : k.k === 'int' || k.k === 'float' || k.k === 'bool' || k.k === 'none' ? { k: 'str' as const, v: pyJsonDumps(k)! } : undefined;
        const value = pyJsonDumps(val);
        if (!key || value === undefined) return undefined;
        parts.push(`${pyJsonDumps(key)}: ${value}`);
      }
      return `{${parts.join(', ')}}`;
    }
    default:
      return undefined;
  }
}

export function makeFlow(target: PyValue | undefined, kwargs: Map<string, PyValue>, offset: number): PyValue {
  if (!target) return unknown('flow()');
  if (target.k === 'flow') return { k: 'flow', flow: { fn: target.flow.fn, kwargs } };
  if (target.k === 'class') {
    const init = constructorOf(target.cls);
    if (!init) return unknown(`the class ${target.cls.name}, whose constructor signature this reader cannot derive (only plain classes are read)`);
    target = init;
  }
  if (target.k !== 'function') {
    if (target.k === 'unknown') return target;
    throw new PyRaise('TypeError', 'flow() expects a function', offset);
  }
  const name = kwargs.get('name');
  if (name && name.k !== 'none' && name.k !== 'unknown') {
    if (name.k !== 'str') throw new PyRaise('TypeError', `Expected string for flow parameter 'name'; got ${name.k} instead.`, offset);
    const bad = /[/%&><]/.exec(name.v);
    if (bad) {
      throw new PyRaise('InvalidNameError', `Name "${name.v}" contains an invalid character "${bad[0]}". Invalid characters: /, %, &, >, <`, offset);
    }
  }
  for (const p of target.fn.params) {
    if (p.name === 'return_state' || p.name === 'wait_for') {
      throw new PyRaise('ReservedArgumentError', `'${p.name}' is a reserved argument name and cannot be used in flow functions.`, offset);
    }
    if (p.name.startsWith('_') && p.kind !== 'varargs' && p.kind !== 'varkw') {
      throw new PyRaise('NameError', `Fields must not use names with leading underscores; e.g., use '${p.name.replace(/^_+/, '')}' instead of '${p.name}'.`, offset);
    }
  }
  return { k: 'flow', flow: target.via ? { fn: target.fn, kwargs, via: target.via } : { fn: target.fn, kwargs } };
}

/**
 * `flow(SomeClass)`: Prefect takes the class as the function, so the parameters are those of
 * `inspect.signature(cls)` (its `__init__` without `self`) and the description is the class's docstring.
 */
function constructorOf(cls: PyClass): PyValue | undefined {
  if (cls.kind !== 'plain') return undefined;
  const init = lookupInit(cls, new Set());
  if (init) return { k: 'function', fn: { ...init, name: cls.name, doc: cls.doc, rawDoc: cls.doc, params: init.params.slice(1) } };
  if (init === undefined || !cls.node || !cls.scope) return undefined;
  const fn: PyFunction = {
    name: cls.name,
    node: cls.node,
    source: cls.scope.module.source,
    isAsync: false,
    params: [],
    doc: cls.doc,
    rawDoc: cls.doc,
    scope: cls.scope,
    stringAnnotations: false,
  };
  return { k: 'function', fn };
}

/** The `__init__` a plain class uses: null for object's, undefined when a base is not a class this reader knows. */
function lookupInit(cls: PyClass, seen: Set<PyClass>): PyFunction | null | undefined {
  if (seen.has(cls)) return undefined;
  seen.add(cls);
  const own = cls.attrs.get('__init__');
  if (own !== undefined) return own.k === 'function' && !own.wrapper ? own.fn : undefined;
  for (const b of cls.bases) {
    if (b.k === 'builtin' && b.name === 'object') continue;
    if (b.k !== 'class' || b.cls.kind !== 'plain') return undefined;
    const found = lookupInit(b.cls, seen);
    if (found !== null) return found;
  }
  return null;
}

/** `Enum("Color", ["RED", "GREEN"])` and its other functional forms; values count from 1. */
export function functionalEnum(name: string, args: PyValue[], kwargs: Map<string, PyValue>): PyValue {
  const clsName = args[0]?.k === 'str' ? args[0].v : undefined;
  const spec = args[1] ?? kwargs.get('names');
  if (!clsName || !spec) return unknown(`${name}(...)`);
  const members: Array<{ name: string; value: PyValue }> = [];
  const strValues = name === 'enum.StrEnum';
  const auto = (n: string, i: number): PyValue => (strValues ? { k: 'str', v: n.toLowerCase() } : { k: 'int', v: i + 1 });
  if (spec.k === 'str')
    spec.v
      .replace(/,/g, ' ')
      .split(/\s+/)
      .filter(Boolean)
      .forEach((n, i) => members.push({ name: n, value: auto(n, i) }));
  else if (spec.k === 'list' || spec.k === 'tuple') {
    spec.items.forEach((it, i) => {
      if (it.k === 'str') members.push({ name: it.v, value: auto(it.v, i) });
      else if ((it.k === 'tuple' || it.k === 'list') && it.items[0]?.k === 'str') members.push({ name: it.items[0].v, value: it.items[1]! });
    });
  } else if (spec.k === 'dict') {
    for (const [k, v] of spec.entries) if (k.k === 'str') members.push({ name: k.v, value: v });
  } else return unknown(`${name}(...)`);
  return {
    k: 'class',
    cls: { name: clsName, kind: 'enum', doc: null, bases: [], fields: [], attrs: new Map(), members, extraForbid: false, scope: null },
  };
}

export function createModel(args: PyValue[], kwargs: Map<string, PyValue>): PyValue {
  const name = args[0]?.k === 'str' ? args[0].v : 'DynamicModel';
  const fields: ClassField[] = [];
  for (const [fname, spec] of kwargs) {
    if (fname.startsWith('__')) continue;
    if (spec.k === 'tuple' && spec.items.length === 2) {
      const f: ClassField = { name: fname, type: spec.items[0]! };
      const d = spec.items[1]!;
      if (d.k !== 'ellipsis') f.default = d;
      fields.push(f);
    } else fields.push({ name: fname, type: { k: 'builtin', name: 'typing.Any' }, default: spec });
  }
  return {
    k: 'class',
    cls: { name, kind: 'model', doc: null, bases: [], fields, attrs: new Map(), members: [], extraForbid: false, scope: null },
  };
}

export function classKind(bases: PyValue[], decorators: PyValue[]): ClassKind {
  if (decorators.some((d) => d.k === 'builtin' && d.name === 'dataclasses.dataclass')) return 'dataclass';
  for (const b of bases) {
    if (b.k === 'builtin') {
      if (/^enum\.(Enum|IntEnum|StrEnum|Flag|IntFlag)$/.test(b.name)) return 'enum';
      if (b.name === 'pydantic.BaseModel' || b.name === 'prefect.BaseModel' || b.name === 'pydantic.RootModel') return 'model';
      if (b.name === 'typing.TypedDict' || b.name === 'typing.TypedDict#stdlib') return 'typeddict';
      if (b.name === 'typing.NamedTuple') return 'namedtuple';
    }
    if (b.k === 'generic' && b.origin === 'pydantic.RootModel') return 'model';
    if (b.k === 'class' && b.cls.kind !== 'plain') return b.cls.kind;
  }
  return 'plain';
}

export function fieldAlias(f: ClassField): string | undefined {
  if (f.default?.k === 'field') {
    const a = f.default.info.kwargs.get('alias');
    if (a?.k === 'str') return a.v;
  }
  return undefined;
}
