import { capYoungGeneration, enableCodeCache } from './runtime.js';
// Loaded once the compile cache is on, so it covers the code of the run.
enableCodeCache();
const { run } = await import('./github/main.js');
capYoungGeneration();
await run();
