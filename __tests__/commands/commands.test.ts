/**
 * The commands in-process, with a recording Reporter: no subprocess, no Python, no server (the
 * client hooks are checked against a stand-in HTTP server in this process).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrlOf, build, deploy, deployFailure, list, openClient, plan, validate, writeConcurrency, type CommandRequest } from '../../src/commands/index.js';
import { Secrets } from '../../src/core/secrets.js';
import { RecordingReporter } from '../support/recording-reporter.js';

const root = path.resolve(import.meta.dirname, '../..');
const now = new Date('2026-11-22T12:00:00Z');

let work: string;
let example: string;
let built: string;
let broken: string;

const FLOW = `from prefect import flow


@flow(name="load")
def load(day: str = "today"):
    """Loads a day."""
`;

const withBuildStep = `build:
  - prefect.deployments.steps.set_working_directory:
      id: where
      directory: flows
deployments:
  - name: nightly
    entrypoint: flows/f.py:load
    work_pool:
      name: pool
      job_variables:
        dir: "{{ where.directory }}"
        token: "{{ $API_TOKEN }}"
`;

function project(name: string, yaml: string): string {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, 'flows'), { recursive: true });
  writeFileSync(path.join(dir, 'flows', 'f.py'), FLOW);
  writeFileSync(path.join(dir, 'prefect.yaml'), yaml);
  return dir;
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'commands-'));
  example = path.join(work, 'example');
  cpSync(path.join(root, 'examples', 'local-etl'), example, { recursive: true });
  built = project('built', withBuildStep);
  broken = project('broken', 'deployments:\n  - name: nightly\n    entrypoint: flows/f.py:nope\n    work_pool: {name: pool}\n');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const request = (cwd: string, extra: Partial<CommandRequest> = {}): CommandRequest => ({
  prefectFile: 'prefect.yaml',
  selection: { all: true, names: [] },
  cwd,
  env: { IMAGE_TAG: 'v1', API_TOKEN: 'tok-secret-value' },
  now,
  secrets: new Secrets(),
  git: noGit,
  ...extra,
});

/** Not a git checkout, as the temporary copies are: the commands run no git process. */
const noGit = (): Promise<string> => Promise.reject(new Error('not a git repository'));

describe('plan', () => {
  it('offline: every selected deployment, no live changes, changes possible, no failure; problems reported once', async () => {
    const reporter = new RecordingReporter();
    const result = await plan({ ...request(example), planEnv: ['IMAGE_TAG'] }, reporter);
    expect(result.plan?.deployments.map((d) => d.name)).toEqual(['sales-nightly', 'sales-hourly-us', 'dashboards']);
    expect(result.live).toBeUndefined();
    expect(result.hasChanges).toBe(true);
    expect(result.failureReason).toBeUndefined();
    expect(result.uiUrl).toBeUndefined();
    expect(reporter.of('diagnostics')).toEqual([['diagnostics', result.diagnostics]]);
    expect(result.plan?.deployments[0]?.payload.job_variables).toEqual({ image: 'ghcr.io/acme/etl:v1' });
  });

  it('hides environment values plan-env does not allow, and learns them as secrets', async () => {
    const secrets = new Secrets();
    const result = await plan({ ...request(built, { secrets }), planEnv: [] }, new RecordingReporter());
    const variables = result.plan?.deployments[0]?.payload.job_variables as Record<string, unknown>;
    expect(variables.token).toBe('(from $API_TOKEN)');
    expect(secrets.redactText('a tok-secret-value b')).toBe('a *** b');
  });
});

describe('validate', () => {
  it('an error in prefect.yaml is invalid-config, reported as a diagnostic', async () => {
    const reporter = new RecordingReporter();
    const result = await validate({ ...request(broken), planEnv: [] }, reporter);
    expect(result.failureReason).toBe('invalid-config');
    expect(result.diagnostics.some((d) => d.severity === 'error' && /nope/.test(d.message))).toBe(true);
    expect(reporter.of('diagnostics')[0]?.[1]).toBe(result.diagnostics);
  });
});

describe('list', () => {
  it('selects every deployment when none is named', async () => {
    const result = await list(request(example, { selection: { all: false, names: [] } }), new RecordingReporter());
    expect(result.plan?.deployments).toHaveLength(3);
    expect(result.failureReason).toBeUndefined();
  });
});

describe('deploy', () => {
  it('without an API URL is refused as no-api-url before anything starts', async () => {
    const reporter = new RecordingReporter();
    const result = await deploy({ ...request(example), lock: false, skipSteps: false }, reporter);
    expect(result).toMatchObject({ failureReason: 'no-api-url', hasChanges: false, diagnostics: [] });
    expect(reporter.calls).toEqual([]);
  });

  it('with the steps skipped, a placeholder they would fill and nobody gave is invalid-input (nothing is sent to the API)', async () => {
    const reporter = new RecordingReporter();
    const result = await deploy({ ...request(built, { apiUrl: 'http://127.0.0.1:9/api' }), lock: false, skipSteps: true }, reporter);
    expect(result.failureReason).toBe('invalid-input');
    expect(result.outcomes).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ deployment: 'nightly', message: expect.stringContaining('{{ where.directory }} is filled by a build or push step') }),
    ]);
    expect(reporter.of('deploying')).toEqual([['deploying', 'http://127.0.0.1:9']]);
  });

  it('keyed step outputs of a build fill those placeholders; checkPlan can refuse as plan-changed', async () => {
    const stepOutputs = { 'load/nightly': { where: { directory: '/given' } } };
    const seen: string[] = [];
    const result = await deploy(
      {
        ...request(built, { apiUrl: 'http://127.0.0.1:9/api' }),
        lock: false,
        skipSteps: false,
        stepOutputs,
        checkPlan: async (p) => {
          seen.push(...p.deployments.map((d) => d.name));
          return 'the plan changed';
        },
      },
      new RecordingReporter(),
    );
    expect(seen).toEqual(['nightly']);
    expect(result).toMatchObject({ failureReason: 'plan-changed', message: 'the plan changed' });
  });
});

describe('build', () => {
  it('offline: runs the build steps once, reports each step, and returns their outputs per deployment', async () => {
    const reporter = new RecordingReporter();
    const result = await build(request(built), reporter);
    expect(result.failureReason).toBeUndefined();
    expect(result.built).toBe(1);
    expect(result.stepOutputs?.get(0)).toMatchObject({ where: { directory: path.join(built, 'flows') } });
    expect(reporter.of('step').map(([, d, e]) => [d.name, e.phase, e.name])).toEqual([
      ['nightly', 'start', 'prefect.deployments.steps.set_working_directory'],
      ['nightly', 'end', 'prefect.deployments.steps.set_working_directory'],
    ]);
    expect(reporter.of('progress').map(([, e]) => e.phase)).toEqual(['steps', 'built']);
  });

  it('an invalid prefect.yaml runs no step: invalid-config', async () => {
    const reporter = new RecordingReporter();
    const result = await build(request(broken), reporter);
    expect(result.failureReason).toBe('invalid-config');
    expect(reporter.of('step')).toEqual([]);
  });
});

describe('shared decisions', () => {
  it('offline or live: --offline wins, then the given URL, then PREFECT_API_URL', () => {
    expect(apiUrlOf({ PREFECT_API_URL: 'http://env/api' }, {})).toBe('http://env/api');
    expect(apiUrlOf({ PREFECT_API_URL: 'http://env/api' }, { apiUrl: 'http://flag/api' })).toBe('http://flag/api');
    expect(apiUrlOf({ PREFECT_API_URL: 'http://env/api' }, { offline: true, apiUrl: 'http://flag/api' })).toBeUndefined();
    expect(apiUrlOf({ PREFECT_API_URL: '' }, {})).toBeUndefined();
  });

  it('writes one at a time to a self-hosted server, 8 to Prefect Cloud, unless a concurrency is given', () => {
    expect(writeConcurrency({}, { isCloud: false })).toBe(1);
    expect(writeConcurrency({}, { isCloud: true })).toBe(8);
    expect(writeConcurrency({ concurrency: 3 }, { isCloud: false })).toBe(3);
  });

  it("a deploy's failure reason", () => {
    const error = [{ severity: 'error' as const, file: 'prefect.yaml', message: 'x' }];
    expect(deployFailure({ outcomes: [], diagnostics: error, stoppedAt: 'steps' })).toBe('step-failed');
    expect(deployFailure({ outcomes: [], diagnostics: error, stoppedAt: 'lock' })).toBe('lock-timeout');
    expect(deployFailure({ outcomes: [], diagnostics: error, stoppedAt: 'validation' })).toBe('invalid-config');
    const outcome = { name: 'a', flowName: 'f', changes: [], notices: [], stepOutputs: {}, durationMs: 1 };
    expect(deployFailure({ outcomes: [{ ...outcome, action: 'failed' }], diagnostics: error })).toBe('deploy-failed');
    expect(deployFailure({ outcomes: [{ ...outcome, action: 'created' }], diagnostics: [] })).toBeUndefined();
  });
});

describe('the client hooks', () => {
  let server: http.Server;
  let apiUrl: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/api/variables/name/db_password') res.end(JSON.stringify({ id: '1', name: 'db_password', value: 'var-secret-1', tags: [] }));
      else if (req.url?.startsWith('/api/block_types/slug/secret/block_documents/name/gh'))
        res.end(JSON.stringify({ id: '2', name: 'gh', data: { value: 'ghp_secretvalue' }, block_type: { slug: 'secret' } }));
      else {
        res.statusCode = 404;
        res.end('{"detail": "Not found"}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(() => server.close());

  it('learn the secrets of block documents and credential-named variables, and log every request with --debug', async () => {
    const secrets = new Secrets();
    const reporter = new RecordingReporter();
    const client = openClient({ ...request(work, { secrets, debug: true }), apiUrl }, reporter);
    try {
      await client.readVariableByName('db_password');
      await client.readBlockDocumentByName('secret', 'gh');
      expect(await client.readVariableByName('missing')).toBeUndefined();
    } finally {
      client.close();
    }
    expect(secrets.redactText('var-secret-1 ghp_secretvalue')).toBe('*** ***');
    const lines = reporter.of('clientLog').map(([, line]) => line.replace(/\d+ ms/, 'N ms'));
    expect(lines).toEqual([
      'debug: GET /variables/name/db_password → 200 in N ms',
      'debug: GET /block_types/slug/secret/block_documents/name/gh → 200 in N ms',
      'debug: GET /variables/name/missing → 404 in N ms',
    ]);
  });
});
