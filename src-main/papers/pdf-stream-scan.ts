import { constants, createInflate } from 'node:zlib';
import type { Inflate } from 'node:zlib';

/**
 * Before pdf.js reads a PDF, every Flate stream it could decode for text (page contents, fonts, object and xref
 * streams; not images) is inflated here into nothing, counting bytes, and stopped at a limit: a decompression
 * bomb is found without ever holding its output. pdf.js itself keeps a whole decoded stream in memory.
 */

export interface StreamOverLimit {
  /** The object number of the stream, as written in the file (`7 0 obj`). */
  object: number | null;
  /** The inflated bytes counted when it was stopped. */
  inflated: number;
  limit: 'streamBytes' | 'totalStreamBytes';
}

const latin1 = (bytes: Uint8Array, start: number, end: number): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');

// The dictionary before a stream is searched for within this many bytes.
const DICT_WINDOW = 4096;

interface FoundStream {
  object: number | null;
  dict: string;
  start: number;
  end: number;
}

function* findStreams(bytes: Uint8Array): Generator<FoundStream> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = buffer.indexOf('stream', 0, 'latin1');
  while (at !== -1) {
    const isEnd = at >= 3 && latin1(bytes, at - 3, at) === 'end';
    let start = at + 'stream'.length;
    if (!isEnd && (buffer[start] === 0x0d || buffer[start] === 0x0a)) {
      if (buffer[start] === 0x0d && buffer[start + 1] === 0x0a) start++;
      start++;
      const window = latin1(bytes, Math.max(0, at - DICT_WINDOW), at);
      const objAt = window.lastIndexOf('obj');
      const head = /(\d+)\s+\d+\s+$/u.exec(window.slice(Math.max(0, objAt - 24), Math.max(0, objAt)));
      const dict = objAt === -1 ? window : window.slice(objAt);
      const endAt = buffer.indexOf('endstream', start, 'latin1');
      const end = endAt === -1 ? buffer.length : endAt;
      yield { object: head ? Number(head[1]) : null, dict, start, end };
      at = buffer.indexOf('stream', end + 'endstream'.length, 'latin1');
      continue;
    }
    at = buffer.indexOf('stream', at + 1, 'latin1');
  }
}

/** How many Flate filters the stream starts with (`/FlateDecode`, or `[/FlateDecode /FlateDecode …]`). */
function leadingFlateFilters(dict: string): number {
  const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/u.exec(dict)?.[1];
  if (!filter) return 0;
  const names = filter.match(/\/[A-Za-z0-9]+/gu) ?? [];
  let count = 0;
  for (const name of names) {
    if (name !== '/FlateDecode' && name !== '/Fl') break;
    count++;
  }
  return count;
}

const isImage = (dict: string): boolean => /\/Subtype\s*\/Image\b/u.test(dict);

/** Inflated size of `data` through `layers` Flate filters, stopped as soon as it passes `cap`. */
function inflatedSize(data: Uint8Array, layers: number, cap: number): Promise<number> {
  return new Promise((resolve) => {
    const chain: Inflate[] = Array.from({ length: layers }, () =>
      // lenient like pdf.js: a stream cut short still counts what it holds
      createInflate({ finishFlush: constants.Z_SYNC_FLUSH }),
    );
    let counted = 0;
    let settled = false;
    const finish = (): void => {
      if (settled) return;
      settled = true;
      for (const stage of chain) stage.destroy();
      resolve(counted);
    };
    chain.forEach((stage, i) => {
      stage.on('error', finish);
      if (i + 1 < chain.length) stage.pipe(chain[i + 1]!);
    });
    const last = chain[chain.length - 1]!;
    last.on('data', (chunk: Buffer) => {
      counted += chunk.length;
      if (counted > cap) finish();
    });
    last.on('end', finish);
    chain[0]!.end(data);
  });
}

/** The first stream over a limit, or null when every stream is within them. */
export async function findStreamOverLimit(
  bytes: Uint8Array,
  limits: { maxStreamBytes: number; maxTotalStreamBytes: number },
): Promise<StreamOverLimit | null> {
  let total = 0;
  for (const stream of findStreams(bytes)) {
    const layers = leadingFlateFilters(stream.dict);
    if (layers === 0 || isImage(stream.dict)) continue;
    const cap = Math.min(limits.maxStreamBytes, limits.maxTotalStreamBytes - total);
    const size = await inflatedSize(bytes.subarray(stream.start, stream.end), layers, cap);
    if (size > limits.maxStreamBytes) return { object: stream.object, inflated: size, limit: 'streamBytes' };
    total += size;
    if (total > limits.maxTotalStreamBytes) {
      return { object: stream.object, inflated: total, limit: 'totalStreamBytes' };
    }
  }
  return null;
}
