import { describe, expect, it } from 'vitest';
import { MAX_TOPICS, topicsFromCsv } from './protocol-topics.ts';

const refusal = (source: string) => {
  try {
    topicsFromCsv(source, 'topics.csv');
  } catch (err) {
    return err;
  }
  throw new Error('accepted');
};

describe('topics.csv', () => {
  it('reads the topic column by name, quoted cells and a BOM included, other columns ignored', () => {
    const csv =
      '\uFEFFid,Topic,note\n1,"graph neural networks, for drug discovery",x\n\n2,efficient reasoning,y\n';
    expect(topicsFromCsv(csv, 'topics.csv')).toEqual([
      'graph neural networks, for drug discovery',
      'efficient reasoning',
    ]);
  });

  it.each([
    ['no header column', 'title\nsomething\n', 1, 'no "topic" column'],
    ['an empty topic, with its line', 'topic\nfirst\n""\n', 3, 'the topic is empty'],
    ['a repeated topic', 'topic\nA topic\nother\na TOPIC\n', 4, 'repeats line 2'],
    ['nothing below the header', 'topic\n', 2, 'no topics'],
    ['an overlong topic', `topic\n${'x'.repeat(501)}\n`, 2, '501 characters'],
    ['an unclosed quote', 'topic\nfine\n"never closed\n', 3, 'not valid CSV'],
    ['a binary file', 'topic\n\u0000\u0001\u0002', 1, 'NUL bytes'],
    ['a bomb', `topic\n${'y,'.repeat(600_000)}\n`, 1, 'over 1000000 bytes'],
  ])('refuses %s with a typed error naming the file and line', (_case, source, line, words) => {
    expect(refusal(source)).toMatchObject({
      code: 'VALIDATION',
      details: { file: 'topics.csv', line },
      message: expect.stringContaining(words),
    });
  });

  it('refuses more topics than a run takes', () => {
    const csv = `topic\n${Array.from({ length: MAX_TOPICS + 1 }, (_, i) => `topic ${i}`).join('\n')}\n`;
    expect(refusal(csv)).toMatchObject({ details: { line: MAX_TOPICS + 2 } });
  });
});
