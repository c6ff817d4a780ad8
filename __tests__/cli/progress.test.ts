import { describe, expect, it } from 'vitest';
import type { DeploymentOutcome } from '../../src/core/apply/index.js';
import { style } from '../../src/cli/output.js';
import { LiveReporter, PlainReporter, type Terminal } from '../../src/cli/progress.js';

/**
 * A screen that understands exactly the control sequences a terminal would get: text, newlines,
 * CSI n F (to the start of the line n up), CSI J (clear to the end of the screen) and SGR colours.
 * Anything else fails the test, so the renderer cannot start emitting sequences unchecked.
 */
class Screen implements Terminal {
  lines: string[] = [''];
  row = 0;
  raw = '';
  constructor(
    private readonly width = 60,
    private readonly height = 8,
  ) {}
  columns = () => this.width;
  rows = () => this.height;
  write(raw: string): void {
    this.raw += raw;
    let i = 0;
    while (i < raw.length) {
      if (raw[i] === '\x1b') {
        const m = /^\x1b\[(\d*)([FJm])/.exec(raw.slice(i));
        if (!m) throw new Error(`unexpected escape ${JSON.stringify(raw.slice(i, i + 8))}`);
        if (m[2] === 'F') {
          this.row -= Number(m[1] || 1);
          if (this.row < 0) throw new Error('cursor moved above the screen');
          this.lines[this.row] = this.lines[this.row] ?? '';
        } else if (m[2] === 'J') {
          this.lines.length = this.row + 1;
          this.lines[this.row] = '';
        }
        i += m[0].length;
      } else if (raw[i] === '\n') {
        this.row++;
        this.lines[this.row] = this.lines[this.row] ?? '';
        i++;
      } else {
        this.lines[this.row] = (this.lines[this.row] ?? '') + raw[i];
        i++;
      }
    }
  }
  text(): string[] {
    return this.lines.slice(0, this.row);
  }
}

const outcome = (name: string, action: DeploymentOutcome['action'], extra: Partial<DeploymentOutcome> = {}): DeploymentOutcome => ({
  name,
  flowName: 'etl',
  action,
  changes: [],
  notices: [],
  stepOutputs: {},
  durationMs: 250,
  ...extra,
});

describe('LiveReporter (a terminal)', () => {
  it('redraws a status block in place and leaves only finished lines and the summary', () => {
    const screen = new Screen();
    let t = 0;
    const r = new LiveReporter(screen, style(false), 'http://ui', () => t, 0);
    expect(screen.text()).toEqual(['⠋ validating · 0.0s']);
    t = 800;
    r.progress({ phase: 'validated', deployments: ['a', 'b', 'c'].map((name) => ({ name, flowName: 'etl' })) });
    expect(screen.text()).toEqual(['⠋ 0/3 done · 0 in progress · 3 waiting · 0.8s']);
    r.progress({ phase: 'steps', name: 'a', flowName: 'etl' });
    r.progress({ phase: 'steps', name: 'b', flowName: 'etl' });
    r.stepLog('a', 'building image');
    t = 2000;
    r.progress({ phase: 'registering', name: 'a', flowName: 'etl' });
    expect(screen.text()).toEqual([
      '[a] building image',
      '⠴ 0/3 done · 2 in progress · 1 waiting · 2.0s',
      '  ⠋ etl/a  registering 0.0s',
      '  ⠴ etl/b  build/push steps 1.2s',
    ]);
    t = 2300;
    r.result(outcome('a', 'created', { id: 'id-a' }));
    r.result(outcome('b', 'failed', { error: 'boom' }));
    r.result(outcome('c', 'updated', { changes: [{ field: 'tags', from: [], to: ['x'] }] }));
    r.finish('1 created, 1 updated, 0 unchanged, 1 failed');
    expect(screen.text()).toEqual([
      '[a] building image',
      'etl/a: created in 0.3s  http://ui/deployments/deployment/id-a',
      'etl/b: failed: boom in 0.3s',
      'etl/c: updated (tags) in 0.3s',
      '1 created, 1 updated, 0 unchanged, 1 failed in 2.3s',
    ]);
  });

  it('never draws more lines than fit on the screen, nor lines wider than it', () => {
    const screen = new Screen(30, 6);
    const r = new LiveReporter(screen, style(false), undefined, () => 0, 0);
    const many = Array.from({ length: 12 }, (_, i) => ({ name: `a-rather-long-deployment-name-${i}`, flowName: 'etl' }));
    r.progress({ phase: 'validated', deployments: many });
    for (const d of many) r.progress({ phase: 'registering', ...d });
    const block = screen.text();
    expect(block.length).toBeLessThanOrEqual(6);
    expect(block.at(-1)).toBe('  … 8 more in progress');
    for (const line of block) expect(line.length).toBeLessThan(30);
    r.finish('done');
    expect(screen.text()).toEqual(['done in 0.0s']);
  });

  it('colours the outcome when colour is on', () => {
    const screen = new Screen();
    const r = new LiveReporter(screen, style(true), undefined, () => 0, 0);
    r.result(outcome('a', 'failed', { error: 'x' }));
    expect(screen.raw).toContain('\x1b[31mfailed: x\x1b[39m');
  });
});

describe('PlainReporter (a CI log)', () => {
  it('writes each event once, as a plain line with its timing', () => {
    const out: string[] = [];
    const err: string[] = [];
    let t = 0;
    const r = new PlainReporter({ out: (l) => out.push(l), err: (l) => err.push(l) }, style(false), 'http://ui', () => t);
    t = 1200;
    r.progress({ phase: 'validated', deployments: [{ name: 'a', flowName: 'etl' }] });
    r.progress({ phase: 'steps', name: 'a', flowName: 'etl' });
    r.stepLog('a', 'step 1/1 run_shell_script');
    t = 3400;
    r.progress({ phase: 'built', name: 'a', flowName: 'etl' });
    r.progress({ phase: 'registering', name: 'a', flowName: 'etl' });
    r.result(outcome('a', 'unchanged', { id: 'x', durationMs: 40 }));
    r.result(outcome('b', 'failed', { error: 'API said no' }));
    r.finish('0 created, 0 updated, 1 unchanged, 1 failed');
    expect(out).toEqual([
      'validated 1 deployment in 1.2s',
      'etl/a: running build and push steps',
      '[a] step 1/1 run_shell_script',
      'etl/a: steps done in 2.2s',
      'etl/a: unchanged in 0.0s  http://ui/deployments/deployment/x',
      '0 created, 0 updated, 1 unchanged, 1 failed in 3.4s',
    ]);
    expect(err).toEqual(['etl/b: failed: API said no in 0.3s']);
    expect([...out, ...err].join('')).not.toMatch(/\x1b/);
  });
});
