import { seedOnFirstRun } from './load-seed.ts';
import type { GraphStore } from '../port.ts';

interface SeedLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** `MOTIV_SEED=off` keeps a fresh store empty (tests of the empty state, admins of a shared lab graph). */
export const seedingEnabled = (env: NodeJS.ProcessEnv): boolean => env.MOTIV_SEED?.toLowerCase() !== 'off';

/**
 * Called right after a store is opened; true when it loaded the seed just now. A failure to seed is logged, never
 * thrown: the user's graph must still open, and the seed can be loaded later with `motiv graph seed`.
 */
export async function seedStoreOnFirstRun(store: GraphStore, logger: SeedLogger): Promise<boolean> {
  try {
    const outcome = await seedOnFirstRun(store);
    if (outcome.loaded) {
      logger.info('seed graph loaded on first run', { store: store.kind, ...outcome.result });
    }
    return outcome.loaded;
  } catch (err) {
    logger.warn('seed graph not loaded on first run', {
      store: store.kind,
      error: err instanceof Error ? err.message : String(err),
    });
    return false;
  }
}
