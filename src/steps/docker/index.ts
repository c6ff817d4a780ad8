export { buildDockerImage, type BuildDockerImageResult } from './build.js';
export { pushDockerImage, type PushDockerImageResult } from './push.js';
export { autoDockerfileLines, autoDockerfileText, IMAGE_LABELS, PREFECT_VERSION, prefectImageName } from './dockerfile.js';
export { defaultTag, normalizeImageName, splitRepositoryPath } from './names.js';
