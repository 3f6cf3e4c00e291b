import { AppError } from '../../shared/errors.ts';
import type { EmbeddingModel, GraphReader, GraphWriter } from '../driver.ts';
import { LIMITS } from '../model.ts';

/** Embedding models: the first vector of a model fixes its dimension; every later vector must match it. */

export function checkDimension(info: EmbeddingModel, dimension: number): void {
  if (dimension !== info.dimension) {
    throw new AppError(
      'VALIDATION',
      `Vector has ${dimension} dimensions; model ${JSON.stringify(info.model)} uses ${info.dimension}`,
      { field: 'vector', expected: info.dimension, actual: dimension },
    );
  }
}

/** The first vector of a model fixes its dimension; it must be a sensible one. */
export function checkNewDimension(dimension: number): void {
  if (dimension < 1 || dimension > LIMITS.embeddingDimensionMax) {
    throw new AppError('VALIDATION', `Vector dimension must be 1..${LIMITS.embeddingDimensionMax}`, {
      field: 'vector',
      actual: dimension,
    });
  }
}

export async function findModel(r: GraphReader, model: string): Promise<EmbeddingModel | undefined> {
  return (await r.models()).find((m) => m.model === model);
}

/** The model, created with this dimension on its first vector. */
export async function ensureModel(w: GraphWriter, model: string, dimension: number): Promise<EmbeddingModel> {
  const existing = await findModel(w, model);
  if (existing) {
    checkDimension(existing, dimension);
    return existing;
  }
  checkNewDimension(dimension);
  const info = { model, dimension };
  await w.createModel(info);
  return info;
}

/**
 * The model a search uses: the named one, else the only one stored. Vector search without any is VALIDATION;
 * hybrid without any falls back to lexical (undefined).
 */
export async function searchModel(
  r: GraphReader,
  named: string | undefined,
  required: boolean,
): Promise<EmbeddingModel | undefined> {
  if (named !== undefined) {
    const info = await findModel(r, named);
    if (!info) {
      throw new AppError('VALIDATION', `No embeddings stored for model ${JSON.stringify(named)}`, {
        field: 'model',
      });
    }
    return info;
  }
  const models = await r.models();
  if (models.length === 1) return models[0];
  if (models.length === 0 && !required) return undefined;
  throw new AppError(
    'VALIDATION',
    models.length === 0 ? 'No embeddings are stored yet' : 'Several embedding models are stored; name one',
    { field: 'model', models: models.map((m) => m.model) },
  );
}
