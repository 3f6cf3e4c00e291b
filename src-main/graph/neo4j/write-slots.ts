import type { Driver } from 'neo4j-driver';

/**
 * At most `size` write transactions open at once per driver (one app); the rest wait in arrival order. Writers
 * of different nodes run in parallel (each statement locks only what it changes, queries.ts), but hundreds of
 * edits at once must not hold hundreds of server transactions: each holds transaction memory, and hundreds
 * exhaust `dbms.memory.transaction.total.max`. Other apps have slots of their own.
 */
export class WriteSlots {
  private readonly size: number;
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.size = size;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next waiter (active stays), or is given back.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** Enough for a lab member's bursts (a bulk review, an ideation write-back) without crowding the server. */
export const WRITE_SLOTS_PER_DRIVER = 8;

const slots = new WeakMap<Driver, WriteSlots>();

export function writeSlotsFor(driver: Driver): WriteSlots {
  let found = slots.get(driver);
  if (!found) {
    found = new WriteSlots(WRITE_SLOTS_PER_DRIVER);
    slots.set(driver, found);
  }
  return found;
}
