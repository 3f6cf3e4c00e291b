import { describe, expect, it } from 'vitest';
import type { BlindGame } from './blind-pairs.ts';
import { eloTables, humanElo, ideaHumanElo } from './human-elo.ts';

const game = (winnerId: string, loserId: string, rater = 'Ada'): BlindGame => ({
  rater,
  topicKey: 't',
  winnerId,
  loserId,
});

describe('human ELO', () => {
  it('replays answers with the judge’s arithmetic: 1000 each, K 32, the sum stays n·1000', () => {
    const elo = humanElo(['a', 'b', 'c'], [game('a', 'b'), game('a', 'c'), game('c', 'b')]);
    expect(elo.get('a')).toMatchObject({ wins: 2, losses: 0 });
    // a beats b (even odds: +16), then a at 1016 beats c at 1000: +32·(1 − E), E = 1/(1+10^(−16/400)).
    expect(elo.get('a')?.elo).toBeCloseTo(1016 + 32 * (1 - 1 / (1 + 10 ** (-16 / 400))), 9);
    const sum = [...elo.values()].reduce((s, e) => s + e.elo, 0);
    expect(sum).toBeCloseTo(3000, 9);
    expect([...elo].sort((x, y) => y[1].elo - x[1].elo).map(([id]) => id)).toEqual(['a', 'c', 'b']);
  });

  it('ignores games against ideas outside the set', () => {
    const elo = humanElo(['a', 'b'], [game('a', 'z'), game('b', 'a')]);
    expect(elo.get('a')).toMatchObject({ wins: 0, losses: 1 });
    expect(elo.get('b')?.elo).toBe(1016);
  });

  it('keeps each rater’s ELO apart from the lab’s, and gives none to an idea that never played', () => {
    const tables = eloTables([game('a', 'b', 'Ada'), game('b', 'a', 'Bob'), game('b', 'c', 'Bob')]);
    expect(ideaHumanElo(tables, 'a')).toEqual({
      overall: humanElo(['a', 'b', 'c'], [game('a', 'b'), game('b', 'a')]).get('a')?.elo,
      byRater: [
        { rater: 'Ada', elo: 1016, games: 1 },
        { rater: 'Bob', elo: 984, games: 1 },
      ],
    });
    expect(ideaHumanElo(tables, 'c').byRater).toEqual([{ rater: 'Bob', elo: expect.any(Number), games: 1 }]);
    expect(ideaHumanElo(tables, 'never')).toEqual({ overall: null, byRater: [] });
  });
});
