import { capYoungGeneration, enableCodeCache } from './runtime.js';
// Loaded once the compile cache is on, so it covers the code of the run.
enableCodeCache();
const [{ main }, { exitWhenReaderCloses }] = await Promise.all([import('./cli/main.js'), import('./cli/output.js')]);
exitWhenReaderCloses();
capYoungGeneration();
process.exitCode = await main(process.argv.slice(2));
