// The notes of one release, taken from CHANGELOG.md (Keep a Changelog 1.1.0: `## [1.2.3] - 2026-12-06`
// headings, newest first), for the GitHub release the release workflow creates. Run on the pushed tag,
// it is also the release's consistency check: the tag, package.json's version and a dated CHANGELOG
// entry with something in it must agree, or nothing is released.
//
//   node scripts/release-notes.mjs v1.2.3 > notes.md
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HEADING = /^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?[ \t]*$/;
const LINK_DEFINITION = /^\[[^\]]+\]: \S+/;

/** Every `## [...]` section of a changelog, in file order: version, date (absent for Unreleased), body. */
export function changelogSections(changelog) {
  const sections = [];
  let current;
  for (const line of changelog.split(/\r?\n/)) {
    const heading = HEADING.exec(line);
    if (heading) {
      current = { version: heading[1], date: heading[2], lines: [] };
      sections.push(current);
    } else if (line.startsWith('## ')) {
      throw new Error(`CHANGELOG.md: "${line}" is not a release heading (write "## [1.2.3] - YYYY-MM-DD" or "## [Unreleased]")`);
    } else if (current && !LINK_DEFINITION.test(line)) current.lines.push(line);
  }
  return sections.map(({ version, date, lines }) => ({ version, date, body: lines.join('\n').trim() }));
}

/** The newest released version: the first section that is not Unreleased. */
export function latestRelease(changelog) {
  return changelogSections(changelog).find((s) => s.version !== 'Unreleased')?.version;
}

/** The notes for `tag` (`v1.2.3`), after checking that the tag, package.json and the changelog agree. */
export function releaseNotes(tag, { changelog, packageVersion }) {
  const match = /^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(tag);
  if (!match) throw new Error(`tag ${JSON.stringify(tag)} is not a release tag (vMAJOR.MINOR.PATCH, e.g. v1.2.3)`);
  const version = match[1];
  if (version !== packageVersion) throw new Error(`tag ${tag} does not match package.json's version ${packageVersion} (bump package.json or tag v${packageVersion})`);
  const section = changelogSections(changelog).find((s) => s.version === version);
  if (!section) throw new Error(`CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section (move the Unreleased entries under one)`);
  if (!section.date) throw new Error(`CHANGELOG.md: the ${version} heading has no date (write "## [${version}] - YYYY-MM-DD")`);
  if (section.body === '') throw new Error(`CHANGELOG.md: the ${version} section is empty (list what changed)`);
  return `${section.body}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  try {
    const [tag] = process.argv.slice(2);
    if (!tag) throw new Error('usage: node scripts/release-notes.mjs vX.Y.Z');
    const changelog = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
    const packageVersion = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
    process.stdout.write(releaseNotes(tag, { changelog, packageVersion }));
  } catch (error) {
    process.stderr.write(`release-notes: ${error.message}\n`);
    process.exitCode = 1;
  }
}
