import type { Driver } from 'neo4j-driver';

/**
 * One write transaction at a time per driver (one app), in arrival order. Every write takes the graph's write
 * lock anyway (queries.ts LOCK_GRAPH), so more would not be faster: each extra open transaction just waits on
 * the server, holding transaction memory (hundreds at once exhaust `dbms.memory.transaction.total.max`) and
 * adding waiters to the lock. Other apps on other drivers still queue on the server's lock.
 */
class WriteGate {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    // The next writer waits for this one to settle, whatever its outcome.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

const gates = new WeakMap<Driver, WriteGate>();

export function writeGateFor(driver: Driver): WriteGate {
  let gate = gates.get(driver);
  if (!gate) {
    gate = new WriteGate();
    gates.set(driver, gate);
  }
  return gate;
}
