/**
 * `.dockerignore` matching: which files of a build context a build is not sent, as the docker CLI
 * that `build_docker_image` runs (docker/build.ts) decides it: moby's `patternmatcher`, which the
 * legacy builder and BuildKit share. `--changed-since` uses it so that a change to a file the build
 * never sees does not select the deployment. (docker-py's `exclude_paths`, which the reference's
 * docker-py backend uses, compares a pattern with one parent directory only, the one as deep as the
 * pattern; the two differ only for patterns like `**` + `/name` against files below a `name` directory.
 * BuildKit's `<Dockerfile>.dockerignore` beside the Dockerfile is not read.)
 *
 * Why not the npm `ignore` package (the one ignore matcher in node_modules, and only a transitive
 * one): it implements gitignore, and dockerignore is not gitignore. A dockerignore pattern is
 * anchored at the context root (`*.md` matches `README.md`, not `docs/a.md`; gitignore matches both),
 * a pattern matching a directory excludes everything under it while a later `!` pattern still
 * re-includes a file inside it (gitignore cannot re-include below an excluded directory), a leading
 * `/` is dropped rather than meaning "root only", a trailing `/` is cleaned away, and `**` matches
 * any number of directories anywhere. `@balena/dockerignore` (a port of the same rules) is not a
 * dependency; the rules are short enough to follow here.
 */

interface DockerPattern {
  /** `!pattern`: a match re-includes the file. */
  readonly exception: boolean;
  readonly regex: RegExp;
}

/** Characters a regular expression gives a meaning that a dockerignore pattern does not. */
const LITERAL = new Set(['.', '+', '(', ')', '|', '{', '}', '$', '^']);

/** Go's `filepath.Clean` on a `/`-separated path: no empty, `.` or resolvable `..` segments. */
function clean(p: string): string {
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out.at(-1) !== '..') out.pop();
    else if (part !== '..' || !rooted) out.push(part);
  }
  const body = out.join('/');
  return rooted ? `/${body}` : body || '.';
}

/** moby's `Pattern.compile`: `**` any run of directories, `*` and `?` within one segment, `\` escapes. */
function compile(pattern: string): RegExp {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        // `**/` is `**`: the slash is eaten so that `**/a` also matches `a`.
        if (pattern[i + 1] === '/') i++;
        re += i + 1 >= pattern.length ? '.*' : '(.*/)?';
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '\\') {
      i++;
      re += i < pattern.length ? `\\${pattern[i]}` : '\\\\';
    } else if (LITERAL.has(ch)) re += `\\${ch}`;
    else re += ch;
  }
  try {
    return new RegExp(`${re}$`, 'su');
  } catch {
    // A pattern Go's regexp would refuse (an unclosed `[`) fails the build there; here it matches
    // nothing, so the file counts as sent and the deployment as changed (the safe side).
    return /(?!)/u;
  }
}

export class DockerIgnore {
  private constructor(private readonly patterns: readonly DockerPattern[]) {}

  /** The file's text: one pattern a line, `#` lines and blank lines skipped, each line trimmed. */
  static parse(text: string): DockerIgnore {
    const patterns: DockerPattern[] = [];
    for (const raw of text.split(/\r?\n/u)) {
      let line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const exception = line.startsWith('!');
      if (exception) line = line.slice(1).trim();
      if (line === '') continue;
      line = clean(line);
      if (line.length > 1 && line.startsWith('/')) line = line.slice(1);
      patterns.push({ exception, regex: compile(line) });
    }
    return new DockerIgnore(patterns);
  }

  /**
   * Whether `file` (relative to the context, `/`-separated) is left out of the build context: the
   * last pattern matching it or one of its parent directories decides. The `.dockerignore` itself is
   * always sent (docker-py adds `!.dockerignore`), and so a change to it always counts.
   */
  ignores(file: string): boolean {
    const path = clean(file);
    if (path === '.dockerignore') return false;
    const parents = path.split('/').slice(0, -1);
    let ignored = false;
    for (const p of this.patterns) {
      let match = p.regex.test(path);
      for (let i = 1; !match && i <= parents.length; i++) match = p.regex.test(parents.slice(0, i).join('/'));
      if (match) ignored = !p.exception;
    }
    return ignored;
  }
}
