import type { RatingScores } from '../../contract/ratings.ts';
import { parseCommandArgs } from '../command-args.ts';
import { callCore, withCliCore } from '../core-call.ts';
import { UsageError, type CliIo } from '../io.ts';
import { rankedTable } from '../table.ts';

/** `motiv rate` and `motiv ratings`: the ratings.* channels through dispatch, like the app's blind rating. */

const DIMS = ['novelty', 'experiment', 'motivation', 'feasibility', 'clarity'] as const;

export const rateHelp = `motiv rate <ideaId> --rater NAME [--novelty N] [--experiment N] [--motivation N]
           [--feasibility N] [--clarity N] [--note TEXT] [--json]

  Rates one idea 0–10 on the dimensions given, as NAME (raters are kept apart by name). Dimensions not given
  keep NAME's earlier scores. If someone changed NAME's rating in the meantime (the app, another shell), the
  write is refused with CONFLICT rather than overwriting it.`;

export const ratingsHelp = `motiv ratings --topic T [--rater NAME] [--json]

  The topic's human standings: ELO from blind pairs (one rater's, or everyone's), the mean rating, and how the
  human ranking agrees with the judge's (Spearman, Kendall, n), or why it cannot be computed yet.`;

function scoreOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 10) {
    throw new UsageError(`--${name} must be a whole number from 0 to 10 (got ${value})`);
  }
  return n;
}

export async function rateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    strings: ['rater', 'note', ...DIMS],
    flags: ['json'],
    positionals: true,
  });
  const [ideaId, ...extra] = positionals;
  if (ideaId === undefined || extra.length > 0) throw new UsageError('give exactly one idea id');
  if (values.rater === undefined) throw new UsageError('--rater NAME is required');
  const given: RatingScores = {};
  for (const d of DIMS) {
    const score = scoreOption(values[d], d);
    if (score !== undefined) given[d] = score;
  }
  if (Object.keys(given).length === 0 && values.note === undefined) {
    throw new UsageError(`give at least one score (--${DIMS.join(', --')}) or --note`);
  }
  const rater = values.rater;
  const rating = await withCliCore(io, async (core) => {
    const { ratings } = await callCore(core, 'ratings.list', { ideaIds: [ideaId], rater });
    const current = ratings[0];
    const { rating: saved } = await callCore(core, 'ratings.set', {
      ideaId,
      rater,
      scores: { ...current?.scores, ...given },
      note: values.note ?? current?.note ?? '',
      baseRevision: current?.revision ?? 0,
    });
    return saved;
  });
  if (values.json) {
    io.out(`${JSON.stringify(rating, null, 2)}\n`);
    return 0;
  }
  const scores = DIMS.flatMap((d) => (rating.scores[d] === undefined ? [] : [`${d} ${rating.scores[d]}`]));
  io.out(
    `${rating.rater} rated ${rating.ideaId}: ${scores.join(', ') || 'no scores'} (revision ${rating.revision})\n`,
  );
  return 0;
}

export async function ratingsCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { strings: ['topic', 'rater'], flags: ['json'] });
  if (values.topic === undefined) throw new UsageError('--topic T is required');
  const request = { topic: values.topic, ...(values.rater === undefined ? {} : { rater: values.rater }) };
  const result = await withCliCore(io, (core) => callCore(core, 'ratings.standings', request));
  if (values.json) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  io.out(
    rankedTable(['idea', 'human ELO', 'W-L', 'rating', 'raters'], result.standings, (s) => [
      s.ideaId,
      s.elo.toFixed(1),
      `${s.wins}-${s.losses}`,
      s.ratingMean === null ? '–' : s.ratingMean.toFixed(2),
      String(s.raters),
    ]),
  );
  io.out(`${result.answered} blind pairs answered by ${result.rater ?? 'all raters'}\n`);
  for (const a of result.agreement) {
    const what = `human ${a.human === 'elo' ? 'ELO' : 'ratings'} vs judge ${a.llm === 'direct' ? 'direct scores' : 'tournament'}`;
    const stats =
      a.reason === null
        ? `Spearman ${a.spearman?.toFixed(3)}, Kendall ${a.kendallTauB?.toFixed(3)}, n ${a.n}`
        : a.reason;
    io.out(`${what}: ${stats}\n`);
  }
  return 0;
}
