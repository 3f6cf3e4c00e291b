import { describe, expect, it } from 'vitest';
import type { ResponseOf } from '../contract/channels.ts';
import type { EventPayload } from '../contract/events.ts';
import { JUDGED_TOPIC, useJudgedIdeasCores } from '../test-support/judged-ideas-core.ts';
import type { Core } from './create-core.ts';
import { dispatch } from './dispatch.ts';

const TOPIC = JUDGED_TOPIC;
const judged = useJudgedIdeasCores();
/** A data dir with the four test ideas on TOPIC; each call of the function returned opens a new core on it (a restart). */
const setup = (): Promise<() => Core> => judged.setup('judge-tournament.json');

describe('judge.* channels', () => {
  it('reports progress, stops on cancel, and a second core resumes without re-judging', async () => {
    const newCore = await setup();
    const first = newCore();
    const progress: EventPayload<'judge.event'>[] = [];
    const controller = new AbortController();
    first.events.subscribe((name, payload) => {
      if (name !== 'judge.event') return;
      progress.push(payload as EventPayload<'judge.event'>);
      if (progress.length === 2) controller.abort();
    });
    const stopped = await dispatch(
      first.handlers,
      'judge.tournament',
      { topic: TOPIC, seed: 7, rounds: 3 },
      { transport: 'ipc', signal: controller.signal },
    );
    expect(stopped).toMatchObject({ error: { code: 'CANCELLED' } });
    expect(progress.map((p) => [p.round, p.pairsDone, p.pairsTotal])).toEqual([
      [1, 1, 6],
      [1, 2, 6],
    ]);
    expect(judged.server?.requests).toHaveLength(4);
    // Each event is numbered within its run, and judge.since replays what a client missed.
    const runId = progress[0]?.runId ?? '';
    expect(progress.map((p) => [p.runId, p.seq])).toEqual([
      [runId, 1],
      [runId, 2],
    ]);
    expect(await dispatch(first.handlers, 'judge.since', { runId, seq: 1 }, { transport: 'ipc' })).toEqual({
      result: { seq: 2, events: progress.slice(1) },
    });
    expect(
      await dispatch(first.handlers, 'judge.since', { runId: 'nope', seq: 0 }, { transport: 'ipc' }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });

    const second = newCore();
    const resumed = await dispatch(
      second.handlers,
      'judge.tournament',
      { topic: TOPIC, seed: 7, rounds: 3 },
      {
        transport: 'http',
      },
    );
    if (!('result' in resumed)) throw new Error(JSON.stringify(resumed.error));
    const tournament = resumed.result as ResponseOf<'judge.tournament'>;
    expect(tournament).toMatchObject({ newCalls: 8, reusedCalls: 4 });
    expect(tournament.standings[0]?.id).toBe('id-alpha');
    expect(judged.server?.requests).toHaveLength(12);

    // The finished tournament is stored under its id, listable by topic from another core (the cancelled one is not).
    const listed = await dispatch(
      first.handlers,
      'judge.tournaments',
      { topic: TOPIC },
      { transport: 'ipc' },
    );
    expect(listed).toEqual({
      result: {
        tournaments: [
          {
            id: tournament.id,
            topic: TOPIC,
            seed: 7,
            rounds: 3,
            k: 32,
            rubricVersion: 'pairwise.v1',
            model: 'scripted-judge',
            standings: tournament.standings,
            createdAt: expect.any(String),
          },
        ],
      },
    });
    expect(tournament.id).not.toBe(runId);
    expect(
      await dispatch(second.handlers, 'judge.tournaments', { topic: 'another topic' }, { transport: 'ipc' }),
    ).toEqual({ result: { tournaments: [] } });

    const results = await dispatch(
      first.handlers,
      'judge.results',
      { ideaIds: ['id-alpha'] },
      { transport: 'cli' },
    );
    if (!('result' in results)) throw new Error(JSON.stringify(results.error));
    const { judgments } = results.result as ResponseOf<'judge.results'>;
    expect(judgments.length).toBeGreaterThan(0);
    for (const j of judgments) {
      expect(j).toMatchObject({ kind: 'pairwise', rubricVersion: 'pairwise.v1', model: 'scripted-judge' });
      expect(j.ideaIds).toContain('id-alpha');
    }
  });

  it('judge.cancel stops a running tournament by the run id of its events (the app has no request signal)', async () => {
    const core = (await setup())();
    const cancels: Promise<unknown>[] = [];
    core.events.subscribe((name, payload) => {
      const event = payload as EventPayload<'judge.event'>;
      if (name === 'judge.event' && event.seq === 2) {
        cancels.push(dispatch(core.handlers, 'judge.cancel', { runId: event.runId }, { transport: 'http' }));
      }
    });
    const stopped = await dispatch(
      core.handlers,
      'judge.tournament',
      { topic: TOPIC, seed: 7, rounds: 3 },
      { transport: 'http' },
    );
    expect(stopped).toMatchObject({ error: { code: 'CANCELLED' } });
    expect(await Promise.all(cancels)).toEqual([{ result: { cancelled: true } }]);
    expect(judged.server?.requests.length).toBeLessThan(12);
    // A run that ended (or never ran here) cannot be cancelled.
    const runId = 'not-running';
    expect(await dispatch(core.handlers, 'judge.cancel', { runId }, { transport: 'http' })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(
      await dispatch(core.handlers, 'judge.tournaments', { topic: TOPIC }, { transport: 'ipc' }),
    ).toEqual({ result: { tournaments: [] } });
  });

  it('refuses ambiguous or empty requests before calling the judge', async () => {
    const core = (await setup())();
    const both = await dispatch(
      core.handlers,
      'judge.score',
      { ideaIds: ['id-alpha'], topic: TOPIC },
      {
        transport: 'cli',
      },
    );
    expect(both).toMatchObject({ error: { code: 'VALIDATION' } });
    const lonely = await dispatch(
      core.handlers,
      'judge.tournament',
      { topic: 'nobody wrote about this' },
      {
        transport: 'cli',
      },
    );
    expect(lonely).toMatchObject({
      error: { code: 'VALIDATION', message: expect.stringContaining('two written ideas') },
    });
    const badRounds = await dispatch(
      core.handlers,
      'judge.tournament',
      { topic: TOPIC, rounds: 0 },
      {
        transport: 'cli',
      },
    );
    expect(badRounds).toMatchObject({ error: { code: 'VALIDATION' } });
    expect(judged.server?.requests).toHaveLength(0);
  });
});
