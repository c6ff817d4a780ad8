/**
 * Markdown cut to a size limit without breaking what comes after: cut on a line boundary, an open
 * code fence closed, open `<details>` closed, then a note saying where the rest is. The headline
 * comes first in the text, so it is what is kept.
 */

interface State {
  /** The fence that opened the current code block (``` or ~~~ of some length), if inside one. */
  fence: string | undefined;
  /** `<details>` opened and not yet closed. */
  details: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

function closing(state: State, note: string): string {
  return (state.fence ? `\n${state.fence}` : '') + '\n\n</details>'.repeat(state.details) + `\n\n${note}\n`;
}

function advance(state: State, line: string): State {
  const m = FENCE.exec(line);
  if (state.fence) {
    const closes = m && m[1]![0] === state.fence[0] && m[1]!.length >= state.fence.length && line.trim() === m[1];
    return closes ? { ...state, fence: undefined } : state;
  }
  if (m) return { ...state, fence: m[1] };
  const opened = (line.match(/<details[\s>]/gi) ?? []).length;
  const closed = (line.match(/<\/details>/gi) ?? []).length;
  return { ...state, details: Math.max(0, state.details + opened - closed) };
}

/**
 * `text` when it fits in `limit` characters; else its longest prefix of whole lines that fits with
 * the closers and `note` appended. The first line is always kept.
 */
export function truncateMarkdown(text: string, limit: number, note: string): string {
  if (text.length <= limit) return text;
  const lines = text.split('\n');
  let state: State = { fence: undefined, details: 0 };
  let used = 0;
  let kept = 0;
  for (const line of lines) {
    const next = advance(state, line);
    const size = used + line.length + 1;
    if (kept > 0 && size + closing(next, note).length > limit) break;
    used = size;
    state = next;
    kept++;
  }
  return lines.slice(0, kept).join('\n') + closing(state, note);
}
