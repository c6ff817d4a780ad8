import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the release script is plain JavaScript, without declarations
import { changelogSections, latestRelease, releaseNotes } from '../../scripts/release-notes.mjs';
import { toolVersion } from '../../src/cli/version.js';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

const CHANGELOG = `# Changelog

Intro text.

## [Unreleased]

### Added

- Something not yet released.

## [1.1.0] - 2026-12-20

### Fixed

- A fix.

## [1.0.0] - 2026-12-06

### Added

- The first release.

[Unreleased]: https://github.com/acme/deploy-action/compare/v1.1.0...HEAD
[1.1.0]: https://github.com/acme/deploy-action/compare/v1.0.0...v1.1.0
[1.0.0]: https://github.com/acme/deploy-action/releases/tag/v1.0.0
`;

describe('release notes from CHANGELOG.md', () => {
  it("takes the tag's section, without its heading, the next section or the link definitions", () => {
    expect(releaseNotes('v1.1.0', { changelog: CHANGELOG, packageVersion: '1.1.0' })).toBe('### Fixed\n\n- A fix.\n');
    expect(releaseNotes('v1.0.0', { changelog: CHANGELOG, packageVersion: '1.0.0' })).toBe('### Added\n\n- The first release.\n');
  });

  it('reads the sections in order, Unreleased without a date', () => {
    expect(changelogSections(CHANGELOG).map((s: { version: string; date?: string }) => `${s.version} ${s.date ?? '-'}`)).toEqual([
      'Unreleased -',
      '1.1.0 2026-12-20',
      '1.0.0 2026-12-06',
    ]);
    expect(latestRelease(CHANGELOG)).toBe('1.1.0');
  });

  it.each([
    ['1.1.0', '1.1.0', /tag "1\.1\.0" is not a release tag \(vMAJOR\.MINOR\.PATCH/],
    ['v1.1', '1.1.0', /not a release tag/],
    ['v1.1.0', '1.0.0', /tag v1\.1\.0 does not match package\.json's version 1\.0\.0 \(bump package\.json or tag v1\.0\.0\)/],
    ['v1.2.0', '1.2.0', /CHANGELOG\.md has no "## \[1\.2\.0\] - YYYY-MM-DD" section/],
  ])('refuses tag %s with package.json %s', (tag, packageVersion, error) => {
    expect(() => releaseNotes(tag, { changelog: CHANGELOG, packageVersion })).toThrow(error);
  });

  it('refuses an undated or empty section, and a heading that is not a release', () => {
    expect(() => releaseNotes('v1.2.0', { changelog: '## [1.2.0]\n\n- x\n', packageVersion: '1.2.0' })).toThrow(/the 1\.2\.0 heading has no date/);
    expect(() => releaseNotes('v1.2.0', { changelog: '## [1.2.0] - 2026-12-24\n\n## [1.1.0] - 2026-12-20\n- y\n', packageVersion: '1.2.0' })).toThrow(
      /the 1\.2\.0 section is empty/,
    );
    expect(() => changelogSections('## 1.2.0 - 2026-12-24\n')).toThrow(/"## 1\.2\.0 - 2026-12-24" is not a release heading/);
  });

  it('keeps a pre-release version', () => {
    expect(releaseNotes('v2.0.0-rc.1', { changelog: '## [2.0.0-rc.1] - 2027-01-01\n\n- rc\n', packageVersion: '2.0.0-rc.1' })).toBe('- rc\n');
  });
});

describe('this repository is releasable at its version', () => {
  const pkg = JSON.parse(read('package.json')) as { version: string };

  it('package.json, package-lock.json, the CLI and the newest CHANGELOG release name the same version', () => {
    const lock = JSON.parse(read('package-lock.json')) as { version: string; packages: Record<string, { version: string }> };
    expect(lock.version).toBe(pkg.version);
    expect(lock.packages['']!.version).toBe(pkg.version);
    expect(toolVersion()).toBe(pkg.version);
    expect(latestRelease(read('CHANGELOG.md'))).toBe(pkg.version);
  });

  it('has release notes for v<version>', () => {
    const notes = releaseNotes(`v${pkg.version}`, { changelog: read('CHANGELOG.md'), packageVersion: pkg.version }) as string;
    expect(notes).toMatch(/^### Added\n/m);
  });

  it("CHANGELOG.md's link definitions cover every version heading", () => {
    const changelog = read('CHANGELOG.md');
    for (const s of changelogSections(changelog) as { version: string }[])
      expect(changelog).toMatch(new RegExp(`^\\[${s.version.replace(/\./g, '\\.')}\\]: https://github\\.com/acme/deploy-action/`, 'm'));
  });
});
