import { DOTENV_MAX_BYTES } from '../../src/cli/output.js';

/**
 * GitLab's reading of a dotenv report (`Ci::ParseDotenvArtifactService#scan_line!` and the job
 * variable validations), so the tests check what a later job would actually get.
 */
export function parseGitlabDotenv(text: string): Record<string, string> {
  if (Buffer.byteLength(text) >= DOTENV_MAX_BYTES) throw new Error('Dotenv Artifact Too Big');
  const vars: Record<string, string> = {};
  // `each_line` yields nothing for an empty file and keeps each line's newline.
  for (const line of text === '' ? [] : text.split(/(?<=\n)/)) {
    const m = /^(.*?)=(.*)$/m.exec(line);
    if (!m) throw new Error(`Invalid Format: ${JSON.stringify(line)}`);
    const key = m[1]!.trim();
    if (!/^[a-zA-Z0-9_]+$/.test(key)) throw new Error(`Key can contain only letters, digits and '_': ${key}`);
    vars[key] = m[2]!.trim();
  }
  if (Object.keys(vars).length > 20) throw new Error('Dotenv files cannot have more than 20 variables');
  return vars;
}
