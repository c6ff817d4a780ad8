/**
 * The terminal plan is plain text whose meaningful lines carry a tone; whoever prints it decides
 * what a tone looks like (the CLI: colours, when the terminal and the environment want them). The
 * engine itself never writes an escape code.
 */

/**
 * What a line of the terminal plan says, for colouring: `add` a creation or an added line, `remove`
 * a deletion or a removed line, `change` an update, `muted` what changes nothing (unchanged
 * deployments, diff context markers, next runs), `heading` the first line.
 */
export type Tone = 'add' | 'remove' | 'change' | 'muted' | 'heading';

/** Wraps a line's text for its tone (with colour codes, say); must not change the words. */
export type Paint = (tone: Tone, text: string) => string;

/** No colour: the words alone. */
export const plainText: Paint = (_tone, text) => text;
