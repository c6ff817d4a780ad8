import { main } from './cli/main.js';
import { capYoungGeneration } from './runtime.js';
capYoungGeneration();
process.exitCode = await main(process.argv.slice(2));
