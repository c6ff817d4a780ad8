import { run } from './github/main.js';
import { capYoungGeneration } from './runtime.js';
capYoungGeneration();
await run();
