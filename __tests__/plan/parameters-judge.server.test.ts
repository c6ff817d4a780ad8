/**
 * Differential: our judge of parameters (parameters-judge.ts) against the suite's Prefect 3.9.1
 * server. The flow's schema is the one our flow analysis derives; for each case, a valid and an
 * invalid value of one parameter go to the server with `enforce_parameter_schema: true`, through
 * both of its doors: a create (`POST /deployments/`, 2xx or 422; what `prefect deploy` sends for
 * every deployment) and an update of an existing deployment (`PATCH /deployments/{id}`, 204 or 409;
 * how we update one). Our verdict must be the server's, and each row must mean what it says.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { analyzeEntrypoint } from '../../src/core/flows/index.js';
import { judgeParameters } from '../../src/core/plan/parameters-judge.js';
import { removeTempProjects, tempProject } from '../support/temp-project.js';
import { serverApiWithStatus } from '../support/server-api.js';

const apiUrl = inject('prefectApiUrl');
const RUN = Math.random().toString(36).slice(2, 8);

const FLOW = `from datetime import datetime
from enum import Enum
from typing import Annotated, Literal, Optional
from pydantic import BaseModel, Field
from prefect import flow


class Color(Enum):
    RED = "red"
    BLUE = "blue"


class Target(BaseModel):
    host: str
    port: int = 5432


@flow(name="judge-${RUN}")
def judged(
    count: int = 1,
    ratio: float = 0.5,
    dry_run: bool = False,
    region: Literal["eu", "us", "apac"] = "eu",
    color: Color = Color.RED,
    ids: list[int] = [],
    weights: dict[str, int] = {},
    limit: Optional[int] = None,
    target: Optional[Target] = None,
    when: Optional[datetime] = None,
    retries: Annotated[int, Field(ge=0)] = 1,
    attempts: int = Field(default=1, ge=0),
    required_name: str = ...,
):
    pass
`;

// [parameter, value, the server accepts it]
const CASES: Array<[string, unknown, boolean]> = [
  ['count', 3, true],
  ['count', 3.0, true],
  ['count', 'three', false],
  ['count', 2.5, false],
  ['ratio', 1, true],
  ['ratio', 'half', false],
  ['dry_run', true, true],
  ['dry_run', 'maybe', false],
  ['dry_run', 1, false],
  ['region', 'apac', true],
  ['region', 'us-east', false],
  ['color', 'blue', true],
  ['color', 'green', false],
  ['ids', [1, 2], true],
  ['ids', [1, 'two'], false],
  ['ids', 5, false],
  ['weights', { a: 1 }, true],
  ['weights', { a: 'x' }, false],
  ['weights', [1], false],
  ['limit', null, true],
  ['limit', 'many', false],
  ['target', { host: 'db', port: 1 }, true],
  ['target', { host: 'db' }, true],
  ['target', { port: 'high' }, false],
  ['target', 'db:5432', false],
  ['when', '2026-01-31T12:00:00Z', true],
  ['when', 'not a date', true],
  ['when', 3, false],
  ['retries', 0, true],
  ['retries', -1, false],
  // A Field() default's constraints stay out of Prefect's schema: the server takes anything numeric.
  ['attempts', -1, true],
  ['attempts', 'x', false],
  ['required_name', 'x', true],
  ['required_name', null, false],
];

let dir: string;
let schema: Record<string, unknown>;
let flowId: string;
let existingId: string;

const api = serverApiWithStatus(apiUrl);

beforeAll(async () => {
  dir = tempProject({ 'flows/f.py': FLOW }, 'params-judge-');
  schema = (await analyzeEntrypoint('flows/f.py:judged', { cwd: dir })).parameterSchema;
  const flow = await api('POST', '/flows/', { name: `judge-${RUN}` });
  flowId = (flow.json as { id: string }).id;
  const created = await api('POST', '/deployments/', {
    name: 'existing',
    flow_id: flowId,
    enforce_parameter_schema: true,
    parameter_openapi_schema: schema,
    parameters: {},
  });
  expect(created.status, JSON.stringify(created.json)).toBeLessThan(300);
  existingId = (created.json as { id: string }).id;
});

afterAll(async () => {
  await api('DELETE', `/flows/${flowId}`);
  removeTempProjects();
});

describe("parameters: our verdict is the server's", () => {
  it.each(CASES.map(([name, value, accepted], i) => ({ i, name, value, accepted })))('$name = $value', async ({ i, name, value, accepted }) => {
    const parameters = { [name]: value };
    const ours = judgeParameters(parameters, schema);
    const create = await api('POST', '/deployments/', {
      name: `case-${i}`,
      flow_id: flowId,
      enforce_parameter_schema: true,
      parameter_openapi_schema: schema,
      parameters,
    });
    if (create.status < 300) await api('DELETE', `/deployments/${(create.json as { id: string }).id}`);
    else expect(create.status, JSON.stringify(create.json)).toBe(422);
    const update = await api('PATCH', `/deployments/${existingId}`, { parameters, parameter_openapi_schema: schema });
    if (update.status >= 300) expect(update.status, JSON.stringify(update.json)).toBe(409);

    expect({ create: create.status < 300, update: update.status < 300 }).toEqual({ create: accepted, update: accepted });
    expect(ours.length === 0, ours.map((p) => p.message).join('; ')).toBe(accepted);
    // The message names the parameter at fault (or the place inside it).
    if (!accepted) expect(ours.map((p) => [p.path[0], p.message.startsWith(`parameter "${name}`)])).toEqual([[name, true]]);
  });
});
