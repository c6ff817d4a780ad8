/**
 * `prefect-deploy schema`: a JSON Schema (draft-07, the draft yaml-language-server and most editors
 * support fully) for prefect.yaml, describing what the validator (`src/core/config/validate.ts`)
 * accepts. Unknown keys, which the validator reports as warnings, are flagged by editors too.
 */
import { VERSION_TYPES } from '../core/config/validate.js';
import { allStepNames, findStep, RESERVED_STEP_INPUTS } from '../core/config/step-catalogue.js';

type Schema = Record<string, unknown>;

const text = (description: string): Schema => ({ type: ['string', 'null'], description });
const LAX_BOOL = ['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 't', 'f', '1', '0', 'True', 'False', 'Yes', 'No'];
const bool = (description: string): Schema => ({
  description,
  anyOf: [{ type: ['boolean', 'null'] }, { enum: [0, 1] }, { type: 'string', enum: LAX_BOOL }],
});
const TEMPLATE = '\\{\\{.*\\}\\}';
/** Built-in step namespaces: a name inside them must be one of the known steps. */
const CUSTOM_STEP_NAME =
  '^(?!prefect\\.deployments\\.steps\\.|prefect_docker\\.|prefect_aws\\.|prefect_gcp\\.|prefect_azure\\.)[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*[.:][A-Za-z_]\\w*$';

function stepSchema(): Schema {
  const reserved: Schema = {
    id: { type: ['string', 'null'], description: "Name under which later steps and the deployment reference this step's outputs: {{ <id>.<output> }}" },
    requires: {
      description: 'Package(s) the step needs; prefect deploy installs them when missing',
      anyOf: [{ type: ['string', 'null'] }, { type: 'array', items: { type: 'string' } }],
    },
  };
  const properties: Record<string, Schema> = {};
  for (const name of allStepNames()) {
    const def = findStep(name)!;
    const outputs = def.outputs.length > 0 ? ` Outputs: ${def.outputs.join(', ')}.` : '';
    const alias = def.name === name ? '' : ` (alias of ${def.name})`;
    properties[name] = {
      type: 'object',
      description: `Built-in step ${name}${alias}.${outputs}`,
      properties: { ...reserved, ...Object.fromEntries((def.inputs ?? []).map((i) => [i, {}])) },
      ...(def.inputs ? { additionalProperties: false } : {}),
    };
  }
  return {
    type: 'object',
    description: `One step: a mapping of one fully-qualified step function name to its inputs. ${RESERVED_STEP_INPUTS.join(' and ')} are accepted by every step.`,
    minProperties: 1,
    maxProperties: 1,
    properties,
    patternProperties: {
      [CUSTOM_STEP_NAME]: { type: 'object', description: 'A custom step: any importable Python function (package.module.function)', properties: reserved },
    },
    additionalProperties: false,
  };
}

const steps = (description: string): Schema => ({
  description,
  anyOf: [{ type: 'null' }, { type: 'array', items: { $ref: '#/definitions/step' } }, { $ref: '#/definitions/step' }, { type: 'object', maxProperties: 0 }],
});

const scheduleProperties: Record<string, Schema> = {
  cron: { type: 'string', description: 'A cron expression, e.g. "0 2 * * *"' },
  interval: { type: ['number', 'string'], description: 'Seconds between runs, or an ISO 8601 / HH:MM:SS duration' },
  rrule: { type: 'string', description: 'An RFC 5545 RRULE string' },
  timezone: text('IANA timezone, e.g. Europe/Paris'),
  anchor_date: text('Start of interval schedules (ISO 8601 datetime)'),
  day_or: bool('Cron: combine day-of-month and day-of-week with OR (default true)'),
  active: bool('Whether the schedule is active (default true)'),
  parameters: { type: 'object', description: 'Parameter overrides for runs of this schedule' },
  slug: text('A stable identifier of the schedule within the deployment'),
  replaces: text('The slug of an existing schedule this one replaces'),
};

const scheduleItem: Schema = {
  type: 'object',
  description: 'A schedule: exactly one of cron, interval, rrule',
  properties: scheduleProperties,
  additionalProperties: false,
  oneOf: [{ required: ['cron'] }, { required: ['interval'] }, { required: ['rrule'] }],
};

export function prefectYamlSchema(): Schema {
  const deployment: Schema = {
    type: 'object',
    description: 'One deployment',
    additionalProperties: false,
    properties: {
      name: { type: ['string', 'null'], pattern: '^[^/%&<>]*$', description: 'The deployment name (must not contain / % & < >)' },
      version: text('The version; quote numbers ("1.0")'),
      version_type: {
        description: 'How the version is computed when none is given',
        anyOf: [{ enum: [...VERSION_TYPES, null] }, { type: 'string', pattern: TEMPLATE }],
      },
      tags: { description: 'Tags of the deployment', anyOf: [{ type: 'array', items: { type: ['string', 'number', 'boolean'] } }, { type: 'string' }] },
      description: text('The description; the flow docstring when absent'),
      schedule: { description: 'Legacy single schedule; prefer schedules', anyOf: [{ type: 'null' }, { type: 'object', maxProperties: 0 }, scheduleItem] },
      schedules: { description: 'Schedules of the deployment', anyOf: [{ type: 'null' }, { type: 'array', items: scheduleItem }] },
      paused: bool(
        'Whether the deployment is paused. Left out: created running, and an existing deployment keeps its state on the server (prefect deploy would un-pause it)',
      ),
      concurrency_limit: {
        description: 'Maximum concurrent runs: a number, or a mapping with collision_strategy',
        anyOf: [
          { type: ['integer', 'null'] },
          { type: 'string', pattern: '^\\s*[-+]?\\d+\\s*$' },
          {
            type: 'object',
            additionalProperties: false,
            required: ['collision_strategy'],
            properties: {
              limit: { type: ['integer', 'string', 'null'], description: 'Maximum concurrent runs' },
              collision_strategy: { enum: ['ENQUEUE', 'CANCEL_NEW'], description: 'What happens to a run over the limit' },
              grace_period_seconds: { type: ['integer', 'null'], minimum: 60, maximum: 86400, description: 'Seconds a slot stays held after a crash (60-86400)' },
            },
          },
        ],
      },
      flow_name: text('Ignored: the flow name comes from the @flow decorator'),
      entrypoint: text('path/to/file.py:flow_function'),
      parameters: { type: 'object', description: 'Default parameter values' },
      enforce_parameter_schema: bool('Validate parameters against the flow signature (default true)'),
      build: steps('Build steps for this deployment (replace the top-level build section)'),
      push: steps('Push steps for this deployment (replace the top-level push section)'),
      pull: steps('Pull steps for this deployment (replace the top-level pull section)'),
      work_pool: {
        type: 'object',
        description: 'Where the deployment runs',
        additionalProperties: false,
        properties: {
          name: text('The work pool name'),
          work_queue_name: text('The work queue name (default queue when absent)'),
          job_variables: { type: 'object', description: "Overrides of the work pool's base job template variables" },
        },
      },
      triggers: {
        description: 'Event triggers; each becomes an automation that runs the deployment',
        anyOf: [{ type: 'null' }, { type: 'array', items: { type: 'object' } }],
      },
      sla: { description: 'Service level agreements (Prefect Cloud)', anyOf: [{ type: 'null' }, { type: 'array', items: { type: 'object' } }] },
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'prefect.yaml',
    description: 'Deployment configuration read by prefect deploy (Prefect 3) and prefect-deploy',
    type: 'object',
    additionalProperties: false,
    properties: {
      name: text('The project name'),
      'prefect-version': text('The Prefect version the file was written for'),
      prefect_version: text('The Prefect version the file was written for'),
      description: { type: ['string', 'null'], description: 'Ignored (written by prefect init recipes)' },
      required_inputs: { type: ['object', 'null'], description: 'Ignored (written by prefect init recipes)' },
      definitions: { description: 'Ignored: a place for YAML anchors (&name) to reuse with *name' },
      build: steps('Steps run before deploying, e.g. building a Docker image'),
      push: steps('Steps that upload the code, e.g. to S3'),
      pull: steps('Steps a worker runs to fetch the code before a flow run'),
      deployments: { type: 'array', description: 'The deployments', items: deployment },
    },
    definitions: { step: stepSchema() },
  };
}

export function prefectYamlSchemaText(): string {
  return `${JSON.stringify(prefectYamlSchema(), null, 2)}\n`;
}
