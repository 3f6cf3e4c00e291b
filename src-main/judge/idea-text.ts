import { ideaToMarkdown } from '../ideator/idea-schema.ts';
import { AppError } from '../shared/errors.ts';
import type { JudgedIdea } from './direct-score.ts';

/**
 * The idea as the judge reads it. A bounded size: an idea inflated to megabytes (a pasted PDF, a runaway
 * model) would cost a fortune per pair, or fail mid-tournament at the provider; it is refused up front instead,
 * naming the idea. The paper's ideas average about 5,000 characters.
 */
export const MAX_IDEA_CHARS = 40_000;

export function ideaText(item: JudgedIdea): string {
  const text = ideaToMarkdown(item.idea);
  if (text.length > MAX_IDEA_CHARS) {
    throw new AppError(
      'VALIDATION',
      `Idea ${item.id} is ${text.length} characters long; the judge reads at most ${MAX_IDEA_CHARS}`,
      { ideaId: item.id, field: 'idea', length: text.length, limit: MAX_IDEA_CHARS },
    );
  }
  return text;
}
