import path from 'node:path';
import type { SyntaxNode } from '@lezer/common';
import { parse as parseYaml } from 'yaml';
import { BUILTIN_NAMES, KNOWN_MODULES, canonicalName, specialAttribute } from './catalogue.js';
import { classKind, constrainedType, createModel, fieldAlias, flowNameValue, functionalEnum, makeFlow, mathCall, pyJsonDumps } from './builtins.js';
import {
  binaryOp,
  complexValue,
  dedent,
  dedupe,
  fromIsoFormat,
  fromJs,
  isTypeLike,
  iterate,
  parseNumber,
  pathAttribute,
  pyEquals,
  pyRepr,
  pyStr,
  setEntry,
  sortValues,
  strMethod,
  tdMicros,
  utf8ToLatin1,
} from './operators.js';
import { collectBoundNames, docstringOf, isAutoCall, isClassVar, rawDocstringOf } from './scan.js';
import { PySource, children, decodeStringToken, decoratorExpression, significant, statements } from './pysource.js';
import {
  NONE,
  PyRaise,
  truthy,
  unknown,
  type ClassField,
  type FieldInfo,
  type ModuleInfo,
  type ParamSpec,
  type PyClass,
  type PyFunction,
  type PyValue,
  type Scope,
} from './values.js';
import { makeStdObject, timedeltaFrom } from './stdobjects.js';

/**
 * How a module is executed:
 * - `import`: like Python importing the file with its dependencies installed; anything this reader
 *   cannot compute becomes `unknown` instead of failing.
 * - `fallback`: Prefect's safe loader (§10.2): a failing statement is skipped, so a name it would have
 *   bound is simply missing (strict NameError).
 */
export type ExecMode = 'import' | 'fallback';

export interface InterpreterOptions {
  isUnavailable: (module: string) => boolean;
  /** Resolves a module to a local .py file (relative to cwd), or null when it is not in the project. */
  resolveLocalModule: (module: string, fromFile: string, level: number) => string | null;
  readLocal: (file: string) => string;
  /** Directory `prefect deploy` runs in; relative paths in the flow file resolve against it. */
  cwd: string;
  /** Minor version of the Python 3 that would run `prefect deploy`. */
  pythonMinor: number;
  /** The environment `prefect deploy` would see (os.environ / os.getenv in the flow file). */
  env: Record<string, string | undefined>;
}

export class Interpreter {
  private depth = 0;

  constructor(
    readonly options: InterpreterOptions,
    readonly mode: ExecMode,
    private readonly moduleCache = new Map<string, PyValue>(),
  ) {}

  newModule(name: string, file: string, source: PySource, packageDepth = 0): Scope {
    const info: ModuleInfo = {
      name,
      file,
      source,
      futureAnnotations: false,
      boundSomewhere: new Set(),
      starImport: false,
      packageDepth,
    };
    collectBoundNames(source, source.top, info.boundSomewhere);
    const vars = new Map<string, PyValue>();
    vars.set('__name__', { k: 'str', v: name });
    const doc = rawDocstringOf(source.top, source);
    vars.set('__doc__', doc === null ? NONE : { k: 'str', v: doc });
    vars.set('__file__', { k: 'str', v: path.resolve(this.options.cwd, file) });
    return { vars, parent: null, module: info };
  }

  /** Things worth telling the user that the static reading assumed (e.g. environment variables). */
  readonly notes: string[] = [];

  readEnv(name: string, fallback: PyValue | undefined, offset: number): PyValue {
    const value = this.options.env[name];
    if (value !== undefined) {
      this.notes.push(`read environment variable ${name} while reading the flow file`);
      return { k: 'str', v: value };
    }
    if (fallback === undefined) throw new PyRaise('KeyError', `'${name}'`, offset);
    this.notes.push(`environment variable ${name} is not set here; used its default`);
    return fallback;
  }

  /** Runs every top-level statement like a Python import would; the first exception propagates. */
  execModule(scope: Scope): void {
    this.execBlock(statements(scope.module.source.top), scope);
  }

  execBlock(stmts: SyntaxNode[], scope: Scope): PyValue | undefined {
    for (const stmt of stmts) {
      const r = this.execStatement(stmt, scope);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  /** Returns a value only for `return` inside function bodies. */
  execStatement(stmt: SyntaxNode, scope: Scope): PyValue | undefined {
    switch (stmt.name) {
      case 'ImportStatement':
        this.execImport(stmt, scope);
        return undefined;
      case 'FunctionDefinition':
      case 'ClassDefinition':
      case 'DecoratedStatement':
        this.execDefinition(stmt, scope);
        return undefined;
      case 'AssignStatement':
        this.execAssign(stmt, scope);
        return undefined;
      case 'RaiseStatement': {
        // A module that raises while importing sends Prefect to its fallback loader.
        if (scope.parent !== null) return unknown('raise in a function body');
        const exc = significant(stmt).find((c) => c.name !== 'raise');
        let type = 'RuntimeError';
        let message = '';
        if (exc?.name === 'CallExpression') {
          const callee = this.evalSafe(exc.firstChild!, scope);
          if (callee.k === 'builtin') type = callee.name.split('.').at(-1)!;
          else if (callee.k === 'class') type = callee.cls.name;
          const arg = exc.getChild('ArgList')?.firstChild?.nextSibling;
          const v = arg ? this.evalSafe(arg, scope) : undefined;
          if (v?.k === 'str') message = v.v;
        } else if (exc) type = scope.module.source.slice(exc);
        throw new PyRaise(type, message, stmt.from);
      }
      case 'UpdateStatement': {
        const [target, op, valueNode] = children(stmt);
        if (target?.name !== 'VariableName' || !op || !valueNode) return undefined;
        const name = scope.module.source.slice(target);
        const current = this.lookup(name, scope, target.from);
        const operand = this.eval(valueNode, scope);
        const opText = scope.module.source.slice(op).slice(0, -1);
        const next = current.k === 'unknown' || operand.k === 'unknown' ? unknown(`${name} ${opText}= ...`) : binaryOp(opText, current, operand);
        scope.vars.set(name, next);
        return undefined;
      }
      case 'ReturnStatement': {
        const e = significant(stmt).filter((c) => c.name !== 'return');
        if (e.length === 0) return NONE;
        return e.length === 1 ? this.eval(e[0], scope) : { k: 'tuple', items: e.map((x) => this.eval(x, scope)) };
      }
      case 'IfStatement':
        return this.execIf(stmt, scope);
      case 'TryStatement':
        return this.execTry(stmt, scope);
      default:
        // Loops, with-blocks, expression statements, etc. are not executed: at module level the names
        // they bind read as unknown; in a function body the call's result becomes unknown.
        if (scope.parent === null || ['PassStatement', 'ExpressionStatement', 'Comment'].includes(stmt.name)) return undefined;
        return unknown(`a ${stmt.name} in a function body`);
    }
  }

  private execIf(stmt: SyntaxNode, scope: Scope): PyValue | undefined {
    const parts = children(stmt);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (p.name === 'if' || p.name === 'elif') {
        const cond = parts[i + 1]!;
        const body = parts[i + 2]!;
        const t = truthy(this.evalSafe(cond, scope));
        if (t === undefined) return scope.parent ? unknown('if with a condition known only at runtime') : undefined;
        if (t) return this.execBlock(statements(body), scope);
        i += 2;
      } else if (p.name === 'else') {
        return this.execBlock(statements(parts[i + 1]!), scope);
      }
    }
    return undefined;
  }

  private execTry(stmt: SyntaxNode, scope: Scope): PyValue | undefined {
    const parts = children(stmt);
    const body = parts.find((p) => p.name === 'Body');
    if (!body) return undefined;
    try {
      return this.execBlock(statements(body), scope);
    } catch (e) {
      if (!(e instanceof PyRaise)) throw e;
      // Run the first handler: flow files use try/except for optional imports.
      const idx = parts.findIndex((p) => p.name === 'except');
      const handler = parts.slice(idx + 1).find((p) => p.name === 'Body');
      if (idx < 0 || !handler) throw e;
      return this.execBlock(statements(handler), scope);
    }
  }

  private evalSafe(node: SyntaxNode, scope: Scope): PyValue {
    try {
      return this.eval(node, scope);
    } catch (e) {
      if (e instanceof PyRaise) return unknown(e.message);
      throw e;
    }
  }

  // ---------------------------------------------------------------- imports

  execImport(stmt: SyntaxNode, scope: Scope): void {
    const parts = children(stmt);
    const source = scope.module.source;
    if (parts[0]?.name === 'from') {
      let level = 0;
      let i = 1;
      const modParts: string[] = [];
      for (; i < parts.length && parts[i]!.name !== 'import'; i++) {
        const p = parts[i]!;
        if (p.name === '.' && modParts.length === 0) level += 1;
        else if (p.name === 'Ellipsis') level += 3;
        else if (p.name === 'VariableName') modParts.push(source.slice(p));
      }
      const modName = modParts.join('.');
      if (modName === '__future__') {
        const names = parts
          .slice(i + 1)
          .filter((p) => p.name === 'VariableName')
          .map((p) => source.slice(p));
        if (names.includes('annotations') && this.mode === 'import') scope.module.futureAnnotations = true;
        return;
      }
      const names: Array<[string, string]> = [];
      const rest = parts.slice(i + 1);
      let star = false;
      for (let j = 0; j < rest.length; j++) {
        const p = rest[j]!;
        if (p.name === '*') star = true;
        if (p.name !== 'VariableName') continue;
        const name = source.slice(p);
        if (rest[j + 1]?.name === 'as') {
          names.push([name, source.slice(rest[j + 2]!)]);
          j += 2;
        } else names.push([name, name]);
      }
      const mod = this.importModule(modName, scope.module, level, stmt.from);
      if (star) {
        if (mod.k === 'module' && mod.ns) {
          const all = mod.ns.get('__all__');
          const listed = all && (all.k === 'list' || all.k === 'tuple') && all.items.every((n) => n.k === 'str') ? all.items.map((n) => (n as { v: string }).v) : null;
          if (listed) {
            for (const name of listed) {
              const v = mod.ns.get(name);
              if (v === undefined) throw new PyRaise('AttributeError', `module '${modName}' has no attribute '${name}'`, stmt.from);
              scope.vars.set(name, v);
            }
          } else for (const [k, v] of mod.ns) if (!k.startsWith('_')) scope.vars.set(k, v);
        } else scope.module.starImport = true;
        return;
      }
      const bound: Array<[string, PyValue]> = [];
      for (const [name, as] of names) {
        let v = this.getAttr(mod, name, stmt.from);
        if (mod.k === 'module' && mod.ns && !mod.ns.has(name)) {
          // `from pkg import submodule`
          const sub = this.tryImportSubmodule(`${modName}`, name, scope.module, level);
          if (sub) v = sub;
          else if (this.mode === 'fallback' || mod.ns) {
            throw new PyRaise('ImportError', `cannot import name '${name}' from '${modName}'`, stmt.from);
          }
        }
        bound.push([as, v]);
      }
      for (const [as, v] of bound) scope.vars.set(as, v);
      return;
    }
    // import a.b.c [as x], d
    let i = 1;
    while (i < parts.length) {
      const dotted: string[] = [];
      while (i < parts.length && parts[i]!.name !== ',' && parts[i]!.name !== 'as') {
        if (parts[i]!.name === 'VariableName') dotted.push(source.slice(parts[i]!));
        i++;
      }
      let alias: string | undefined;
      if (parts[i]?.name === 'as') {
        alias = source.slice(parts[i + 1]!);
        i += 2;
      }
      i++;
      const full = dotted.join('.');
      const mod = this.importModule(full, scope.module, 0, stmt.from);
      if (alias !== undefined) scope.vars.set(alias, mod);
      else {
        // `import a.b` binds `a`; the catalogue answers `a.b.x` attribute chains by name.
        const top = dotted[0]!;
        scope.vars.set(top, dotted.length === 1 ? mod : this.importModule(top, scope.module, 0, stmt.from));
      }
    }
  }

  private tryImportSubmodule(pkg: string, name: string, from: ModuleInfo, level: number): PyValue | null {
    const full = pkg ? `${pkg}.${name}` : name;
    const file = this.options.resolveLocalModule(full, from.file, level);
    return file ? this.importModule(full, from, level, 0) : null;
  }

  importModule(name: string, from: ModuleInfo, level: number, offset: number): PyValue {
    if (level === 0 && this.options.isUnavailable(name)) {
      throw new PyRaise('ModuleNotFoundError', `No module named '${name.split('.')[0]}'`, offset);
    }
    if (level > from.packageDepth) {
      throw new PyRaise(
        'ImportError',
        from.packageDepth === 0 ? 'attempted relative import with no known parent package' : 'attempted relative import beyond top-level package',
        offset,
      );
    }
    const localFile = this.options.resolveLocalModule(name, from.file, level);
    if (localFile) {
      const cached = this.moduleCache.get(localFile);
      if (cached) return cached;
      const placeholder: PyValue = { k: 'module', name, ns: new Map() };
      this.moduleCache.set(localFile, placeholder);
      const src = new PySource(this.options.readLocal(localFile));
      const parts = name ? name.split('.').length : 0;
      const isPackage = localFile.endsWith('__init__.py') ? 1 : 0;
      const depth = level === 0 ? parts - 1 + isPackage : from.packageDepth - (level - 1) + parts - 1 + isPackage;
      // Other project modules are imported normally even when the flow file itself needs the fallback.
      const importer = this.mode === 'import' ? this : new Interpreter(this.options, 'import', this.moduleCache);
      const modScope = importer.newModule(name, localFile, src, Math.max(0, depth));
      try {
        if (src.parseErrors().fatal) throw new PyRaise('SyntaxError', `invalid syntax in ${localFile}`, offset);
        importer.execModule(modScope);
      } catch (e) {
        this.moduleCache.delete(localFile);
        // Positions are reported in the flow file: point at the import that failed.
        throw e instanceof PyRaise ? new PyRaise(e.pyType, e.pyMessage, offset) : e;
      }
      placeholder.ns = modScope.vars;
      return placeholder;
    }
    if (level > 0) {
      if (this.mode === 'fallback') throw new PyRaise('ImportError', 'attempted relative import with no known parent package', offset);
      return { k: 'module', name: `.${name}` };
    }
    return { k: 'module', name };
  }

  // ---------------------------------------------------------------- definitions

  execDefinition(stmt: SyntaxNode, scope: Scope): void {
    let decorators: SyntaxNode[] = [];
    let def = stmt;
    if (stmt.name === 'DecoratedStatement') {
      decorators = children(stmt).filter((c) => c.name === 'Decorator');
      def = children(stmt).find((c) => c.name === 'FunctionDefinition' || c.name === 'ClassDefinition')!;
      if (!def) return;
    }
    // Decorators are evaluated before the definition, then applied bottom-up.
    const decoValues = decorators.map((d) => this.evalDecorator(d, scope));
    let value: PyValue = def.name === 'ClassDefinition' ? this.makeClass(def, scope, decoValues) : this.makeFunction(def, scope);
    for (let i = decoValues.length - 1; i >= 0; i--) value = this.applyDecorator(decoValues[i]!, value, decorators[i]!);
    const nameNode = def.getChild('VariableName');
    if (nameNode) scope.vars.set(scope.module.source.slice(nameNode), value);
  }

  evalDecorator(deco: SyntaxNode, scope: Scope): PyValue {
    const parts = children(deco).filter((c) => c.name !== 'At');
    const src = scope.module.source;
    if (parts.some((p) => p.type.isError)) {
      const parsed = decoratorExpression(src, deco);
      if (!parsed) return unknown('a decorator this reader cannot parse');
      return this.eval(parsed.node, { vars: new Map(), parent: scope, module: { ...scope.module, source: parsed.source } });
    }
    // `@a.b.c(args)` is flattened by lezer into names, dots and an ArgList.
    let v: PyValue | undefined;
    for (const p of parts) {
      if (p.name === 'VariableName' || p.name === 'PropertyName') {
        v = v === undefined ? this.lookup(src.slice(p), scope, p.from) : this.getAttr(v, src.slice(p), p.from);
      } else if (p.name === 'ArgList') {
        v = this.call(v!, p, scope);
      } else if (p.name !== '.') {
        v = this.eval(p, scope);
      }
    }
    return v ?? unknown('empty decorator');
  }

  applyDecorator(deco: PyValue, target: PyValue, at: SyntaxNode): PyValue {
    return this.callValue(deco, [target], new Map(), at.from);
  }

  makeFunction(def: SyntaxNode, scope: Scope, opts: { sanitize?: boolean } = {}): PyValue {
    const src = scope.module.source;
    const isAsync = def.firstChild?.name === 'async';
    const name = src.slice(def.getChild('VariableName')!);
    const params = this.readParams(def.getChild('ParamList')!, scope, opts.sanitize === true);
    const body = def.getChild('Body');
    const fn: PyFunction = {
      name,
      node: def,
      source: src,
      isAsync,
      params,
      doc: body ? docstringOf(body, src) : null,
      rawDoc: body ? rawDocstringOf(body, src) : null,
      scope,
      stringAnnotations: scope.module.futureAnnotations || opts.sanitize === true,
    };
    if (opts.sanitize) fn.sanitized = true;
    return { k: 'function', fn };
  }

  private readParams(list: SyntaxNode, scope: Scope, sanitize: boolean): ParamSpec[] {
    const src = scope.module.source;
    const out: ParamSpec[] = [];
    let kind: ParamSpec['kind'] = 'positional';
    let pendingStar: '*' | '**' | null = null;
    const parts = children(list);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (p.name === '*' || p.name === '**') {
        pendingStar = p.name;
        // A bare `*` marks the start of keyword-only parameters.
        if (p.name === '*' && parts[i + 1]?.name !== 'VariableName') {
          kind = 'kwonly';
          pendingStar = null;
        }
        continue;
      }
      if (p.name !== 'VariableName') continue;
      const param: ParamSpec = {
        name: src.slice(p),
        kind: pendingStar === '*' ? 'varargs' : pendingStar === '**' ? 'varkw' : kind,
      };
      if (pendingStar === '*') kind = 'kwonly';
      pendingStar = null;
      if (parts[i + 1]?.name === 'TypeDef') {
        const typeNode = significant(parts[i + 1]!)[0];
        if (typeNode) param.annotation = { node: typeNode, source: src };
        i += 1;
      }
      if (parts[i + 1]?.name === 'AssignOp') {
        param.defaultNode = parts[i + 2]!;
        i += 2;
      }
      out.push(param);
    }
    for (const param of out) {
      if (sanitize) {
        this.sanitizeParam(param, scope);
        continue;
      }
      if (param.defaultNode) param.default = this.eval(param.defaultNode, scope);
      // Without postponed evaluation Python evaluates annotations when the `def` runs.
      if (param.annotation && !scope.module.futureAnnotations && param.annotation.node.name !== 'String') {
        param.annotationValue = this.eval(param.annotation.node, scope);
      }
    }
    return out;
  }

  /** §10.4 steps 1–3: failing annotations are dropped, failing defaults become None. */
  private sanitizeParam(param: ParamSpec, scope: Scope): void {
    if (param.annotation) {
      try {
        param.annotationValue = this.eval(param.annotation.node, scope);
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        delete param.annotation;
        delete param.annotationValue;
      }
    }
    if (param.defaultNode) {
      try {
        param.default = this.eval(param.defaultNode, scope);
      } catch (e) {
        if (!(e instanceof PyRaise)) throw e;
        param.default = NONE;
      }
    } else if (param.kind === 'kwonly') {
      param.default = NONE;
    }
  }

  private makeClass(def: SyntaxNode, scope: Scope, decorators: PyValue[]): PyValue {
    const src = scope.module.source;
    const name = src.slice(def.getChild('VariableName')!);
    const bases: PyValue[] = [];
    const argList = def.getChild('ArgList');
    let totalKw: boolean | undefined;
    if (argList) {
      const parts = children(argList);
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i]!;
        if (p.name === 'VariableName' && parts[i + 1]?.name === 'AssignOp') {
          const kwValue = this.eval(parts[i + 2], scope);
          if (src.slice(p) === 'total' && kwValue.k === 'bool') totalKw = kwValue.v;
          i += 2;
          continue;
        }
        if (['(', ')', ','].includes(p.name)) continue;
        bases.push(this.eval(p, scope));
      }
    }
    const kind = classKind(bases, decorators);
    const cls: PyClass = {
      name,
      kind,
      doc: null,
      bases,
      fields: [],
      attrs: new Map(),
      members: [],
      extraForbid: false,
      scope,
      node: def,
    };
    if (totalKw !== undefined) cls.total = totalKw;
    if (bases.some((b) => (b.k === 'builtin' && b.name === 'typing.TypedDict#stdlib') || (b.k === 'class' && b.cls.stdlibTypedDict))) {
      cls.stdlibTypedDict = true;
    }
    const strEnum = bases.some((b) => b.k === 'builtin' && b.name === 'enum.StrEnum');
    for (const b of bases) {
      if (b.k === 'class') {
        if (b.cls.kind !== 'enum') cls.fields.push(...b.cls.fields);
        if (b.cls.extraForbid) cls.extraForbid = true;
        if (b.cls.schemaExtra) cls.schemaExtra = b.cls.schemaExtra;
        if (b.cls.isRoot) cls.isRoot = true;
      }
      if ((b.k === 'builtin' && b.name === 'pydantic.RootModel') || (b.k === 'generic' && b.origin === 'pydantic.RootModel')) {
        cls.isRoot = true;
        if (b.k === 'generic' && b.args[0]) cls.fields.push({ name: 'root', type: b.args[0] });
      }
    }
    const body = def.getChild('Body');
    if (body) {
      cls.doc = docstringOf(body, src);
      const classScope: Scope = { vars: new Map(), parent: scope, module: scope.module, isClass: true };
      let autoValue = 0;
      for (const stmt of statements(body)) {
        if (stmt.name === 'AssignStatement') {
          const parts = children(stmt);
          const target = parts[0]!;
          const typeDef = parts[1]?.name === 'TypeDef' ? parts[1] : undefined;
          const valueNode = parts.find((c, idx) => idx > 0 && parts[idx - 1]!.name === 'AssignOp' && c.name !== 'AssignOp');
          if (target.name !== 'VariableName') continue;
          const fname = src.slice(target);
          let value: PyValue | undefined;
          if (valueNode) {
            if (kind === 'enum' && isAutoCall(valueNode, src)) {
              autoValue += 1;
              // StrEnum's auto() is the lower-cased member name.
              value = strEnum ? { k: 'str', v: fname.toLowerCase() } : { k: 'int', v: autoValue };
            } else value = this.evalSafe(valueNode, classScope);
            classScope.vars.set(fname, value);
          }
          if (typeDef) {
            const annNode = significant(typeDef)[0]!;
            if (isClassVar(annNode, src)) {
              if (value) cls.attrs.set(fname, value);
              continue;
            }
            const field: ClassField = { name: fname, annotation: { node: annNode, source: src } };
            // Class-body annotations run with the class statement unless postponed; a missing name fails the class.
            if (!scope.module.futureAnnotations && annNode.name !== 'String') {
              const t = this.eval(annNode, scope);
              if (t.k !== 'str') field.type = t;
            }
            if (value !== undefined) field.default = value;
            const existing = cls.fields.findIndex((f) => f.name === fname);
            if (existing >= 0) cls.fields[existing] = field;
            else cls.fields.push(field);
          } else if (value !== undefined) {
            if (kind === 'enum' && !fname.startsWith('_')) {
              if (value.k === 'int') autoValue = value.v;
              cls.members.push({ name: fname, value });
            } else cls.attrs.set(fname, value);
            if (fname === 'model_config' && value.k === 'dict') {
              for (const [key, v] of value.entries) {
                if (key.k === 'str' && key.v === 'extra' && v.k === 'str') cls.extraForbid = v.v === 'forbid';
                if (key.k === 'str' && key.v === 'title' && v.k === 'str') cls.title = v.v;
                if (key.k === 'str' && key.v === 'json_schema_extra' && v.k === 'dict') cls.schemaExtra = v;
              }
            }
          }
        } else if (['FunctionDefinition', 'DecoratedStatement', 'ClassDefinition'].includes(stmt.name)) {
          this.execDefinition(stmt, classScope);
          for (const [k, v] of classScope.vars) if (!cls.attrs.has(k) && v.k !== 'int') cls.attrs.set(k, v);
        }
      }
      for (const [k, v] of classScope.vars) if (!cls.attrs.has(k)) cls.attrs.set(k, v);
    }
    return { k: 'class', cls };
  }

  // ---------------------------------------------------------------- assignments

  private execAssign(stmt: SyntaxNode, scope: Scope): void {
    const parts = children(stmt);
    // Split into `target = target = value` groups at AssignOp; TypeDef marks an annotated assignment.
    const groups: SyntaxNode[][] = [[]];
    for (const p of parts) {
      if (p.name === 'AssignOp') groups.push([]);
      else if (p.name !== ',' && p.name !== 'TypeDef') groups[groups.length - 1]!.push(p);
    }
    if (groups.length < 2) return;
    const valueNodes = groups[groups.length - 1]!;
    const value: PyValue = valueNodes.length === 1 ? this.eval(valueNodes[0], scope) : { k: 'tuple', items: valueNodes.map((n) => this.eval(n, scope)) };
    for (const targets of groups.slice(0, -1)) this.assignTargets(targets, value, scope);
  }

  private assignTargets(targets: SyntaxNode[], value: PyValue, scope: Scope): void {
    const src = scope.module.source;
    if (targets.length === 1) {
      const t = targets[0]!;
      if (t.name === 'VariableName') scope.vars.set(src.slice(t), value);
      else if (t.name === 'TupleExpression' || t.name === 'ArrayExpression' || t.name === 'ParenthesizedExpression') {
        this.assignTargets(significant(t), value, scope);
      }
      return;
    }
    const items = value.k === 'tuple' || value.k === 'list' ? value.items : null;
    targets.forEach((t, i) => {
      const v = items && items.length === targets.length ? items[i]! : unknown('unpacked value');
      this.assignTargets([t], v, scope);
    });
  }

  // ---------------------------------------------------------------- expressions

  lookup(name: string, scope: Scope, offset: number): PyValue {
    for (let s: Scope | null = scope; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined) return v;
    }
    if (BUILTIN_NAMES.has(name)) {
      if (name === '__name__') return { k: 'str', v: scope.module.name };
      return { k: 'builtin', name };
    }
    if (this.mode === 'import' && (scope.module.boundSomewhere.has(name) || scope.module.starImport)) {
      return unknown(`${name} is bound by a statement evaluated only at runtime`);
    }
    throw new PyRaise('NameError', `name '${name}' is not defined`, offset);
  }

  eval(node: SyntaxNode | undefined, scope: Scope): PyValue {
    // Lezer recovers from what it cannot parse inside function bodies with partial trees.
    if (!node || node.type.isError) return unknown('an expression this reader cannot parse');
    if (++this.depth > 200) {
      this.depth--;
      return unknown('expression too deep');
    }
    try {
      return this.evalInner(node, scope);
    } finally {
      this.depth--;
    }
  }

  private evalInner(node: SyntaxNode, scope: Scope): PyValue {
    const src = scope.module.source;
    switch (node.name) {
      case 'VariableName':
        return this.lookup(src.slice(node), scope, node.from);
      case 'Number':
        return parseNumber(src.slice(node));
      case 'String': {
        const lit = decodeStringToken(src.slice(node));
        // Bytes literals are ASCII plus escapes, so each decoded char is already one byte.
        return lit.bytes ? { k: 'bytes', v: lit.value } : { k: 'str', v: lit.value };
      }
      case 'ContinuedString': {
        const parts = children(node).map((c) => this.eval(c, scope));
        if (parts.some((p) => p.k === 'unknown')) return unknown('f-string');
        const isBytes = parts[0]?.k === 'bytes';
        const text = parts.map((p) => (p.k === 'str' || p.k === 'bytes' ? p.v : '')).join('');
        return isBytes ? { k: 'bytes', v: text } : { k: 'str', v: text };
      }
      case 'FormatString':
        return this.evalFString(node, scope);
      case 'Boolean':
        return { k: 'bool', v: src.slice(node) === 'True' };
      case 'None':
        return NONE;
      case 'Ellipsis':
        return { k: 'ellipsis' };
      case 'ParenthesizedExpression': {
        const inner = significant(node);
        return inner.length === 1 ? this.eval(inner[0], scope) : unknown('generator expression');
      }
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'SetExpression': {
        const kind = node.name === 'TupleExpression' ? 'tuple' : node.name === 'ArrayExpression' ? 'list' : 'set';
        const items: PyValue[] = [];
        const parts = significant(node);
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i]!;
          if (p.name === '*') {
            const spread = this.eval(parts[++i], scope);
            if (spread.k === 'list' || spread.k === 'tuple' || spread.k === 'set') items.push(...spread.items);
            else return unknown('spread of a non-literal');
          } else items.push(this.eval(p, scope));
        }
        return { k: kind, items: kind === 'set' ? dedupe(items) : items };
      }
      case 'DictionaryExpression': {
        const entries: Array<[PyValue, PyValue]> = [];
        const parts = children(node).filter((c) => !['{', '}', ','].includes(c.name));
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i]!;
          if (p.name === '**') {
            const spread = this.eval(parts[++i], scope);
            if (spread.k !== 'dict') return unknown('dict spread of a non-literal');
            for (const e of spread.entries) setEntry(entries, e[0], e[1]);
            continue;
          }
          const key = this.eval(p, scope);
          // parts[i+1] is ':'
          const val = this.eval(parts[i + 2], scope);
          i += 2;
          setEntry(entries, key, val);
        }
        return { k: 'dict', entries };
      }
      case 'UnaryExpression': {
        const [opNode, operand] = children(node);
        const op = src.slice(opNode!);
        const v = this.eval(operand, scope);
        if (op === 'not') {
          const t = truthy(v);
          return t === undefined ? unknown('not of unknown') : { k: 'bool', v: !t };
        }
        if (v.k === 'int' || v.k === 'float') {
          // Python ints have no negative zero.
          if (op === '-') return { k: v.k, v: v.k === 'int' ? 0 - v.v : -v.v };
          if (op === '+') return v;
          if (op === '~' && v.k === 'int') return { k: 'int', v: ~v.v };
        }
        if (v.k === 'bool' && op === '-') return { k: 'int', v: v.v ? -1 : 0 };
        if (v.k === 'object' && v.type === 'timedelta' && op === '-') return timedeltaFrom(-tdMicros(v));
        return unknown(`unary ${op}`);
      }
      case 'BinaryExpression':
        return this.evalBinary(node, scope);
      case 'ConditionalExpression': {
        const parts = significant(node).filter((c) => c.name !== 'if' && c.name !== 'else');
        const t = truthy(this.eval(parts[1], scope));
        if (t === undefined) return unknown('conditional expression');
        return this.eval(t ? parts[0]! : parts[2]!, scope);
      }
      case 'MemberExpression':
        return this.evalMember(node, scope);
      case 'CallExpression': {
        const callee = this.eval(node.firstChild!, scope);
        return this.call(callee, node.getChild('ArgList')!, scope);
      }
      case 'ArrayComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'DictionaryComprehensionExpression':
        return this.evalComprehension(node, scope);
      case 'LambdaExpression': {
        const params = this.readParams(node.getChild('ParamList')!, scope, false);
        const body = significant(node)
          .filter((c) => c.name !== 'lambda' && c.name !== 'ParamList')
          .at(-1);
        if (!body) return { k: 'builtin', name: '<lambda>' };
        const fn: PyFunction = {
          name: '<lambda>',
          node,
          source: src,
          isAsync: false,
          params,
          doc: null,
          scope,
          stringAnnotations: false,
          lambdaBody: body,
        };
        return { k: 'function', fn };
      }
      default:
        return unknown(`${node.name} expression`);
    }
  }

  /** List/set/dict comprehensions over values known statically. */
  private evalComprehension(node: SyntaxNode, scope: Scope): PyValue {
    const parts = children(node).slice(1, -1);
    const forIdx = parts.findIndex((p) => p.name === 'for');
    if (forIdx < 0) return unknown('comprehension');
    const head = parts.slice(0, forIdx).filter((p) => p.name !== ':');
    type Clause = { kind: 'for'; targets: SyntaxNode[]; iter: SyntaxNode } | { kind: 'if'; cond: SyntaxNode };
    const clauses: Clause[] = [];
    for (let i = forIdx; i < parts.length; i++) {
      const p = parts[i]!;
      if (p.name === 'for') {
        const inIdx = parts.findIndex((q, j) => j > i && q.name === 'in');
        if (inIdx < 0) return unknown('comprehension');
        clauses.push({ kind: 'for', targets: parts.slice(i + 1, inIdx).filter((q) => q.name !== ','), iter: parts[inIdx + 1]! });
        i = inIdx + 1;
      } else if (p.name === 'if') {
        clauses.push({ kind: 'if', cond: parts[i + 1]! });
        i += 1;
      } else if (p.name === 'async') return unknown('async comprehension');
    }
    const results: PyValue[][] = [];
    const run = (ci: number, local: Scope): boolean => {
      if (ci === clauses.length) {
        results.push(head.map((h) => this.eval(h, local)));
        return true;
      }
      const c = clauses[ci]!;
      if (c.kind === 'if') {
        const t = truthy(this.eval(c.cond, local));
        if (t === undefined) return false;
        return t ? run(ci + 1, local) : true;
      }
      const iter = this.eval(c.iter, local);
      const items = iterate(iter);
      if (!items) return false;
      for (const item of items) {
        const inner: Scope = { vars: new Map(local.vars), parent: local.parent, module: local.module };
        this.assignTargets(c.targets, item, inner);
        if (!run(ci + 1, inner)) return false;
      }
      return true;
    };
    if (!run(0, { vars: new Map(), parent: scope, module: scope.module })) return unknown('comprehension over runtime values');
    if (node.name === 'DictionaryComprehensionExpression') {
      const entries: Array<[PyValue, PyValue]> = [];
      for (const [k, v] of results) setEntry(entries, k!, v!);
      return { k: 'dict', entries };
    }
    const items = results.map((r) => r[0]!);
    return node.name === 'SetComprehensionExpression' ? { k: 'set', items: dedupe(items) } : { k: 'list', items };
  }

  private evalFString(node: SyntaxNode, scope: Scope): PyValue {
    const src = scope.module.source;
    const token = src.slice(node);
    const m = /^([A-Za-z]*)('''|"""|'|")/.exec(token)!;
    const raw = m[1]!.toLowerCase().includes('r');
    let out = '';
    let pos = node.from + m[0].length;
    const end = node.to - m[2]!.length;
    const literal = (a: number, b: number): string => {
      const text = src.text.slice(a, b).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      return raw ? text : decodeStringToken(`"${text.replace(/"/g, '\\"')}"`).value;
    };
    for (const rep of children(node).filter((c) => c.name === 'FormatReplacement')) {
      out += literal(pos, rep.from);
      const exprs = children(rep).filter((c) => !['{', '}', 'FormatConversion', 'FormatSpec', '='].includes(c.name));
      const spec = rep.getChild('FormatSpec');
      const conv = rep.getChild('FormatConversion');
      if (exprs.length !== 1 || (spec && src.slice(spec) !== ':')) return unknown('formatted f-string field');
      const v = this.eval(exprs[0], scope);
      const s = conv && src.slice(conv) === '!r' ? pyRepr(v) : pyStr(v);
      if (s === undefined) return unknown('f-string over a runtime value');
      out += s;
      pos = rep.to;
    }
    out += literal(pos, end);
    return { k: 'str', v: out };
  }

  private evalBinary(node: SyntaxNode, scope: Scope): PyValue {
    const src = scope.module.source;
    const parts = children(node);
    const left = parts[0]!;
    const right = parts[parts.length - 1]!;
    const op = parts
      .slice(1, -1)
      .map((p) => src.slice(p))
      .join(' ');
    const a = this.eval(left, scope);
    if (op === 'and' || op === 'or') {
      const t = truthy(a);
      if (t === undefined) return unknown(op);
      if (op === 'and') return t ? this.eval(right, scope) : a;
      return t ? a : this.eval(right, scope);
    }
    const b = this.eval(right, scope);
    if (op === '|' && isTypeLike(a) && isTypeLike(b)) return { k: 'generic', origin: 'typing.Union', args: [a, b] };
    if (a.k === 'unknown' || b.k === 'unknown') return unknown(`${op} over a runtime value`);
    return binaryOp(op, a, b);
  }

  private evalMember(node: SyntaxNode, scope: Scope): PyValue {
    const src = scope.module.source;
    const parts = children(node);
    const obj = this.eval(parts[0], scope);
    if (parts[1]?.name === '.') return this.getAttr(obj, src.slice(parts[2]!), parts[2]!.from);
    // Subscript: everything between the brackets.
    const inner = parts.slice(2, -1);
    if (inner.some((p) => p.name === ':')) return unknown('slice');
    const argNodes = inner.filter((p) => p.name !== ',');
    const args = argNodes.map((a) => this.eval(a, scope));
    return this.subscript(
      obj,
      args,
      inner.some((p) => p.name === ','),
      node.from,
    );
  }

  subscript(obj: PyValue, args: PyValue[], multi: boolean, offset = 0): PyValue {
    if (obj.k === 'unknown') return obj;
    if (obj.k === 'builtin' && obj.name === 'os.environ') {
      return args[0]?.k === 'str' ? this.readEnv(args[0].v, undefined, offset) : unknown('os.environ[...]');
    }
    if (obj.k === 'builtin' || (obj.k === 'class' && ['typeddict', 'model', 'plain'].includes(obj.cls.kind))) {
      const origin = obj.k === 'builtin' ? obj.name : obj.cls.name;
      if (obj.k === 'class') return obj;
      // `Tuple[()]` and `Literal[("a", "b")]` arrive as one tuple argument.
      const flat = !multi && args.length === 1 && args[0]!.k === 'tuple' && origin !== 'typing.Literal' ? args[0].items : args;
      if (origin === 'typing.Optional') return { k: 'generic', origin: 'typing.Union', args: [flat[0]!, NONE] };
      return { k: 'generic', origin, args: flat };
    }
    if (obj.k === 'generic') return obj;
    const key = multi ? ({ k: 'tuple', items: args } as PyValue) : args[0]!;
    if ((obj.k === 'list' || obj.k === 'tuple') && key.k === 'int') {
      const idx = key.v < 0 ? obj.items.length + key.v : key.v;
      const v = obj.items[idx];
      if (v === undefined) throw new PyRaise('IndexError', 'index out of range');
      return v;
    }
    if (obj.k === 'dict') {
      const e = obj.entries.find(([k]) => pyEquals(k, key));
      if (!e) throw new PyRaise('KeyError', pyRepr(key) ?? '?');
      return e[1];
    }
    if (obj.k === 'class' && obj.cls.kind === 'enum' && key.k === 'str') {
      const m = obj.cls.members.find((x) => x.name === key.v);
      if (m) return { k: 'member', cls: obj.cls, name: m.name, value: m.value };
    }
    return unknown('subscript');
  }

  getAttr(obj: PyValue, attr: string, offset: number): PyValue {
    switch (obj.k) {
      case 'unknown':
        return obj;
      case 'module': {
        if (attr === '__name__') return { k: 'str', v: obj.name };
        if (obj.name === 'sys' && attr === 'version_info') {
          return {
            k: 'tuple',
            items: [
              { k: 'int', v: 3 },
              { k: 'int', v: this.options.pythonMinor },
              { k: 'int', v: 0 },
            ],
          };
        }
        if (obj.ns) return obj.ns.get(attr) ?? unknown(`${obj.name}.${attr}`);
        const full = `${obj.name}.${attr}`;
        const special = specialAttribute(full);
        if (special) return special;
        // pydantic tells typing.TypedDict from typing_extensions.TypedDict, so keep them apart.
        if (full === 'typing.TypedDict') return { k: 'builtin', name: 'typing.TypedDict#stdlib' };
        if (isKnownModule(obj.name)) {
          if (KNOWN_MODULES.has(full)) return { k: 'module', name: full };
          if (this.options.isUnavailable(full)) throw new PyRaise('ModuleNotFoundError', `No module named '${full}'`, offset);
          return { k: 'builtin', name: canonicalName(obj.name, attr) };
        }
        return { k: 'unknown', why: `${full} (from a module this reader does not know)`, foreign: full };
      }
      case 'builtin': {
        const special = specialAttribute(`${obj.name}.${attr}`);
        if (special) return special;
        return { k: 'builtin', name: `${obj.name}.${attr}` };
      }
      case 'class': {
        if (obj.cls.kind === 'enum') {
          const m = obj.cls.members.find((x) => x.name === attr);
          if (m) return { k: 'member', cls: obj.cls, name: m.name, value: m.value };
        }
        const v = obj.cls.attrs.get(attr);
        if (v !== undefined) return v;
        for (const b of obj.cls.bases) {
          if (b.k === 'class') {
            const r = this.getAttr(b, attr, offset);
            if (r.k !== 'unknown') return r;
          }
        }
        return unknown(`${obj.cls.name}.${attr}`);
      }
      case 'member':
        if (attr === 'value') return obj.value;
        if (attr === 'name') return { k: 'str', v: obj.name };
        return unknown(`enum member attribute ${attr}`);
      case 'instance': {
        const f = obj.fields.get(attr);
        return f ?? unknown(`${obj.cls.name}().${attr}`);
      }
      case 'object':
        if (obj.type === 'path') return pathAttribute(obj.data.text ?? '.', attr, obj);
        return unknown(`attribute ${attr} of a ${obj.type}`);
      case 'function':
        if (attr === '__name__' || attr === '__qualname__') return { k: 'str', v: obj.fn.name };
        if (attr === '__doc__') return obj.fn.doc === null ? NONE : { k: 'str', v: obj.fn.rawDoc ?? obj.fn.doc };
        return unknown(`${obj.fn.name}.${attr}`);
      case 'flow':
        if (attr === 'name') return flowNameValue(obj.flow);
        if (attr === 'with_options') return { k: 'method', self: obj, name: attr };
        if (attr === 'fn' || attr === '__wrapped__') return { k: 'function', fn: obj.flow.fn };
        return unknown(`flow attribute ${attr}`);
      case 'str':
        return { k: 'method', self: obj, name: attr };
      case 'dict':
        return { k: 'method', self: obj, name: attr };
      default:
        return unknown(`attribute ${attr}`);
    }
  }

  // ---------------------------------------------------------------- calls

  call(callee: PyValue, argList: SyntaxNode, scope: Scope): PyValue {
    const args: PyValue[] = [];
    const kwargs = new Map<string, PyValue>();
    const src = scope.module.source;
    const parts = children(argList).filter((c) => !['(', ')', ','].includes(c.name));
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (p.name === 'for' || p.name === 'async') return unknown('generator argument');
      if (p.name === '*' || p.name === '**') {
        const v = this.eval(parts[++i], scope);
        if (p.name === '*' && (v.k === 'list' || v.k === 'tuple')) args.push(...v.items);
        else if (p.name === '**' && v.k === 'dict') {
          for (const [k, val] of v.entries) if (k.k === 'str') kwargs.set(k.v, val);
        } else return unknown('call with spread arguments');
        continue;
      }
      if (p.name === 'VariableName' && parts[i + 1]?.name === 'AssignOp') {
        kwargs.set(src.slice(p), this.eval(parts[i + 2], scope));
        i += 2;
        continue;
      }
      if (parts[i + 1]?.name === 'for') return unknown('generator argument');
      args.push(this.eval(p, scope));
    }
    if (callee.k === 'builtin' && callee.name === '__import__') {
      // `__import__("a.b")` returns the top-level package, like `import a.b` binds `a`.
      const name = args[0]?.k === 'str' ? args[0].v : undefined;
      return name ? this.importModule(name.split('.')[0]!, scope.module, 0, argList.from) : unknown('__import__(...)');
    }
    return this.callValue(callee, args, kwargs, argList.from);
  }

  callValue(callee: PyValue, args: PyValue[], kwargs: Map<string, PyValue>, offset: number): PyValue {
    switch (callee.k) {
      case 'unknown':
        // An unknown decorator is assumed to preserve what it wraps (functools.wraps style).
        if (args.length === 1 && kwargs.size === 0 && (args[0]!.k === 'function' || args[0]!.k === 'flow')) {
          const target = args[0];
          // Remembered so that the analysis can say what it assumed (or why no flow was found).
          const decorator = callee.foreign ?? callee.why;
          if (target.k === 'function') return { ...target, via: [...(target.via ?? []), decorator] };
          return { k: 'flow', flow: { ...target.flow, via: [...(target.flow.via ?? []), decorator] } };
        }
        return unknown(`result of calling ${callee.why}`);
      case 'builtin':
        return this.callBuiltin(callee.name, args, kwargs, offset);
      case 'flowFactory':
        this.checkPydanticAccepts(args[0], offset);
        return makeFlow(args[0], callee.kwargs, offset);
      case 'method':
        return this.callMethod(callee.self, callee.name, args, kwargs, offset);
      case 'wraps':
        // functools.wraps copies name and docstring and sets __wrapped__, which Prefect follows.
        return callee.target;
      case 'partial': {
        const merged = new Map(callee.kwargs);
        for (const [k, v] of kwargs) merged.set(k, v);
        return this.callValue(callee.fn, [...callee.args, ...args], merged, offset);
      }
      case 'function':
        return this.callFunction(callee.fn, args, kwargs);
      case 'class':
        return this.instantiate(callee.cls, args, kwargs, offset);
      default:
        return unknown('call of a non-callable value');
    }
  }

  private callMethod(self: PyValue, name: string, args: PyValue[], kwargs: Map<string, PyValue>, offset: number): PyValue {
    if (self.k === 'flow' && name === 'with_options') {
      const merged = new Map(self.flow.kwargs);
      for (const [k, v] of kwargs) if (v.k !== 'none') merged.set(k, v);
      return makeFlow({ k: 'function', fn: self.flow.fn }, merged, offset);
    }
    if (self.k === 'object' && self.type === 'path' && (name === 'read_text' || name === 'read_bytes')) {
      const text = this.readProjectFile(self.data.text ?? '', offset);
      return name === 'read_text' ? { k: 'str', v: text } : { k: 'bytes', v: utf8ToLatin1(text) };
    }
    if (self.k === 'object' && self.type === 'path' && (name === 'resolve' || name === 'absolute')) {
      return { k: 'object', type: 'path', data: { text: path.resolve(this.options.cwd, self.data.text ?? '.') } };
    }
    if (self.k === 'str') return strMethod(self.v, name, args);
    if (self.k === 'dict') {
      switch (name) {
        case 'get': {
          const e = self.entries.find(([k]) => args[0] !== undefined && pyEquals(k, args[0]));
          return e ? e[1] : (args[1] ?? NONE);
        }
        case 'keys':
          return { k: 'list', items: self.entries.map(([k]) => k) };
        case 'values':
          return { k: 'list', items: self.entries.map(([, v]) => v) };
        case 'items':
          return { k: 'list', items: self.entries.map(([k, v]) => ({ k: 'tuple', items: [k, v] })) };
        case 'copy':
          return { k: 'dict', entries: [...self.entries] };
      }
    }
    return unknown(`${name}(...)`);
  }

  /** Files of the project read at import time (config next to the flow), which `prefect deploy` reads too. */
  private readProjectFile(file: string, offset: number): string {
    const abs = path.resolve(this.options.cwd, file);
    try {
      const text = this.options.readLocal(abs);
      this.notes.push(`read ${path.relative(this.options.cwd, abs)} while reading the flow file`);
      return text;
    } catch {
      throw new PyRaise('FileNotFoundError', `[Errno 2] No such file or directory: '${file}'`, offset);
    }
  }

  /**
   * Flow decoration builds a pydantic validation model; errors pydantic raises there (not the ones
   * Prefect downgrades to Any) make the decoration, and so the module import, fail.
   */
  private checkPydanticAccepts(target: PyValue | undefined, offset: number): void {
    if (target?.k !== 'function' || this.options.pythonMinor >= 12) return;
    const seen = new Set<PyValue>();
    const refused = (v: PyValue | undefined): boolean => {
      if (!v || seen.has(v)) return false;
      seen.add(v);
      if (v.k === 'class') return v.cls.stdlibTypedDict === true;
      if (v.k === 'generic') return v.args.some(refused);
      return false;
    };
    if (target.fn.params.some((p) => refused(p.annotationValue))) {
      throw new PyRaise('PydanticUserError', 'Please use `typing_extensions.TypedDict` instead of `typing.TypedDict` on Python < 3.12.', offset);
    }
  }

  private callFunction(fn: PyFunction, args: PyValue[], kwargs: Map<string, PyValue>): PyValue {
    if (fn.isAsync || this.depth > 50) return unknown(`result of ${fn.name}()`);
    // Methods do not see their class body; nested functions see their enclosing call.
    const parent = fn.scope.isClass ? moduleScopeOf(fn.scope) : fn.scope;
    const local: Scope = { vars: new Map(), parent, module: fn.scope.module };
    if (fn.lambdaBody) {
      bindArguments(fn, args, kwargs, local);
      return this.eval(fn.lambdaBody, local);
    }
    if (!bindArguments(fn, args, kwargs, local)) return unknown(`call of ${fn.name}() with missing arguments`);
    const body = fn.node.getChild('Body');
    if (!body) return unknown('function without body');
    this.depth += 10;
    try {
      const r = this.execBlock(statements(body), local);
      return r ?? NONE;
    } catch (e) {
      if (e instanceof PyRaise) return unknown(`${fn.name}() raised ${e.message}`);
      throw e;
    } finally {
      this.depth -= 10;
    }
  }

  private instantiate(cls: PyClass, args: PyValue[], kwargs: Map<string, PyValue>, offset: number): PyValue {
    if (cls.kind === 'enum') {
      const m = cls.members.find((x) => args[0] && pyEquals(x.value, args[0]));
      if (m) return { k: 'member', cls, name: m.name, value: m.value };
      return unknown(`${cls.name}(...)`);
    }
    if (cls.kind === 'plain') return { k: 'object', type: 'opaque', data: { text: cls.name } };
    const fields = new Map<string, PyValue>();
    if (cls.isRoot) {
      const root = args[0] ?? kwargs.get('root');
      if (root) fields.set('root', root);
      return { k: 'instance', cls, fields };
    }
    const positional = cls.kind === 'dataclass' || cls.kind === 'namedtuple';
    cls.fields.forEach((f, i) => {
      const alias = fieldAlias(f);
      let v: PyValue | undefined = positional && i < args.length ? args[i] : (kwargs.get(f.name) ?? (alias !== undefined ? kwargs.get(alias) : undefined));
      if (v === undefined && f.default) {
        if (f.default.k === 'field') {
          const factory = f.default.info.kwargs.get('default_factory');
          v = f.default.info.default ?? (factory ? this.callValue(factory, [], new Map(), offset) : undefined);
        } else v = f.default;
      }
      if (v === undefined && cls.kind !== 'typeddict') throw new PyRaise('ValidationError', `${cls.name}.${f.name} is required`, offset);
      if (v !== undefined) fields.set(f.name, v);
    });
    return { k: 'instance', cls, fields };
  }

  private callBuiltin(name: string, args: PyValue[], kwargs: Map<string, PyValue>, offset: number): PyValue {
    const std = makeStdObject(name, args, kwargs);
    if (std) return std;
    switch (name) {
      case 'prefect.flow':
        if (args.length === 0) return { k: 'flowFactory', kwargs };
        this.checkPydanticAccepts(args[0], offset);
        return makeFlow(args[0], kwargs, offset);
      case 'staticmethod':
      case 'classmethod':
        if (args[0]?.k === 'function') return { ...args[0], wrapper: name };
        return args[0] ?? unknown(name);
      case 'pydantic.Field':
      case 'dataclasses.field': {
        const info: FieldInfo = { hasFactory: kwargs.has('default_factory'), kwargs };
        const d = args[0] ?? kwargs.get('default');
        if (d !== undefined && d.k !== 'ellipsis') info.default = d;
        return { k: 'field', info };
      }
      case 'pydantic.ConfigDict':
      case 'dict': {
        const entries: Array<[PyValue, PyValue]> = [];
        const a = args[0];
        if (a?.k === 'dict') entries.push(...a.entries);
        else if (a && (a.k === 'list' || a.k === 'tuple')) {
          for (const pair of a.items) {
            if ((pair.k !== 'tuple' && pair.k !== 'list') || pair.items.length !== 2) return unknown('dict(...)');
            setEntry(entries, pair.items[0]!, pair.items[1]!);
          }
        } else if (a) return unknown('dict(...)');
        for (const [k, v] of kwargs) setEntry(entries, { k: 'str', v: k }, v);
        return { k: 'dict', entries };
      }
      case 'pydantic.create_model':
        return createModel(args, kwargs);
      case 'range': {
        const n = args.map((a) => (a.k === 'int' ? a.v : undefined));
        if (n.length === 0 || n.some((x) => x === undefined)) return unknown('range(...)');
        const [start, stop, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? 1];
        if (step === 0 || Math.abs((stop - start) / step) > 10_000) return unknown('range(...)');
        const items: PyValue[] = [];
        for (let i = start; step > 0 ? i < stop : i > stop; i += step) items.push({ k: 'int', v: i });
        return { k: 'list', items };
      }
      case 'enumerate':
      case 'reversed': {
        const items = args[0] ? iterate(args[0]) : undefined;
        if (!items) return unknown(`${name}(...)`);
        if (name === 'reversed') return { k: 'list', items: [...items].reverse() };
        const start = args[1]?.k === 'int' ? args[1].v : 0;
        return { k: 'list', items: items.map((v, i) => ({ k: 'tuple', items: [{ k: 'int', v: start + i }, v] })) };
      }
      case 'zip': {
        const lists = args.map(iterate);
        if (lists.some((l) => !l)) return unknown('zip(...)');
        const len = Math.min(...lists.map((l) => l!.length));
        return { k: 'list', items: Array.from({ length: len }, (_, i) => ({ k: 'tuple', items: lists.map((l) => l![i]!) })) };
      }
      case 'sorted': {
        const items = args[0] ? iterate(args[0]) : undefined;
        const sorted = items && kwargs.size === 0 ? sortValues(items) : undefined;
        return sorted ? { k: 'list', items: sorted } : unknown('sorted(...)');
      }
      case 'min':
      case 'max': {
        const items = args.length === 1 ? iterate(args[0]!) : args;
        const sorted = items && items.length && kwargs.size === 0 ? sortValues(items) : undefined;
        if (!sorted) return unknown(`${name}(...)`);
        return name === 'min' ? sorted[0]! : sorted[sorted.length - 1]!;
      }
      case 'len': {
        const items = args[0] ? iterate(args[0]) : undefined;
        return items ? { k: 'int', v: items.length } : unknown('len(...)');
      }
      case 'abs':
        return args[0]?.k === 'int' || args[0]?.k === 'float' ? { k: args[0].k, v: Math.abs(args[0].v) } : unknown('abs(...)');
      case 'enum.Enum':
      case 'enum.IntEnum':
      case 'enum.StrEnum':
        return functionalEnum(name, args, kwargs);
      case 'datetime.date.fromisoformat':
      case 'datetime.datetime.fromisoformat':
        return args[0]?.k === 'str' ? fromIsoFormat(name === 'datetime.date.fromisoformat' ? 'date' : 'datetime', args[0].v) : unknown(name);
      case 'functools.wraps':
        return args[0] ? { k: 'wraps', target: args[0] } : unknown('functools.wraps()');
      case 'functools.partial':
        return args[0] ? { k: 'partial', fn: args[0], args: args.slice(1), kwargs } : unknown('functools.partial()');
      case 'pydantic.conint':
      case 'pydantic.confloat':
      case 'pydantic.constr':
      case 'pydantic.conbytes':
      case 'pydantic.condecimal':
      case 'pydantic.conlist':
      case 'pydantic.conset':
      case 'pydantic.confrozenset':
      case 'pydantic.condate':
        return constrainedType(name, args, kwargs);
      case 'collections.deque':
        return this.callBuiltin('list', args.slice(0, 1), new Map(), offset);
      case 'os.getenv':
      case 'os.environ.get':
      case 'os.environ.__getitem__': {
        const key = args[0];
        if (key?.k !== 'str') return unknown('environment lookup');
        return this.readEnv(key.v, args[1] ?? kwargs.get('default') ?? NONE, offset);
      }
      case 'yaml.safe_load':
      case 'yaml.load':
      case 'json.loads': {
        const text = args[0]?.k === 'str' ? args[0].v : args[0]?.k === 'bytes' ? args[0].v : undefined;
        if (text === undefined) return unknown(`${name}(...)`);
        try {
          const data: unknown = name === 'json.loads' ? JSON.parse(text) : parseYaml(text, { version: '1.1' });
          return fromJs(data);
        } catch {
          throw new PyRaise(name === 'json.loads' ? 'JSONDecodeError' : 'YAMLError', `cannot parse document`, offset);
        }
      }
      case 'textwrap.dedent':
        return args[0]?.k === 'str' ? { k: 'str', v: dedent(args[0].v) } : unknown('textwrap.dedent(...)');
      case 'json.dumps': {
        const text = args[0] ? pyJsonDumps(args[0]) : undefined;
        return text === undefined ? unknown('json.dumps(...)') : { k: 'str', v: text };
      }
      case 'os.path.basename':
      case 'os.path.dirname':
      case 'os.path.join': {
        if (!args.every((a) => a.k === 'str')) return unknown(`${name}(...)`);
        const parts = args.map((a) => (a as { v: string }).v);
        if (name === 'os.path.join')
          return { k: 'str', v: parts.reduce((acc, p) => (p.startsWith('/') ? p : acc === '' ? p : acc.endsWith('/') ? acc + p : `${acc}/${p}`), '') };
        const p0 = parts[0] ?? '';
        const cut = p0.lastIndexOf('/');
        if (name === 'os.path.basename') return { k: 'str', v: p0.slice(cut + 1) };
        const head = cut < 0 ? '' : p0.slice(0, cut + 1);
        return { k: 'str', v: /^\/+$/.test(head) ? head : head.replace(/\/+$/, '') };
      }
      case 'dataclasses.dataclass':
        if (args[0]?.k === 'class') return { k: 'class', cls: { ...args[0].cls, kind: 'dataclass' } };
        return { k: 'builtin', name: 'dataclasses.dataclass' };
      case 'list':
      case 'tuple':
      case 'set':
      case 'frozenset': {
        const a = args[0];
        if (!a) return { k: name, items: [] };
        if (a.k === 'list' || a.k === 'tuple' || a.k === 'set' || a.k === 'frozenset') return { k: name, items: a.items };
        return unknown(`${name}(...)`);
      }
      case 'str':
        if (args.length === 0) return { k: 'str', v: '' };
        return pyStr(args[0]!) !== undefined ? { k: 'str', v: pyStr(args[0]!)! } : unknown('str(...)');
      case 'int':
        if (args.length === 0) return { k: 'int', v: 0 };
        if (args[0]!.k === 'str' && /^\s*[-+]?\d+\s*$/.test(args[0].v)) return { k: 'int', v: parseInt(args[0].v, 10) };
        if (args[0]!.k === 'float' || args[0]!.k === 'int') return { k: 'int', v: Math.trunc(args[0].v) };
        return unknown('int(...)');
      case 'float':
        if (args.length === 0) return { k: 'float', v: 0 };
        if (args[0]!.k === 'str') {
          const t = args[0].v.trim().toLowerCase();
          if (/^[-+]?(inf|infinity)$/.test(t)) return { k: 'float', v: t.startsWith('-') ? -Infinity : Infinity };
          if (/^[-+]?nan$/.test(t)) return { k: 'float', v: NaN };
          const n = Number(t);
          if (!Number.isNaN(n)) return { k: 'float', v: n };
        }
        if (args[0]!.k === 'int' || args[0]!.k === 'float') return { k: 'float', v: args[0].v };
        return unknown('float(...)');
      case 'bool': {
        const t = args[0] ? truthy(args[0]) : false;
        return t === undefined ? unknown('bool(...)') : { k: 'bool', v: t };
      }
      case 'complex': {
        const re = args[0]?.k === 'int' || args[0]?.k === 'float' ? args[0].v : 0;
        const im = args[1]?.k === 'int' || args[1]?.k === 'float' ? args[1].v : 0;
        return complexValue(re, im);
      }
      default:
        if (name.startsWith('math.')) return mathCall(name, args);
        return unknown(`${name}(...)`);
    }
  }
}

// ------------------------------------------------------------------ helpers

function bindArguments(fn: PyFunction, args: PyValue[], kwargs: Map<string, PyValue>, local: Scope): boolean {
  let ai = 0;
  for (const p of fn.params) {
    if (p.kind === 'varargs') {
      local.vars.set(p.name, { k: 'tuple', items: args.slice(ai) });
      ai = args.length;
    } else if (p.kind === 'varkw') {
      local.vars.set(p.name, { k: 'dict', entries: [...kwargs].map(([k, v]) => [{ k: 'str', v: k }, v]) });
    } else if (p.kind === 'positional' && ai < args.length) local.vars.set(p.name, args[ai++]!);
    else if (kwargs.has(p.name)) local.vars.set(p.name, kwargs.get(p.name)!);
    else if (p.default) local.vars.set(p.name, p.default);
    else return false;
  }
  return true;
}

function moduleScopeOf(scope: Scope): Scope {
  let s = scope;
  while (s.parent) s = s.parent;
  return s;
}

function isKnownModule(name: string): boolean {
  return KNOWN_MODULES.has(name) || name === 'prefect' || name.startsWith('prefect.');
}
