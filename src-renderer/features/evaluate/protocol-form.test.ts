import { describe, expect, it } from 'vitest';
import { LIMITS, parseSeeds, planOf, topicsFromCsv, topicsFromText } from './protocol-form.ts';

describe('protocol form', () => {
  it('reads typed topics one per line and refuses repeats with their lines', () => {
    expect(topicsFromText('  graph nets \n\nprotein folding\r\n')).toEqual({
      ok: true,
      value: ['graph nets', 'protein folding'],
    });
    expect(topicsFromText('A\nb\na')).toEqual({
      ok: false,
      error: 'Topics line 3: repeats the topic of line 1',
    });
    expect(topicsFromText('  \n')).toEqual({ ok: false, error: 'Topics: no topics' });
  });

  it('reads the first CSV column, skips a "topic" header and a BOM, keeps quoted commas', () => {
    const csv = '\uFEFFtopic,notes\n"drug discovery, graphs",x\n"say ""hi"" models",y\n';
    expect(topicsFromCsv('t.csv', csv)).toEqual({
      ok: true,
      value: ['drug discovery, graphs', 'say "hi" models'],
    });
  });

  it('refuses a CSV bomb before parsing and too many topics with the count', () => {
    const big = 'x'.repeat(LIMITS.fileBytes + 1);
    expect(topicsFromCsv('big.csv', big)).toMatchObject({
      ok: false,
      error: expect.stringContaining('big.csv'),
    });
    const many = Array.from({ length: LIMITS.topics + 1 }, (_, i) => `topic ${i}`).join('\n');
    expect(topicsFromCsv('many.csv', many)).toEqual({
      ok: false,
      error: `many.csv: ${LIMITS.topics + 1} topics, at most ${LIMITS.topics} per run`,
    });
    expect(topicsFromCsv('c.csv', `ok\n${'y'.repeat(501)}`)).toMatchObject({
      ok: false,
      error: expect.stringContaining('line 2'),
    });
    expect(topicsFromCsv('c.csv', 'a\u0007b')).toMatchObject({
      ok: false,
      error: expect.stringContaining('control'),
    });
  });

  it('parses seeds as distinct whole numbers', () => {
    expect(parseSeeds('1, 2 3')).toEqual({ ok: true, value: [1, 2, 3] });
    expect(parseSeeds('1, 1')).toEqual({ ok: false, error: 'Seeds: 1 repeats' });
    expect(parseSeeds('1.5')).toMatchObject({ ok: false });
    expect(parseSeeds('4294967296')).toMatchObject({ ok: false });
    expect(parseSeeds('')).toMatchObject({ ok: false });
  });

  it('builds the plan from presets, or names the first problem', () => {
    const form = {
      topics: ['a', 'b'],
      presets: ['full', 'neither'] as const,
      ideasPerTopic: 3,
      seedsText: '1,2',
      rounds: 5,
    };
    expect(planOf({ ...form, presets: [...form.presets] })).toEqual({
      ok: true,
      value: {
        topics: ['a', 'b'],
        settings: [
          { name: 'full', graph: true, mentor: true },
          { name: 'neither', graph: false, mentor: false },
        ],
        ideasPerTopic: 3,
        seeds: [1, 2],
        rounds: 5,
      },
    });
    expect(planOf({ ...form, presets: [] })).toEqual({ ok: false, error: 'Settings: choose at least one' });
    expect(planOf({ ...form, presets: ['full'], ideasPerTopic: 0 })).toMatchObject({ ok: false });
    expect(planOf({ ...form, presets: ['full'], topics: [] })).toMatchObject({ ok: false });
  });

  it('runs every chosen preset again with another researcher model, named <preset>+<model>', () => {
    const form = {
      topics: ['a'],
      presets: ['full', 'no-graph'] as ('full' | 'no-graph')[],
      ideasPerTopic: 1,
      seedsText: '1',
      rounds: 2,
    };
    const plan = planOf({ ...form, otherModel: ' qwen/qwen2.5:7b ' });
    expect(plan.ok && plan.value.settings).toEqual([
      { name: 'full', graph: true, mentor: true },
      { name: 'no-graph', graph: false, mentor: true },
      { name: 'full+qwen-qwen2.5-7b', graph: true, mentor: true, model: 'qwen/qwen2.5:7b' },
      { name: 'no-graph+qwen-qwen2.5-7b', graph: false, mentor: true, model: 'qwen/qwen2.5:7b' },
    ]);
    expect(planOf({ ...form, otherModel: '  ' })).toMatchObject({ ok: true, value: { settings: [{}, {}] } });
  });
});
