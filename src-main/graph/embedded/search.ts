import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { SearchHit } from '../port.ts';
import { fuseRanks } from '../rank-fusion.ts';
import type { NodeSearchSchema } from '../schemas.ts';
import { checkDimension, findModel, listModels, toFloat32 } from './embeddings.ts';
import type { ModelInfo } from './embeddings.ts';
import { toFtsQuery } from './fts.ts';
import { sql } from './open-database.ts';
import { nodesBySeq } from './rows.ts';

type SearchInput = z.output<typeof NodeSearchSchema>;

interface Ranked {
  seq: number;
  score: number;
}

/** Each list feeding rank fusion is deeper than the answer, so a node ranked well in one list can still surface. */
const HYBRID_DEPTH_FACTOR = 4;
const HYBRID_MIN_DEPTH = 40;

export function nodeSearch(db: Database, input: SearchInput): SearchHit[] {
  if (input.mode === 'lexical') return toHits(db, lexical(db, input, input.limit), 'lexical');
  const model = input.vector ? resolveModel(db, input, input.mode === 'vector') : undefined;
  if (input.mode === 'vector') {
    if (!input.vector || !model) {
      throw new AppError('VALIDATION', 'Vector search needs a query vector', { field: 'vector' });
    }
    return toHits(db, vectorKnn(db, model, input, input.limit), 'vector');
  }
  // hybrid: lexical alone when no vector (or no embeddings stored) is available
  if (!input.vector || !model) return toHits(db, lexical(db, input, input.limit), 'lexical');
  const depth = Math.max(input.limit * HYBRID_DEPTH_FACTOR, HYBRID_MIN_DEPTH);
  const lexicalSeqs = lexical(db, input, depth).map((r) => String(r.seq));
  const vectorSeqs = vectorKnn(db, model, input, depth).map((r) => String(r.seq));
  const fused = fuseRanks(lexicalSeqs, vectorSeqs, input.limit);
  const nodes = nodesBySeq(
    db,
    fused.map((f) => Number(f.id)),
  );
  return fused.flatMap((f) => {
    const node = nodes.get(Number(f.id));
    if (!node) return [];
    const hit: SearchHit = { node, score: f.score };
    if (f.lexicalRank !== undefined) hit.lexicalRank = f.lexicalRank;
    if (f.vectorRank !== undefined) hit.vectorRank = f.vectorRank;
    return [hit];
  });
}

function resolveModel(db: Database, input: SearchInput, required: boolean): ModelInfo | undefined {
  if (input.model !== undefined) {
    const info = findModel(db, input.model);
    if (!info) {
      throw new AppError('VALIDATION', `No embeddings stored for model ${JSON.stringify(input.model)}`, {
        field: 'model',
      });
    }
    return info;
  }
  const models = listModels(db);
  if (models.length === 1) return models[0];
  if (models.length === 0 && !required) return undefined;
  throw new AppError(
    'VALIDATION',
    models.length === 0 ? 'No embeddings are stored yet' : 'Several embedding models are stored; name one',
    { field: 'model', models: models.map((m) => m.model) },
  );
}

/** Filter clauses shared by both searches; `alias` is the table holding kind, level and review. */
function filters(input: SearchInput, alias: string): { where: string[]; params: Array<string | number | bigint> } {
  const where: string[] = [];
  const params: Array<string | number | bigint> = [];
  if (input.kinds) {
    where.push(`${alias}.kind IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(input.kinds));
  }
  if (input.level !== undefined) {
    where.push(`${alias}.level = ?`);
    params.push(BigInt(input.level));
  }
  if (input.review) {
    where.push(`${alias}.review IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(input.review));
  }
  return { where, params };
}

function lexical(db: Database, input: SearchInput, limit: number): Ranked[] {
  const query = toFtsQuery(input.query);
  if (query === null) return [];
  const { where, params } = filters(input, 'n');
  // Name and aliases weigh more than the description: a hit in the name is what the user means.
  const rows = sql(
    db,
    `SELECT f.rowid AS seq, bm25(nodes_fts, 10.0, 5.0, 1.0) AS rank FROM nodes_fts f
     ${where.length ? 'JOIN nodes n ON n.seq = f.rowid' : ''}
     WHERE nodes_fts MATCH ? ${where.map((w) => `AND ${w}`).join(' ')}
     ORDER BY rank LIMIT ?`,
  ).all(query, ...params, limit) as Array<{ seq: number; rank: number }>;
  return rows.map((r) => ({ seq: r.seq, score: -r.rank }));
}

function vectorKnn(db: Database, model: ModelInfo, input: SearchInput, limit: number): Ranked[] {
  const vector = toFloat32(input.vector ?? []);
  checkDimension(model, vector.length);
  const { where, params } = filters(input, 'v');
  const rows = sql(
    db,
    `SELECT v.node_seq AS seq, v.distance AS distance FROM ${model.vec_table} v
     WHERE v.embedding MATCH ? AND k = ? ${where.map((w) => `AND ${w}`).join(' ')}
     ORDER BY v.distance`,
  ).all(vector, limit, ...params) as Array<{ seq: number; distance: number }>;
  return rows.map((r) => ({ seq: r.seq, score: 1 - r.distance }));
}

function toHits(db: Database, ranked: Ranked[], mode: 'lexical' | 'vector'): SearchHit[] {
  const nodes = nodesBySeq(
    db,
    ranked.map((r) => r.seq),
  );
  return ranked.flatMap((r, index) => {
    const node = nodes.get(r.seq);
    if (!node) return [];
    return [mode === 'lexical' ? { node, score: r.score, lexicalRank: index + 1 } : { node, score: r.score, vectorRank: index + 1 }];
  });
}
