import type { SyntaxNode } from '@lezer/common';
import type { ParsedEntrypoint } from './entrypoint.js';
import { FlowAnalysisError } from './errors.js';
import { Interpreter, type InterpreterOptions } from './interpreter.js';
import { children, statements, type PySource } from './pysource.js';
import { PyRaise, type PyValue, type Scope } from './values.js';

/** §10: Prefect's safe loader, used only when executing a script entrypoint raised. */
export function fallbackLoad(
  ep: ParsedEntrypoint,
  source: PySource,
  interpOptions: InterpreterOptions,
  moduleName: string,
  failure: PyRaise,
): { obj: PyValue; interp: Interpreter } {
  const interp = new Interpreter(interpOptions, 'fallback');
  // The fallback imports relative names with the file's directory treated as a package.
  const scope = interp.newModule(moduleName, ep.file, source, 1);
  const top = statements(source.top);
  const attempt = (stmt: SyntaxNode): void => {
    try {
      interp.execStatement(stmt, scope);
    } catch (e) {
      if (!(e instanceof PyRaise)) throw e;
    }
  };
  for (const stmt of top) if (stmt.name === 'ImportStatement') attempt(stmt);
  for (const stmt of top) if (preloadable(stmt)) attempt(stmt);

  const scriptError = (): FlowAnalysisError =>
    new FlowAnalysisError(`Script at '${ep.pathAsWritten}' encountered an exception: ${failure.repr()}`, {
      file: ep.file,
      ...(failure.offset !== undefined ? source.position(failure.offset) : {}),
    });

  // Prefect locates the definition in the source before it looks at the namespace.
  const first = ep.objectPath[0]!;
  const def = findDefinition(source, first);
  if (!def) {
    throw new FlowAnalysisError(`Could not find object '${first}' in '${ep.pathAsWritten}'`, { file: ep.file });
  }
  if (scope.vars.has(first)) {
    const obj = lookupObject(scope, ep.objectPath);
    if (obj === undefined) throw scriptError();
    return { obj, interp };
  }
  let target: SyntaxNode | undefined = def;
  if (ep.objectPath.length > 1) {
    const cls = definitionOf(def);
    target = undefined;
    if (cls?.name === 'ClassDefinition') {
      const body = cls.getChild('Body');
      target = body ? statements(body).find((s) => nameOf(source, s) === ep.objectPath[1]) : undefined;
    }
    if (!target) throw scriptError();
  }
  let value: PyValue;
  try {
    value = compileSanitized(target, scope, interp);
  } catch (e) {
    if (e instanceof PyRaise) throw scriptError();
    throw e;
  }
  return { obj: value, interp };
}

/** §10.4 step 5: the one definition, its parameters sanitised, with its decorators applied. */
function compileSanitized(stmt: SyntaxNode, scope: Scope, interp: Interpreter): PyValue {
  const decorators = stmt.name === 'DecoratedStatement' ? children(stmt).filter((c) => c.name === 'Decorator') : [];
  const def = definitionOf(stmt)!;
  if (def.name !== 'FunctionDefinition') return { k: 'unknown', why: 'a class' };
  const decoValues = decorators.map((d) => interp.evalDecorator(d, scope));
  let value = interp.makeFunction(def, scope, { sanitize: true });
  for (let i = decoValues.length - 1; i >= 0; i--) value = interp.applyDecorator(decoValues[i]!, value, decorators[i]!);
  return value;
}

/** §10.2 step 3: only classes, plain defs and plain assignments are pre-loaded. */
function preloadable(stmt: SyntaxNode): boolean {
  if (stmt.name === 'ClassDefinition') return true;
  if (stmt.name === 'FunctionDefinition') return stmt.firstChild?.name !== 'async';
  if (stmt.name === 'DecoratedStatement') {
    const def = definitionOf(stmt);
    return def !== undefined && def.firstChild?.name !== 'async';
  }
  if (stmt.name === 'AssignStatement') {
    return !children(stmt).some((c) => c.name === 'TypeDef');
  }
  return false;
}

function definitionOf(stmt: SyntaxNode): SyntaxNode | undefined {
  if (stmt.name === 'FunctionDefinition' || stmt.name === 'ClassDefinition') return stmt;
  if (stmt.name === 'DecoratedStatement') {
    return children(stmt).find((c) => c.name === 'FunctionDefinition' || c.name === 'ClassDefinition');
  }
  return undefined;
}

function nameOf(source: PySource, stmt: SyntaxNode): string | undefined {
  const def = definitionOf(stmt);
  const n = def?.getChild('VariableName');
  return n ? source.slice(n) : undefined;
}

/** Breadth-first search of the whole file, as Prefect's `ast.walk` does: top level first, then nested. */
function findDefinition(source: PySource, name: string): SyntaxNode | undefined {
  const queue: SyntaxNode[] = [source.top];
  while (queue.length) {
    const node = queue.shift()!;
    for (const c of children(node)) {
      if ((c.name === 'FunctionDefinition' || c.name === 'ClassDefinition') && nameOf(source, c) === name) {
        return c.parent?.name === 'DecoratedStatement' ? c.parent : c;
      }
    }
    for (const c of children(node)) queue.push(c);
  }
  return undefined;
}

export function lookupObject(scope: Scope, objectPath: string[]): PyValue | undefined {
  let v = scope.vars.get(objectPath[0]!);
  for (const attr of objectPath.slice(1)) {
    if (v === undefined) return undefined;
    if (v.k === 'class') v = v.cls.attrs.get(attr);
    else if (v.k === 'unknown') return v;
    else return undefined;
  }
  return v;
}
