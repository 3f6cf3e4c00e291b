import { z } from 'zod';

/**
 * Planning methods the user chose in the Methods atlas to seed a session ("use as inspiration", issue 6). The
 * list is user data: it is size-limited here and quoted to the researcher as data, never as instructions.
 * Plain zod (no Node APIs) so the contract can reuse it, as it does IdeaSchema.
 */

export const INSPIRATION_MAX_METHODS = 10;

const line = (max: number) => z.string().trim().max(max);

export const InspirationMethodSchema = z.strictObject({
  name: line(200).min(1, 'a method needs a name'),
  description: line(500),
  /** e.g. "Searching-based › Exploration-based › MCTS-based". */
  categoryPath: line(300),
  paperTitle: line(300).nullable(),
  year: z.int().min(1900).max(2100).nullable(),
});

export const InspirationSchema = z.array(InspirationMethodSchema).max(INSPIRATION_MAX_METHODS);

export type InspirationMethod = z.output<typeof InspirationMethodSchema>;

/** A JSON string literal with < and > escaped, so no text inside can close the <inspiration-data> block. */
function quoted(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
}

/**
 * The methods as one quoted block: each field a JSON string, so quotes, newlines and tag-like text inside a
 * method cannot close the block or pass as an instruction.
 */
export function inspirationBlock(methods: readonly InspirationMethod[]): string {
  return methods
    .map((m) => {
      const fields = [
        `name: ${quoted(m.name)}`,
        `category: ${quoted(m.categoryPath)}`,
        `description: ${quoted(m.description)}`,
        `paper: ${m.paperTitle === null ? 'unknown' : quoted(m.paperTitle)}`,
        `year: ${m.year ?? 'unknown'}`,
      ];
      return `- ${fields.join('; ')}`;
    })
    .join('\n');
}
