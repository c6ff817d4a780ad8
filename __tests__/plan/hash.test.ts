/**
 * The plan fingerprint: equal for the same prefect.yaml planned on a pull request and deployed after
 * the merge (other commit, other time), different as soon as a registered setting changes, and
 * precise enough to name the fields.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan } from '../../src/core/plan/index.js';
import { compareFingerprints, fingerprintDeployments } from '../../src/core/plan/hash.js';
import { formatMarker, parseMarker } from '../../src/github/comment.js';
import { describeDifferences } from '../../src/github/plan-match.js';
import type { GitRunner } from '../../src/core/plan/version-info.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'hash-'));
  mkdirSync(path.join(dir, 'flows'));
  writeFileSync(path.join(dir, 'flows', 'f.py'), 'from prefect import flow\n\n@flow\ndef etl(day: str = "today"):\n    pass\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const yaml = (extra = '') => `
deployments:
  - name: hourly
    entrypoint: flows/f.py:etl
    schedules:
      - interval: 3600
    work_pool:
      name: pool
      job_variables: {image: "ghcr.io/acme/etl:{{ $GITHUB_SHA }}", env: {TOKEN: "{{ $TOKEN }}"}}
${extra}
  - name: nightly
    entrypoint: flows/f.py:etl
    schedules:
      - cron: "0 2 * * *"
    work_pool: {name: pool}
`;

/** The plan as GitHub Actions would make it: version and version_info inferred from the commit. */
async function fingerprint(options: { sha: string; now: string; extra?: string; token?: string }) {
  writeFileSync(path.join(dir, 'prefect.yaml'), yaml(options.extra));
  const git: GitRunner = async (args) => (args[0] === 'log' ? 'Merge pull request #7' : 'x');
  const env = {
    GITHUB_SHA: options.sha,
    GITHUB_REF_NAME: '7/merge',
    GITHUB_REPOSITORY: 'acme/etl',
    GITHUB_SERVER_URL: 'https://github.com',
    TOKEN: options.token ?? 'tok-1',
  };
  const plan = await createPlan({ prefectFile: 'prefect.yaml', selection: { all: true, names: [] }, cwd: dir, env, now: new Date(options.now), git });
  expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(plan.deployments[0]!.payload.version).toBe(options.sha.slice(0, 8));
  return {
    plan,
    print: fingerprintDeployments(plan.deployments, { commit: options.sha, transform: (v) => JSON.parse(JSON.stringify(v).replaceAll(options.token ?? 'tok-1', '***')) }),
  };
}

const PR = { sha: '1111111111111111111111111111111111111111', now: '2026-03-01T10:00:00Z' };
const MERGED = { sha: '2222222222222222222222222222222222222222', now: '2026-03-02T17:30:00Z' };

describe('plan fingerprint', () => {
  it('is the same for the pull request and the merged commit, at another time', async () => {
    const a = await fingerprint(PR);
    const b = await fingerprint(MERGED);
    // The inputs do differ: version, version_info, the interval anchor and the image tag.
    expect(a.plan.deployments[0]!.payload.version).not.toBe(b.plan.deployments[0]!.payload.version);
    expect(a.plan.deployments[0]!.schedules[0]!.create.schedule).not.toEqual(b.plan.deployments[0]!.schedules[0]!.create.schedule);
    expect(a.print).toEqual(b.print);
    expect(a.print.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(a.print.deployments)).toEqual(['etl/hourly', 'etl/nightly']);
  });

  it('leaves secrets out through the transform: a rotated secret is not a change', async () => {
    expect((await fingerprint({ ...PR, token: 'secret-a' })).print).toEqual((await fingerprint({ ...PR, token: 'secret-b' })).print);
  });

  it('changes with a registered setting, and the comparison names the deployment and the fields', async () => {
    const before = (await fingerprint(PR)).print;
    const after = (await fingerprint({ ...MERGED, extra: '    tags: [late]\n    parameters: {day: yesterday}' })).print;
    expect(after.hash).not.toBe(before.hash);
    expect(after.deployments['etl/nightly']).toEqual(before.deployments['etl/nightly']);
    expect(compareFingerprints(before, after)).toEqual([{ deployment: 'etl/hourly', kind: 'changed', fields: ['parameters', 'tags'] }]);
  });

  it('compares only the deployments being registered, and names the ones the plan did not have', async () => {
    const before = (await fingerprint(PR)).print;
    const one = { hash: 'x', deployments: { 'etl/nightly': before.deployments['etl/nightly']! } };
    expect(compareFingerprints(before, one)).toEqual([]);
    const other = { hash: 'y', deployments: { 'etl/weekly': before.deployments['etl/nightly']! } };
    expect(compareFingerprints(before, other)).toEqual([{ deployment: 'etl/weekly', kind: 'missing', fields: [] }]);
  });

  it('covers what a prune deletes: a deploy that would delete more than the reviewed plan differs from it', async () => {
    const { plan } = await fingerprint(PR);
    const weekly = { flowName: 'etl', name: 'weekly' };
    const monthly = { flowName: 'etl', name: 'monthly' };
    const reviewed = fingerprintDeployments(plan.deployments, { commit: PR.sha, deletions: [weekly] });
    expect(reviewed.hash).not.toBe(fingerprintDeployments(plan.deployments, { commit: PR.sha }).hash);
    // The same deletions: equal; fewer (a deploy without prune): nothing differs; more: refused, named.
    expect(fingerprintDeployments(plan.deployments, { commit: PR.sha, deletions: [weekly] })).toEqual(reviewed);
    expect(compareFingerprints(reviewed, fingerprintDeployments(plan.deployments, { commit: PR.sha }))).toEqual([]);
    const more = compareFingerprints(reviewed, fingerprintDeployments(plan.deployments, { commit: PR.sha, deletions: [weekly, monthly] }));
    expect(more).toEqual([{ deployment: 'delete etl/monthly', kind: 'missing', fields: [] }]);
    expect(describeDifferences(more)).toBe('deleting etl/monthly was not in that plan');
    // The deletions travel in the plan comment's marker.
    const marker = parseMarker(formatMarker({ key: 'abc', scope: 'def' }, reviewed));
    expect(compareFingerprints(marker!.fingerprint, fingerprintDeployments(plan.deployments, { commit: PR.sha, deletions: [weekly] }))).toEqual([]);
  });
});
