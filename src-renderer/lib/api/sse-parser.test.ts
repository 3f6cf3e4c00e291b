import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse-parser.ts';

describe('server-sent-events parser', () => {
  it('emits whole frames across arbitrary chunk boundaries and skips comments', () => {
    const seen: [string, string][] = [];
    const feed = createSseParser((name, data) => seen.push([name, data]));
    const stream =
      ': connected\n\nevent: settings.changed\ndata: {"a":1}\n\n: heartbeat\n\nevent: x\r\ndata: l1\r\ndata: l2\r\n\r\n';
    for (const char of stream) feed(char);
    expect(seen).toEqual([
      ['settings.changed', '{"a":1}'],
      ['x', 'l1\nl2'],
    ]);
  });

  it('holds back a frame until its blank line arrives', () => {
    const seen: string[] = [];
    const feed = createSseParser((name) => seen.push(name));
    feed('event: half\ndata: 1\n');
    expect(seen).toEqual([]);
    feed('\n');
    expect(seen).toEqual(['half']);
  });
});
