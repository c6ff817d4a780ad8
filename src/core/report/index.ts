/**
 * report/: what a plan or a deploy looks like to people and pipelines — text, markdown (PR comment,
 * job summary), JSON. Reads plan/ and apply/ results; imports nothing above core.
 */
export * from './paint.js';
export * from './text.js';
export * from './markdown.js';
export * from './changes.js';
export * from './skipped.js';
export * from './projects.js';
export * from './deletions.js';
export * from './preview.js';
export * from './smoke.js';
export * from './drift.js';
export * from './applied.js';
