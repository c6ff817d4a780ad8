import { NotEncodable, encodeDefault, type Json } from './encode.js';
import { fieldTitle } from './pyformat.js';
import { truthy, type ClassField, type FieldInfo, type PyClass, type PyValue } from './values.js';

const truthyValue = (v: PyValue): boolean => truthy(v) === true;

export type JsonObject = { [key: string]: Json };

/**
 * pydantic refused the type (Callable, Type[...], ...): Prefect then treats this one parameter as
 * Any (§5 step 9).
 */
export class Downgrade extends Error {}

export interface SchemaContext {
  /** Definitions reachable from the schema, keyed by class name. */
  definitions: Map<string, JsonObject>;
  /** Evaluates a class field's annotation in its module (forward references included). */
  resolveField: (cls: PyClass, field: ClassField) => PyValue;
  /** Resolves a string found inside a type (a nested forward reference). */
  resolveString: (text: string) => PyValue;
  /** pydantic < 2.14 adds a pattern to Decimal's string branch. */
  decimalPattern?: boolean;
  /** Told each type from a package this reader cannot read (rendered `{}`, which may be wrong). */
  onForeignType?: (name: string) => void;
}

export interface Fragment {
  schema: JsonObject;
  /** The schema is a `$ref` (possibly nullable): pydantic then gives model fields no title. */
  refLike: boolean;
}

const SCALARS: Record<string, JsonObject> = {
  str: { type: 'string' },
  'typing.Text': { type: 'string' },
  int: { type: 'integer' },
  float: { type: 'number' },
  bool: { type: 'boolean' },
  bytes: { type: 'string', format: 'binary' },
  bytearray: { type: 'string', format: 'binary' },
  complex: { type: 'string' },
  'datetime.datetime': { type: 'string', format: 'date-time' },
  'prefect.types.DateTime': { type: 'string', format: 'date-time' },
  'pydantic.AwareDatetime': { type: 'string', format: 'date-time' },
  'pydantic.NaiveDatetime': { type: 'string', format: 'date-time' },
  'pydantic.PastDatetime': { type: 'string', format: 'date-time' },
  'pydantic.FutureDatetime': { type: 'string', format: 'date-time' },
  'datetime.date': { type: 'string', format: 'date' },
  'prefect.types.Date': { type: 'string', format: 'date' },
  'pydantic.PastDate': { type: 'string', format: 'date' },
  'pydantic.FutureDate': { type: 'string', format: 'date' },
  'datetime.time': { type: 'string', format: 'time' },
  'datetime.timedelta': { type: 'string', format: 'duration' },
  'prefect.types.Duration': { type: 'string', format: 'duration' },
  'uuid.UUID': { type: 'string', format: 'uuid' },
  'pydantic.UUID1': { type: 'string', format: 'uuid1' },
  'pydantic.UUID3': { type: 'string', format: 'uuid3' },
  'pydantic.UUID4': { type: 'string', format: 'uuid4' },
  'pydantic.UUID5': { type: 'string', format: 'uuid5' },
  'pathlib.Path': { type: 'string', format: 'path' },
  'pathlib.PurePath': { type: 'string', format: 'path' },
  'pathlib.PosixPath': { type: 'string', format: 'path' },
  'pathlib.PurePosixPath': { type: 'string', format: 'path' },
  'pathlib.PureWindowsPath': { type: 'string', format: 'path' },
  'pathlib.WindowsPath': { type: 'string', format: 'path' },
  'prefect.types.PositiveInteger': { type: 'integer', exclusiveMinimum: 0 },
  'prefect.types.NonNegativeInteger': { type: 'integer', minimum: 0 },
  'prefect.types.NonNegativeFloat': { type: 'number', minimum: 0 },
  'prefect.types.PositiveFloat': { type: 'number', exclusiveMinimum: 0 },
  'pydantic.FilePath': { type: 'string', format: 'file-path' },
  'pydantic.DirectoryPath': { type: 'string', format: 'directory-path' },
  'pydantic.NewPath': { type: 'string', format: 'path' },
  'decimal.Decimal': {
    anyOf: [{ type: 'number' }, { type: 'string', pattern: '^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d*$' }],
  },
  're.Pattern': { type: 'string', format: 'regex' },
  'typing.Pattern': { type: 'string', format: 'regex' },
  'ipaddress.IPv4Address': { type: 'string', format: 'ipv4' },
  'ipaddress.IPv6Address': { type: 'string', format: 'ipv6' },
  'ipaddress.IPv4Network': { type: 'string', format: 'ipv4network' },
  'ipaddress.IPv6Network': { type: 'string', format: 'ipv6network' },
  'ipaddress.IPv4Interface': { type: 'string', format: 'ipv4interface' },
  'ipaddress.IPv6Interface': { type: 'string', format: 'ipv6interface' },
  'pydantic.SecretStr': { type: 'string', format: 'password', writeOnly: true },
  'pydantic.SecretBytes': { type: 'string', format: 'password', writeOnly: true },
  'pydantic.HttpUrl': { type: 'string', format: 'uri', minLength: 1, maxLength: 2083 },
  'pydantic.AnyHttpUrl': { type: 'string', format: 'uri', minLength: 1 },
  'pydantic.AnyUrl': { type: 'string', format: 'uri', minLength: 1 },
  'pydantic.PositiveInt': { type: 'integer', exclusiveMinimum: 0 },
  'pydantic.NegativeInt': { type: 'integer', exclusiveMaximum: 0 },
  'pydantic.NonNegativeInt': { type: 'integer', minimum: 0 },
  'pydantic.NonPositiveInt': { type: 'integer', maximum: 0 },
  'pydantic.PositiveFloat': { type: 'number', exclusiveMinimum: 0 },
  'pydantic.NegativeFloat': { type: 'number', exclusiveMaximum: 0 },
  'pydantic.NonNegativeFloat': { type: 'number', minimum: 0 },
  'pydantic.NonPositiveFloat': { type: 'number', maximum: 0 },
  'pydantic.StrictStr': { type: 'string' },
  'pydantic.StrictInt': { type: 'integer' },
  'pydantic.StrictFloat': { type: 'number' },
  'pydantic.StrictBool': { type: 'boolean' },
  'pydantic.StrictBytes': { type: 'string', format: 'binary' },
  'pydantic.Json': { type: 'string', contentMediaType: 'application/json', contentSchema: {} },
};

/**
 * Library classes pydantic renders as definitions, captured from the reference (Prefect 3.9.1,
 * pydantic 2.14). A class missing here renders as `{}`, like any class pydantic does not know.
 */
const KNOWN_DEFINITIONS: Record<string, { ref: string; definitions: JsonObject }> = {
  'prefect.blocks.system.Secret': {
    ref: 'Secret',
    definitions: {
      JsonValue: {},
      Secret: {
        additionalProperties: true,
        block_schema_references: {},
        block_type_slug: 'secret',
        description: 'A block that represents a secret value. The value stored in this block will be obfuscated when this block is viewed or edited in the UI.',
        properties: {
          value: {
            anyOf: [
              { format: 'password', type: 'string', writeOnly: true },
              { title: 'string', type: 'string' },
              { $ref: '#/definitions/JsonValue', title: 'JSON' },
            ],
            description: 'A value that should be kept secret.',
            examples: ['sk-1234567890', { password: 's3cr3t', username: 'johndoe' }],
            format: 'password',
            title: 'Value',
            writeOnly: true,
          },
        },
        required: ['value'],
        secret_fields: ['value', 'value'],
        title: 'Secret',
        type: 'object',
      },
    },
  },
};

const ANY = new Set(['typing.Any', 'object', 'typing_extensions.Any']);
const LISTS = new Set(['list', 'typing.List', 'typing.Sequence', 'typing.MutableSequence', 'typing.Iterable', 'typing.Collection', 'collections.deque', 'typing.Deque']);
const SETS = new Set(['set', 'frozenset', 'typing.Set', 'typing.FrozenSet', 'typing.AbstractSet', 'typing.MutableSet']);
const DICTS = new Set(['dict', 'typing.Dict', 'typing.Mapping', 'typing.MutableMapping', 'typing.OrderedDict', 'typing.DefaultDict', 'typing.Counter']);
const TUPLES = new Set(['tuple', 'typing.Tuple']);
/** Marks a string annotation pydantic could not resolve. */
export const UNRESOLVABLE = '<unresolvable forward reference>';

const REFUSED = new Set([UNRESOLVABLE, 'typing.Callable', 'type', 'typing.Type', 'typing.Awaitable', 'typing.Coroutine', '<lambda>']);

const NULL: JsonObject = { type: 'null' };

/** The JSON schema fragment pydantic produces for a type, registering definitions as it goes. */
export function typeSchema(t: PyValue, ctx: SchemaContext): Fragment {
  const plain = (schema: JsonObject): Fragment => ({ schema, refLike: false });
  switch (t.k) {
    case 'unknown':
      if (t.foreign) ctx.onForeignType?.(t.foreign);
      return plain({});
    case 'none':
      return plain({ ...NULL });
    case 'str':
      return typeSchema(ctx.resolveString(t.v), ctx);
    case 'builtin': {
      if (ANY.has(t.name)) return plain({});
      const known = KNOWN_DEFINITIONS[t.name];
      if (known) {
        for (const [name, def] of Object.entries(known.definitions)) {
          if (!ctx.definitions.has(name)) ctx.definitions.set(name, structuredClone(def) as JsonObject);
        }
        return { schema: { $ref: `#/definitions/${known.ref}` }, refLike: true };
      }
      if (t.name === 'decimal.Decimal' && !ctx.decimalPattern) return plain({ anyOf: [{ type: 'number' }, { type: 'string' }] });
      const s = SCALARS[t.name];
      if (s) return plain(structuredClone(s));
      if (LISTS.has(t.name) || TUPLES.has(t.name)) return plain({ type: 'array', items: {} });
      if (SETS.has(t.name)) return plain({ type: 'array', items: {}, uniqueItems: true });
      if (DICTS.has(t.name)) return plain({ type: 'object', additionalProperties: true });
      if (REFUSED.has(t.name)) throw new Downgrade(t.name);
      return plain({});
    }
    case 'class':
      return classSchema(t.cls, ctx);
    case 'generic':
      return genericSchema(t.origin, t.args, ctx);
    case 'field':
      return plain({});
    default:
      // A value used as a type (e.g. an instance): pydantic cannot build a schema from it.
      throw new Downgrade(`a ${t.k} is not a type`);
  }
}

function genericSchema(origin: string, args: PyValue[], ctx: SchemaContext): Fragment {
  const plain = (schema: JsonObject): Fragment => ({ schema, refLike: false });
  if (origin === 'typing.Union') return unionSchema(args, ctx);
  if (origin === 'typing.Literal') return plain(literalSchema(args));
  if (origin === 'typing.Annotated') {
    for (const meta of args.slice(1)) {
      const d = meta.k === 'field' ? meta.info.kwargs.get('discriminator') : undefined;
      if (d?.k === 'str' && args[0]) {
        const tagged = discriminatedUnion(args[0], d.v, ctx);
        if (tagged) return plain(tagged);
      }
    }
    const inner = typeSchema(args[0] ?? { k: 'builtin', name: 'typing.Any' }, ctx);
    for (const meta of args.slice(1)) if (meta.k === 'field') applyFieldConstraints(inner.schema, meta.info, true);
    return inner;
  }
  if (origin === 'typing.Optional') return unionSchema([args[0]!, { k: 'none' }], ctx);
  const item = (i: number): JsonObject => {
    const a = args[i];
    return a === undefined ? {} : typeSchema(a, ctx).schema;
  };
  if (LISTS.has(origin)) return plain({ type: 'array', items: item(0) });
  if (SETS.has(origin)) return plain({ type: 'array', items: item(0), uniqueItems: true });
  if (DICTS.has(origin)) {
    const value = args[1] === undefined ? {} : item(1);
    const values: Json = Object.keys(value).length === 0 ? true : value;
    // pydantic describes keys only when they are constrained strings or references.
    const keys = args[0] === undefined ? {} : { ...item(0) };
    const out: JsonObject = { type: 'object' };
    const pattern = '$ref' in keys ? undefined : keys.pattern;
    if (!('$ref' in keys)) {
      delete keys.pattern;
      delete keys.title;
    }
    if (typeof pattern === 'string') out.patternProperties = { [pattern]: values };
    else out.additionalProperties = values;
    if ((keys.type === 'string' && Object.keys(keys).length > 1) || '$ref' in keys) {
      delete keys.type;
      out.propertyNames = keys;
    }
    return plain(out);
  }
  if (TUPLES.has(origin)) {
    if (args.length === 2 && args[1]!.k === 'ellipsis') return plain({ type: 'array', items: item(0) });
    if (args.length === 0 || (args.length === 1 && args[0]!.k === 'tuple' && args[0].items.length === 0)) {
      return plain({ type: 'array', maxItems: 0 });
    }
    const prefixItems = args.map((_, i) => item(i));
    return plain({ type: 'array', prefixItems, minItems: args.length, maxItems: args.length });
  }
  if (origin === 'typing.ClassVar' || origin === 'typing.Final' || origin === 'typing.Required' || origin === 'typing.NotRequired') {
    return typeSchema(args[0]!, ctx);
  }
  if (origin === 'pydantic.Json') return plain({ type: 'string', contentMediaType: 'application/json', contentSchema: item(0) });
  if (REFUSED.has(origin)) throw new Downgrade(origin);
  return plain({});
}

/** `Annotated[Union[A, B], Field(discriminator="kind")]`: a tagged union over models. */
function discriminatedUnion(t: PyValue, property: string, ctx: SchemaContext): JsonObject | undefined {
  if (t.k !== 'generic' || t.origin !== 'typing.Union') return undefined;
  const members = t.args;
  if (!members.every((m) => m.k === 'class' && m.cls.kind === 'model')) return undefined;
  const oneOf: Json[] = [];
  const mapping: JsonObject = {};
  for (const m of members) {
    const cls = (m as PyValue & { k: 'class' }).cls;
    const ref = typeSchema(m, ctx).schema;
    oneOf.push(ref);
    const field = cls.fields.find((f) => f.name === property);
    if (!field) return undefined;
    let ft: PyValue;
    try {
      ft = field.type ?? ctx.resolveField(cls, field);
    } catch {
      return undefined;
    }
    if (ft.k !== 'generic' || ft.origin !== 'typing.Literal') return undefined;
    for (const v of ft.args) {
      const e = encodeDefault(v.k === 'member' ? v.value : v);
      if (typeof e === 'string') mapping[e] = ref.$ref as string;
    }
  }
  return { oneOf, discriminator: { propertyName: property, mapping } };
}

function unionSchema(members: PyValue[], ctx: SchemaContext): Fragment {
  const flat: PyValue[] = [];
  const flatten = (v: PyValue): void => {
    if (v.k === 'generic' && (v.origin === 'typing.Union' || v.origin === 'typing.Optional')) {
      if (v.origin === 'typing.Optional') {
        flatten(v.args[0]!);
        flatten({ k: 'none' });
      } else v.args.forEach(flatten);
    } else if (!flat.some((f) => sameType(f, v))) flat.push(v);
  };
  members.forEach(flatten);
  const nullable = flat.some((m) => m.k === 'none');
  const rest = flat.filter((m) => m.k !== 'none');
  if (rest.length === 0) return { schema: { ...NULL }, refLike: false };
  const parts = rest.map((m) => typeSchema(m, ctx));
  let inner: Fragment;
  if (parts.length === 1) inner = parts[0]!;
  else inner = { schema: { anyOf: flattenAnyOf(parts.map((p) => p.schema)) }, refLike: false };
  if (!nullable) return inner;
  return { schema: { anyOf: flattenAnyOf([inner.schema, { ...NULL }]) }, refLike: inner.refLike };
}

function flattenAnyOf(schemas: JsonObject[]): Json[] {
  const out: Json[] = [];
  for (const s of schemas) {
    const keys = Object.keys(s);
    if (keys.length === 1 && keys[0] === 'anyOf' && Array.isArray(s.anyOf)) out.push(...s.anyOf);
    else out.push(s);
  }
  return out;
}

function sameType(a: PyValue, b: PyValue): boolean {
  if (a.k === 'builtin' && b.k === 'builtin') return a.name === b.name;
  if (a.k === 'class' && b.k === 'class') return a.cls === b.cls;
  if (a.k === 'none' && b.k === 'none') return true;
  return false;
}

function literalSchema(args: PyValue[]): JsonObject {
  const values: Json[] = [];
  const types = new Set<string>();
  const add = (v: PyValue): void => {
    if (v.k === 'generic' && v.origin === 'typing.Literal') {
      v.args.forEach(add);
      return;
    }
    const raw = v.k === 'member' ? v.value : v;
    const e = encodeDefault(raw);
    if (e instanceof NotEncodable) return;
    types.add(raw.k === 'int' || raw.k === 'float' || raw.k === 'str' || raw.k === 'bool' || raw.k === 'none' ? raw.k : 'other');
    values.push(e);
  };
  args.forEach(add);
  const out: JsonObject = values.length === 1 ? { const: values[0]! } : { enum: values };
  if (types.size === 1) {
    const only = [...types][0]!;
    const map: Record<string, string> = { str: 'string', int: 'integer', float: 'number', bool: 'boolean', none: 'null' };
    if (map[only]) out.type = map[only];
  }
  return out;
}

/** `Field(...)` constraints inside `Annotated` (kept) — title/description are not (§5 step 7). */
export function applyFieldConstraints(schema: JsonObject, info: FieldInfo, withExamples: boolean): void {
  const target = constraintTarget(schema);
  const type = target.type;
  for (const [key, v] of info.kwargs) {
    const e = encodeDefault(v);
    if (e instanceof NotEncodable) continue;
    switch (key) {
      case 'ge':
        target.minimum = e;
        break;
      case 'gt':
        target.exclusiveMinimum = e;
        break;
      case 'le':
        target.maximum = e;
        break;
      case 'lt':
        target.exclusiveMaximum = e;
        break;
      case 'multiple_of':
        target.multipleOf = e;
        break;
      case 'pattern':
        target.pattern = e;
        break;
      case 'min_length':
        target[type === 'array' ? 'minItems' : type === 'object' ? 'minProperties' : 'minLength'] = e;
        break;
      case 'max_length':
        target[type === 'array' ? 'maxItems' : type === 'object' ? 'maxProperties' : 'maxLength'] = e;
        break;
      case 'examples':
        if (withExamples) schema.examples = e;
        break;
      default:
        break;
    }
  }
}

/** Constraints on `Optional[T]` apply to the `T` member. */
function constraintTarget(schema: JsonObject): JsonObject {
  const any = schema.anyOf;
  if (Array.isArray(any) && any.length === 2) {
    const nonNull = any.filter((s) => !(typeof s === 'object' && s !== null && !Array.isArray(s) && s.type === 'null'));
    if (nonNull.length === 1) return nonNull[0] as JsonObject;
  }
  return schema;
}

export function jsonSchemaExtra(info: FieldInfo): JsonObject | undefined {
  const extra = info.kwargs.get('json_schema_extra');
  if (extra?.k !== 'dict') return undefined;
  const e = encodeDefault(extra);
  return e instanceof NotEncodable || e === null || typeof e !== 'object' || Array.isArray(e) ? undefined : e;
}

// ------------------------------------------------------------------ definitions

function classSchema(cls: PyClass, ctx: SchemaContext): Fragment {
  if (cls.kind === 'plain') return { schema: {}, refLike: false };
  const ref = { schema: { $ref: `#/definitions/${cls.name}` }, refLike: true };
  if (ctx.definitions.has(cls.name)) return ref;
  // Register first so recursive models terminate.
  ctx.definitions.set(cls.name, {});
  ctx.definitions.set(cls.name, cls.kind === 'enum' ? enumDefinition(cls) : modelDefinition(cls, ctx));
  return ref;
}

function enumDefinition(cls: PyClass): JsonObject {
  const values: Json[] = [];
  const types = new Set<string>();
  for (const m of cls.members) {
    const e = encodeDefault(m.value);
    if (e instanceof NotEncodable) continue;
    values.push(e);
    types.add(m.value.k === 'bool' ? 'boolean' : m.value.k === 'int' ? 'integer' : m.value.k === 'float' ? 'number' : m.value.k === 'str' ? 'string' : 'other');
  }
  const def: JsonObject = {};
  if (cls.doc) def.description = cls.doc;
  def.enum = values;
  def.title = cls.name;
  if (types.size === 1 && !types.has('other')) def.type = [...types][0]!;
  return def;
}

function modelDefinition(cls: PyClass, ctx: SchemaContext): JsonObject {
  if (cls.kind === 'namedtuple') {
    const items = cls.fields.map((f) => fieldSchema(cls, f, ctx).schema);
    const required = cls.fields.filter((f) => f.default === undefined).length;
    return { maxItems: items.length, minItems: required, prefixItems: items, type: 'array' };
  }
  if (cls.isRoot) {
    const rootField = cls.fields.find((f) => f.name === 'root');
    let root: PyValue = { k: 'builtin', name: 'typing.Any' };
    try {
      if (rootField) root = ctx.resolveField(cls, rootField);
    } catch {
      // An unresolvable root type renders as anything, like any unresolvable field.
    }
    const def: JsonObject = { ...typeSchema(root, ctx).schema };
    if (cls.doc) def.description = cls.doc;
    def.title = cls.title ?? cls.name;
    return withSchemaExtra(def, cls);
  }
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const f of cls.fields) {
    if (f.name.startsWith('_')) continue;
    const { key, schema, isRequired } = fieldSchema(cls, f, ctx);
    properties[key] = schema;
    if (isRequired) required.push(key);
  }
  const def: JsonObject = {};
  if (cls.extraForbid) def.additionalProperties = false;
  if (cls.doc) def.description = cls.doc;
  def.properties = properties;
  if (required.length) def.required = required;
  def.title = cls.title ?? cls.name;
  def.type = 'object';
  return withSchemaExtra(def, cls);
}

function withSchemaExtra(def: JsonObject, cls: PyClass): JsonObject {
  if (!cls.schemaExtra) return def;
  const extra = encodeDefault(cls.schemaExtra);
  if (extra !== null && typeof extra === 'object' && !Array.isArray(extra)) Object.assign(def, extra);
  return def;
}

function fieldSchema(cls: PyClass, f: ClassField, ctx: SchemaContext): { key: string; schema: JsonObject; isRequired: boolean } {
  let t: PyValue;
  try {
    t = ctx.resolveField(cls, f);
  } catch {
    t = { k: 'unknown', why: 'unresolvable field annotation' };
  }
  const info = f.default?.k === 'field' ? f.default.info : undefined;
  let tdRequired = cls.total !== false;
  if (t.k === 'generic' && (t.origin === 'typing.NotRequired' || t.origin === 'typing.Required')) {
    tdRequired = t.origin === 'typing.Required';
    t = t.args[0]!;
  }
  let annotatedDefault: PyValue | undefined;
  const metas: FieldInfo[] = [];
  while (t.k === 'generic' && t.origin === 'typing.Annotated') {
    for (const m of t.args.slice(1)) {
      if (m.k === 'field') {
        metas.push(m.info);
        if (m.info.default !== undefined) annotatedDefault = m.info.default;
      }
    }
    t = t.args[0]!;
  }
  let frag: Fragment;
  try {
    frag = typeSchema(t, ctx);
  } catch {
    frag = { schema: {}, refLike: false };
  }
  const schema: JsonObject = { ...frag.schema };
  for (const m of metas) applyFieldConstraints(schema, m, true);
  if (info) applyFieldConstraints(schema, info, true);
  const kw = (name: string): PyValue | undefined => info?.kwargs.get(name) ?? metas.find((m) => m.kwargs.has(name))?.kwargs.get(name);
  const alias = kw('alias') ?? kw('validation_alias');
  const key = alias?.k === 'str' ? alias.v : f.name;
  const title = kw('title');
  if (title?.k === 'str') schema.title = title.v;
  else if (!frag.refLike) schema.title = fieldTitle(key);
  const description = kw('description');
  if (description?.k === 'str') schema.description = description.v;
  const deprecated = kw('deprecated');
  if (deprecated && deprecated.k !== 'none' && truthyValue(deprecated)) schema.deprecated = true;
  let dflt: PyValue | undefined;
  let hasFactory = false;
  if (info) {
    dflt = info.default;
    hasFactory = info.hasFactory;
  } else if (f.default !== undefined) dflt = f.default;
  if (dflt === undefined && annotatedDefault !== undefined) dflt = annotatedDefault;
  if (metas.some((m) => m.hasFactory)) hasFactory = true;
  if (dflt !== undefined) {
    const e = encodeDefault(dflt);
    if (!(e instanceof NotEncodable)) schema.default = e;
  }
  const extra = info ? jsonSchemaExtra(info) : undefined;
  if (extra) Object.assign(schema, extra);
  const isRequired = cls.kind === 'typeddict' ? tdRequired : dflt === undefined && !hasFactory;
  return { key, schema, isRequired };
}
