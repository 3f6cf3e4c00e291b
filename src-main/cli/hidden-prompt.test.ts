import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { promptHidden } from './hidden-prompt.ts';

/** A fake terminal: a readable flagged isTTY that records raw-mode switches, and a writable that keeps the screen. */
function terminal() {
  const rawModes: boolean[] = [];
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    isRaw: false,
    setRawMode(raw: boolean) {
      rawModes.push(raw);
      input.isRaw = raw;
      return input;
    },
  });
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => (screen += chunk.toString('utf8')));
  return { input, output, rawModes, screen: () => screen };
}

describe('promptHidden', () => {
  it('reads keys until Enter in raw mode, echoes nothing typed, and restores the terminal', async () => {
    const t = terminal();
    const answer = promptHidden('Key: ', t.input, t.output);
    t.input.write('sk-sec');
    t.input.write('rex\u007f'); // a typo, then Backspace
    t.input.write('t\r');
    expect(await answer).toBe('sk-secret');
    expect(t.rawModes).toEqual([true, false]);
    expect(t.screen()).toBe('Key: \n');
    expect(t.input.listenerCount('data')).toBe(0);
  });

  it('answers null on Ctrl+C, ignoring what was typed', async () => {
    const t = terminal();
    const answer = promptHidden('Key: ', t.input, t.output);
    t.input.write('sk-half\u0003more\r');
    expect(await answer).toBeNull();
    expect(t.rawModes).toEqual([true, false]);
    expect(t.screen()).not.toContain('sk-half');
  });

  it('takes a pasted value with its newline in one chunk, and ends on Ctrl+D or end of input', async () => {
    const pasted = terminal();
    const a = promptHidden('Key: ', pasted.input, pasted.output);
    pasted.input.write('sk-pasted\nignored');
    expect(await a).toBe('sk-pasted');

    const eof = terminal();
    const b = promptHidden('Key: ', eof.input, eof.output);
    eof.input.write('sk-d\u0004');
    expect(await b).toBe('sk-d');

    const ended = terminal();
    const c = promptHidden('Key: ', ended.input, ended.output);
    ended.input.end('sk-end');
    expect(await c).toBe('sk-end');
  });
});
