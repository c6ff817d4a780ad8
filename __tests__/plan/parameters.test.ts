/**
 * Parameters judged in the plan, as the server judges them on create: each refused value reported
 * at its place in prefect.yaml, warnings when the schema is not enforced, names the flow does not
 * take, values still holding placeholders left alone, and CLI overrides named as such.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/core/diagnostics.js';
import { createPlan, type DeployOptions } from '../../src/core/plan/index.js';
import type { GitRunner } from '../../src/core/plan/version-info.js';
import { judgeParameters } from '../../src/core/plan/parameters-judge.js';
import { removeTempProjects, tempProject } from '../support/temp-project.js';

const FLOW = `from datetime import datetime
from enum import Enum
from typing import Literal, Optional
from pydantic import BaseModel
from prefect import flow


class Color(Enum):
    RED = "red"
    BLUE = "blue"


class Target(BaseModel):
    host: str
    port: int = 5432


@flow(name="regional")
def regional(
    region: Literal["eu", "us", "apac"] = "eu",
    dry_run: bool = False,
    ids: list[int] = [],
    limit: Optional[int] = None,
    color: Color = Color.RED,
    target: Optional[Target] = None,
    when: Optional[datetime] = None,
):
    pass


@flow(name="open")
def open_ended(x: int = 1, **rest):
    pass
`;

afterEach(removeTempProjects);

const project = (yaml: string): string => tempProject({ 'flows/f.py': FLOW, 'prefect.yaml': yaml }, 'params-');

/** Not a git checkout, as the temporary copy is: the plan runs no git process. */
const noGit: GitRunner = async () => {
  throw new Error('not a git repository');
};

async function problems(yaml: string, options?: DeployOptions): Promise<string[]> {
  const cwd = project(yaml);
  const plan = await createPlan({ prefectFile: 'prefect.yaml', selection: { all: true, names: [] }, cwd, env: {}, options, git: noGit });
  return plan.diagnostics.filter((d) => !d.message.startsWith('no pull steps')).map(formatDiagnostic);
}

const deployment = (body: string, extra = '') => `
deployments:
  - name: nightly
    entrypoint: flows/f.py:regional
    work_pool: {name: pool}
${extra}    parameters:
${body}
`;

describe('parameters in the plan', () => {
  it('names each refused value at its line and column, with the reason', async () => {
    expect(await problems(deployment('      region: us-east\n      dry_run: maybe'))).toEqual([
      `prefect.yaml:7:15: deployment "nightly": parameter "region": 'us-east' is not one of eu, us, apac`,
      `prefect.yaml:8:16: deployment "nightly": parameter "dry_run": 'maybe' is not of type boolean`,
    ]);
  });

  it('points into lists and models', async () => {
    expect(await problems(deployment('      ids: [1, two, 3]\n      target: {host: db, port: high}\n      color: green\n      limit: many'))).toEqual([
      `prefect.yaml:7:16: deployment "nightly": parameter "ids[1]": 'two' is not of type integer`,
      `prefect.yaml:8:32: deployment "nightly": parameter "target.port": 'high' is not of type integer`,
      `prefect.yaml:9:14: deployment "nightly": parameter "color": 'green' is not one of red, blue`,
      `prefect.yaml:10:14: deployment "nightly": parameter "limit": 'many' is not of type integer or null`,
    ]);
  });

  it('accepts what the server accepts', async () => {
    const ok =
      '      region: apac\n      dry_run: true\n      ids: [1, 2]\n      limit: null\n      color: blue\n      target: {host: db}\n      when: "not a date: no format checks on create"';
    expect(await problems(deployment(ok))).toEqual([]);
  });

  it('judges an integral float (`1.0`, kept a float for the request) as the number it is', async () => {
    expect(await problems(deployment('      limit: 3.0\n      ids: [1.0, 2.0]'))).toEqual([]);
    expect(await problems(deployment('      region: 1.0'))).toEqual([`prefect.yaml:7:15: deployment "nightly": parameter "region": 1.0 is not one of eu, us, apac`]);
  });

  it('warns instead when enforce_parameter_schema is false', async () => {
    expect(await problems(deployment('      region: us-east', '    enforce_parameter_schema: false\n'))).toEqual([
      `prefect.yaml:8:15: warning: deployment "nightly": parameter "region": 'us-east' is not one of eu, us, apac (not enforced: enforce_parameter_schema is false, so the server stores it and flow runs fail on it)`,
    ]);
    const viaFlag = await problems(deployment('      region: us-east'), { enforceParameterSchema: false });
    expect(viaFlag.map((p) => p.includes('warning:') && p.includes('not enforced'))).toEqual([true]);
  });

  it('warns about a name the flow does not take, with a suggestion; not when it takes **kwargs', async () => {
    expect(await problems(deployment('      regoin: eu'))).toEqual([
      `prefect.yaml:7:15: warning: deployment "nightly": parameter "regoin" is not a parameter of flow "regional" (did you mean "region"?); the server accepts it and every flow run fails on it`,
    ]);
    expect(await problems(deployment('      anything: 1').replace('f.py:regional', 'f.py:open_ended'))).toEqual([]);
  });

  it('judges schedule parameters too', async () => {
    const yaml = deployment('      region: eu', '    schedules:\n      - cron: "0 1 * * *"\n        parameters: {dry_run: sometimes}\n');
    expect(await problems(yaml)).toEqual([`prefect.yaml:8:31: deployment "nightly": parameter "dry_run": 'sometimes' is not of type boolean`]);
  });

  it('leaves values that are still placeholders to the deploy, which judges them once resolved', async () => {
    const body =
      '      region: "{{ prefect.variables.region }}"\n      dry_run: "{{ build-image.tag }}"\n      ids: ["{{ prefect.blocks.json.ids }}"]\n      limit: {__prefect_kind: json, value: "3"}';
    const build = '    build:\n      - prefect_docker.deployments.steps.build_docker_image:\n          id: build-image\n          image_name: x\n';
    expect(await problems(deployment(body, build))).toEqual([
      'prefect.yaml:3:5: warning: deployment "nightly": the Docker build step uses a custom Dockerfile, so no pull step is stored: the Dockerfile must copy the flow code into the image',
    ]);
  });

  it('says when the value came from --param', async () => {
    expect(await problems(deployment('      region: eu'), { param: ['region=mars'] })).toEqual([
      `prefect.yaml:3:5: deployment "nightly": parameter "region": 'mars' is not one of eu, us, apac (from --param/--params)`,
    ]);
  });
});

describe('judgeParameters', () => {
  const schema = {
    type: 'object',
    properties: { n: { type: 'integer', title: 'n', position: 0 }, s: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null, title: 's' } },
    required: ['n'],
    definitions: {},
  };
  it.each([
    [{ n: 1 }, []],
    [{ n: 1.0 }, []],
    [{}, []], // required keys are removed before validating
    [{ n: 'x' }, ['parameter "n": \'x\' is not of type integer']],
    [{ n: true }, ['parameter "n": True is not of type integer']],
    [{ s: 3 }, ['parameter "s": 3 is not of type string or null']],
  ])('%j', (parameters, expected) => {
    expect(judgeParameters(parameters, schema).map((p) => p.message)).toEqual(expected);
  });
});
