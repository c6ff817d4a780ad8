/** Trigger and SLA specs run through both the reference (prefect 3.9.1) and ours. */

export const DEPLOYMENT_ID = '0f6b1e4a-3c2d-4e5f-8a9b-1c2d3e4f5a6b';

export interface TriggerCase {
  name: string;
  /** The deployment name used for default automation names. */
  deployment?: string;
  specs: unknown[];
  /** What we expect the reference to say; the test checks the reference agrees (guards the cases). */
  valid: boolean;
}

const lateness = { name: 'lateness', threshold: 60, operator: '>' };

export const TRIGGER_CASES: TriggerCase[] = [
  // event, reactive
  { name: 'empty event trigger', specs: [{}], valid: true },
  { name: 'reactive expect with match', specs: [{ expect: ['prefect.flow-run.Completed'], match: { 'prefect.resource.id': 'prefect.flow-run.*' } }], valid: true },
  {
    name: 'match with list values and match_related mapping',
    specs: [
      {
        expect: ['a'],
        match: { 'prefect.resource.id': ['x.*', 'y.*'], 'prefect.resource.name': 'n' },
        match_related: { 'prefect.resource.role': 'flow', 'prefect.resource.name': ['etl', 'elt'] },
      },
    ],
    valid: true,
  },
  {
    name: 'match_related as a list',
    specs: [{ expect: ['a'], match_related: [{ 'prefect.resource.role': 'flow' }, { 'prefect.resource.role': 'tag', 'prefect.resource.id': ['prefect.tag.x'] }] }],
    valid: true,
  },
  { name: 'match_related empty list', specs: [{ match_related: [] }], valid: true },
  {
    name: 'after, expect, for_each with duplicates',
    specs: [
      {
        after: ['prefect.flow-run.Running'],
        expect: ['prefect.flow-run.Completed', 'prefect.flow-run.Failed', 'prefect.flow-run.Completed'],
        for_each: ['prefect.resource.id', 'related:flow:prefect.resource.id'],
      },
    ],
    valid: true,
  },
  { name: 'threshold and within seconds', specs: [{ expect: ['a'], threshold: 5, within: 120 }], valid: true },
  { name: 'threshold as a string, within ISO', specs: [{ expect: ['a'], threshold: '3', within: 'PT1H30M' }], valid: true },
  { name: 'within as clock text', specs: [{ expect: ['a'], within: '01:30:00' }], valid: true },
  { name: 'within as day text', specs: [{ expect: ['a'], within: '1 day, 02:00:00' }], valid: true },
  { name: 'within fractional seconds', specs: [{ expect: ['a'], within: 1.5 }], valid: true },
  { name: 'threshold zero and negative are allowed', specs: [{ threshold: 0 }, { threshold: -2 }], valid: true },
  // event, proactive
  {
    name: 'proactive without within gets 10 s',
    specs: [{ posture: 'Proactive', expect: ['prefect.flow-run.Completed'], for_each: ['prefect.resource.id'] }],
    valid: true,
  },
  { name: 'proactive within 0 gets 10 s', specs: [{ posture: 'Proactive', expect: ['a'], within: 0 }], valid: true },
  { name: 'proactive within exactly 10', specs: [{ posture: 'Proactive', expect: ['a'], within: 10 }], valid: true },
  { name: 'proactive within ISO', specs: [{ posture: 'Proactive', expect: ['a'], within: 'PT15M', threshold: 2, after: ['b'] }], valid: true },
  // metric
  { name: 'metric via posture', specs: [{ posture: 'Metric', metric: lateness }], valid: true },
  { name: 'metric duration <', specs: [{ type: 'metric', metric: { name: 'duration', threshold: 120.5, operator: '<' } }], valid: true },
  {
    name: 'metric successes <= with range and firing_for',
    specs: [{ type: 'metric', metric: { name: 'successes', threshold: 1, operator: '<=', range: 3600, firing_for: 'PT10M' } }],
    valid: true,
  },
  {
    name: 'metric lateness >= with match',
    specs: [
      {
        posture: 'Metric',
        match: { 'prefect.resource.id': 'prefect.flow-run.*' },
        match_related: { 'prefect.resource.role': 'deployment' },
        metric: { name: 'lateness', threshold: '30', operator: '>=', range: '00:05:00', firing_for: 300 },
      },
    ],
    valid: true,
  },
  {
    name: 'metric with an unknown metric name (kept as a string)',
    specs: [{ type: 'metric', metric: { name: 'throughput', threshold: 1, operator: '>' } }],
    valid: true,
  },
  { name: 'metric ignores event-only keys', specs: [{ type: 'metric', expect: ['x'], within: 5, metric: lateness }], valid: true },
  // compound and sequence
  { name: 'compound require int', specs: [{ require: 2, within: 3600, triggers: [{ expect: ['a'] }, { expect: ['b'] }] }], valid: true },
  { name: 'compound require any', specs: [{ type: 'compound', require: 'any', triggers: [{ expect: ['a'] }, { posture: 'Metric', metric: lateness }] }], valid: true },
  { name: 'compound require all without within', specs: [{ require: 'all', triggers: [{ expect: ['a'], posture: 'Proactive' }] }], valid: true },
  { name: 'compound require as string number', specs: [{ require: '1', triggers: [{ expect: ['a'] }] }], valid: true },
  { name: 'sequence', specs: [{ within: 'PT5M', triggers: [{ expect: ['a'] }, { expect: ['b'], match: { 'prefect.resource.id': 'r' } }] }], valid: true },
  { name: 'sequence with explicit type ignores require', specs: [{ type: 'sequence', require: 7, triggers: [{ expect: ['a'] }] }], valid: true },
  {
    name: 'nested compound inside sequence',
    specs: [{ triggers: [{ require: 'any', triggers: [{ expect: ['a'] }, { expect: ['b'] }] }, { triggers: [{ expect: ['c'] }] }] }],
    valid: true,
  },
  {
    name: 'nested trigger deployment keys are ignored',
    specs: [{ require: 1, triggers: [{ expect: ['a'], name: 5, schedule_after: -1, parameters: 'x' }] }],
    valid: true,
  },
  { name: 'compound negative within is allowed', specs: [{ require: 1, within: -60, triggers: [{ expect: ['a'] }] }], valid: true },
  { name: 'posture Metric with triggers is a metric trigger at the top', specs: [{ posture: 'Metric', triggers: [], metric: lateness }], valid: true },
  // deployment fields
  {
    name: 'parameters with templates and job_variables',
    specs: [
      {
        expect: ['a'],
        parameters: { run_id: '{{ event.resource.id }}', n: 3, nested: { x: ['{{ event.payload.x }}'] } },
        job_variables: { image: 'x:1', env: { A: 'b' } },
      },
    ],
    valid: true,
  },
  { name: 'schedule_after int', specs: [{ expect: ['a'], schedule_after: 90 }], valid: true },
  { name: 'schedule_after ISO', specs: [{ expect: ['a'], schedule_after: 'PT2H' }], valid: true },
  { name: 'enabled false, description', specs: [{ expect: ['a'], enabled: false, description: 'when a happens' }], valid: true },
  { name: 'enabled as a word', specs: [{ expect: ['a'], enabled: 'no' }], valid: true },
  {
    name: 'names default 1-based and explicit names kept',
    deployment: 'etl-prod',
    specs: [{ expect: ['a'] }, { name: 'mine', expect: ['b'] }, { expect: ['c'] }],
    valid: true,
  },
  { name: 'name null falls back to the deployment id', specs: [{ name: null, expect: ['a'] }], valid: true },
  { name: 'empty name falls back to the deployment id', specs: [{ name: '', expect: ['a'] }], valid: true },
  { name: 'parameters and job_variables null', specs: [{ parameters: null, job_variables: null }], valid: true },
  { name: 'unknown keys are ignored', specs: [{ expect: ['a'], colour: 'blue', actions: [{ type: 'do-nothing' }] }], valid: true },
  { name: 'no triggers', specs: [], valid: true },
  { name: 'proactive within as day text', specs: [{ posture: 'Proactive', within: '1d' }], valid: true },
  {
    name: 'metric threshold as a boolean, require true',
    specs: [{ require: true, triggers: [{ posture: 'Metric', metric: { name: 'successes', threshold: true, operator: '<' } }] }],
    valid: true,
  },

  // invalid
  { name: 'unknown type', specs: [{ type: 'events' }], valid: false },
  { name: 'type null', specs: [{ type: null }], valid: false },
  { name: 'proactive within under 10 s', specs: [{ posture: 'Proactive', expect: ['a'], within: 5 }], valid: false },
  { name: 'negative reactive within', specs: [{ within: -1 }], valid: false },
  { name: 'within null', specs: [{ within: null }], valid: false },
  { name: 'within numeric string', specs: [{ within: '300' }], valid: false },
  { name: 'lowercase posture', specs: [{ posture: 'reactive' }], valid: false },
  { name: 'event type with posture Metric', specs: [{ type: 'event', posture: 'Metric' }], valid: false },
  { name: 'metric range under 300 s', specs: [{ type: 'metric', metric: { ...lateness, range: 200 } }], valid: false },
  { name: 'metric firing_for under 300 s', specs: [{ type: 'metric', metric: { ...lateness, firing_for: 'PT1M' } }], valid: false },
  { name: 'metric bad operator', specs: [{ type: 'metric', metric: { name: 'lateness', threshold: 1, operator: '==' } }], valid: false },
  { name: 'metric missing threshold', specs: [{ type: 'metric', metric: { name: 'lateness', operator: '>' } }], valid: false },
  { name: 'metric without metric', specs: [{ type: 'metric' }], valid: false },
  { name: 'metric name not a string', specs: [{ type: 'metric', metric: { name: 3, threshold: 1, operator: '>' } }], valid: false },
  { name: 'compound require 0', specs: [{ require: 0, triggers: [{ expect: ['a'] }] }], valid: false },
  { name: 'compound require more than triggers', specs: [{ require: 3, triggers: [{ expect: ['a'] }, { expect: ['b'] }] }], valid: false },
  { name: 'compound require bad word', specs: [{ require: 'some', triggers: [{ expect: ['a'] }] }], valid: false },
  { name: 'compound without require given type', specs: [{ type: 'compound', triggers: [{ expect: ['a'] }] }], valid: false },
  { name: 'sequence triggers not a list', specs: [{ triggers: { expect: ['a'] } }], valid: false },
  { name: 'nested trigger invalid', specs: [{ triggers: [{ posture: 'Proactive', within: 1 }] }], valid: false },
  { name: 'expect as a string', specs: [{ expect: 'prefect.flow-run.Completed' }], valid: false },
  { name: 'match value a number', specs: [{ match: { 'prefect.resource.id': 5 } }], valid: false },
  { name: 'match_related list with a string', specs: [{ match_related: ['flow'] }], valid: false },
  { name: 'threshold fractional', specs: [{ threshold: 1.5 }], valid: false },
  { name: 'negative schedule_after', specs: [{ schedule_after: -5 }], valid: false },
  { name: 'schedule_after numeric string', specs: [{ schedule_after: '60' }], valid: false },
  { name: 'parameters not a mapping', specs: [{ parameters: ['a'] }], valid: false },
  { name: 'name not a string', specs: [{ name: 5 }], valid: false },
  { name: 'description null', specs: [{ description: null }], valid: false },
  { name: 'enabled not a boolean', specs: [{ enabled: 'maybe' }], valid: false },
  { name: 'proactive negative within', specs: [{ posture: 'Proactive', within: -30 }], valid: false },
  { name: 'proactive within clock text under 10 s', specs: [{ posture: 'Proactive', within: '00:00:05' }], valid: false },
  { name: 'nested trigger not a mapping', specs: [{ require: 'any', triggers: ['a'] }], valid: false },
  { name: 'metric posture on an explicit metric trigger', specs: [{ type: 'metric', posture: 'Reactive', metric: lateness }], valid: false },
  { name: 'spec not a mapping', specs: ['prefect.flow-run.Completed'], valid: false },
  { name: 'second of two specs invalid', specs: [{ expect: ['a'] }, { type: 'metric' }], valid: false },
];

export interface SlaCase {
  name: string;
  specs: unknown[];
  valid: boolean;
}

export const SLA_CASES: SlaCase[] = [
  { name: 'time to completion, only required fields', specs: [{ name: 'ttc', duration: 600 }], valid: true },
  { name: 'lateness with severity and enabled', specs: [{ name: 'late', within: 'PT10M', severity: 'high', enabled: false }], valid: true },
  { name: 'frequency in seconds', specs: [{ name: 'fresh', stale_after: 3600, severity: 'critical' }], valid: true },
  {
    name: 'three kinds together, enabled null',
    specs: [
      { name: 'a', duration: '90' },
      { name: 'b', within: 30.5, enabled: null },
      { name: 'c', stale_after: '1 day, 00:00:00' },
    ],
    valid: true,
  },
  { name: 'duration and within: the first kind wins', specs: [{ name: 'both', within: 60, duration: 30 }], valid: true },
  { name: 'invalid duration falls through to within', specs: [{ name: 'x', duration: 'soon', within: 60 }], valid: true },
  { name: 'unknown keys ignored', specs: [{ name: 'x', duration: 1, owner: 'me' }], valid: true },
  { name: 'empty list', specs: [], valid: true },
  { name: 'empty list in a list', specs: [[]], valid: true },
  { name: 'bad severity', specs: [{ name: 'x', duration: 60, severity: 'urgent' }], valid: false },
  { name: 'missing name', specs: [{ duration: 60 }], valid: false },
  { name: 'no kind field', specs: [{ name: 'x' }], valid: false },
  { name: 'fractional duration', specs: [{ name: 'x', duration: 1.5 }], valid: false },
  { name: 'within not a duration', specs: [{ name: 'x', within: 'ten minutes' }], valid: false },
  { name: 'not a mapping', specs: ['x'], valid: false },
];

/** Duration values for the `timedelta` parser shared by every trigger and SLA duration field. */
export const DURATIONS: unknown[] = [
  0,
  300,
  1.5,
  -5,
  true,
  false,
  null,
  '300',
  '1.5',
  ' 300',
  'PT5M',
  'P1D',
  'P1Y',
  'P1M',
  'P1W',
  'P1DT2H',
  'PT1H30M15.5S',
  'P0.5D',
  'P1,5D',
  'PT1,5S',
  'P1.5DT1.5H',
  'PT1.5H30M',
  '-PT5M',
  '+P1D',
  '-P1D',
  'P',
  'PT',
  'P1DT',
  'p1d',
  'PT5m',
  '01:00:00',
  '1:00:00',
  '01:00',
  '1:00',
  '12:30',
  '99:59',
  '100:00:00',
  '10:61',
  '00:60:00',
  '001:00:00',
  '1:00:00.5',
  '01:00:00,5',
  '1d',
  '1D',
  '1 day',
  '2 days',
  '1Day',
  '1 DAYS',
  '1d,',
  '1d ',
  '+1d',
  '-1d',
  '1.5d',
  '1 dd',
  '1h',
  '5m',
  '1 day, 01:00:00',
  '1 day, 1:00:00',
  '-1 day, 01:00:00',
  '1d01:00:00',
  '1d,01:00',
  '1 d, 01:00',
  '2 days, 0:00:00',
  '  PT5M',
  'PT5M ',
  'soon',
  '',
  [],
  {},
];
