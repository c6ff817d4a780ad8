// Flow files run through the reference (prefect 3.9.1) while the analyser was built; the expected
// values in reference-cases.json are what Prefect returned, so these cases pin behaviour beyond the
// spec goldens (docstring layouts, fallback branches, pydantic specifics) without needing the venv.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeEntrypoint } from '../../src/core/flows/index.js';

interface ReferenceCase {
  id: string;
  file: string;
  entrypoint: string;
  source: string;
  unavailableModules: string[];
  reference: { name: string; description: string | null; schema: Record<string, unknown> };
}

const { cases } = JSON.parse(readFileSync(new URL('./reference-cases.json', import.meta.url), 'utf8')) as { cases: ReferenceCase[] };
const root = mkdtempSync(path.join(tmpdir(), 'flows-reference-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => [k, keyOrder(v)]);
  }
  return value;
}

describe('cases checked against the reference', () => {
  for (const c of cases) {
    it(c.id, async () => {
      const cwd = path.join(root, c.id.replace(/[^\w]/g, '_'));
      mkdirSync(path.join(cwd, path.dirname(c.file)), { recursive: true });
      writeFileSync(path.join(cwd, c.file), c.source);
      const flow = await analyzeEntrypoint(c.entrypoint, { cwd, unavailableModules: c.unavailableModules, env: {} });
      expect(flow.name).toBe(c.reference.name);
      expect(flow.description).toBe(c.reference.description);
      expect(flow.parameterSchema).toEqual(c.reference.schema);
      expect(keyOrder(flow.parameterSchema)).toEqual(keyOrder(c.reference.schema));
    });
  }
});
