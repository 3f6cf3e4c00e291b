import type { GraphStore } from '../graph/port.ts';
import { SEED_ACTOR } from '../graph/seed/load-seed.ts';
import { attachSeedVectors } from './seed-vectors.ts';

interface HookLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Right after the seed was loaded on first run into the embedded store. Never throws: vectors are derivable (`motiv embed`), the graph
 * the user just got is not worth losing over them.
 */
export async function addSeedVectors(store: GraphStore, logger: HookLogger): Promise<void> {
  // One write per vector: ~1 s for the seed in SQLite, but ~54 s on Neo4j 5.26 (a locked transaction each, on a
  // busy 2-core machine). A lab's Neo4j gets them from the "motiv embed" job, which shows progress, instead.
  if (store.kind !== 'embedded') {
    logger.info('seed vectors not attached to a Neo4j store on first run: run "motiv embed"');
    return;
  }
  try {
    const outcome = await attachSeedVectors(store, SEED_ACTOR);
    if (outcome.skipped) logger.warn('seed vectors not attached', { reason: outcome.skipped });
    else logger.info('seed vectors attached', { attached: outcome.attached, stale: outcome.stale });
  } catch (err) {
    logger.warn('seed vectors not attached', { error: err instanceof Error ? err.message : String(err) });
  }
}
