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

// Monotonic within this process (RFC 9562 §6.2, method 1): ids made in the same millisecond count up in the
// 12 "rand_a" bits, so sorting by id is creation order even for a batch made in one millisecond.
let lastMs = 0;
let counter = 0;

/**
 * Node and edge ids: UUIDv7 (RFC 9562). Random enough to never collide between stores or lab members, and
 * time-ordered, so new ids land at the end of the id indexes instead of at random pages (a bulk import of 100k
 * edges writes several times faster), and code may sort by id to get oldest first. Not derived from the name:
 * ids survive renames and merges, and a dump restored elsewhere keeps them.
 */
export function newId(): string {
  const bytes = random16();
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    // A random start below the half-way mark leaves room to count up within the millisecond.
    counter = bytes.readUInt16BE(6) & 0x07ff;
  } else if (++counter > 0x0fff) {
    // 2,048+ ids in one millisecond (or a clock that went back): borrow the next millisecond.
    lastMs += 1;
    counter = 0;
  }
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8); // version 7 + the counter's high bits
  bytes[7] = counter & 0xff;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
