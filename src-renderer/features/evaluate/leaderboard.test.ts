import { describe, expect, it } from 'vitest';
import {
  formatElo,
  formatScore,
  formatUsd,
  leaderboardRows,
  NO_VALUES,
  progressPercent,
  scoresFromStored,
} from './leaderboard.ts';

const dims = (n: number, e: number, m: number): Record<string, { score: number; rationale: string }> => ({
  novelty: { score: n, rationale: 'r' },
  experiment: { score: e, rationale: 'r' },
  motivation: { score: m, rationale: 'r' },
  feasibility: { score: 5, rationale: 'r' },
  clarity: { score: 5, rationale: 'r' },
});

function stored(ideaId: string, createdAt: string, result: unknown, kind: 'direct' | 'pairwise' = 'direct') {
  const base = {
    rubricVersion: 'direct.v1',
    model: 'm',
    promptHash: 'h',
    promptTokens: 1,
    completionTokens: 1,
  };
  return { ...base, kind, ideaIds: [ideaId], result, costUsd: 0, createdAt };
}

describe('leaderboard', () => {
  it('keeps the newest direct judgment per idea and skips pairwise or malformed ones', () => {
    const scores = scoresFromStored([
      stored('a', '2026-12-01T08:00:00Z', dims(1, 1, 1)),
      stored('a', '2026-12-01T09:00:00Z', dims(9, 8, 7)),
      stored('b', '2026-12-01T09:00:00Z', { novelty: { score: 'high' } }),
      stored('c', '2026-12-01T09:00:00Z', dims(3, 3, 3), 'pairwise'),
    ]);
    expect([...scores.keys()]).toEqual(['a']);
    expect(scores.get('a')?.paperMean).toBe(8);
    expect(scores.get('a')?.values.feasibility).toBe(5);
  });

  it('ranks by LLM ELO, then the N/E/M mean, then title; unjudged ideas last', () => {
    const ideas = ['d', 'c', 'b', 'a'].map((id) => ({ ideaId: id, title: `Idea ${id}` }));
    const scores = scoresFromStored([
      stored('a', 't', dims(9, 9, 9)),
      stored('b', 't', dims(2, 2, 2)),
      stored('c', 't', dims(5, 5, 5)),
    ]);
    const byMean = leaderboardRows(ideas, scores, NO_VALUES, NO_VALUES);
    expect(byMean.map((r) => [r.rank, r.ideaId])).toEqual([
      [1, 'a'],
      [2, 'c'],
      [3, 'b'],
      [4, 'd'],
    ]);
    const elo = new Map([
      ['b', 1040],
      ['a', 990],
    ]);
    const byElo = leaderboardRows(ideas, scores, elo, new Map([['d', 1010]]));
    expect(byElo.map((r) => r.ideaId)).toEqual(['b', 'a', 'c', 'd']);
    expect(byElo[3]).toMatchObject({ humanElo: 1010, llmElo: null, scores: null });
  });

  it('formats missing figures as a dash, never as zero', () => {
    expect([formatScore(null), formatScore(Number.NaN), formatScore(7.25)]).toEqual(['—', '—', '7.3']);
    expect([formatElo(undefined), formatElo(1063.6)]).toEqual(['—', '1064']);
    expect([formatUsd(null), formatUsd(0), formatUsd(0.00042), formatUsd(1.234)]).toEqual([
      'no price',
      '$0',
      '$0.0004',
      '$1.23',
    ]);
  });

  it('clamps progress to 0–100 and treats an unknown total as not started', () => {
    expect([
      progressPercent(0, 0),
      progressPercent(3, 6),
      progressPercent(9, 6),
      progressPercent(-1, 6),
    ]).toEqual([0, 50, 100, 0]);
  });
});
