/**
 * Where `pull_from_gcs` and `pull_from_azure_blob_storage` write an object: both list by the raw
 * `folder` prefix and then compute `cwd / Path(name).relative_to(folder)` (Python 3.11 PurePath
 * semantics: `//` and `.` parts collapse, a leading `/` is an anchor, the comparison is part by
 * part). A name that only shares a string prefix (`data` listing `data-old/x`) makes the reference
 * raise; so does ours, in one line.
 */
import path from 'node:path';
import { StepFailure } from '../utility.js';

interface PurePath {
  anchor: string;
  parts: string[];
}

function parse(text: string): PurePath {
  let anchor = '';
  if (text.startsWith('/')) anchor = text.startsWith('//') && !text.startsWith('///') ? '//' : '/';
  return {
    anchor,
    parts: text
      .slice(anchor.length)
      .split('/')
      .filter((p) => p !== '' && p !== '.'),
  };
}

function show(p: PurePath): string {
  return p.anchor + p.parts.join('/') || '.';
}

/**
 * The local path of object `name` pulled from `folder` into `cwd`, or a StepFailure where the
 * reference fails (the name is not under the folder) or would write outside `cwd` (an anchored
 * or `..` name; the reference writes there, we refuse).
 */
export function downloadPath(step: string, cwd: string, folder: string, name: string): string {
  const object = parse(name);
  const base = parse(folder);
  const baseAll = base.anchor ? [base.anchor, ...base.parts] : base.parts;
  const objectAll = object.anchor ? [object.anchor, ...object.parts] : object.parts;
  const under = baseAll.length === 0 ? object.anchor === '' : baseAll.every((part, i) => objectAll[i] === part);
  if (!under) {
    throw new StepFailure(
      `${step}: object ${JSON.stringify(name)} is listed under the prefix ${JSON.stringify(folder)} but is not inside the folder ${JSON.stringify(show(base))} (the reference fails the same way: '${show(object)}' is not in the subpath of '${show(base)}'; rename the folder so no other folder starts with it)`,
    );
  }
  const rest = objectAll.slice(baseAll.length);
  if (rest.length === 0) {
    throw new StepFailure(
      `${step}: object ${JSON.stringify(name)} has the folder's own name, so it would be written over the working directory (remove it or pull a narrower folder)`,
    );
  }
  if (rest.includes('..') || rest.some((p) => p.startsWith('/'))) {
    throw new StepFailure(`${step}: object ${JSON.stringify(name)} would be written outside the working directory ${cwd} (its name contains '..'); refusing`);
  }
  return path.join(cwd, ...rest);
}
