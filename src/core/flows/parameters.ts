import type { Interpreter } from './interpreter.js';
import { NotEncodable, encodeDefault, type Json } from './encode.js';
import { parameterDescriptions } from './docstrings.js';
import { PySource, parseExpression } from './pysource.js';
import { Downgrade, UNRESOLVABLE, jsonSchemaExtra, typeSchema, type JsonObject, type SchemaContext } from './schema.js';
import { PyRaise, type ClassField, type FieldInfo, type ParamSpec, type PyClass, type PyFunction, type PyValue, type Scope } from './values.js';

/**
 * Classes of common packages that pydantic describes as any value (`{}`), like every plain class:
 * a parameter typed with them needs no warning.
 */
const PLAIN_FOREIGN_CLASSES = new Set(['pandas.DataFrame', 'pandas.Series', 'numpy.ndarray']);

/** Behaviour that differs between the Prefect/pydantic versions we can reproduce. */
export interface SchemaProfile {
  /** `collections`: Prefect 3.9 (`*args` -> array, `**kw` -> object, optional); `as-annotated`: later Prefect. */
  variadics: 'collections' | 'as-annotated';
  /** pydantic < 2.14 puts a pattern on Decimal's string branch. */
  decimalPattern: boolean;
}

export interface ParameterSchemaResult {
  schema: Record<string, unknown>;
  warnings: string[];
}

/** Prefect's `parameter_schema(flow)` in wire format (`model_dump(exclude_unset=True)`), §4–§9. */
export function parameterSchema(fn: PyFunction, interp: Interpreter, profile: SchemaProfile): ParameterSchemaResult {
  const warnings: string[] = [];
  const types = resolveParameterTypes(fn, interp);
  const docs = parameterDescriptions(fn.doc);
  const definitions = new Map<string, JsonObject>();
  const properties: JsonObject = {};
  const required: string[] = [];

  const where = `${fn.scope.module.file}:${fn.source.position(fn.node.from).line}`;
  fn.params.forEach((p, position) => {
    if (p.name === 'self' || p.name === 'cls') return;
    const variadic = p.kind === 'varargs' || p.kind === 'varkw';
    let type = types.get(p) ?? { k: 'builtin', name: 'typing.Any' };
    let dflt: PyValue | undefined = variadic ? undefined : p.default;
    if (variadic && profile.variadics === 'collections') {
      // Prefect 3.9 describes what the function receives: a tuple of T / a dict of str -> T.
      const item = types.get(p) ?? { k: 'builtin', name: 'typing.Any' };
      type = p.kind === 'varargs' ? { k: 'generic', origin: 'list', args: [item] } : { k: 'generic', origin: 'dict', args: [{ k: 'builtin', name: 'str' }, item] };
      dflt = p.kind === 'varargs' ? { k: 'list', items: [] } : { k: 'dict', entries: [] };
    }
    let fieldInfo: FieldInfo | undefined;
    if (dflt?.k === 'field') {
      fieldInfo = dflt.info;
      dflt = fieldInfo.default;
    }
    if (dflt?.k === 'ellipsis') dflt = undefined;
    // A Field default inside Annotated[...] is used only when the signature gives none.
    if (dflt === undefined && !variadic && !fieldInfo && type.k === 'generic' && type.origin === 'typing.Annotated') {
      for (const m of type.args.slice(1)) if (m.k === 'field' && m.info.default !== undefined) dflt = m.info.default;
    }
    let fragment: JsonObject;
    const scratch: SchemaContext = {
      definitions: new Map(definitions),
      decimalPattern: profile.decimalPattern,
      resolveField: (cls, f) => resolveClassField(cls, f, interp),
      resolveString: (text) => resolveInPydanticNamespace(text, fn.scope, interp),
      onForeignType: (name) => {
        if (!PLAIN_FOREIGN_CLASSES.has(name)) foreign.add(name);
      },
    };
    const foreign = new Set<string>();
    try {
      fragment = typeSchema(type, scratch).schema;
      for (const [k, v] of scratch.definitions) definitions.set(k, v);
    } catch (e) {
      if (!(e instanceof Downgrade)) throw e;
      fragment = {};
    }
    if (foreign.size > 0) {
      warnings.push(
        `${where}: parameter '${p.name}': its type uses ${[...foreign].join(', ')}, from a package this reader cannot read; ` +
          `it is sent as any value ({}), as pydantic describes a plain class, but if that is a pydantic model or a Prefect block ` +
          `Prefect sends its fields instead, and if it is not a class at all Prefect leaves the parameter untyped`,
      );
    }

    // pydantic's construction order; it survives only for parameters named `properties`/`default` (§4.5).
    const prop: JsonObject = { ...fragment };
    if (dflt !== undefined) {
      const e = encodeDefault(dflt);
      if (e instanceof NotEncodable) {
        if (e.runtime) {
          warnings.push(`${where}: parameter '${p.name}': its default (${e.reason}) cannot be evaluated without running Python; it is left out of the schema`);
        }
      } else prop.default = e;
    }
    prop.title = p.name;
    const fieldDescription = fieldInfo?.kwargs.get('description');
    if (fieldDescription?.k === 'str' && fieldDescription.v !== '') prop.description = fieldDescription.v;
    else if (docs.has(p.name)) prop.description = docs.get(p.name)!;
    const extra = fieldInfo ? jsonSchemaExtra(fieldInfo) : undefined;
    if (extra) Object.assign(prop, extra);
    if (!extra || !('position' in extra)) prop.position = position;
    properties[p.name] = prop;
    if (dflt === undefined) required.push(p.name);
  });

  const top: JsonObject = { title: 'Parameters', type: 'object', properties };
  if (required.length) top.required = required;
  if (definitions.size) top.definitions = Object.fromEntries(definitions);
  const sorted = sortSchema(top, null) as JsonObject;
  const out: Record<string, unknown> = { title: sorted.title, type: sorted.type, properties: sorted.properties };
  if (sorted.required) out.required = sorted.required;
  if (sorted.definitions) out.definitions = sorted.definitions;
  return { schema: out, warnings };
}

/**
 * pydantic's recursive key sort (§4.5): keys sorted everywhere except directly under `properties`
 * and `default`; lists inherit the parent key.
 */
export function sortSchema(value: Json, parentKey: string | null): Json {
  if (Array.isArray(value)) return value.map((v) => sortSchema(v, parentKey));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (parentKey !== 'properties' && parentKey !== 'default') keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: JsonObject = {};
  for (const k of keys) out[k] = sortSchema(value[k]!, k);
  return out;
}

/**
 * Annotation values for each parameter, following §9: string annotations are evaluated in the
 * module after it ran; one failure sends every string annotation to pydantic's own namespace.
 */
function resolveParameterTypes(fn: PyFunction, interp: Interpreter): Map<ParamSpec, PyValue> {
  const out = new Map<ParamSpec, PyValue>();
  const stringy: Array<{ p: ParamSpec; text: string }> = [];
  for (const p of fn.params) {
    if (!p.annotation) continue;
    const node = p.annotation.node;
    if (fn.sanitized) {
      // The fallback recompiles under postponed annotations: a quoted annotation becomes a string of
      // a string, whose value is plain text that only pydantic's namespace can resolve.
      const v = p.annotationValue!;
      out.set(p, v.k === 'str' ? resolveInPydanticNamespace(v.v, fn.scope, interp) : v);
      continue;
    }
    if (fn.scope.module.futureAnnotations) {
      stringy.push({ p, text: p.annotation.source.slice(node) });
    } else if (node.name === 'String' || node.name === 'ContinuedString') {
      const v = interp.eval(node, fn.scope);
      stringy.push({ p, text: v.k === 'str' ? v.v : '' });
    } else {
      out.set(p, p.annotationValue ?? { k: 'unknown', why: 'annotation' });
    }
  }
  let poisoned = false;
  const evaluated = new Map<ParamSpec, PyValue>();
  for (const { p, text } of stringy) {
    try {
      evaluated.set(p, evalText(text, fn.scope, interp));
    } catch (e) {
      if (!(e instanceof PyRaise) && !(e instanceof Downgrade)) throw e;
      poisoned = true;
    }
  }
  for (const { p, text } of stringy) {
    if (poisoned) out.set(p, resolveInPydanticNamespace(text, fn.scope, interp));
    else {
      const v = evaluated.get(p)!;
      out.set(p, v.k === 'str' ? resolveInPydanticNamespace(v.v, fn.scope, interp) : v);
    }
  }
  return out;
}

function evalText(text: string, scope: Scope, interp: Interpreter): PyValue {
  const parsed = parseExpression(text);
  if (!parsed) throw new PyRaise('SyntaxError', `invalid annotation ${JSON.stringify(text)}`);
  const child: Scope = { vars: new Map(), parent: scope, module: { ...scope.module, source: parsed.source } };
  return interp.eval(parsed.node, child);
}

const pydanticNamespaces = new WeakMap<Interpreter, Scope>();

/**
 * What pydantic can resolve a bare string annotation against: Python builtins plus the globals of
 * Prefect's v2_schema module (`typing`, `t`, `pydantic`, `inspect`), never the user's module.
 */
export function resolveInPydanticNamespace(text: string, userScope: Scope, interp: Interpreter): PyValue {
  let ns = pydanticNamespaces.get(interp);
  if (!ns) {
    const src = new PySource('');
    ns = interp.newModule('prefect._internal.pydantic.v2_schema', userScope.module.file, src);
    ns.vars.set('typing', { k: 'module', name: 'typing' });
    ns.vars.set('t', { k: 'module', name: 'typing' });
    ns.vars.set('pydantic', { k: 'module', name: 'pydantic' });
    ns.vars.set('inspect', { k: 'module', name: 'inspect' });
    ns.module.boundSomewhere.clear();
    pydanticNamespaces.set(interp, ns);
  }
  // pydantic cannot build a schema from an unresolvable forward reference: Any for this parameter.
  const unresolvable: PyValue = { k: 'builtin', name: UNRESOLVABLE };
  const parsed = parseExpression(text);
  if (!parsed) return unresolvable;
  const child: Scope = { vars: new Map(), parent: ns, module: { ...ns.module, source: parsed.source } };
  try {
    const v = interp.eval(parsed.node, child);
    return v.k === 'unknown' ? unresolvable : v;
  } catch (e) {
    if (e instanceof PyRaise) return unresolvable;
    throw e;
  }
}

function resolveClassField(cls: PyClass, f: ClassField, interp: Interpreter): PyValue {
  if (!cls.scope) return f.type ?? { k: 'builtin', name: 'typing.Any' };
  const scope = cls.scope;
  if (f.type) return resolveNestedStrings(f.type, scope, interp);
  if (!f.annotation) return { k: 'builtin', name: 'typing.Any' };
  const node = f.annotation.node;
  if (node.name === 'String' && !scope.module.futureAnnotations) {
    const v = interp.eval(node, scope);
    return v.k === 'str' ? evalText(v.v, scope, interp) : v;
  }
  const v = f.type ?? interp.eval(node, scope);
  return resolveNestedStrings(v.k === 'str' ? evalText(v.v, scope, interp) : v, scope, interp);
}

/** Model fields resolve forward references (`list["TreeNode"]`) in their own module. */
function resolveNestedStrings(v: PyValue, scope: Scope, interp: Interpreter): PyValue {
  if (v.k === 'generic' && v.origin !== 'typing.Literal') {
    return { ...v, args: v.args.map((a) => (a.k === 'str' ? evalText(a.v, scope, interp) : resolveNestedStrings(a, scope, interp))) };
  }
  return v;
}
