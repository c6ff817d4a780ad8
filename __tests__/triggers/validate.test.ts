import { describe, expect, it } from 'vitest';
import { automationBody, slaBodies, validateSlas, validateTriggers } from '../../src/core/triggers/index.js';

const ID = '11111111-2222-3333-4444-555555555555';

describe('validateTriggers errors', () => {
  it.each([
    { spec: { type: 'evnt' }, path: [0, 'type'], mentions: ['"event", "metric", "compound", "sequence"', 'did you mean "event"'] },
    { spec: { type: null }, path: [0, 'type'], mentions: ['unknown trigger type null'] },
    { spec: { posture: 'reactive' }, path: [0, 'posture'], mentions: ['"Reactive", "Proactive"'] },
    { spec: { posture: 'Proactive', within: 5 }, path: [0, 'within'], mentions: ['at least 10 seconds'] },
    { spec: { within: -1 }, path: [0, 'within'], mentions: ['must not be negative'] },
    { spec: { within: '300' }, path: [0, 'within'], mentions: ['ISO 8601', '"300"'] },
    { spec: { within: null }, path: [0, 'within'], mentions: ['got null'] },
    { spec: { expect: 'a' }, path: [0, 'expect'], mentions: ['list of strings'] },
    { spec: { match: { 'prefect.resource.id': 5 } }, path: [0, 'match'], mentions: ['"prefect.resource.id"', 'string or a list of strings'] },
    { spec: { match_related: ['flow'] }, path: [0, 'match_related'], mentions: ['item 0'] },
    { spec: { threshold: 1.5 }, path: [0, 'threshold'], mentions: ['whole number'] },
    { spec: { schedule_after: -5 }, path: [0, 'schedule_after'], mentions: ['must not be negative'] },
    { spec: { enabled: 'maybe' }, path: [0, 'enabled'], mentions: ['true or false'] },
    { spec: { name: 5 }, path: [0, 'name'], mentions: ['string'] },
    { spec: { parameters: [] }, path: [0, 'parameters'], mentions: ['mapping or null'] },
    { spec: { type: 'metric' }, path: [0, 'metric'], mentions: ['needs a `metric` query'] },
    { spec: { type: 'metric', metric: { name: 'lateness', threshold: 1, operator: '==' } }, path: [0, 'metric', 'operator'], mentions: ['"<", "<=", ">", ">="'] },
    { spec: { type: 'metric', metric: { name: 'lateness', operator: '>' } }, path: [0, 'metric', 'threshold'], mentions: ['is required'] },
    { spec: { type: 'metric', metric: { name: 'lateness', threshold: 1, operator: '>', range: 60 } }, path: [0, 'metric', 'range'], mentions: ['at least 300 seconds'] },
    {
      spec: { type: 'metric', metric: { name: 'lateness', threshold: 1, operator: '>', firing_for: 'PT1M' } },
      path: [0, 'metric', 'firing_for'],
      mentions: ['at least 300 seconds'],
    },
    { spec: { type: 'metric', posture: 'Reactive', metric: { name: 'x', threshold: 1, operator: '>' } }, path: [0, 'posture'], mentions: ['"Metric"'] },
    { spec: { require: 0, triggers: [{}] }, path: [0, 'require'], mentions: ['at least 1'] },
    { spec: { require: 2, triggers: [{}] }, path: [0, 'require'], mentions: ['number of triggers (1)'] },
    { spec: { require: 'some', triggers: [{}] }, path: [0, 'require'], mentions: ['"any" or "all"'] },
    { spec: { type: 'compound', triggers: [{}] }, path: [0, 'require'], mentions: ['is required'] },
    { spec: { triggers: [{}, { posture: 'Proactive', within: 1 }] }, path: [0, 'triggers', 1, 'within'], mentions: ['10 seconds'] },
    { spec: { triggers: 'x' }, path: [0, 'triggers'], mentions: ['list of triggers'] },
    { spec: 'x', path: [0], mentions: ['must be a mapping'] },
  ])('$path: $mentions', ({ spec, path, mentions }) => {
    const { triggers, errors } = validateTriggers([spec], 'dep');
    expect(triggers).toEqual([]);
    expect(errors.map((e) => e.path)).toEqual([path]);
    for (const m of mentions) expect(errors[0]!.message).toContain(m);
  });

  it('reports every bad trigger, not just the first, and keeps the good ones', () => {
    const { triggers, errors } = validateTriggers([{ within: -1 }, { expect: ['a'] }, { type: 'x' }], 'dep');
    expect(errors.map((e) => e.path)).toEqual([
      [0, 'within'],
      [2, 'type'],
    ]);
    expect(triggers.map((t) => t.name)).toEqual(['dep__automation_2']);
  });
});

describe('validateTriggers values', () => {
  it.each([
    { spec: {}, type: 'event' },
    { spec: { posture: 'Metric', metric: { name: 'lateness', threshold: 1, operator: '>' } }, type: 'metric' },
    { spec: { triggers: [], require: 'any' }, type: 'compound' },
    { spec: { triggers: [] }, type: 'sequence' },
    { spec: { posture: 'Metric', triggers: [], metric: { name: 'x', threshold: 1, operator: '>' } }, type: 'metric' },
    { spec: { type: 'sequence', require: 3, triggers: [] }, type: 'sequence' },
  ])('infers $type', ({ spec, type }) => {
    const { triggers, errors } = validateTriggers([spec], 'dep');
    expect(errors).toEqual([]);
    expect(triggers[0]!.trigger.type).toBe(type);
  });

  it.each([
    { spec: {}, name: 'dep__automation_1' },
    { spec: { name: 'mine' }, name: 'mine' },
    { spec: { name: null }, name: null },
  ])('name $name', ({ spec, name }) => {
    expect(validateTriggers([spec], 'dep').triggers[0]!.name).toBe(name);
  });

  it.each([
    { within: undefined, seconds: 10 },
    { within: 0, seconds: 10 },
    { within: 'PT0S', seconds: 10 },
    { within: 10, seconds: 10 },
    { within: '1d', seconds: 86400 },
  ])('proactive within $within → $seconds s', ({ within, seconds }) => {
    const spec = within === undefined ? { posture: 'Proactive' } : { posture: 'Proactive', within };
    const t = validateTriggers([spec], 'dep').triggers[0]!.trigger;
    expect(t.type === 'event' && t.within).toBe(seconds);
  });

  it('does not change the specs it is given', () => {
    const specs = [{ expect: ['a'] }];
    validateTriggers(specs, 'dep');
    expect(specs).toEqual([{ expect: ['a'] }]);
  });
});

describe('automationBody', () => {
  it('builds the reference body for a proactive trigger', () => {
    const [t] = validateTriggers([{ expect: ['a'], posture: 'Proactive' }], 'dep').triggers;
    // As printed by the reference (prefect 3.9.1) for the same spec.
    expect(JSON.stringify(automationBody(t!, ID))).toBe(
      JSON.stringify({
        name: 'dep__automation_1',
        description: '',
        enabled: true,
        tags: [],
        trigger: { type: 'event', match: {}, match_related: {}, after: [], expect: ['a'], for_each: [], posture: 'Proactive', threshold: 1, within: 10 },
        actions: [{ type: 'run-deployment', source: 'selected', deployment_id: ID, parameters: null, job_variables: null, schedule_after: 0 }],
        actions_on_trigger: [],
        actions_on_resolve: [],
        owner_resource: `prefect.deployment.${ID}`,
      }),
    );
  });

  it.each([
    { name: null, expected: `Automation for deployment ${ID}` },
    { name: '', expected: `Automation for deployment ${ID}` },
    { name: 'x', expected: 'x' },
  ])('name $name → $expected', ({ name, expected }) => {
    const [t] = validateTriggers([{ name }], 'dep').triggers;
    expect(automationBody(t!, ID).name).toBe(expected);
  });

  it('keeps parameter templates as written and does not share objects with the trigger', () => {
    const [t] = validateTriggers([{ parameters: { id: '{{ event.resource.id }}' }, schedule_after: 'PT1M' }], 'dep').triggers;
    const body = automationBody(t!, ID);
    const action = (body.actions as Record<string, unknown>[])[0]!;
    expect(action.parameters).toEqual({ id: '{{ event.resource.id }}' });
    expect(action.schedule_after).toBe(60);
    (action.parameters as Record<string, unknown>).id = 'changed';
    expect(t!.parameters).toEqual({ id: '{{ event.resource.id }}' });
  });
});

describe('SLAs', () => {
  it.each([
    { spec: { name: 'x', duration: 60, severity: 'urgent' }, path: [0, 'severity'], mentions: ['"minor", "low", "moderate", "high", "critical"'] },
    { spec: { duration: 60 }, path: [0, 'name'], mentions: ['is required'] },
    { spec: { name: 'x' }, path: [0], mentions: ['`duration`', '`within`', '`stale_after`'] },
    { spec: { name: 'x', duration: 1.5 }, path: [0, 'duration'], mentions: ['whole number'] },
    { spec: { name: 'x', within: 'soon' }, path: [0, 'within'], mentions: ['ISO 8601'] },
    { spec: 'x', path: [0], mentions: ['must be a mapping'] },
  ])('$path: $mentions', ({ spec, path, mentions }) => {
    const { slas, errors } = validateSlas([spec]);
    expect(slas).toEqual([]);
    expect(errors.map((e) => e.path)).toEqual([path]);
    for (const m of mentions) expect(errors[0]!.message).toContain(m);
  });

  it('sends only the fields given, in model order, with the owner', () => {
    const { slas } = validateSlas([
      { within: 'PT10M', enabled: false, name: 'late' },
      { name: 'ttc', duration: '90', severity: 'high' },
    ]);
    expect(JSON.stringify(slaBodies(slas, ID))).toBe(
      JSON.stringify([
        { name: 'late', enabled: false, within: 600, owner_resource: `prefect.deployment.${ID}` },
        { name: 'ttc', severity: 'high', duration: 90, owner_resource: `prefect.deployment.${ID}` },
      ]),
    );
  });

  it.each([{ specs: [] }, { specs: [[]] }])('$specs is no SLAs', ({ specs }) => {
    expect(validateSlas(specs)).toEqual({ slas: [], errors: [] });
  });
});
