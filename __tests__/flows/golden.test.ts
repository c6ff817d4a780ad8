import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FlowAnalysisError, analyzeEntrypoint } from '../../src/core/flows/index.js';

interface GoldenCase {
  id: string;
  file: string;
  entrypoint: string;
  source: string;
  loader_path?: 'import' | 'fallback-namespace' | 'fallback-sanitized';
  expected_flow_name?: string;
  expected_description?: string | null;
  expected_schema?: Record<string, unknown>;
  expected_error?: string;
  if_module_import_fails?: 'same' | null | { expected_error: string };
}

const goldenPath = '/work/shared/spec/parameter-schema.golden.json';
const cases = JSON.parse(readFileSync(goldenPath, 'utf8')) as GoldenCase[];
// The goldens' own missing packages, plus the one the "import fails" variants add.
const MISSING = ['not_installed_pkg', 'non_existent', 'golden_missing_dependency'];

const root = mkdtempSync(path.join(tmpdir(), 'flows-golden-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeCase(dir: string, c: GoldenCase, source: string): string {
  const cwd = path.join(root, dir);
  mkdirSync(path.join(cwd, path.dirname(c.file)), { recursive: true });
  writeFileSync(path.join(cwd, c.file), source);
  return cwd;
}

/** Deep equality that also checks key order of every object (§4.5). */
function expectSameKeyOrder(actual: unknown, expected: unknown, where = '$'): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    (expected as unknown[]).forEach((e, i) => expectSameKeyOrder((actual as unknown[])[i], e, `${where}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object), `key order at ${where}`).toEqual(Object.keys(expected));
    for (const k of Object.keys(expected)) {
      expectSameKeyOrder((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${where}.${k}`);
    }
  }
}

/** The golden cases give `version=` only as a plain literal on the entrypoint's decorator. */
function decoratorVersion(c: GoldenCase): string | null {
  const fn = c.entrypoint.split(':')[1]!.split('.').at(-1)!;
  const m = new RegExp(`@\\w+\\([^)]*version="([^"]+)"[^)]*\\)\\s*\\n(?:async )?def ${fn}\\b`).exec(c.source);
  return m ? m[1]! : null;
}

/** Prefect's error text without the Python exception class prefix, which our messages omit. */
function errorText(expected: string): string {
  return expected.replace(/^(MissingFlowError|ScriptError|ValueError): /, '');
}

async function expectError(cwd: string, c: GoldenCase, expected: string): Promise<void> {
  const err = await analyzeEntrypoint(c.entrypoint, { cwd, unavailableModules: MISSING, referenceProfile: 'spec-main' }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FlowAnalysisError);
  expect((err as FlowAnalysisError).message).toContain(errorText(expected));
  expect((err as FlowAnalysisError).file).toBe(c.file);
}

describe('parameter-schema goldens', () => {
  it('has 50 cases', () => expect(cases.length).toBe(50));

  for (const c of cases) {
    it(c.id, async () => {
      const cwd = writeCase(c.id, c, c.source);
      if (c.expected_error !== undefined) {
        await expectError(cwd, c, c.expected_error);
        return;
      }
      const flow = await analyzeEntrypoint(c.entrypoint, { cwd, unavailableModules: MISSING, referenceProfile: 'spec-main' });
      expect(flow.name).toBe(c.expected_flow_name);
      expect(flow.description).toBe(c.expected_description);
      expect(flow.parameterSchema).toEqual(c.expected_schema);
      expectSameKeyOrder(flow.parameterSchema, c.expected_schema);
      expect(flow.loader).toBe(c.loader_path === 'import' ? 'import' : 'fallback');
      expect(flow.file).toBe(c.file);
      const md5 = createHash('md5').update(c.source).digest('hex');
      expect(flow.version).toBe(decoratorVersion(c) ?? md5);
      expect(flow.referenceVersion).toBe(decoratorVersion(c) ?? (flow.loader === 'import' ? md5 : null));
    });
  }
});

describe('parameter-schema goldens when the module import fails', () => {
  for (const c of cases) {
    const variant = c.if_module_import_fails;
    if (variant === undefined || variant === null) continue;
    it(c.id, async () => {
      // An unrelated failing top-level import at the end of the file switches it to the fallback loader.
      const cwd = writeCase(`${c.id}-fails`, c, `${c.source}\nimport golden_missing_dependency\n`);
      if (variant !== 'same') {
        await expectError(cwd, c, variant.expected_error);
        return;
      }
      const flow = await analyzeEntrypoint(c.entrypoint, { cwd, unavailableModules: MISSING, referenceProfile: 'spec-main' });
      expect(flow.loader).toBe('fallback');
      // Prefect compiles the fallback flow from a string: no file to hash, so no version unless given.
      expect(flow.referenceVersion).toBe(decoratorVersion(c));
      expect(flow.name).toBe(c.expected_flow_name);
      expect(flow.description).toBe(c.expected_description);
      expect(flow.parameterSchema).toEqual(c.expected_schema);
      expectSameKeyOrder(flow.parameterSchema, c.expected_schema);
    });
  }
});

describe('default mode assumes dependencies are installed', () => {
  it('analyses a flow whose third-party imports are not installed anywhere', async () => {
    const c = cases.find((x) => x.id === 'G37-missing-dependency')!;
    const cwd = writeCase('G37-import', c, c.source);
    const flow = await analyzeEntrypoint(c.entrypoint, { cwd });
    expect(flow.loader).toBe('import');
    const props = flow.parameterSchema.properties as Record<string, Record<string, unknown>>;
    expect(props.c).toEqual({ anyOf: [{}, { type: 'null' }], default: null, position: 2, title: 'c' });
    expect(props.e).toEqual({ position: 4, title: 'e', type: 'string' });
    expect(flow.parameterSchema.required).toEqual(['a', 'b', 'e']);
    expect(flow.warnings.some((w) => w.includes("'d'"))).toBe(true);
  });
});
