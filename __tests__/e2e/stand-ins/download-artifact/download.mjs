import { download } from './artifact.mjs';

await download();
