import { EDGE_TYPES, NODE_KINDS, REVIEW_STATES } from '../../model.ts';
import type { Origin } from '../../model.ts';

/**
 * Versioned schema of the embedded store. Append only: a released migration never changes; the next change is a
 * new entry. Applied versions are recorded in `schema_migrations`.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

// Origin lists as each migration shipped them: a released migration must not change when the model grows.
const V001_ORIGINS = ['mined', 'curated', 'imported'] as const satisfies readonly Origin[];
const V004_ORIGINS = ['mined', 'curated', 'imported', 'generated'] as const satisfies readonly Origin[];

// What nodes and edges both record: props, provenance, review and the version for optimistic writes.
const recordColumnsSql = (origins: readonly Origin[]): string => `  props TEXT NOT NULL DEFAULT '{}',
  origin TEXT NOT NULL CHECK (origin IN (${sqlList(origins)})),
  review TEXT NOT NULL CHECK (review IN (${sqlList(REVIEW_STATES)})),
  created_by TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL,`;

// The nodes, edges and vector_codes tables as a migration creates them (V001 under their own names, V004 as
// *_v4 copies with the wider origin list): one shape, so a rebuilt table cannot drift from the original.
const nodesTableSql = (table: string, origins: readonly Origin[]): string => `CREATE TABLE ${table} (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN (${sqlList(NODE_KINDS)})),
  name TEXT NOT NULL,
  normalized_name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  aliases TEXT NOT NULL DEFAULT '[]',
  level INTEGER NOT NULL DEFAULT 0,
${recordColumnsSql(origins)}
  UNIQUE (kind, normalized_name)
);`;

const edgesTableSql = (
  table: string,
  nodesTable: string,
  origins: readonly Origin[],
): string => `CREATE TABLE ${table} (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL CHECK (type IN (${sqlList(EDGE_TYPES)})),
  from_seq INTEGER NOT NULL REFERENCES ${nodesTable} (seq) ON DELETE CASCADE,
  to_seq INTEGER NOT NULL REFERENCES ${nodesTable} (seq) ON DELETE CASCADE,
${recordColumnsSql(origins)}
  CHECK (from_seq <> to_seq),
  UNIQUE (from_seq, type, to_seq)
);`;

const vectorCodesTableSql = (table: string, nodesTable: string): string => `CREATE TABLE ${table} (
  model TEXT NOT NULL REFERENCES embedding_models (model),
  node_seq INTEGER NOT NULL REFERENCES ${nodesTable} (seq) ON DELETE CASCADE,
  code BLOB NOT NULL,
  PRIMARY KEY (model, node_seq)
) WITHOUT ROWID;`;

const V001_INITIAL = `
${nodesTableSql('nodes', V001_ORIGINS)}
-- random sampling orders candidates by id within kinds
CREATE INDEX nodes_kind_id ON nodes (kind, id);

${edgesTableSql('edges', 'nodes', V001_ORIGINS)}
CREATE INDEX edges_to ON edges (to_seq, type);

-- One row per embedding model; its vectors live in the vec0 table named here (created on first use).
CREATE TABLE embedding_models (
  model TEXT PRIMARY KEY,
  dimension INTEGER NOT NULL,
  vec_table TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE nodes_fts USING fts5 (
  name, aliases, description,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before TEXT,
  after TEXT
);
CREATE INDEX audit_entity ON audit_log (entity_id, seq);
`;

// No stemmer: query words are looked up verbatim in nodes_fts_vocab to weigh their cost (fts.ts); recall across
// word forms is the vector half's job in hybrid search. The index is rebuilt from the nodes table.
const V002_FTS_VOCABULARY = `
DROP TABLE nodes_fts;
CREATE VIRTUAL TABLE nodes_fts USING fts5 (
  name, aliases, description,
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO nodes_fts (rowid, name, aliases, description)
  SELECT seq, name, (SELECT group_concat(value, ' ; ') FROM json_each(nodes.aliases)), description FROM nodes;
CREATE VIRTUAL TABLE nodes_fts_vocab USING fts5vocab (nodes_fts, 'row');
`;

// One sign bit per dimension for every stored vector: the in-memory prefilter for large graphs (binary-index.ts)
// loads these 48-byte codes instead of the 1.5 KB float vectors. Filled for existing vectors on first use.
const V003_VECTOR_CODES = `
${vectorCodesTableSql('vector_codes', 'nodes')}
`;

// 'generated' joins the origins (ideas an LLM wrote). SQLite cannot alter a CHECK, so nodes, edges and
// vector_codes are rebuilt: the new tables reference the new nodes table before the old ones are dropped, so
// no ON DELETE CASCADE fires, and rowids (seq) are kept, so the FTS and vec0 rows still line up. Idea nodes and
// their CITES edges, written back by the ideator as 'curated' before, become 'generated'.
const V004_GENERATED_ORIGIN = `
${nodesTableSql('nodes_v4', V004_ORIGINS)}
INSERT INTO nodes_v4 (seq, id, kind, name, normalized_name, description, aliases, level, props, origin, review,
    created_by, updated_by, created_at, updated_at, version)
  SELECT seq, id, kind, name, normalized_name, description, aliases, level, props, origin, review,
    created_by, updated_by, created_at, updated_at, version FROM nodes;
${edgesTableSql('edges_v4', 'nodes_v4', V004_ORIGINS)}
INSERT INTO edges_v4 (seq, id, type, from_seq, to_seq, props, origin, review, created_by, updated_by, created_at,
    updated_at, version)
  SELECT seq, id, type, from_seq, to_seq, props, origin, review, created_by, updated_by, created_at,
    updated_at, version FROM edges;
${vectorCodesTableSql('vector_codes_v4', 'nodes_v4')}
INSERT INTO vector_codes_v4 (model, node_seq, code) SELECT model, node_seq, code FROM vector_codes;
DROP TABLE vector_codes;
DROP TABLE edges;
DROP TABLE nodes;
ALTER TABLE nodes_v4 RENAME TO nodes;
ALTER TABLE edges_v4 RENAME TO edges;
ALTER TABLE vector_codes_v4 RENAME TO vector_codes;
CREATE INDEX nodes_kind_id ON nodes (kind, id);
CREATE INDEX edges_to ON edges (to_seq, type);
UPDATE nodes SET origin = 'generated' WHERE kind = 'Idea' AND origin = 'curated';
UPDATE edges SET origin = 'generated'
  WHERE type = 'CITES' AND origin = 'curated' AND from_seq IN (SELECT seq FROM nodes WHERE kind = 'Idea');
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: V001_INITIAL },
  { version: 2, name: 'fts_vocabulary', sql: V002_FTS_VOCABULARY },
  { version: 3, name: 'vector_codes', sql: V003_VECTOR_CODES },
  { version: 4, name: 'generated_origin', sql: V004_GENERATED_ORIGIN },
];
