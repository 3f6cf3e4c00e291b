import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { GraphWriter, ParsedImportBatch } from '../driver.ts';
import { normalizeName } from '../normalize-name.ts';
import type { ImportResult } from '../port.ts';
import type { NodeRefSchema } from '../schemas.ts';
import type { Endpoint } from '../write-checks.ts';
import { insertEdge } from './edge-rules.ts';
import { ensureModel } from './embedding-rules.ts';
import { upsertNode } from './node-rules.ts';

type NodeRef = z.output<typeof NodeRefSchema>;

/** A typed error with its field prefixed by the batch path (`edges.12.to`), so the user finds the item. */
export function underPath(path: string, err: unknown): unknown {
  if (!(err instanceof AppError)) return err;
  const details = (err.details ?? {}) as Record<string, unknown>;
  const field = typeof details.field === 'string' ? `${path}.${details.field}` : path;
  return new AppError(err.code, `${path}: ${err.message}`, { ...details, field });
}

export const emptyImportResult = (): ImportResult => ({
  nodesCreated: 0,
  nodesMerged: 0,
  edgesCreated: 0,
  embeddingsSet: 0,
  nodeIds: [],
});

async function atPath<T>(path: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw underPath(path, err);
  }
}

const refKey = (kind: string, name: string): string => `${kind}\u0000${normalizeName(name)}`;

/** Items applied in order inside the caller's transaction: the first bad item throws and nothing stays. */
export async function importBatch(w: GraphWriter, batch: ParsedImportBatch): Promise<ImportResult> {
  const result = emptyImportResult();
  const byName = new Map<string, Endpoint>();
  for (const [index, input] of batch.nodes.entries()) {
    await atPath(`nodes.${index}`, async () => {
      const { embedding, ...nodeInput } = input;
      const { node, created, changed } = await upsertNode(w, nodeInput);
      if (created) result.nodesCreated++;
      else if (changed) result.nodesMerged++;
      result.nodeIds.push(node.id);
      byName.set(refKey(node.kind, node.name), node);
      if (embedding) {
        const info = await atPath('embedding', () =>
          ensureModel(w, embedding.model, embedding.vector.length),
        );
        await atPath('embedding', () => w.putVector(node, info, embedding.vector, created));
        result.embeddingsSet++;
      }
    });
  }
  const resolve = async (ref: NodeRef, field: string): Promise<Endpoint> => {
    if ('id' in ref) {
      const node = await w.nodeById(ref.id);
      if (node) return node;
    } else {
      const known = byName.get(refKey(ref.kind, ref.name));
      if (known) return known;
      const node = await w.nodeByName(ref.kind, normalizeName(ref.name));
      if (node) return node;
    }
    throw new AppError('NOT_FOUND', `Edge endpoint not found: ${JSON.stringify(ref)}`, { field });
  };
  for (const [index, edge] of batch.edges.entries()) {
    await atPath(`edges.${index}`, async () => {
      const from = await resolve(edge.from, 'from');
      const to = await resolve(edge.to, 'to');
      if ((await insertEdge(w, edge, from, to)).created) result.edgesCreated++;
    });
  }
  return result;
}
