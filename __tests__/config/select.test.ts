import { describe, expect, it } from 'vitest';
import { expandPattern, selectDeployments } from '../../src/core/config/index.js';

const configs = [
  { name: 'etl-nightly', entrypoint: 'flows/etl.py:my_flow' },
  { name: 'etl-hourly', entrypoint: 'flows/etl.py:my_flow' },
  { name: 'report', entrypoint: 'flows/report.py:build_report' },
  { name: 'etl-', entrypoint: 'flows/x.py:other' },
  { name: 'mod', entrypoint: 'pkg.flows.my_flow' },
];
const names = (r: ReturnType<typeof selectDeployments>) => r.selected.map((s) => s.config.name);

describe('selection (spec §1.5)', () => {
  it('--all selects every config in file order', () => {
    expect(names(selectDeployments(configs, { all: true, names: [] }))).toEqual(configs.map((c) => c.name));
  });

  it('a plain name selects by the raw name', () => {
    expect(names(selectDeployments(configs, { all: false, names: ['report'] }))).toEqual(['report']);
  });

  it('flow/name compares the flow part, dashes as underscores, with the entrypoint function', () => {
    expect(names(selectDeployments(configs, { all: false, names: ['my-flow/etl-hourly'] }))).toEqual(['etl-hourly']);
    const miss = selectDeployments(configs, { all: false, names: ['build-report/etl-hourly'] });
    expect(miss.errors[0]).toMatch(/no deployment named "build-report\/etl-hourly"/);
  });

  it('* needs at least one character, matches the whole name, and flow patterns use dashes', () => {
    expect(expandPattern('etl-*', configs)).toEqual(['etl-nightly', 'etl-hourly']);
    expect(expandPattern('*ly', configs)).toEqual(['etl-nightly', 'etl-hourly']);
    expect(expandPattern('my-flow/*', configs)).toEqual(['etl-nightly', 'etl-hourly']);
    expect(expandPattern('my_flow/*', configs)).toEqual([]);
    expect(expandPattern('e?l-*', configs)).toEqual([]);
  });

  it('a qualified pattern drops the flow part, so the bare names select across flows (as the reference)', () => {
    const cs = [...configs, { name: 'etl-nightly', entrypoint: 'flows/b.py:flow_b' }];
    const r = selectDeployments(cs, { all: false, names: ['my-flow/etl-n*'] });
    expect(r.selected.map((s) => s.index)).toEqual([0, 5]);
  });

  it('is an error, listing what exists, when nothing matches', () => {
    const r = selectDeployments(configs, { all: false, names: ['etl-nightlly'] });
    expect(r.selected).toEqual([]);
    expect(r.errors[0]).toMatch(/no deployment named "etl-nightlly" in prefect.yaml \(did you mean "etl-nightly"\?\)\. Deployments in the file: etl-nightly, etl-hourly/);
    expect(selectDeployments(configs, { all: false, names: ['zz*'] }).errors[0]).toMatch(/no deployment matches the pattern "zz\*"/);
  });

  it('requires a choice when the file has several deployments, and not when it has one', () => {
    expect(selectDeployments(configs, { all: false, names: [] }).errors[0]).toMatch(/has 5 deployments; choose with --name/);
    expect(names(selectDeployments([configs[2]!], { all: false, names: [] }))).toEqual(['report']);
  });

  it('rejects --all with --name, and a name with two slashes', () => {
    expect(selectDeployments(configs, { all: true, names: ['report'] }).errors[0]).toMatch(/either --all or --name/);
    expect(selectDeployments(configs, { all: false, names: ['a/b/c'] }).errors[0]).toMatch(/more than one "\/"/);
  });

  it('skips unnamed configs under --all and selects each config once', () => {
    const cs = [{ entrypoint: 'a.py:f' }, { name: 'x', entrypoint: 'a.py:f' }];
    const r = selectDeployments(cs, { all: true, names: [] });
    expect(r.selected.map((s) => s.index)).toEqual([1]);
    expect(r.warnings[0]).toMatch(/#1 has no name/);
    expect(selectDeployments(configs, { all: false, names: ['etl-*', 'etl-nightly'] }).selected.map((s) => s.index)).toEqual([0, 1]);
  });
});
