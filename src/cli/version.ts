import { readFileSync } from 'node:fs';

declare const __PREFECT_DEPLOY_VERSION__: string | undefined;

/** This tool's version: package.json's, inlined by the build; read from the sources only when run from them (tests). */
export function toolVersion(): string {
  if (typeof __PREFECT_DEPLOY_VERSION__ === 'string') return __PREFECT_DEPLOY_VERSION__;
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** The program's options that take a value, so that the value is not mistaken for the command. */
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--prefect-file', '--output-file']);

/**
 * Whether `--version`/`-V` is asked of the program itself, i.e. before the command: after it,
 * `--version V` is plan's and deploy's deployment version (as in `prefect deploy`). commander
 * takes a program option anywhere on the line, so this one is not declared to it.
 */
export function asksToolVersion(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--version' || arg === '-V') return true;
    if (arg === '--') return false;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) return false;
  }
  return false;
}
