import { ideaToMarkdown } from '../ideator/index.ts';
import type { SessionDetail } from '../ideator/index.ts';
import { AppError } from '../shared/errors.ts';

/**
 * One idea as a Markdown report: the chosen version's fields, its graph citations (flagged ones marked), and the
 * deliberation that led to it. The text is the model's, so it is written as-is; Markdown viewers render it,
 * nothing here interprets it.
 */

const OUTCOME_WORDS: Record<string, string> = {
  accepted: 'accepted',
  rejected: 'rejected',
  round_limit: 'round limit reached',
  unreviewed: 'unreviewed (no mentor)',
};

const STATUS_WORDS = {
  resolved: 'in the graph',
  missing: '**not in the graph (flagged)**',
  unchecked: 'unchecked (the graph could not be read)',
} as const;

export function ideaReport(
  detail: SessionDetail,
  ideaId: string,
  version?: number,
): { fileName: string; markdown: string } {
  const idea = detail.ideas.find((i) => i.id === ideaId);
  if (!idea) throw new AppError('NOT_FOUND', `No idea ${ideaId} in session ${detail.session.id}`);
  const chosen =
    version === undefined ? idea.versions.at(-1) : idea.versions.find((v) => v.version === version);
  if (!chosen) {
    throw new AppError(
      'NOT_FOUND',
      version === undefined ? `Idea ${ideaId} has no draft yet` : `Idea ${ideaId} has no version ${version}`,
      { field: 'version' },
    );
  }
  const outcome = idea.outcome
    ? (OUTCOME_WORDS[idea.outcome] ?? idea.outcome)
    : `in progress (${idea.phase})`;
  const decided = idea.decidedBy ? `, decided by ${idea.decidedBy}` : '';
  const body = ideaToMarkdown(chosen.idea);
  const citations = chosen.citations.length
    ? chosen.citations.map((c) => `- \`${c.ref}\`: ${STATUS_WORDS[c.status]}`).join('\n')
    : '_No graph citations._';
  const dialogue = detail.turns
    .filter((t) => t.ideaId === ideaId && ['mentor', 'human', 'researcher'].includes(t.kind))
    .filter((t) => t.content.trim() !== '')
    .map((t) => {
      const who = t.kind === 'mentor' ? 'Mentor' : t.kind === 'human' ? 'Human mentor' : 'Researcher';
      // Round 0 is exploration and the first draft, before any mentor question.
      return `**${who}**${t.round > 0 ? ` (round ${t.round})` : ''}: ${t.content.trim()}`;
    });
  const markdown = [
    body,
    `*Version ${chosen.version} of ${idea.versions.length}; outcome: ${outcome}${decided}; ` +
      `topic: ${detail.session.topic}; session ${detail.session.id}*`,
    `## Graph citations\n${citations}`,
    `## Deliberation\n${dialogue.length ? dialogue.join('\n\n') : '_No deliberation turns._'}`,
  ].join('\n\n');
  return { fileName: `${chosen.idea.name}-v${chosen.version}.md`, markdown: `${markdown}\n` };
}
