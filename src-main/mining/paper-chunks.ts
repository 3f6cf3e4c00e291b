import type { PaperText } from './extract.ts';

/**
 * A long paper is read whole, in parts (issue 16): the body is cut into pieces of at most CHUNK_CHARS at paragraph
 * (else sentence, else word) boundaries; every part carries the title and abstract, so each call knows what the
 * paper is about. MAX_CHUNKS bounds one paper's calls (and bill): text past it is not sent, and the outcome says so.
 */

export const CHUNK_CHARS = 12_000;
export const MAX_CHUNKS = 16;

export interface PaperPart extends PaperText {
  /** 1-based; absent when the paper is one part. */
  part?: { index: number; of: number };
}

/** The last good cut at or before `max`: a blank line, else a sentence end, else a space, else `max`. */
function cutAt(text: string, max: number): number {
  if (text.length <= max) return text.length;
  const window = text.slice(0, max);
  for (const pattern of [/\n\s*\n/g, /[.!?]\s/g, /\s/g]) {
    let last = -1;
    for (const m of window.matchAll(pattern)) last = m.index + m[0].length;
    if (last > max / 2) return last;
  }
  return max;
}

export function paperParts(paper: PaperText): { parts: PaperPart[]; cutChars: number } {
  const body = paper.body?.trim() ?? '';
  if (body.length <= CHUNK_CHARS) return { parts: [paper], cutChars: 0 };
  const pieces: string[] = [];
  let rest = body;
  while (rest.length > 0 && pieces.length < MAX_CHUNKS) {
    const end = cutAt(rest, CHUNK_CHARS);
    pieces.push(rest.slice(0, end).trim());
    rest = rest.slice(end).trimStart();
  }
  const parts = pieces.map((piece, i) => ({
    ...paper,
    body: piece,
    part: { index: i + 1, of: pieces.length },
  }));
  return { parts, cutChars: rest.length };
}
