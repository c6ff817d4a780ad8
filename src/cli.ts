import { capYoungGeneration, enableCodeCache } from './runtime.js';
// Loaded once the compile cache is on, so it covers the code of the run.
enableCodeCache();
const { main } = await import('./cli/main.js');
capYoungGeneration();
process.exitCode = await main(process.argv.slice(2));
