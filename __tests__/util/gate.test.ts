import { describe, expect, it } from 'vitest';
import { gate } from '../../src/core/util/map-bounded.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('gate (write slots shared by the deploys of one run)', () => {
  it('runs at most `limit` at once, across callers, in the order they came', async () => {
    const slots = gate(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const job = (i: number) =>
      slots(async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        await tick();
        running--;
        return i;
      });
    // Two callers (two projects) sharing the gate.
    const a = Promise.all([0, 1, 2].map(job));
    const b = Promise.all([3, 4, 5].map(job));
    expect([...(await a), ...(await b)]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('gives a failed call its slot back', async () => {
    const slots = gate(1);
    await expect(slots(() => Promise.reject(new Error('503')))).rejects.toThrow('503');
    await expect(slots(async () => 'next')).resolves.toBe('next');
  });
});
