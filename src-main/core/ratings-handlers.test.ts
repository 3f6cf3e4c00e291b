import { describe, expect, it } from 'vitest';
import type { ResponseOf } from '../contract/channels.ts';
import { channelCaller, resultCaller } from '../test-support/core-calls.ts';
import { JUDGED_TOPIC, useJudgedIdeasCores } from '../test-support/judged-ideas-core.ts';
import type { Core } from './create-core.ts';

const TOPIC = JUDGED_TOPIC;
const judged = useJudgedIdeasCores();
/** A data dir with the four test ideas on TOPIC; each call of the function returned opens a new core on it (a restart). */
const setup = (): Promise<() => Core> => judged.setup('ratings-direct.json');

type Pair = ResponseOf<'ratings.nextPair'>;
/** Which test idea a blind text is (the test ideas say their word in the motivation). */
const wordOf = (text: string): string => /Motivation of idea (\w+)/.exec(text)?.[1] ?? '?';

/** Answers `count` blind pairs as a rater who prefers the alphabetically first idea. */
async function answerAlphabetically(core: Core, rater: string, count: number): Promise<void> {
  const ok = resultCaller(channelCaller(core));
  for (let i = 0; i < count; i++) {
    const pair = await ok<Pair>('ratings.nextPair', { topic: TOPIC, rater });
    const winner = wordOf(pair.left.text) < wordOf(pair.right.text) ? 'left' : 'right';
    await ok('ratings.answerPair', { pairId: pair.pairId, rater, winner });
  }
}

describe('ratings.* channels', () => {
  it('show blind pairs with no titles or ids, keep a pending pair across a restart, and count answers', async () => {
    const newCore = await setup();
    const call = channelCaller(newCore());
    const ok = resultCaller(call);
    const pair = await ok<Pair>('ratings.nextPair', { topic: TOPIC, rater: 'Ada' });
    expect(Object.keys(pair).sort()).toEqual(['answered', 'left', 'pairId', 'right', 'round']);
    expect(Object.keys(pair.left)).toEqual(['text']);
    for (const side of [pair.left.text, pair.right.text]) {
      expect(side).toMatch(/^## Motivation\nMotivation of idea \w+/);
      expect(side).not.toMatch(/Idea \w+ for the topic|idea_\w+|id-\w+/);
    }
    expect(pair).toMatchObject({ round: 1, answered: 0 });

    const restarted = resultCaller(channelCaller(newCore()));
    expect(await restarted<Pair>('ratings.nextPair', { topic: TOPIC, rater: 'Ada' })).toEqual(pair);
    expect(
      await restarted('ratings.answerPair', { pairId: pair.pairId, rater: 'Ada', winner: 'left' }),
    ).toEqual({
      answered: 1,
    });
    const bob = await call('ratings.answerPair', { pairId: pair.pairId, rater: 'Bob', winner: 'left' });
    expect(bob).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('rank by human ELO per rater and over all raters, and compare with the judge once three ideas are in common', async () => {
    const newCore = await setup();
    const core = newCore();
    const ok = resultCaller(channelCaller(core));
    const early = await ok<ResponseOf<'ratings.standings'>>('ratings.standings', {
      topic: TOPIC,
      rater: 'Ada',
    });
    expect(early.agreement.find((a) => a.human === 'elo' && a.llm === 'direct')).toMatchObject({
      n: 0,
      spearman: null,
      reason: 'no idea on the topic has a direct score yet',
    });

    await ok('judge.score', { topic: TOPIC });
    // A full round robin of 4 ideas (3 Swiss rounds); Ada prefers alpha > beta > delta > gamma.
    await answerAlphabetically(core, 'Ada', 6);
    const ada = await ok<ResponseOf<'ratings.standings'>>('ratings.standings', {
      topic: TOPIC,
      rater: 'Ada',
    });
    expect(ada.answered).toBe(6);
    expect(ada.standings.map((s) => [s.title, s.wins, s.losses])).toEqual([
      ['Idea alpha for the topic', 3, 0],
      ['Idea beta for the topic', 2, 1],
      ['Idea delta for the topic', 1, 2],
      ['Idea gamma for the topic', 0, 3],
    ]);
    expect(ada.standings.reduce((sum, s) => sum + s.elo, 0)).toBeCloseTo(4000, 9);
    // The judge's paper means are alpha 9 > beta 7 > gamma 5 > delta 3: one swapped pair of six.
    const eloVsDirect = ada.agreement.find((a) => a.human === 'elo' && a.llm === 'direct');
    expect(eloVsDirect).toMatchObject({ n: 4, reason: null });
    expect(eloVsDirect?.spearman).toBeCloseTo(0.8, 9);
    expect(eloVsDirect?.kendallTauB).toBeCloseTo(4 / 6, 9);
    expect(ada.agreement.find((a) => a.human === 'elo' && a.llm === 'tournament')).toMatchObject({
      spearman: null,
      reason: 'no judge tournament has been run on this topic yet',
    });
    // The newest stored tournament ranks alpha > beta > gamma > delta: the same one swap against Ada.
    await ok('judge.tournament', { topic: TOPIC, seed: 7, rounds: 3 });
    const withTournament = await ok<ResponseOf<'ratings.standings'>>('ratings.standings', {
      topic: TOPIC,
      rater: 'Ada',
    });
    const eloVsTournament = withTournament.agreement.find((a) => a.human === 'elo' && a.llm === 'tournament');
    expect(eloVsTournament).toMatchObject({ n: 4, reason: null });
    expect(eloVsTournament?.spearman).toBeCloseTo(0.8, 9);
    expect(eloVsTournament?.kendallTauB).toBeCloseTo(4 / 6, 9);

    // Bob's blind pairs are his own tournament; the lab's standings hold everyone's answers.
    await answerAlphabetically(core, 'Bob', 2);
    const bob = await ok<ResponseOf<'ratings.standings'>>('ratings.standings', {
      topic: TOPIC,
      rater: 'Bob',
    });
    expect(bob.answered).toBe(2);
    const lab = await ok<ResponseOf<'ratings.standings'>>('ratings.standings', { topic: TOPIC });
    expect(lab).toMatchObject({ rater: null, answered: 8 });
  });

  it('keep ratings per rater with revisions, refuse stale writes and bad input, and read all of it per idea', async () => {
    const newCore = await setup();
    const core = newCore();
    const call = channelCaller(core);
    const ok = resultCaller(call);
    await ok('judge.score', { ideaIds: ['id-alpha'] });
    await ok('ratings.set', {
      ideaId: 'id-alpha',
      rater: 'Ada',
      scores: { novelty: 8, experiment: 6 },
      baseRevision: 0,
    });
    await ok('ratings.set', {
      ideaId: 'id-alpha',
      rater: 'Bob',
      scores: { novelty: 4 },
      note: 'seen it',
      baseRevision: 0,
    });
    const stale = await call('ratings.set', {
      ideaId: 'id-alpha',
      rater: 'Ada',
      scores: { novelty: 1 },
      baseRevision: 0,
    });
    expect(stale).toMatchObject({ error: { code: 'CONFLICT', details: { current: { revision: 1 } } } });
    for (const [payload, code, field] of [
      [
        { ideaId: 'id-unwritten', rater: 'Ada', scores: { novelty: 1 }, baseRevision: 0 },
        'VALIDATION',
        'ideaIds',
      ],
      [{ ideaId: 'id-nope', rater: 'Ada', scores: { novelty: 1 }, baseRevision: 0 }, 'NOT_FOUND', undefined],
      [
        { ideaId: 'id-alpha', rater: 'x'.repeat(100_000), scores: { novelty: 1 }, baseRevision: 0 },
        'VALIDATION',
        undefined,
      ],
      [
        { ideaId: 'id-alpha', rater: 'Ada', scores: { novelty: -1 }, baseRevision: 0 },
        'VALIDATION',
        undefined,
      ],
    ] as const) {
      const reply = await call('ratings.set', payload);
      expect(reply).toMatchObject({ error: { code } });
      if (field && 'error' in reply) expect(reply.error.details).toMatchObject({ field });
    }
    const listed = await ok<ResponseOf<'ratings.list'>>('ratings.list', { topic: TOPIC });
    expect(listed.ratings.map((r) => [r.ideaId, r.rater, r.revision])).toEqual([
      ['id-alpha', 'Ada', 1],
      ['id-alpha', 'Bob', 1],
    ]);

    await answerAlphabetically(core, 'Ada', 2);
    const { id: tournamentId } = await ok<ResponseOf<'judge.tournament'>>('judge.tournament', {
      topic: TOPIC,
      seed: 7,
      rounds: 3,
    });
    const evaluation = await ok<ResponseOf<'ideas.evaluation'>>('ideas.evaluation', {
      ideaIds: ['id-alpha', 'id-gamma'],
    });
    const [alpha, gamma] = evaluation.ideas;
    expect(alpha).toMatchObject({
      ideaId: 'id-alpha',
      topic: TOPIC,
      direct: { paperMean: 9, model: 'scripted-judge', rubricVersion: 'direct.v1' },
      tournament: { tournamentId },
    });
    // Alpha wins every judged pair, gamma only against delta.
    expect(alpha?.tournament?.eloAverage).toBeGreaterThan(1000);
    expect(alpha?.tournament?.elo.novelty).toBe(alpha?.tournament?.eloAverage);
    expect(alpha?.ratings.map((r) => [r.rater, r.scores.novelty])).toEqual([
      ['Ada', 8],
      ['Bob', 4],
    ]);
    expect(gamma).toMatchObject({ direct: null, ratings: [], tournament: { tournamentId } });
    // Ada's first two pairs are round 1: every idea played once at even odds; alpha always wins, gamma never.
    expect(alpha?.humanElo).toEqual({ overall: 1016, byRater: [{ rater: 'Ada', elo: 1016, games: 1 }] });
    expect(gamma?.humanElo).toEqual({ overall: 984, byRater: [{ rater: 'Ada', elo: 984, games: 1 }] });
  });
});
