/**
 * examples/docker through the engine: prefect.yaml's top-level build and push steps run once for
 * both deployments (shared as the deploy does), push to a registry with credentials from the
 * environment, and `{{ build-image.image }}` lands in each deployment's job variables.
 */
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPlan } from '../../src/core/plan/index.js';
import { offlineSources, type StepOutputs } from '../../src/core/templating/index.js';
import { runSteps, StepCache } from '../../src/steps/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dockerHost = inject('dockerHost');
const authRegistry = inject('dockerAuthRegistry');
const user = inject('dockerRegistryUser');
const password = inject('dockerRegistryPassword');

let project: string;
let env: Record<string, string>;

beforeAll(() => {
  project = path.join(realpathSync(mkdtempSync(path.join(tmpdir(), 'docker-example-'))), 'docker');
  cpSync(path.join(root, 'examples/docker'), project, { recursive: true });
  // the example pushes to ghcr.io: point it at the test registry instead, nothing else changes
  const file = path.join(project, 'prefect.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replaceAll('ghcr.io', authRegistry));
  const home = path.join(project, '..', 'home');
  env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    DOCKER_HOST: dockerHost,
    DOCKER_CONFIG: path.join(home, '.docker'),
    IMAGE_TAG: 'sha-0123abc',
    REGISTRY_USER: user,
    REGISTRY_PASSWORD: password,
  };
});

afterAll(() => {
  if (project) rmSync(path.dirname(project), { recursive: true, force: true });
});

describe('examples/docker', () => {
  it('plans offline with the image left to the steps', async () => {
    const plan = await createPlan({ prefectFile: 'prefect.yaml', selection: { all: true, names: [] }, cwd: project, env });
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(plan.deployments.map((d) => d.name)).toEqual(['orders-eu', 'orders-us']);
    const jobVariables = (plan.deployments[0]!.payload['job_variables'] ?? {}) as Record<string, unknown>;
    expect(jobVariables['image']).toBe('{{ build-image.image }}');
  });

  it('builds and pushes once for both deployments; the deployments get the pushed image', async () => {
    const plan = await createPlan({ prefectFile: 'prefect.yaml', selection: { all: true, names: [] }, cwd: project, env });
    const cache = new StepCache();
    const log: string[] = [];
    const outputs = new Map<number, StepOutputs>();
    // as the deploy runs them: all deployments at once, identical invocations shared
    await Promise.all(
      plan.deployments.map(async (d) => {
        const ctx = { cwd: project, env, sources: offlineSources(), cache, section: 'build', log: (line: string) => log.push(line) };
        let out = await runSteps(d.steps.build, {}, ctx);
        ctx.section = 'push';
        out = await runSteps(d.steps.push, out, ctx);
        outputs.set(d.index, out);
      }),
    );
    const image = `${authRegistry}/acme/docker-etl`;
    expect(log.filter((l) => l.startsWith('Step 1/'))).toHaveLength(1);
    expect(log.filter((l) => l.includes('reusing its result'))).toHaveLength(2);
    expect(log.join('\n')).not.toContain(password);

    const replanned = await createPlan({ prefectFile: 'prefect.yaml', selection: { all: true, names: [] }, cwd: project, env, stepOutputsByIndex: outputs });
    expect(replanned.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const d of replanned.deployments) {
      expect(d.payload['job_variables']).toEqual({ image: `${image}:sha-0123abc` });
      expect(d.payload['pull_steps']).toEqual([{ 'prefect.deployments.steps.set_working_directory': { directory: '/opt/prefect/docker-etl' } }]);
    }

    const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const listed = (await (await fetch(`http://${authRegistry}/v2/acme/docker-etl/tags/list`, { headers: { authorization: auth } })).json()) as { tags: string[] };
    expect(listed.tags.sort()).toEqual(['latest', 'sha-0123abc']);
  });
});
