/**
 * The tests' seeded generator, where a test needs one without a fault proxy. It lives in
 * fault-proxy.ts, which the bench loads with Node's own TypeScript (no `.js` to `.ts` mapping there).
 */
export { seededRandom } from './fault-proxy.js';
