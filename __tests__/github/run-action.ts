/**
 * Runs the committed action bundle the way the runner does: inputs as INPUT_* variables, outputs
 * read back from the GITHUB_OUTPUT file.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

export async function runAction(inputs: Record<string, string>, cwd: string) {
  const outputFile = path.join(cwd, 'github-output.txt');
  writeFileSync(outputFile, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: outputFile };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  let stdout = '';
  let code = 0;
  try {
    ({ stdout } = await exec(process.execPath, [path.join(root, 'dist', 'index.js')], { cwd, env }));
  } catch (e) {
    ({ stdout, code } = e as { stdout: string; code: number });
  }
  return { code, stdout, outputs: parseOutputs(readFileSync(outputFile, 'utf8')) };
}

/** The runner's file command format: `name<<DELIMITER\nvalue\nDELIMITER`. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1]!] = m[3]!;
  return out;
}
