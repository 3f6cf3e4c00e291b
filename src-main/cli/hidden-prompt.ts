import type { Readable, Writable } from 'node:stream';

/** A terminal as node:tty gives it: a readable that can be put in raw mode. */
export type TerminalInput = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACES = new Set(['\u007f', '\b']);

/**
 * Asks for a secret on a terminal without echoing it: raw mode, so each key arrives as typed and nothing is
 * printed but the question. Enter (or Ctrl+D) ends the answer; Backspace removes the last character; Ctrl+C
 * answers null, so the caller stores nothing (raw mode turns Ctrl+C into a character, not a SIGINT). The
 * terminal is always put back as it was.
 */
export function promptHidden(
  question: string,
  input: TerminalInput,
  output: Writable,
): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const wasRaw = (input as { isRaw?: boolean }).isRaw === true;
    const finish = (value: string | null, err?: Error): void => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
      input.setRawMode?.(wasRaw);
      input.pause();
      output.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      // A paste arrives as one chunk: walk it character by character.
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === CTRL_C) return finish(null);
        if (ch === '\r' || ch === '\n' || ch === CTRL_D) return finish(answer);
        if (BACKSPACES.has(ch)) answer = Array.from(answer).slice(0, -1).join('');
        else if (ch >= ' ') answer += ch;
      }
    };
    const onEnd = (): void => finish(answer);
    const onError = (err: Error): void => finish(null, err);
    output.write(question);
    input.setRawMode?.(true);
    input.on('data', onData);
    input.once('end', onEnd);
    input.once('error', onError);
    input.resume();
  });
}
