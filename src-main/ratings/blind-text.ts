import type { JudgedIdea } from '../judge/direct-score.ts';
import { ideaText } from '../judge/idea-text.ts';
import { ideaToMarkdown } from '../ideator/idea-schema.ts';

/**
 * An idea as a blind pair shows it: the judge's markdown without its heading (title and short name), so the
 * rater judges the content, not a catchy title. Ideas over the judge's size limit are refused the same way.
 */
export function blindText(item: JudgedIdea): string {
  ideaText(item);
  // With the title and name emptied the heading is "#  ()", ending at the first blank line.
  const text = ideaToMarkdown({ ...item.idea, title: '', name: '' });
  return text.slice(text.indexOf('\n\n') + 2);
}
