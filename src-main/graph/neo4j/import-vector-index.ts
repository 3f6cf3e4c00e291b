import { loadMigrations } from './migrations.ts';
import { toNumber } from './mapping.ts';
import { INDEXED_DIMENSION } from './search.ts';
import type { StagedStep } from './import-batch.ts';
import type { RunWrite } from './import-journal.ts';
import type { Row } from './tx.ts';

/**
 * The vector index built once after a bulk load instead of updated by every staging transaction's commit.
 * Measured (bench/neo4j-load/profile-import.ts, scale 0.25, a loaded machine): the commits' server CPU fell by
 * 12 s, the population took 15 s of it, wall time fell by 11 %. Only when the graph held no vector and no
 * embedding model as the import began: nobody can be searching vectors that are not there yet, and the import
 * registers its models only once the index is back ONLINE, so until then a search sees no model and answers as an empty graph does (hybrid degrades to lexical). A graph
 * with vectors keeps its index, and its lab members' searches, throughout an import.
 * Crash-safe: a rollback (import-journal.ts) creates the index again when it is missing. A user without index
 * privileges imports with the index maintained, as into a graph with vectors.
 */

/** Runs one statement in a transaction of its own (schema statements may not share one with data writes). */
export type RunAlone = (query: string, params?: Row) => Promise<Row[]>;

export const VECTOR_INDEX_NAME = 'embedding_vector';
/** Smaller imports (a mined paper's) keep the index: their few updates cost less than a drop and rebuild. */
export const DEFER_INDEX_MIN_VECTORS = 1_000;
const POLL_MS = 250;

const GRAPH_HAS_VECTORS = `RETURN COUNT { (:Embedding) } + COUNT { (:EmbeddingModel) } AS found`;
const DROP_VECTOR_INDEX = `DROP INDEX ${VECTOR_INDEX_NAME} IF EXISTS`;
const VECTOR_INDEX_STATE = `SHOW INDEXES YIELD name, state, populationPercent
WHERE name = $name RETURN state, populationPercent`;

/** The index's definition as the migration creates it: one source for its options. */
function createVectorIndexStatement(): string {
  const statement = loadMigrations()
    .flatMap((m) => m.statements)
    .find((s) => s.startsWith(`CREATE VECTOR INDEX ${VECTOR_INDEX_NAME} IF NOT EXISTS`));
  if (!statement) throw new Error(`No migration creates the vector index ${VECTOR_INDEX_NAME}`);
  return statement;
}

/** Vectors the staged steps would add to the index (the index holds one dimension only). */
export function indexedVectorCount(steps: readonly StagedStep[]): number {
  let count = 0;
  for (const step of steps) {
    if (!step.stagesVectors) continue;
    for (const row of step.rows as Array<{ vector: unknown[] }>) {
      if (row.vector.length === INDEXED_DIMENSION) count++;
    }
  }
  return count;
}

/**
 * Drops the vector index for this import when the graph holds no vector and no model yet; returns whether it did.
 * The check runs after the journal is live, so no other import can add vectors meanwhile.
 */
export async function deferVectorIndex(runWrite: RunWrite, runAlone: RunAlone): Promise<boolean> {
  const empty = await runWrite(async (w) => toNumber((await w.first(GRAPH_HAS_VECTORS))?.found) === 0);
  if (!empty) return false;
  try {
    await runAlone(DROP_VECTOR_INDEX);
    return true;
  } catch {
    // A user without index privileges: the import still runs, with the index maintained as it goes.
    return false;
  }
}

/** Creates the index if missing (a no-op when it exists): every rollback runs it, so a crash cannot lose it. */
export async function ensureVectorIndex(runAlone: RunAlone): Promise<void> {
  // Looked up first: creating (even `IF NOT EXISTS`) needs index privileges a user who never dropped it may lack.
  if ((await runAlone(VECTOR_INDEX_STATE, { name: VECTOR_INDEX_NAME })).length > 0) return;
  await runAlone(createVectorIndexStatement());
}

/**
 * Creates the index and waits until it is ONLINE, calling `keepAlive` between polls (the import renews its
 * lease there, so a long population is not taken for a crash).
 */
export async function rebuildVectorIndex(runAlone: RunAlone, keepAlive: () => Promise<void>): Promise<void> {
  await runAlone(createVectorIndexStatement());
  for (;;) {
    const state = (await runAlone(VECTOR_INDEX_STATE, { name: VECTOR_INDEX_NAME }))[0];
    if (state?.state === 'ONLINE') return;
    if (state?.state === 'FAILED' || !state) {
      // Unexpected: the import rolls back (recreating the index) and the fault is logged under an id.
      throw new Error(
        `Vector index ${VECTOR_INDEX_NAME} is ${String(state?.state ?? 'missing')} after the import`,
      );
    }
    await keepAlive();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
