import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from './command-args.ts';

describe('parseCommandArgs', () => {
  it('reads strings by name and defaults flags to false', () => {
    const { values } = parseCommandArgs(['--topic', 'x'], { strings: ['topic', 'seed'], flags: ['json'] });
    expect(values).toEqual({ topic: 'x', json: false });
  });

  it('rejects an option it was not given', () => {
    expect(() => parseCommandArgs(['--nope'], { flags: ['json'] })).toThrow(/Unknown option '--nope'/);
  });

  it('rejects bare arguments unless positionals are allowed', () => {
    expect(() => parseCommandArgs(['a'], { flags: ['json'] })).toThrow(/Unexpected argument 'a'/);
    expect(parseCommandArgs(['a', '--json'], { flags: ['json'], positionals: true })).toEqual({
      values: { json: true },
      positionals: ['a'],
    });
  });
});
