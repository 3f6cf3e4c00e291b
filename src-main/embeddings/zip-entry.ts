import { inflateRawSync } from 'node:zlib';
import { AppError } from '../shared/errors.ts';

/**
 * Reads one named file out of a zip archive (a jar or a wheel) held in memory. Enough of the format for
 * registry artifacts: stored or deflated entries, no zip64, no encryption. The declared size caps inflation, so
 * a crafted archive cannot expand without bound; callers still verify the content's sha256.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;

export function readZipEntry(archive: Buffer, name: string, maxBytes: number, source: string): Buffer {
  const bad = (why: string): AppError =>
    new AppError('VALIDATION', `${source} is not a usable zip archive: ${why}`, {
      file: source,
      entry: name,
    });
  const eocd = findEndOfCentralDirectory(archive);
  if (eocd < 0) throw bad('no end-of-central-directory record');
  const entries = archive.readUInt16LE(eocd + 10);
  let at = archive.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (at + 46 > archive.length || archive.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      throw bad(`central directory entry ${i} is damaged`);
    }
    const method = archive.readUInt16LE(at + 10);
    const compressedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localHeader = archive.readUInt32LE(at + 42);
    const entryName = archive.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (entryName !== name) continue;
    if (size > maxBytes) throw bad(`entry ${name} declares ${size} bytes, more than the ${maxBytes} allowed`);
    if (localHeader + 30 > archive.length || archive.readUInt32LE(localHeader) !== LOCAL_SIGNATURE) {
      throw bad(`local header of ${name} is damaged`);
    }
    const dataStart =
      localHeader + 30 + archive.readUInt16LE(localHeader + 26) + archive.readUInt16LE(localHeader + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) throw bad(`entry ${name} is truncated`);
    if (method === 0) return Buffer.from(data);
    if (method !== 8) throw bad(`entry ${name} uses compression method ${method}`);
    try {
      const out = inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
      if (out.length !== size) throw new Error(`inflated to ${out.length} bytes, expected ${size}`);
      return out;
    } catch (err) {
      throw bad(`entry ${name} does not inflate (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  throw bad(`it holds no ${name}`);
}

function findEndOfCentralDirectory(archive: Buffer): number {
  const lowest = Math.max(0, archive.length - EOCD_MIN_BYTES - MAX_COMMENT_BYTES);
  for (let at = archive.length - EOCD_MIN_BYTES; at >= lowest; at--) {
    if (archive.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  return -1;
}
