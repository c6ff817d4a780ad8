// The inputs and outputs tables of docs/action.md, generated from action.yml between markers (as
// actions/checkout keeps its README's usage in step with its action.yml), so the reference cannot
// drift from what the runner actually accepts. `--check` rewrites nothing and exits 1 when a table is
// stale; the fast test suite runs the same check in-process.
//
//   node scripts/action-docs.mjs           # rewrite the tables
//   node scripts/action-docs.mjs --check   # exit 1 when they are stale
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DOCS_FILE = 'docs/action.md';

/** A cell of a markdown table: one line, pipes escaped, and nothing GitHub would read as HTML or emphasis. */
function cell(text) {
  return String(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\*/g, '\\*')
    .trim();
}

const code = (text) => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);

/** The inputs table: name, description, default, required. */
export function inputsTable(action) {
  const rows = Object.entries(action.inputs ?? {}).map(([name, input]) => {
    const value = input.default === undefined || input.default === '' ? '' : code(String(input.default));
    return `| ${code(name)} | ${cell(input.description ?? '')} | ${value} | ${input.required === true ? 'yes' : 'no'} |`;
  });
  return ['| input | description | default | required |', '|---|---|---|---|', ...rows].join('\n');
}

/** The outputs table: name, description. */
export function outputsTable(action) {
  const rows = Object.entries(action.outputs ?? {}).map(([name, output]) => `| ${code(name)} | ${cell(output.description ?? '')} |`);
  return ['| output | description |', '|---|---|', ...rows].join('\n');
}

/** `text` with the block between `<!-- start NAME -->` and `<!-- end NAME -->` replaced by `body`. */
function replaceBetween(text, name, body, file) {
  const start = `<!-- start ${name} -->`;
  const end = `<!-- end ${name} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1 || to < from) throw new Error(`${file}: no "${start}" … "${end}" markers (add them where the ${name} table belongs)`);
  return `${text.slice(0, from + start.length)}\n<!-- generated from action.yml by scripts/action-docs.mjs (npm run docs:action); do not edit -->\n${body}\n${text.slice(to)}`;
}

/** The document with both tables regenerated from the text of action.yml. */
export function renderActionDocs(docs, actionYaml, file = DOCS_FILE) {
  const action = parse(actionYaml);
  return replaceBetween(replaceBetween(docs, 'inputs', inputsTable(action), file), 'outputs', outputsTable(action), file);
}

/** Reads action.yml and the docs under `root`; `stale` is true when the committed tables differ from the generated ones. */
export function checkActionDocs(root = ROOT) {
  const docs = readFileSync(path.join(root, DOCS_FILE), 'utf8');
  const expected = renderActionDocs(docs, readFileSync(path.join(root, 'action.yml'), 'utf8'));
  return { file: DOCS_FILE, docs, expected, stale: docs !== expected };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { file, expected, stale } = checkActionDocs();
    if (process.argv.includes('--check')) {
      if (stale) {
        console.error(`${file}: the inputs/outputs tables differ from action.yml (run npm run docs:action and commit the result)`);
        process.exit(1);
      }
    } else if (stale) {
      writeFileSync(path.join(ROOT, file), expected);
      console.log(`${file}: tables regenerated from action.yml`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
