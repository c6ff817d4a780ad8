/**
 * The repository's housekeeping files agree with each other: one version of each action across the
 * workflows, Dependabot watching both ecosystems, one Node version everywhere it is named.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const workflowDir = '.github/workflows';
const workflows = readdirSync(path.join(root, workflowDir)).filter((f) => f.endsWith('.yml'));

/** Every `uses: owner/name@ref` of the workflows, as [file, action, ref]. */
function actionRefs(): [string, string, string][] {
  return workflows.flatMap((file) =>
    [...read(`${workflowDir}/${file}`).matchAll(/^\s*(?:-\s+)?uses:\s*([\w.-]+\/[\w./-]+)@(\S+)/gm)].map((m): [string, string, string] => [file, m[1]!, m[2]!]),
  );
}

describe('workflows', () => {
  it('name one major version of each action', () => {
    const refs = new Map<string, Set<string>>();
    for (const [file, action, ref] of actionRefs()) {
      if (action.startsWith('./') || action === 'acme/deploy-action') continue;
      refs.set(action, (refs.get(action) ?? new Set()).add(`${ref} (${file})`));
    }
    expect(refs.get('actions/checkout')?.size, 'actions/checkout is used').toBeGreaterThan(0);
    const majors = [...refs].map(([action, uses]) => [action, [...new Set([...uses].map((u) => u.split(' ')[0]!.split('.')[0]))]] as const);
    expect(majors.filter(([, m]) => m.length > 1).map(([action]) => `${action}: ${[...refs.get(action)!].join(', ')}`)).toEqual([]);
  });

  it('set Node up from .node-version, the major the action runs on', () => {
    const node = read('.node-version').trim();
    expect(read('action.yml')).toMatch(new RegExp(`using:\\s*node${node}\\b`));
    expect((JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node).toBe(`>=${node}`);
    for (const file of workflows) {
      const text = read(`${workflowDir}/${file}`);
      if (!text.includes('actions/setup-node@')) continue;
      expect(text, file).not.toMatch(/node-version:/);
      expect(text, file).toMatch(/node-version-file: \.node-version/);
    }
  });
});

describe('dependabot', () => {
  it('updates npm and the workflows’ actions weekly, grouped', () => {
    const config = parse(read('.github/dependabot.yml')) as {
      version: number;
      updates: { 'package-ecosystem': string; schedule: { interval: string }; groups?: object }[];
    };
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
    for (const u of config.updates) {
      expect(u.schedule.interval).toBe('weekly');
      expect(Object.keys(u.groups ?? {}).length, u['package-ecosystem']).toBeGreaterThan(0);
    }
  });
});

describe('project files', () => {
  it.each(['LICENSE', 'SECURITY.md', 'CHANGELOG.md', 'CONTRIBUTING.md', '.node-version'])('%s exists', (file) => {
    expect(existsSync(path.join(root, file))).toBe(true);
  });

  it('LICENSE is the Apache-2.0 text package.json names', () => {
    expect((JSON.parse(read('package.json')) as { license: string }).license).toBe('Apache-2.0');
    expect(read('LICENSE')).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(read('LICENSE')).toContain('END OF TERMS AND CONDITIONS');
  });

  it('package.json says where the project lives', () => {
    const pkg = JSON.parse(read('package.json')) as Record<string, unknown>;
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/acme/deploy-action.git' });
    expect(pkg.homepage).toBe('https://github.com/acme/deploy-action#readme');
    expect(pkg.bugs).toEqual({ url: 'https://github.com/acme/deploy-action/issues' });
    expect(pkg.keywords).toContain('prefect');
  });
});
