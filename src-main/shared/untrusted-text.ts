/**
 * Untrusted text (paper text, abstracts, node names and descriptions, ideas, tool results, pasted text) goes into
 * prompts only as quoted data: inside a `<name-data>` block that the prompt's standing instruction tells the
 * model to read and never obey. Angle brackets inside are swapped for look-alikes, so nothing in the text can
 * close its block, open another one, or pass as a verdict tag.
 */

export function neutraliseTags(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

/** The text as one delimited data block. `name` is ours (a fixed word), never the text's. */
export function dataBlock(name: string, text: string): string {
  return `<${name}-data>\n${neutraliseTags(text)}\n</${name}-data>`;
}

/** A JSON string literal with < and > escaped: one field of a quoted block (names, short descriptions). */
export function quotedField(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
}
