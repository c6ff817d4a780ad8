/**
 * Runs the committed action bundle the way the runner does (the toolkit's contract): inputs as
 * INPUT_* variables, the event payload in the GITHUB_EVENT_PATH file, outputs read back from the
 * GITHUB_OUTPUT file and the job summary from GITHUB_STEP_SUMMARY.
 *
 * DEPLOY_ACTION_BUNDLE points the tests at another build of src/index.ts (e.g. one made with
 * `DEPLOY_ACTION_OUTDIR=/tmp/x node scripts/build.mjs`) while dist/ is not rebuilt yet.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const bundle = process.env.DEPLOY_ACTION_BUNDLE ?? path.join(root, 'dist', 'index.js');

export interface RunOptions {
  /** `GITHUB_EVENT_NAME` and the payload written to the event file. */
  event?: { name: string; payload: Record<string, unknown> };
  /** Extra environment (GITHUB_API_URL, GITHUB_REPOSITORY, ...). */
  env?: Record<string, string>;
  /** Starts the clock at this instant (a preload shifts Date), so next run times are fixed. */
  now?: string;
  /** Another build of src/index.ts than DEPLOY_ACTION_BUNDLE or dist/ (e.g. next to `builtCli()`). */
  bundle?: string;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The GITHUB_OUTPUT file as the action wrote it. */
  outputFile: string;
}

export async function runAction(inputs: Record<string, string>, cwd: string, options: RunOptions = {}): Promise<ActionRun> {
  const files = mkdtempSync(path.join(cwd, 'runner-'));
  const outputFile = path.join(files, 'github-output.txt');
  const summaryFile = path.join(files, 'step-summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, ...options.env };
  if (options.event) {
    const eventFile = path.join(files, 'event.json');
    writeFileSync(eventFile, JSON.stringify(options.event.payload));
    env.GITHUB_EVENT_NAME = options.event.name;
    env.GITHUB_EVENT_PATH = eventFile;
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const args = [options.bundle ?? bundle];
  if (options.now) {
    env.DEPLOY_ACTION_TEST_NOW = options.now;
    args.unshift('--import', path.join(import.meta.dirname, 'fixed-clock.mjs'));
  }
  let stdout: string;
  let stderr: string;
  let code = 0;
  try {
    ({ stdout, stderr } = await exec(process.execPath, args, { cwd, env, maxBuffer: 64 << 20 }));
  } catch (e) {
    ({ stdout, stderr, code } = e as { stdout: string; stderr: string; code: number });
  }
  const written = readFileSync(outputFile, 'utf8');
  return { code, stdout, stderr, outputs: parseOutputs(written), summary: readFileSync(summaryFile, 'utf8'), outputFile: written };
}

/** The runner's file command format: `name<<DELIMITER\nvalue\nDELIMITER`. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1]!] = m[3]!;
  return out;
}

/** The workflow commands the runner would act on: everything between stop-commands/resume is text. */
export function workflowCommands(stdout: string): string[] {
  const commands: string[] = [];
  let stopped: string | undefined;
  for (const line of stdout.split('\n')) {
    if (stopped !== undefined) {
      if (line === `::${stopped}::`) stopped = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) stopped = stop[1];
    else if (line.startsWith('::')) commands.push(line);
  }
  return commands;
}
