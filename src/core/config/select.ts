/**
 * Which deployment configs a run works on (`--all`, `--name`, `flow/name`, `*` patterns), with the
 * reference's matching rules (spec §1.5). Where the reference quietly deploys something nobody
 * asked for (a name that matches nothing), this is an error that lists what exists.
 */
import { closest } from '../util/suggest.js';
import type { Mapping } from './validate.js';

export interface Selection {
  all: boolean;
  names: readonly string[];
}

export interface SelectedDeployment {
  /** Index in the file's `deployments:` list. */
  index: number;
  config: Mapping;
}

export interface SelectionResult {
  selected: SelectedDeployment[];
  errors: string[];
  warnings: string[];
}

/** The function part of an entrypoint: the text after the last `:`. */
function entrypointFunction(config: Mapping): string | undefined {
  const e = config.entrypoint;
  return typeof e === 'string' ? e.split(':').pop() : undefined;
}

function nameOf(config: Mapping): string | undefined {
  return typeof config.name === 'string' ? config.name : undefined;
}

/**
 * A `*` pattern turned into the names it stands for. The reference builds its regex so that `*`
 * needs at least one character, and a `flow/` part is compared with the entrypoint's function name
 * with `_` written as `-`.
 */
export function expandPattern(pattern: string, configs: readonly Mapping[]): string[] {
  const toRegex = (p: string) =>
    new RegExp(
      `^${p
        .split('*')
        .map((part) => RegExp.escape(part))
        .join('.+')}$`,
      'u',
    );
  let flowRe: RegExp | undefined;
  let nameRe: RegExp;
  const slash = pattern.indexOf('/');
  if (slash >= 0) {
    flowRe = toRegex(pattern.slice(0, slash));
    nameRe = toRegex(pattern.slice(slash + 1));
  } else {
    nameRe = toRegex(pattern);
  }
  const names: string[] = [];
  for (const config of configs) {
    const fn = entrypointFunction(config);
    const name = nameOf(config);
    if (!config.entrypoint || fn === undefined || name === undefined) continue;
    if (flowRe && !flowRe.test(fn.replaceAll('_', '-'))) continue;
    if (nameRe.test(name)) names.push(name);
  }
  return names;
}

export function selectDeployments(configs: readonly Mapping[], selection: Selection): SelectionResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const available = configs.map(nameOf).filter((n): n is string => n !== undefined);
  const listAvailable = () => (available.length ? ` Deployments in the file: ${available.join(', ')}.` : '');

  const parsedNames: string[] = [];
  for (const name of selection.names) {
    if (name.includes('*')) {
      const expanded = expandPattern(name, configs);
      if (expanded.length === 0) errors.push(`no deployment matches the pattern "${name}" (* stands for one or more characters).${listAvailable()}`);
      parsedNames.push(...expanded);
    } else {
      parsedNames.push(name);
    }
  }
  if (selection.all && selection.names.length > 0) {
    return { selected: [], errors: ['use either --all or --name, not both'], warnings };
  }
  if (configs.length === 0) {
    return { selected: [], errors: ['prefect.yaml has no deployments; add one under "deployments:" (see prefect-deploy init)'], warnings };
  }
  if (errors.length > 0) return { selected: [], errors, warnings };

  if (selection.all) {
    const selected: SelectedDeployment[] = [];
    configs.forEach((config, index) => {
      // The reference's single-config path deploys an unnamed config (and then fails for lack of
      // a name); its multi path skips it. Either way nothing unnamed gets deployed.
      if (configs.length > 1 && (config.name === undefined || config.name === null)) {
        warnings.push(`deployment #${index + 1} has no name and is skipped`);
        return;
      }
      selected.push({ index, config });
    });
    return { selected, errors, warnings };
  }
  if (parsedNames.length === 0) {
    if (configs.length === 1) return { selected: [{ index: 0, config: configs[0]! }], errors, warnings };
    return {
      selected: [],
      errors: [`prefect.yaml has ${configs.length} deployments; choose with --name NAME (repeatable, flow/name and * patterns work) or --all.${listAvailable()}`],
      warnings,
    };
  }

  const selected: SelectedDeployment[] = [];
  for (const name of parsedNames) {
    const matches = matchName(name, configs);
    if (matches.errors.length) {
      errors.push(...matches.errors);
      continue;
    }
    if (matches.indexes.length === 0) {
      const bare = name.split('/').pop()!;
      const guess = closest(bare, available);
      errors.push(`no deployment named "${name}" in prefect.yaml${guess ? ` (did you mean "${guess}"?)` : ''}.${listAvailable()}`);
      continue;
    }
    // Overlapping names or patterns make the reference deploy a config twice; once is the same result.
    for (const index of matches.indexes) {
      if (!selected.some((s) => s.index === index)) selected.push({ index, config: configs[index]! });
    }
  }
  return { selected: errors.length ? [] : selected, errors, warnings };
}

/** A plain name or `flow/name`; the flow part is compared with the entrypoint's function name. */
function matchName(name: string, configs: readonly Mapping[]): { indexes: number[]; errors: string[] } {
  const indexes: number[] = [];
  if (name.includes('/')) {
    const parts = name.split('/');
    if (parts.length !== 2) return { indexes, errors: [`"${name}" has more than one "/"; write flow_name/deployment_name`] };
    const flow = parts[0]!.replaceAll('-', '_');
    configs.forEach((config, i) => {
      if (nameOf(config) === parts[1] && entrypointFunction(config) === flow) indexes.push(i);
    });
  } else {
    configs.forEach((config, i) => {
      if (nameOf(config) === name) indexes.push(i);
    });
  }
  return { indexes, errors: [] };
}
