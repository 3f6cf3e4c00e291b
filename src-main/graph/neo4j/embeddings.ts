import type { ManagedTransaction } from 'neo4j-driver';
import { toNumber } from './mapping.ts';
import { ALL_MODELS, GET_VECTOR, GET_VECTORS, MODEL_BY_NAME, PUT_VECTOR } from './queries.ts';
import { firstRow, rows } from './tx.ts';
import type { Row } from './tx.ts';

/**
 * Vectors live on (:Embedding {nodeId, model, vector}) nodes linked from their graph node; one
 * (:EmbeddingModel {model, dimension}) per model fixes its dimension on first use, as in the embedded store.
 */

export interface ModelInfo {
  model: string;
  dimension: number;
}

const toModel = (row: Row): ModelInfo => ({ model: String(row.model), dimension: toNumber(row.dimension) });

export async function findModel(tx: ManagedTransaction, model: string): Promise<ModelInfo | undefined> {
  const row = await firstRow(tx, MODEL_BY_NAME, { model });
  return row ? toModel(row) : undefined;
}

export async function listModels(tx: ManagedTransaction): Promise<ModelInfo[]> {
  return (await rows(tx, ALL_MODELS)).map(toModel);
}

export async function putVector(
  tx: ManagedTransaction,
  nodeId: string,
  info: ModelInfo,
  vector: number[],
): Promise<void> {
  await tx.run(PUT_VECTOR, { nodeId, model: info.model, vector });
}

export async function readVector(
  tx: ManagedTransaction,
  nodeId: string,
  model: string,
): Promise<number[] | null> {
  const row = await firstRow(tx, GET_VECTOR, { nodeId, model });
  return Array.isArray(row?.vector) ? (row.vector as unknown[]).map(toNumber) : null;
}

export async function readVectors(
  tx: ManagedTransaction,
  nodeIds: readonly string[],
  model: string,
): Promise<Map<string, number[]>> {
  if (nodeIds.length === 0) return new Map();
  const found = await rows(tx, GET_VECTORS, { nodeIds: [...nodeIds], model });
  return new Map(found.map((row) => [String(row.nodeId), (row.vector as unknown[]).map(toNumber)]));
}
