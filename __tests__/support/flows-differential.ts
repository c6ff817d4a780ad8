// Differential test: our static flow analyser against Prefect itself on a corpus of real-world-style
// flow files. The reference loads each entrypoint exactly as `prefect deploy` does
// (scripts/reference-flows.py); we compare flow name, description, version and the parameter schema
// that would be sent. Two modes: without the flows' dependencies (the reference venv, which hides
// them) and with them (scripts/flows-deps-venv.sh). Mismatches are written to a report under .tmp/
// so the analyser's author can work through them.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeEntrypoint, FlowAnalysisError, type AnalyzedFlow } from '../../src/core/flows/index.js';

const run = promisify(execFile);

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const corpusDir = path.join(repoRoot, '__tests__/fixtures/flows-corpus');

export type DifferentialMode = 'without-deps' | 'with-deps';

interface ModeSetup {
  venvScript: string;
  args: string[];
  report: string;
}

const MODES: Record<DifferentialMode, ModeSetup> = {
  'without-deps': { venvScript: 'scripts/reference-venv.sh', args: [], report: '.tmp/flow-diff-report.md' },
  'with-deps': { venvScript: 'scripts/flows-deps-venv.sh', args: ['--with-deps'], report: '.tmp/flow-diff-deps-report.md' },
};

/**
 * What the analyser cannot derive for an entry when its dependencies are installed: the fields that
 * may differ (a prefix of the compared field, e.g. `schema/properties/frame`), why, and a piece of
 * the warning the analysis must give instead of guessing silently.
 */
interface KnownDifference {
  fields: string[];
  reason: string;
  warning: string;
}

interface ManifestEntry {
  entrypoint: string;
  unavailableModules?: string[];
  note?: string;
  knownWithDeps?: KnownDifference;
}

interface Manifest {
  entries: ManifestEntry[];
}

type ReferenceResult = { name: string; description: string | null; version: string | null; schema: Record<string, unknown> } | { error: string };

interface ReferenceDocument {
  prefect: string;
  python: string;
  results: Record<string, ReferenceResult>;
  /** With dependencies: which modules named in the manifest's unavailableModules import there. */
  importable?: string[];
}

interface Mismatch {
  entrypoint: string;
  field: string;
  ours: string;
  reference: string;
  brief: string;
}

const manifest = JSON.parse(readFileSync(path.join(corpusDir, 'manifest.json'), 'utf8')) as Manifest;

// The venv may have to be created from scratch (pip + uv + prefect), which takes minutes.
const SETUP_TIMEOUT_MS = 15 * 60_000;
const MAX_DIFFS_PER_ENTRY = 8;

const FIELDS = ['name', 'description', 'version', 'schema'] as const;

/**
 * The reference's answers, kept under .tmp/ when FLOWS_DIFFERENTIAL_REUSE=1 (for working through a
 * report: the reference takes minutes), keyed by everything in the corpus and the scripts.
 */
async function referenceOf(setup: ModeSetup): Promise<ReferenceDocument> {
  if (process.env.FLOWS_DIFFERENTIAL_REUSE !== '1') return runReference(setup);
  const hash = createHash('sha256');
  const inputs = [
    ...readdirSync(corpusDir, { recursive: true, encoding: 'utf8' })
      .sort()
      .map((f) => path.join(corpusDir, f)),
    ...[setup.venvScript, 'scripts/reference-flows.py', 'scripts/reference-version.txt', 'scripts/locks/flows-deps.lock'].map((f) => path.join(repoRoot, f)),
  ];
  for (const file of inputs) {
    if (!statSync(file).isFile()) continue;
    hash.update(file).update(readFileSync(file));
  }
  const kept = path.join(repoRoot, '.tmp', `flow-reference-${setup.args.join('') || 'plain'}-${hash.digest('hex').slice(0, 16)}.json`);
  if (existsSync(kept)) return JSON.parse(readFileSync(kept, 'utf8')) as ReferenceDocument;
  const doc = await runReference(setup);
  await mkdir(path.dirname(kept), { recursive: true });
  await writeFile(kept, JSON.stringify(doc));
  return doc;
}

async function runReference(setup: ModeSetup): Promise<ReferenceDocument> {
  const venv = await run('bash', [path.join(repoRoot, setup.venvScript)], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
    timeout: SETUP_TIMEOUT_MS,
  });
  const python = venv.stdout.trim().split('\n').at(-1)?.trim();
  if (!python) throw new Error(`${setup.venvScript} printed no python path`);

  const { stdout } = await run(python, [path.join(repoRoot, 'scripts/reference-flows.py'), ...setup.args, 'manifest.json'], {
    cwd: corpusDir,
    maxBuffer: 64 * 1024 * 1024,
    timeout: SETUP_TIMEOUT_MS,
  });
  return JSON.parse(stdout) as ReferenceDocument;
}

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Structural JSON diff: numbers compare by value (Python's 5.0 and 5 both parse to 5), object key
// order is ignored (it only matters for byte-exact output, not for what the API stores).
function jsonDiff(ours: unknown, ref: unknown, at: string, out: Array<{ path: string; ours: unknown; ref: unknown }>): void {
  if (out.length >= MAX_DIFFS_PER_ENTRY) return;
  if (isPlainObject(ours) && isPlainObject(ref)) {
    const keys = new Set([...Object.keys(ref), ...Object.keys(ours)]);
    for (const key of keys) jsonDiff(ours[key], ref[key], `${at}/${key}`, out);
    return;
  }
  if (Array.isArray(ours) && Array.isArray(ref)) {
    if (ours.length !== ref.length) {
      out.push({ path: at, ours, ref });
      return;
    }
    ours.forEach((item, i) => jsonDiff(item, ref[i], `${at}/${i}`, out));
    return;
  }
  if (ours !== ref) out.push({ path: at, ours, ref });
}

function describeDiff(d: { path: string; ours: unknown; ref: unknown }): string {
  if (d.ours === undefined) return `missing ${d.path}`;
  if (d.ref === undefined) return `extra ${d.path}`;
  return `different ${d.path}`;
}

function compare(entry: ManifestEntry, ref: ReferenceResult, ours: unknown): Mismatch[] {
  const found: Mismatch[] = [];
  const add = (field: string, o: unknown, r: unknown, brief: string): void => {
    found.push({ entrypoint: entry.entrypoint, field, ours: show(o), reference: show(r), brief });
  };

  if ('error' in ref) {
    if (ours instanceof FlowAnalysisError) return found;
    if (ours instanceof Error) {
      add('error', `${ours.name}: ${ours.message}`, ref.error, 'both fail, but ours is not a FlowAnalysisError (crash?)');
    } else {
      add('error', 'analysed successfully', ref.error, 'reference deploy fails; ours accepts the entrypoint');
    }
    return found;
  }

  if (ours instanceof Error) {
    add('error', `${ours.name}: ${ours.message}`, 'loaded', 'ours fails where the reference loads the flow');
    return found;
  }
  const flow = ours as AnalyzedFlow;
  if (flow.name !== ref.name) add('name', flow.name, ref.name, 'flow name differs');
  if (flow.description !== ref.description) add('description', flow.description, ref.description, 'flow description differs');
  if (flow.referenceVersion !== ref.version) add('version', flow.referenceVersion, ref.version, `flow version differs (loader: ${flow.loader})`);
  const diffs: Array<{ path: string; ours: unknown; ref: unknown }> = [];
  jsonDiff(flow.parameterSchema, ref.schema, '', diffs);
  for (const d of diffs) add(`schema${d.path}`, d.ours, d.ref, `${describeDiff(d)} (loader: ${flow.loader})`);
  return found;
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', '\\n');
}

/** `field` is `name`, `version`, `schema/properties/x`, ...: the top-level field it belongs to. */
function fieldOf(field: string): string {
  return field.split('/')[0]!;
}

export function defineFlowDifferential(mode: DifferentialMode): void {
  const setup = MODES[mode];
  const reportPath = path.join(repoRoot, setup.report);
  let reference: ReferenceDocument | undefined;
  let setupError: Error | undefined;
  let referenceSeconds = 0;
  const mismatches: Mismatch[] = [];
  const outcomes = new Map<string, Mismatch[]>();
  // The analyser's own warnings on entries that mismatch: often the diagnosis itself.
  const warningsOf = new Map<string, string[]>();

  function figures(): string {
    const done = [...outcomes.values()];
    const perField = FIELDS.map((f) => `${f} ${done.filter((found) => !found.some((m) => fieldOf(m.field) === f || m.field === 'error')).length}`);
    return `${done.filter((found) => found.length === 0).length}/${done.length} entries match (${mode}); equal per field: ${perField.join(', ')}`;
  }

  async function writeReport(): Promise<void> {
    const lines = [
      `# Flow analyser vs reference (differential, ${mode})`,
      '',
      `Generated by \`__tests__/flows/differential${mode === 'with-deps' ? '-deps' : ''}.test.ts\` on ${new Date().toISOString()}.`,
      reference
        ? `Reference: prefect ${reference.prefect}, Python ${reference.python}, ${referenceSeconds.toFixed(0)} s.${reference.importable ? ` Importable: ${reference.importable.join(', ')}.` : ''}`
        : `Reference did not run: ${setupError?.message ?? 'unknown'}`,
      '',
      `**${figures()}** (name, description, version, schema; or both sides fail).`,
      '',
    ];
    if (mismatches.length > 0) {
      lines.push('| entrypoint | field | ours | reference | brief |', '|---|---|---|---|---|');
      for (const m of mismatches) {
        lines.push(`| \`${m.entrypoint}\` | \`${escapeCell(m.field)}\` | ${escapeCell(m.ours)} | ${escapeCell(m.reference)} | ${escapeCell(m.brief)} |`);
      }
      const warned = [...warningsOf].filter(([, w]) => w.length > 0);
      if (warned.length > 0) {
        lines.push('', '## Analyser warnings on mismatched entries', '');
        for (const [entrypoint, warnings] of warned) {
          for (const w of warnings) lines.push(`- \`${entrypoint}\`: ${w.replaceAll('\n', ' ')}`);
        }
      }
    } else {
      lines.push('No mismatches.');
    }
    await mkdir(path.dirname(reportPath), { recursive: true });
    await writeFile(reportPath, `${lines.join('\n')}\n`);
  }

  describe(`flow analysis matches prefect deploy on the corpus (${mode})`, () => {
    beforeAll(async () => {
      const started = performance.now();
      try {
        reference = await referenceOf(setup);
      } catch (error) {
        // Stored and rethrown by every test: a broken reference must fail the suite, never skip it.
        setupError = error instanceof Error ? error : new Error(String(error));
      }
      referenceSeconds = (performance.now() - started) / 1000;
    }, SETUP_TIMEOUT_MS);

    afterAll(async () => {
      await writeReport();
      console.log(`differential: ${figures()}; reference ${referenceSeconds.toFixed(0)} s`);
    });

    it('corpus manifest is well-formed', () => {
      const entrypoints = manifest.entries.map((e) => e.entrypoint);
      expect(new Set(entrypoints).size).toBe(entrypoints.length);
      expect(entrypoints.length).toBeGreaterThanOrEqual(45);
    });

    for (const entry of manifest.entries) {
      it(entry.entrypoint, async () => {
        if (setupError) throw new Error(`reference harness failed: ${setupError.message}`, { cause: setupError });
        const ref = reference?.results[entry.entrypoint];
        if (!ref) throw new Error(`reference produced no result for ${entry.entrypoint}`);
        // With the dependencies installed, only what that venv cannot import stays unavailable.
        const importable = new Set(reference?.importable ?? []);
        const unavailableModules = (entry.unavailableModules ?? []).filter((m) => !importable.has(m));

        let ours: unknown;
        try {
          ours = await analyzeEntrypoint(entry.entrypoint, { cwd: corpusDir, unavailableModules, pythonVersion: reference?.python });
        } catch (error) {
          ours = error;
        }

        const found = compare(entry, ref, ours);
        mismatches.push(...found);
        outcomes.set(entry.entrypoint, found);
        if (found.length > 0 && !(ours instanceof Error)) warningsOf.set(entry.entrypoint, (ours as AnalyzedFlow).warnings);
        const known = mode === 'with-deps' ? entry.knownWithDeps : undefined;
        if (known) {
          // A known difference must stay confined to its fields and be announced by a warning.
          expect(found.length, `${entry.entrypoint}: known difference (${known.reason}) no longer occurs; remove knownWithDeps`).toBeGreaterThan(0);
          const outside = found.filter((m) => !known.fields.some((f) => m.field === f || m.field.startsWith(`${f}/`)));
          expect(outside.map((m) => `${m.field}: ours ${m.ours} vs reference ${m.reference}`)).toEqual([]);
          const warnings = ours instanceof Error ? [ours.message] : (ours as AnalyzedFlow).warnings;
          expect(
            warnings.some((w) => w.includes(known.warning)),
            `${entry.entrypoint}: no warning containing ${JSON.stringify(known.warning)} in ${JSON.stringify(warnings)}`,
          ).toBe(true);
          return;
        }
        const summary = found.map((m) => `${m.field}: ours ${m.ours} vs reference ${m.reference} (${m.brief})`);
        expect(summary, `${entry.entrypoint}${entry.note ? ` — ${entry.note}` : ''}`).toEqual([]);
      });
    }
  });
}
