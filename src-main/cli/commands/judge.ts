import { parseCommandArgs } from '../command-args.ts';
import { callCore, withInterruptibleCliCore } from '../core-call.ts';
import { UsageError, type CliIo } from '../io.ts';
import { rankedTable, table } from '../table.ts';

/** `motiv judge` and `motiv tournament`: the judge.* channels through dispatch, printed as tables with cost. */

export const judgeHelp = `motiv judge <ideaId…> | --topic T [--json]

  Scores ideas 0–10 on novelty, experiment, motivation, feasibility and clarity with the judge model (the
  "judge" LLM role, temperature 0; rubric src-main/judge/rubrics/direct.v1.md). Scores are stored in
  judgments.sqlite and reused: asking again costs nothing.`;

export const tournamentHelp = `motiv tournament --topic T [--seed S] [--rounds R] [--k K] [--json]

  Ranks a topic's ideas by a Swiss tournament of pairwise judgments (each pair in both orders), one ELO per
  dimension and their average. Same seed, same ideas: same result; a stopped run resumes without paying again.`;

const DIMS = ['novelty', 'experiment', 'motivation', 'feasibility', 'clarity'] as const;

const usd = (value: number) => `$${value.toFixed(4)}`;

export async function judgeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    strings: ['topic'],
    flags: ['json'],
    positionals: true,
  });
  if (positionals.length > 0 === (values.topic !== undefined)) {
    throw new UsageError('give idea ids or --topic T (one of the two)');
  }
  const request = values.topic !== undefined ? { topic: values.topic } : { ideaIds: positionals };
  const result = await withInterruptibleCliCore(io, (core, signal) =>
    callCore(core, 'judge.score', request, signal),
  );
  if (values.json) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const rows = result.scores.map((s) => [
    s.ideaId,
    ...DIMS.map((d) => String(s.scores[d].score)),
    s.paperMean.toFixed(2),
    s.reused ? 'reused' : usd(s.costUsd),
  ]);
  io.out(table(['idea', ...DIMS, 'N/E/M mean', 'cost'], rows));
  const first = result.scores[0];
  io.out(
    `judge ${first?.model ?? '?'}, rubric ${first?.rubricVersion ?? '?'}; cost now ${usd(result.costUsd)}\n`,
  );
  if (first?.comparability) io.out(`${first.comparability}\n`);
  return 0;
}

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be an integer (got ${value})`);
  return n;
}

export async function tournamentCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { strings: ['topic', 'seed', 'rounds', 'k'], flags: ['json'] });
  if (values.topic === undefined) throw new UsageError('--topic T is required');
  const seed = intOption(values.seed, 'seed');
  const rounds = intOption(values.rounds, 'rounds');
  const k = values.k === undefined ? undefined : Number(values.k);
  const request = {
    topic: values.topic,
    ...(seed !== undefined ? { seed } : {}),
    ...(rounds !== undefined ? { rounds } : {}),
    ...(k !== undefined ? { k } : {}),
  };
  const result = await withInterruptibleCliCore(io, (core, signal) =>
    callCore(core, 'judge.tournament', request, signal),
  );
  if (values.json) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  io.out(
    rankedTable(['idea', 'ELO avg', ...DIMS, 'points'], result.standings, (s) => [
      s.id,
      s.eloAverage.toFixed(1),
      ...DIMS.map((d) => s.elo[d].toFixed(1)),
      s.points.toFixed(1),
    ]),
  );
  io.out(
    `seed ${result.seed}, ${result.rounds} rounds, K ${result.k}; judge ${result.model}, rubric ${result.rubricVersion}; ` +
      `${result.newCalls} calls made, ${result.reusedCalls} reused, ${result.callsPerIdea.toFixed(1)} per idea; ` +
      `cost now ${usd(result.costUsd)}\n`,
  );
  if (result.comparability) io.out(`${result.comparability}\n`);
  return 0;
}
