// The real setup-node fails when node-version-file names no file; so does this stand-in.
import { existsSync } from 'node:fs';
import path from 'node:path';

const file = process.env['INPUT_NODE-VERSION-FILE'] ?? '';
if (file && !existsSync(path.resolve(process.env.GITHUB_WORKSPACE ?? '.', file))) {
  console.log(`::error::node-version-file ${file} does not exist`);
  process.exit(1);
}
console.log(`setup stand-in: node ${process.version} from PATH`);
