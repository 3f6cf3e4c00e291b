import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalModelCheckSchema } from '../contract/llm.ts';
import { repoModelsDir } from '../embeddings/minilm-files.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { parseGgufHeader } from './gguf-header.ts';
import { checkLocalModel } from './local-model-check.ts';
import { smollm2Path } from './test-model.ts';

/** Settings' check of a picked .gguf: the engine's rules as answers, and the header's facts (bombs included). */

const tempDir = useTempDirs();

/** A GGUF v3 header: magic, version, tensor count, then the given key/value bytes. */
function header(entries: number, ...kv: Buffer[]): Buffer {
  const head = Buffer.alloc(24);
  head.write('GGUF', 0, 'ascii');
  head.writeUInt32LE(3, 4);
  head.writeBigUInt64LE(0n, 8);
  head.writeBigUInt64LE(BigInt(entries), 16);
  return Buffer.concat([head, ...kv]);
}
function str(text: string): Buffer {
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(Buffer.byteLength(text)));
  return Buffer.concat([length, Buffer.from(text)]);
}
function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return b;
}
function u64(value: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(value);
  return b;
}
const stringEntry = (key: string, value: string): Buffer => Buffer.concat([str(key), u32(8), str(value)]);

describe('checkLocalModel', () => {
  it('the real test model: its size, the memory free, and what its header says (llama, 135M, 8k context)', () => {
    const check = LocalModelCheckSchema.parse(checkLocalModel(smollm2Path(repoModelsDir())));
    expect(check).toMatchObject({
      ok: true,
      bytes: 98_362_432,
      version: 3,
      architecture: 'llama',
      sizeLabel: '135M',
      contextLength: 8192,
      blockCount: 30,
    });
    expect(check.ok && check.freeBytes).toBeGreaterThan(0);
  });

  it('each rule the engine applies is an answer with its reason: missing, not a GGUF, too large', () => {
    const dir = tempDir();
    const missing = join(dir, 'none.gguf');
    expect(checkLocalModel(missing)).toMatchObject({
      ok: false,
      path: missing,
      reason: 'model-file-missing',
    });
    expect(checkLocalModel(dir)).toMatchObject({ ok: false, reason: 'model-file-missing' });
    const zip = join(dir, 'model.gguf');
    writeFileSync(zip, 'PK\u0003\u0004 not a model');
    const notGguf = checkLocalModel(zip);
    expect(notGguf).toMatchObject({ ok: false, reason: 'not-gguf' });
    expect(!notGguf.ok && notGguf.message).toContain(zip);
    const tooLarge = checkLocalModel(smollm2Path(repoModelsDir()), 10_000_000);
    expect(tooLarge).toMatchObject({ ok: false, reason: 'model-too-large' });
    expect(!tooLarge.ok && tooLarge.message).toMatch(/98 MB but only 10 MB/);
  });

  it('a file that starts with GGUF but holds garbage is a GGUF the header says nothing about', () => {
    const file = join(tempDir(), 'junk.gguf');
    writeFileSync(file, Buffer.concat([Buffer.from('GGUF'), Buffer.alloc(3, 0xff)]));
    expect(checkLocalModel(file)).toMatchObject({ ok: true, bytes: 7, architecture: null, name: null });
  });
});

describe('parseGgufHeader: a hostile header ends the walk, never the process', () => {
  it('reads strings and numbers, skips arrays (of strings too), and keys the context length by architecture', () => {
    const tokens = Buffer.concat([
      str('tokenizer.ggml.tokens'),
      u32(9),
      u32(8),
      u64(2n),
      str('a'),
      str('bc'),
    ]);
    const bytes = header(
      4,
      stringEntry('general.architecture', 'qwen2'),
      tokens,
      Buffer.concat([str('qwen2.context_length'), u32(4), u32(32_768)]),
      stringEntry('general.size_label', '7B'),
    );
    expect(parseGgufHeader(bytes)).toMatchObject({
      version: 3,
      architecture: 'qwen2',
      sizeLabel: '7B',
      contextLength: 32_768,
    });
  });

  it('a string, an array or an entry count far past the bytes stops with what was found so far', () => {
    const hugeString = Buffer.concat([str('general.name'), u32(8), u64(2n ** 62n)]);
    expect(
      parseGgufHeader(header(2, stringEntry('general.architecture', 'llama'), hugeString)),
    ).toMatchObject({
      architecture: 'llama',
      name: null,
    });
    const hugeArray = Buffer.concat([str('x'), u32(9), u32(6), u64(2n ** 63n)]);
    expect(parseGgufHeader(header(3, hugeArray, stringEntry('general.name', 'after')))).toMatchObject({
      name: null,
    });
    const manyStrings = Buffer.concat([str('x'), u32(9), u32(8), u64(2n ** 40n)]);
    expect(parseGgufHeader(header(1, manyStrings)).name).toBeNull();
    // 2^64 - 1 entries in a 100-byte header: the loop ends when the bytes do.
    const endless = header(1, stringEntry('general.name', 'n'));
    endless.writeBigUInt64LE(2n ** 64n - 1n, 16);
    expect(parseGgufHeader(endless)).toMatchObject({ name: 'n' });
  });

  it('an unknown value type or GGUF version 1 gives no facts rather than misread ones', () => {
    const unknown = Buffer.concat([str('general.file_type'), u32(99), u32(1)]);
    expect(parseGgufHeader(header(2, unknown, stringEntry('general.name', 'n'))).name).toBeNull();
    const v1 = header(1, stringEntry('general.name', 'n'));
    v1.writeUInt32LE(1, 4);
    expect(parseGgufHeader(v1)).toMatchObject({ version: 1, name: null });
  });
});
