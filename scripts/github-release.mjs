// Creates the GitHub release for the pushed tag with the given notes, through the REST API with
// fetch: no `gh` needed on the runner, and GITHUB_API_URL decides where it goes (GitHub Enterprise,
// or the test suite's GitHub stand-in). The token (GITHUB_TOKEN) is sent only in the header.
//
//   GITHUB_TOKEN=... node scripts/github-release.mjs v1.2.3 notes.md
import { readFileSync } from 'node:fs';

const [tag, notesFile] = process.argv.slice(2);
const api = process.env.GITHUB_API_URL || 'https://api.github.com';
const repository = process.env.GITHUB_REPOSITORY;
const token = process.env.GITHUB_TOKEN;
const fail = (message) => {
  process.stderr.write(`github-release: ${message}\n`);
  process.exit(1);
};
if (!tag || !notesFile) fail('usage: node scripts/github-release.mjs vX.Y.Z NOTES_FILE');
if (!repository) fail('GITHUB_REPOSITORY is not set (owner/name of the repository to release)');
if (!token) fail('GITHUB_TOKEN is not set (give the step `GITHUB_TOKEN: ${{ github.token }}` and the job `contents: write`)');

const response = await fetch(`${api}/repos/${repository}/releases`, {
  method: 'POST',
  headers: {
    authorization: `Bearer ${token}`,
    accept: 'application/vnd.github+json',
    'content-type': 'application/json',
    'x-github-api-version': '2022-11-28',
    'user-agent': 'deploy-action-release',
  },
  body: JSON.stringify({
    tag_name: tag,
    name: tag,
    body: readFileSync(notesFile, 'utf8'),
    draft: false,
    // A version with a pre-release part (v2.0.0-rc.1) is not offered as the latest release.
    prerelease: tag.includes('-'),
    make_latest: tag.includes('-') ? 'false' : 'true',
  }),
});
const answer = await response.json().catch(() => ({}));
if (response.status === 422 && JSON.stringify(answer.errors ?? []).includes('already_exists')) {
  fail(`a release for ${tag} already exists in ${repository}; edit it on GitHub, or delete it and re-run this job`);
}
if (response.status !== 201) fail(`creating the release ${tag} in ${repository} failed: HTTP ${response.status} ${answer.message ?? ''}`.trim());
process.stdout.write(`released ${tag}: ${answer.html_url}\n`);
