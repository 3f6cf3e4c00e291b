import { describe, expect, it } from 'vitest';
import type { IdeatorCitation, IdeatorSessionDetail } from '../../../src-main/contract/ideator.ts';
import { citationParts, costText, failureText, inspirationTopic, progressOf } from './ideate-view.ts';

const cite = (ref: string, status: IdeatorCitation['status']): IdeatorCitation => ({
  ref,
  kind: 'Challenge',
  name: ref.split(':')[2] ?? '',
  nodeId: status === 'resolved' ? 'n1' : null,
  status,
});

describe('citationParts', () => {
  it('splits text into plain runs and citations tagged with their status, punctuation kept outside', () => {
    const parts = citationParts('See kg:problem:Idea_generation. Also kg:challenge:Made_up, and <b>x</b>', [
      cite('kg:problem:Idea_generation', 'resolved'),
      cite('kg:challenge:Made_up', 'missing'),
    ]);
    expect(parts).toEqual([
      { text: 'See ' },
      { ref: 'kg:problem:Idea_generation', status: 'resolved' },
      { text: '. Also ' },
      { ref: 'kg:challenge:Made_up', status: 'missing' },
      { text: ', and <b>x</b>' },
    ]);
  });

  it('marks a ref the version did not check as unknown, and leaves text without refs whole', () => {
    expect(citationParts('kg:solution:Other', [])).toEqual([{ ref: 'kg:solution:Other', status: 'unknown' }]);
    expect(citationParts('no refs here', [])).toEqual([{ text: 'no refs here' }]);
  });
});

describe('progressOf', () => {
  const detail = (
    ideas: Array<{ index: number; phase: string; round: number }>,
    status = 'running',
  ): IdeatorSessionDetail =>
    ({
      session: { config: { ideas: 3, maxRounds: 5 }, status },
      ideas,
    }) as unknown as IdeatorSessionDetail;

  it('follows the idea under discussion', () => {
    const p = progressOf(
      detail([
        { index: 0, phase: 'done', round: 2 },
        { index: 1, phase: 'mentor', round: 1 },
      ]),
    );
    expect(p).toEqual({ ideaNumber: 2, ideas: 3, round: 1, maxRounds: 5, phase: 'mentor questioning' });
  });

  it('shows the last idea once all are done, and "starting" before the first', () => {
    expect(progressOf(detail([{ index: 0, phase: 'done', round: 3 }]))).toMatchObject({
      ideaNumber: 1,
      round: 3,
    });
    expect(progressOf(detail([]))).toMatchObject({ ideaNumber: 0, phase: 'starting' });
  });

  it('claims no activity when the session is not running (failed, paused, interrupted)', () => {
    const ideas = [{ index: 0, phase: 'explore', round: 0 }];
    expect(progressOf(detail(ideas)).phase).toBe('researcher exploring the graph');
    for (const status of ['failed', 'paused', 'interrupted', 'stopped']) {
      expect(progressOf(detail(ideas, status)).phase).toBe('next: the researcher explores the graph');
    }
  });
});

describe('failureText', () => {
  it('says the cause, the step it stopped at and what Resume does', () => {
    const text = failureText({
      code: 'LLM_UNAUTHORIZED',
      message: 'The LLM at http://127.0.0.1:1/v1 rejected the API key (HTTP 401)',
      at: { idea: 0, round: 2, phase: 'mentor' },
    });
    expect(text).toBe(
      'Failed: The LLM at http://127.0.0.1:1/v1 rejected the API key (HTTP 401) (idea 1, round 2, at the ' +
        'mentor’s question) — Resume will retry from round 2; nothing already paid for is asked again. ' +
        'Check the API key in Settings, then Resume.',
    );
    expect(failureText({ code: 'INTERNAL', message: 'boom' })).toBe(
      'Failed: boom — Resume will retry the failed step.',
    );
  });
});

describe('costText', () => {
  it('never shows an unknown price as $0.00', () => {
    expect(costText({ usd: 0.1234, unpricedModels: [] })).toBe('$0.12');
    expect(costText({ usd: 0.0012, unpricedModels: [] })).toBe('$0.0012');
    expect(costText({ usd: 0, unpricedModels: ['llama3'] })).toBe('unknown (no price for llama3)');
    expect(costText({ usd: 1, unpricedModels: ['llama3'] })).toBe('$1.00 + unknown (no price for llama3)');
  });
});

describe('inspirationTopic', () => {
  it('names the methods and stays within the 500 characters a topic may have', () => {
    expect(inspirationTopic(['ReAct', 'Tree of Thoughts'])).toContain('ReAct, Tree of Thoughts');
    expect(inspirationTopic(Array.from({ length: 100 }, (_, i) => `Method ${i}`))).toHaveLength(500);
  });
});
