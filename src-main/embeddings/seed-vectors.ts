import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { GraphNode } from '../graph/model.ts';
import { NODE_KINDS } from '../graph/model.ts';
import type { GraphStore } from '../graph/port.ts';
import { nodeText } from '../mining/similarity.ts';
import { APP_RESOURCES, resourcePath } from '../shared/resources.ts';
import { MINILM } from './minilm-files.ts';

/**
 * The seed graph's MiniLM vectors, shipped beside it (graph/seed/motivgraph.minilm.json, made by
 * `npm run models:seed-vectors`), so vector and hybrid search work on a fresh install without computing
 * anything. Each vector carries a hash of the text it was made from: after an edit to the seed, the stale
 * vectors are skipped (and `motiv embed` fills them in), never attached to a node they do not describe.
 */
export const SEED_VECTORS_FILE = APP_RESOURCES.seedVectors.path;
const FORMAT = 'motivgraph-seed-vectors';

const SeedVectorsSchema = z.strictObject({
  format: z.literal(FORMAT),
  formatVersion: z.literal(1),
  model: z.string(),
  dimension: z.int().min(1).max(4096),
  entries: z.array(
    z.strictObject({
      kind: z.enum(NODE_KINDS),
      name: z.string(),
      /** sha256 of `nodeText(node)`, first 16 hex digits. */
      text: z.string().regex(/^[0-9a-f]{16}$/),
      /** Float32 little-endian, base64. */
      vector: z.string(),
    }),
  ),
});
export type SeedVectors = z.infer<typeof SeedVectorsSchema>;

export const textHash = (node: Pick<GraphNode, 'name' | 'description'>): string =>
  createHash('sha256').update(nodeText(node)).digest('hex').slice(0, 16);

export function encodeVector(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}

function decodeVector(text: string, dimension: number): Float32Array | null {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== dimension * 4) return null;
  const vector = new Float32Array(dimension);
  for (let i = 0; i < dimension; i++) vector[i] = bytes.readFloatLE(i * 4);
  return vector.every(Number.isFinite) ? vector : null;
}

export interface SeedVectorOutcome {
  attached: number;
  /** Entries whose node is gone or whose text changed since the vectors were made. */
  stale: number;
  /** Why nothing was attached, when the file is missing, damaged or for another model. */
  skipped?: string;
}

/** Attaches the shipped vectors to the seed nodes that still read as they did when the vectors were made. */
export async function attachSeedVectors(
  store: GraphStore,
  actor: string,
  file: string = resourcePath('seedVectors'),
): Promise<SeedVectorOutcome> {
  let parsed: SeedVectors;
  try {
    const result = SeedVectorsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!result.success)
      return { attached: 0, stale: 0, skipped: `${file}: ${result.error.issues[0]?.message}` };
    parsed = result.data;
  } catch (err) {
    return { attached: 0, stale: 0, skipped: `${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (parsed.model !== MINILM.modelId || parsed.dimension !== MINILM.dimension) {
    return { attached: 0, stale: 0, skipped: `${file} holds ${parsed.model} vectors, not ${MINILM.modelId}` };
  }
  const outcome: SeedVectorOutcome = { attached: 0, stale: 0 };
  for (const entry of parsed.entries) {
    const node = await store.getNodeByName(entry.kind, entry.name);
    const vector = decodeVector(entry.vector, parsed.dimension);
    if (!node || !vector || textHash(node) !== entry.text) {
      outcome.stale++;
      continue;
    }
    await store.setEmbedding({ nodeId: node.id, model: parsed.model, vector }, { actor });
    outcome.attached++;
  }
  return outcome;
}
