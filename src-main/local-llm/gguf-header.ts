import { closeSync, openSync, readSync } from 'node:fs';

/**
 * What a GGUF file says about itself, read from its metadata header only (never the tensors): the architecture,
 * name, size label ("135M", "7B"), context length and layer count, for the settings page beside a picked file.
 * A hostile header cannot make this read more than HEADER_BYTES or loop longer than they last: any length that
 * runs past the bytes read ends the walk with what was found so far.
 */

export interface GgufHeaderInfo {
  /** GGUF format version (2 and 3 are read; 1 used 32-bit lengths and is not). */
  version: number;
  architecture: string | null;
  name: string | null;
  sizeLabel: string | null;
  contextLength: number | null;
  blockCount: number | null;
}

const HEADER_BYTES = 4 * 1024 * 1024;
const MAX_STRING = 64 * 1024;

// GGUF metadata value types → byte size for the fixed-size ones.
const FIXED_SIZE: Record<number, number> = {
  0: 1,
  1: 1,
  2: 2,
  3: 2,
  4: 4,
  5: 4,
  6: 4,
  7: 1,
  10: 8,
  11: 8,
  12: 8,
};
const STRING = 8;
const ARRAY = 9;

class OutOfBytes extends Error {}

/** A cursor over the bytes read; every read past the end throws OutOfBytes. */
class Reader {
  offset = 0;
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  take(length: number): Buffer {
    if (length < 0 || this.offset + length > this.#bytes.length) throw new OutOfBytes();
    const slice = this.#bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }
  u32(): number {
    return this.take(4).readUInt32LE(0);
  }
  u64(): number {
    const value = this.take(8).readBigUInt64LE(0);
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
  }
  string(): string {
    const length = this.u64();
    if (length > MAX_STRING) throw new OutOfBytes();
    return this.take(length).toString('utf8');
  }
  /** A scalar as a number, or a string; anything else is skipped and answered as null. */
  value(type: number): string | number | null {
    if (type === STRING) return this.string();
    if (type === ARRAY) {
      this.skipArray();
      return null;
    }
    const size = FIXED_SIZE[type];
    if (size === undefined) throw new OutOfBytes(); // an unknown type: nothing after it can be trusted
    const bytes = this.take(size);
    if (type === 4) return bytes.readUInt32LE(0);
    if (type === 5) return bytes.readInt32LE(0);
    if (type === 10) return Number(bytes.readBigUInt64LE(0));
    return null;
  }
  skipArray(): void {
    const type = this.u32();
    const count = this.u64();
    if (type === STRING) {
      for (let i = 0; i < count; i += 1) this.take(this.u64());
      return;
    }
    const size = FIXED_SIZE[type];
    if (size === undefined) throw new OutOfBytes();
    this.take(count * size);
  }
}

/** Reads the header of a file already checked to start with "GGUF" (local-llm/gguf-file.ts). */
export function readGgufHeader(path: string): GgufHeaderInfo {
  const fd = openSync(path, 'r');
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const read = readSync(fd, buffer, 0, HEADER_BYTES, 0);
    bytes = buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
  return parseGgufHeader(bytes);
}

export function parseGgufHeader(bytes: Buffer): GgufHeaderInfo {
  const info: GgufHeaderInfo = {
    version: 0,
    architecture: null,
    name: null,
    sizeLabel: null,
    contextLength: null,
    blockCount: null,
  };
  const reader = new Reader(bytes);
  const found = new Map<string, string | number>();
  try {
    reader.take(4); // "GGUF", checked by the caller
    info.version = reader.u32();
    if (info.version < 2) return info;
    reader.u64(); // tensor count
    const entries = reader.u64();
    for (let i = 0; i < entries; i += 1) {
      const key = reader.string();
      const value = reader.value(reader.u32());
      if (value !== null) found.set(key, value);
    }
  } catch (err) {
    if (!(err instanceof OutOfBytes)) throw err;
  }
  const text = (key: string): string | null => {
    const value = found.get(key);
    return typeof value === 'string' ? value : null;
  };
  const whole = (key: string): number | null => {
    const value = found.get(key);
    return typeof value === 'number' ? value : null;
  };
  info.architecture = text('general.architecture');
  info.name = text('general.name');
  info.sizeLabel = text('general.size_label');
  if (info.architecture) {
    info.contextLength = whole(`${info.architecture}.context_length`);
    info.blockCount = whole(`${info.architecture}.block_count`);
  }
  return info;
}
