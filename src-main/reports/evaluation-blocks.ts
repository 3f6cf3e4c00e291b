import { DIMENSION_NAMES } from '../contract/evaluation-fields.ts';
import type { IdeaEvaluation } from '../contract/ratings.ts';
import type { Block } from './report-document.ts';

/**
 * An idea's evaluation as report blocks: one table, a row per source (the judge's direct score, the tournament
 * ELO, each human rater), a column per dimension, then the human ELO. Nothing stored gives one line saying so.
 */

const number = (value: number | undefined | null, digits = 1): string =>
  value === undefined || value === null ? '–' : value.toFixed(digits);

export function evaluationBlocks(evaluation: IdeaEvaluation | null): Block[] {
  if (!evaluation) return [{ type: 'paragraph', style: 'note', text: 'No evaluation could be read.' }];
  const rows: string[][] = [];
  const { direct, tournament } = evaluation;
  if (direct) {
    rows.push([
      `Judge score (${direct.model}, rubric ${direct.rubricVersion})`,
      ...DIMENSION_NAMES.map((d) => number(direct.scores[d].score)),
      number(direct.paperMean, 2),
    ]);
  }
  if (tournament) {
    rows.push([
      'Tournament ELO',
      ...DIMENSION_NAMES.map((d) => number(tournament.elo[d], 0)),
      number(tournament.eloAverage, 0),
    ]);
  }
  for (const rating of evaluation.ratings) {
    const given = DIMENSION_NAMES.map((d) => rating.scores[d]).filter((s) => s !== undefined);
    const mean = given.length ? given.reduce((a, b) => a + b, 0) / given.length : null;
    rows.push([
      `Rating by ${rating.rater}`,
      ...DIMENSION_NAMES.map((d) => number(rating.scores[d], 0)),
      number(mean, 2),
    ]);
  }
  const blocks: Block[] = [];
  if (rows.length) blocks.push({ type: 'table', header: ['Source', ...DIMENSION_NAMES, 'Mean'], rows });
  else
    blocks.push({
      type: 'paragraph',
      style: 'note',
      text: 'Not judged, in no tournament and not rated yet.',
    });
  const { humanElo } = evaluation;
  if (humanElo.overall !== null || humanElo.byRater.length) {
    const byRater = humanElo.byRater.map((r) => `${r.rater}: ${number(r.elo, 0)} (${r.games} games)`);
    blocks.push({
      type: 'paragraph',
      text: `Human ELO from blind pairs: ${number(humanElo.overall, 0)} overall${byRater.length ? `; ${byRater.join('; ')}` : ''}.`,
    });
  }
  const notes = evaluation.ratings.filter((r) => r.note.trim() !== '');
  if (notes.length) {
    blocks.push({ type: 'list', ordered: false, items: notes.map((r) => `${r.rater}: ${r.note.trim()}`) });
  }
  return blocks;
}
