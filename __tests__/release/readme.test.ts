/**
 * The README is for users: short, usage first, the reference one link away. And the action's
 * inputs/outputs tables in docs/action.md are the ones action.yml would generate now.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error the docs script is plain JavaScript, without declarations
import { checkActionDocs, inputsTable, outputsTable, renderActionDocs } from '../../scripts/action-docs.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const readme = read('README.md');
const lines = readme.split('\n');

/** What GitHub shows before one scrolls: about the first 60 lines. */
const FIRST_SCREEN = 60;

describe('README.md', () => {
  it('stays at 300 lines or fewer', () => {
    expect(lines.length - (readme.endsWith('\n') ? 1 : 0)).toBeLessThanOrEqual(300);
  });

  it('shows, on its first screen, the workflow, the CLI and the way to the compatibility table', () => {
    const screen = lines.slice(0, FIRST_SCREEN).join('\n');
    const workflow = /```yaml\n([\s\S]*?)```/.exec(screen)?.[1];
    expect(workflow, 'a workflow on the first screen').toBeDefined();
    const steps = (parse(workflow!) as { jobs: { prefect: { steps: Array<{ uses?: string; with?: Record<string, string> }> } } }).jobs.prefect.steps;
    expect(steps.map((s) => s.uses)).toEqual(['actions/checkout@v5', 'acme/deploy-action@v1']);
    // Plan on pull requests, deploy on main: the mode is chosen by the event.
    expect(steps[1]!.with!.mode).toMatch(/pull_request.*'plan'.*'deploy'/);
    expect(screen).toMatch(/npx prefect-deploy/);
    expect(screen).toMatch(/npm i -g prefect-deploy/);
    expect(screen).toContain('(docs/compatibility.md)');
  });

  it('names the same actions/checkout major version as the workflows', () => {
    const workflows = read('.github/workflows/ci.yml');
    const major = /actions\/checkout@(v\d+)/.exec(workflows)![1];
    for (const file of ['README.md', 'docs/action.md', 'docs/monorepos.md', 'docs/changed-since.md']) {
      for (const m of read(file).matchAll(/actions\/checkout@(v\d+)/g)) expect(m[1], file).toBe(major);
    }
  });
});

describe("docs/action.md's inputs and outputs tables", () => {
  it('are what action.yml generates now (npm run docs:action)', () => {
    const { stale, docs, expected } = checkActionDocs(root);
    expect(stale, 'run npm run docs:action').toBe(false);
    expect(docs).toBe(expected);
  });

  it('list every input and output of action.yml', () => {
    const action = parse(read('action.yml')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
    const docs = read('docs/action.md');
    for (const name of Object.keys(action.inputs)) expect(docs).toContain(`| \`${name}\` |`);
    for (const name of Object.keys(action.outputs)) expect(docs).toContain(`| \`${name}\` |`);
  });

  it('go stale when action.yml changes, and are regenerated between the markers only', () => {
    const docs = read('docs/action.md');
    const changed = read('action.yml').replace('Path to prefect.yaml, relative to working-directory.', 'Where prefect.yaml is.');
    const regenerated = renderActionDocs(docs, changed);
    expect(regenerated).not.toBe(docs);
    expect(regenerated).toContain('| `prefect-file` | Where prefect.yaml is. | `prefect.yaml` | no |');
    // Outside the markers nothing moves.
    const outside = (text: string) => text.replace(/<!-- start (\w+) -->[\s\S]*?<!-- end \1 -->/g, '');
    expect(outside(regenerated)).toBe(outside(docs));
  });

  it('keep a cell on one line and out of HTML and emphasis', () => {
    const action = { inputs: { x: { description: 'a | b\n<w> *c*', default: 'd', required: true } }, outputs: { y: { description: '<step-id>' } } };
    expect(inputsTable(action).split('\n')[2]).toBe('| `x` | a \\| b &lt;w&gt; \\*c\\* | `d` | yes |');
    expect(outputsTable(action).split('\n')[2]).toBe('| `y` | &lt;step-id&gt; |');
  });

  it('refuse a document without the markers, in one line', () => {
    expect(() => renderActionDocs('# no markers\n', read('action.yml'))).toThrow(/docs\/action\.md: no "<!-- start inputs -->" … "<!-- end inputs -->" markers/);
  });
});
