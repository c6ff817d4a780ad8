import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

describe('dist/', () => {
  it('is what a fresh build of src/ produces', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'dist-check-'));
    try {
      execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, env: { ...process.env, DEPLOY_ACTION_OUTDIR: out } });
      const files = (dir: string) =>
        readdirSync(dir, { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.js') || f === 'licenses.txt')
          .sort();
      expect(files(path.join(root, 'dist')), 'dist/ holds other files than a fresh build: run npm run build and commit dist/').toEqual(files(out));
      for (const file of files(out)) {
        const fresh = readFileSync(path.join(out, file), 'utf8');
        const committed = readFileSync(path.join(root, 'dist', file), 'utf8');
        expect(committed === fresh, `dist/${file} is stale: run npm run build and commit dist/`).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('holds an executable bin (the build sets the mode; git keeps it)', () => {
    expect(statSync(path.join(root, 'dist/cli.js')).mode & 0o111, 'dist/cli.js is not executable: run npm run build and commit dist/cli.js with its mode').not.toBe(0);
  });

  it('runs on the Node version the action declares (node24)', () => {
    const action = readFileSync(path.join(root, 'action.yml'), 'utf8');
    expect(action).toMatch(/using:\s*node24/);
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });
});
