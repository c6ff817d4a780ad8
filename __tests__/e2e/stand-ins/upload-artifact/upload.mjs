import { upload } from './artifact.mjs';

await upload();
