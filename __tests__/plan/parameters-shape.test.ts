import { describe, expect, it } from 'vitest';
import { judgeParameters, validationShape } from '../../src/core/plan/parameters-judge.js';

const flowSchema = (batchDefault: number, title: string) => ({
  title: 'Parameters',
  type: 'object',
  properties: {
    region: { title: 'region', default: 'eu', position: 0, enum: ['eu', 'us'], type: 'string', description: `Which region (${title}).` },
    batch: { title: 'batch', default: batchDefault, position: 1, type: 'integer' },
    day: { anyOf: [{ format: 'date', type: 'string' }, { type: 'null' }], default: null, position: 2, title: 'day' },
    options: { $ref: '#/definitions/Options', position: 3 },
  },
  definitions: { Options: { title: 'Options', description: title, type: 'object', properties: { retries: { type: 'integer', default: 1 } } } },
});

describe('validationShape (one compiled judge per shape)', () => {
  it('is the same for schemas that differ only in annotations', () => {
    expect(validationShape(flowSchema(3, 'a'))).toBe(validationShape(flowSchema(7, 'b')));
  });

  it('differs when a keyword that validates differs', () => {
    const other = flowSchema(3, 'a');
    other.properties.batch.type = 'number';
    expect(validationShape(other)).not.toBe(validationShape(flowSchema(3, 'a')));
    const narrower = flowSchema(3, 'a');
    narrower.properties.region.enum = ['eu'];
    expect(validationShape(narrower)).not.toBe(validationShape(flowSchema(3, 'a')));
  });

  it('keeps parameters named like annotation keywords', () => {
    const named = { type: 'object', properties: { title: { type: 'string' }, default: { type: 'integer' } } };
    const none = { type: 'object', properties: {} };
    expect(validationShape(named)).not.toBe(validationShape(none));
    expect(validationShape(named)).toContain('"default"');
  });

  it('keeps the whole text when a $ref could point into an annotation', () => {
    const into = (d: string) => ({ type: 'object', default: d, properties: { x: { $ref: '#/default' } } });
    expect(validationShape(into('a'))).not.toBe(validationShape(into('b')));
  });

  it('judges each schema of a shared shape by its own verdict', () => {
    expect(judgeParameters({ batch: 1 }, flowSchema(3, 'a'))).toEqual([]);
    const problems = judgeParameters({ batch: 'x', region: 'apac' }, flowSchema(9, 'z'));
    expect(problems.map((p) => p.message)).toEqual(['parameter "batch": \'x\' is not of type integer', 'parameter "region": \'apac\' is not one of eu, us']);
  });
});
