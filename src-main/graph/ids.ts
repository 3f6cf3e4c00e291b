import { randomFillSync } from 'node:crypto';

// One getrandom call per 256 ids instead of one per id: bulk imports create ids by the hundred thousand.
const pool = Buffer.alloc(16 * 256);
let poolOffset = pool.length;

function random16(): Buffer {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return bytes;
}

/**
 * Node and edge ids: UUIDv7 (RFC 9562). Random enough to never collide between stores or lab members, and
 * time-ordered, so new ids land at the end of the id indexes instead of at random pages (a bulk import of 100k
 * edges writes several times faster). Not derived from the name: ids survive renames and merges, and a dump
 * restored elsewhere keeps them.
 */
export function newId(): string {
  const bytes = random16();
  bytes.writeUIntBE(Date.now(), 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70; // version 7
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
