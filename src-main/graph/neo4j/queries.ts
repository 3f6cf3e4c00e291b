import { EDGE_TYPES } from '../model.ts';
import type { EdgeType } from '../model.ts';
import { ANY_EDGE, perEdgeType, perKind } from './vocabulary.ts';

/**
 * Every Cypher text the Neo4j adapter runs, in one place so the lint test can check them all. Values are always
 * parameters; labels and relationship types come only from the model's allowlists (perKind / perEdgeType).
 */

const EDGE_RETURN = 'properties(r) AS r, type(r) AS type, a.id AS from, b.id AS to';
const NODE_FILTERS = `($kinds IS NULL OR n.kind IN $kinds)
  AND ($level IS NULL OR n.level = $level)
  AND ($review IS NULL OR n.review IN $review)`;

export const PING = 'RETURN 1 AS ok';
/** The server's own procedure and function catalogue (the Cypher lint test checks our queries against it). */
export const SHOW_PROCEDURES = 'SHOW PROCEDURES YIELD *';
export const SHOW_FUNCTIONS = 'SHOW FUNCTIONS YIELD *';

// --- migrations -------------------------------------------------------------------------------------------
export const MIGRATION_CONSTRAINT =
  'CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:__Migration) REQUIRE m.version IS UNIQUE';
export const APPLIED_MIGRATIONS = `MATCH (m:__Migration)
RETURN m.version AS version, m.name AS name, m.appliedAt AS appliedAt, m.checksum AS checksum
ORDER BY version`;
export const RECORD_MIGRATION = `MERGE (m:__Migration {version: $version})
ON CREATE SET m.name = $name, m.appliedAt = $appliedAt, m.checksum = $checksum`;
export const AWAIT_INDEXES = 'CALL db.awaitIndexes(300)';
export const SCHEMA_VERSION = 'MATCH (m:__Migration) RETURN coalesce(max(m.version), 0) AS version';

// --- per-write bookkeeping: the graph stamp and the audit log ------------------------------------------------
/** Writers never share a lock for their work: each node or edge they change is locked by the statement that
 * changes it (versioned, below). The one shared node, the graph counter, is touched once per transaction, by its
 * last statement (FINISH_WRITE), so it is held only for that statement and the commit. It is found by a label
 * scan, never a unique-index seek (a seek in a write query takes an extra shared lock, and two writers upgrading
 * shared locks deadlock), and touched once: a holder that updates a contended node again while others queue
 * for it gets false deadlock reports (neo4j/neo4j#13291). */
export const FINISH_WRITE = `MATCH (c:GraphCounter) USING SCAN c:GraphCounter
WHERE c.name = 'graph'
SET c.writes = c.writes + 1, c.audit = c.audit + $count
RETURN c.audit - $count AS base`;
/** The first write ever (or after a wipe): the counter, created once; MERGE on its unique name. */
export const CREATE_GRAPH_COUNTER = `MERGE (c:GraphCounter {name: 'graph'})
ON CREATE SET c.seq = 0, c.audit = 0, c.writes = 0, c.epoch = randomUUID()`;
/** The graph stamp: it moves with every committed write from any client (each write bumps `writes`), and a
 * counter deleted and recreated gets a new `epoch`, so a restarted count never repeats an old stamp. */
export const GRAPH_STAMP = `OPTIONAL MATCH (c:GraphCounter {name: 'graph'})
RETURN c.epoch AS epoch, c.writes AS writes`;
/** The audit entries of one transaction under the seqs FINISH_WRITE reserved (`$base` + 1 …); an entry's
 * `importId` (the staged import's tag) is stored when present. */
export const APPEND_AUDIT = `UNWIND range(0, size($entries) - 1) AS i
WITH $base + i + 1 AS seq, $entries[i] AS e
CREATE (:AuditEntry {seq: seq, at: e.at, actor: e.actor, action: e.action, entityId: e.entityId,
  before: e.before, after: e.after, importId: e.importId})`;
export const AUDIT_QUERY = `MATCH (a:AuditEntry)
WHERE ($entityId IS NULL OR a.entityId = $entityId)
  AND ($actor IS NULL OR a.actor = $actor)
  AND ($action IS NULL OR a.action = $action)
  AND ($since IS NULL OR a.at >= $since)
  AND ($afterSeq IS NULL OR a.seq > $afterSeq)
RETURN a.seq AS seq, a.at AS at, a.actor AS actor, a.action AS action, a.entityId AS entityId,
  a.before AS before, a.after AS after
ORDER BY seq DESC
LIMIT $limit`;

// --- nodes ------------------------------------------------------------------------------------------------
export const NODE_BY_ID = 'MATCH (n:GraphNode {id: $id}) RETURN properties(n) AS n';
export const NODES_BY_IDS = 'UNWIND $ids AS id MATCH (n:GraphNode {id: id}) RETURN properties(n) AS n';
export const NODE_BY_NAME = perKind(
  (kind) => `MATCH (n:${kind} {normalizedName: $normalizedName}) RETURN properties(n) AS n`,
);
/** Constraint-backed: MERGE on the kind's unique normalised name, so two writers creating the same name make
 * one node; `created` is false for the one that found the other's node (its read was stale: it retries). */
export const CREATE_NODE = perKind(
  (kind) => `MERGE (n:${kind} {normalizedName: $props.normalizedName})
ON CREATE SET n:GraphNode, n = $props
RETURN n.id = $props.id AS created`,
);
/** Takes the node's write lock first, then checks the version the writer read: a check before the lock could
 * pass for two writers at once (read committed), and the second would overwrite the first (a lost update). */
const LOCKED_NODE_AT = `MATCH (n:GraphNode {id: $id})
SET n._lock = true
WITH n WHERE n.version = $version`;
export const SAVE_NODE = `${LOCKED_NODE_AT}
SET n += $props
REMOVE n._lock
RETURN n.id AS id`;
/** The node's write lock, so its edges read next cannot change before the transaction ends. */
export const LOCK_NODE = `MATCH (n:GraphNode {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN n.id AS id`;
export const NODE_EDGES = `MATCH (n:GraphNode {id: $id})-[r:${ANY_EDGE}]-(:GraphNode)
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN ${EDGE_RETURN}
ORDER BY r.seq`;
export const DELETE_NODE = `${LOCKED_NODE_AT}
OPTIONAL MATCH (n)-[:HAS_EMBEDDING]->(e:Embedding)
WITH n, collect(e) AS embeddings
FOREACH (e IN embeddings | DETACH DELETE e)
DETACH DELETE n
RETURN count(*) AS deleted`;

// --- edges ------------------------------------------------------------------------------------------------
/** One branch per type so each lookup uses that type's id constraint index. */
export const EDGE_BY_ID = EDGE_TYPES.map(
  (type) => `MATCH (a:GraphNode)-[r:${type} {id: $id}]->(b:GraphNode) RETURN ${EDGE_RETURN}`,
).join('\nUNION ALL\n');
export const FIND_EDGE = perEdgeType(
  (type) =>
    `MATCH (a:GraphNode {id: $from})-[r:${type}]->(b:GraphNode {id: $to}) RETURN ${EDGE_RETURN} LIMIT 1`,
);
/** (from, type, to) is unique without a constraint Neo4j could hold: both endpoints are locked (in id order,
 * `$first` then `$second`, so two writers cannot deadlock on them) before the check, so two writers adding the
 * same edge make one; the other gets no row (its read was stale: it retries and finds the edge). */
const LOCKED_ENDPOINTS = `MATCH (x:GraphNode {id: $first})
MATCH (y:GraphNode {id: $second})
SET x._lock = true, y._lock = true
REMOVE x._lock, y._lock
WITH x, y
MATCH (a:GraphNode {id: $from})
MATCH (b:GraphNode {id: $to})`;
export const CREATE_EDGE = perEdgeType(
  (type) => `${LOCKED_ENDPOINTS}
WITH a, b WHERE NOT EXISTS { (a)-[:${type}]->(b) }
CREATE (a)-[r:${type}]->(b)
SET r = $props
RETURN r.id AS id`,
);
/** As LOCKED_NODE_AT, for a relationship: its write lock first, then the version the writer read. */
const lockedEdgeAt = (type: EdgeType): string => `MATCH ()-[r:${type} {id: $id}]->()
SET r._lock = true
WITH r WHERE r.version = $version`;
export const SAVE_EDGE = perEdgeType(
  (type) => `${lockedEdgeAt(type)}
SET r += $props
REMOVE r._lock
RETURN r.id AS id`,
);
export const DELETE_EDGE = perEdgeType(
  (type) => `${lockedEdgeAt(type)}
DELETE r
RETURN count(*) AS deleted`,
);
/** A relationship cannot change its endpoints: delete it and recreate it with the same properties, at the
 * version read and only where no such edge exists (the new endpoints locked first, as for CREATE_EDGE). */
export const REPOINT_EDGE = perEdgeType(
  (type) => `${LOCKED_ENDPOINTS}
WHERE NOT EXISTS { (a)-[:${type}]->(b) }
WITH a, b
MATCH ()-[old:${type} {id: $id}]->()
SET old._lock = true
WITH a, b, old WHERE old.version = $version
WITH a, b, old, properties(old) AS saved
DELETE old
CREATE (a)-[r:${type}]->(b)
SET r = saved, r += $props
REMOVE r._lock
RETURN r.id AS id`,
);

// --- embeddings -------------------------------------------------------------------------------------------
export const MODEL_BY_NAME =
  'MATCH (m:EmbeddingModel {model: $model}) RETURN m.model AS model, m.dimension AS dimension';
export const ALL_MODELS =
  'MATCH (m:EmbeddingModel) RETURN m.model AS model, m.dimension AS dimension ORDER BY model';
/** MERGE on the model's unique name: `created` is false when another writer registered it first with another
 * dimension (the same dimension is the same registration). */
export const CREATE_MODEL = `MERGE (m:EmbeddingModel {model: $model})
ON CREATE SET m.dimension = $dimension
RETURN m.dimension = $dimension AS created`;
export const PUT_VECTOR = `MATCH (n:GraphNode {id: $nodeId})
MERGE (e:Embedding {nodeId: $nodeId, model: $model})
MERGE (n)-[:HAS_EMBEDDING]->(e)
SET e.vector = $vector`;
export const DELETE_VECTOR = 'MATCH (e:Embedding {nodeId: $nodeId, model: $model}) DETACH DELETE e';
export const GET_VECTOR = 'MATCH (e:Embedding {nodeId: $nodeId, model: $model}) RETURN e.vector AS vector';
export const GET_VECTORS = `UNWIND $nodeIds AS nodeId
MATCH (e:Embedding {nodeId: nodeId, model: $model})
RETURN e.nodeId AS nodeId, e.vector AS vector`;

// --- search -----------------------------------------------------------------------------------------------
/** Lucene BM25. `$query` is built by lucene.ts from escaped, quoted terms: user text is never syntax. */
export const FULLTEXT_SEARCH = `CALL db.index.fulltext.queryNodes('node_text', $query) YIELD node AS n, score
WHERE ${NODE_FILTERS}
RETURN n.id AS id, score, properties(n) AS n
ORDER BY score DESC
LIMIT $limit`;
/** Without filters, Lucene collects only the top `$limit` (its options map): scoring and sorting every match of
 * a common word was most of a search's time. With filters it cannot (they apply after the call). */
export const FULLTEXT_SEARCH_TOP = `CALL db.index.fulltext.queryNodes('node_text', $query, {limit: $limit})
YIELD node AS n, score
RETURN n.id AS id, score, properties(n) AS n
ORDER BY score DESC
LIMIT $limit`;
/** Approximate kNN through the 384-dim HNSW index; the caller over-fetches `$candidates` to allow filtering. */
export const VECTOR_SEARCH_INDEX = `CALL db.index.vector.queryNodes('embedding_vector', $candidates, $vector)
YIELD node AS e, score
WHERE e.model = $model
MATCH (n:GraphNode)-[:HAS_EMBEDDING]->(e)
WHERE ${NODE_FILTERS}
RETURN n.id AS id, score, properties(n) AS n
ORDER BY score DESC
LIMIT $limit`;
/** Exact cosine scan: models of other dimensions, and the fallback when filters empty the index candidates. */
export const VECTOR_SEARCH_EXACT = `MATCH (n:GraphNode)-[:HAS_EMBEDDING]->(e:Embedding {model: $model})
WHERE ${NODE_FILTERS}
WITH n, vector.similarity.cosine(e.vector, $vector) AS score
WHERE score IS NOT NULL
RETURN n.id AS id, score
ORDER BY score DESC, n.seq
LIMIT $limit`;
export const MODEL_VECTOR_COUNT = 'MATCH (e:Embedding {model: $model}) RETURN count(e) AS count';

// --- relations, sampling, subgraph ------------------------------------------------------------------------
/** The PARENT_OF hierarchy one way from `n` (the pattern names the far node `h`), nearest first, capped. */
const hierarchyCollect = (pattern: string): string => `COLLECT {
  MATCH p = ${pattern}
  WHERE length(p) <= $depth AND h <> n
  WITH h, min(length(p)) AS depth
  ORDER BY depth, h.seq
  LIMIT $cap
  RETURN {n: properties(h), depth: depth}
}`;

/** The P→C→S chains through `n` when it is of `kind` (an empty list otherwise): `first` and `second` bind the
 * chain's nodes, `[p, c, s]` name them (n among them), `order` sorts before the cap. */
const chainCollect = (
  kind: string,
  first: string,
  second: string,
  [p, c, s]: readonly [string, string, string],
  order: string,
): string => `COLLECT {
  MATCH ${first}
  WHERE n.kind = '${kind}'
  ${second}
  WITH ${p} AS p, ${c} AS c, ${s} AS s, hc, sb ORDER BY ${order} LIMIT $chainLimit
  RETURN {p: properties(p), c: properties(c), s: properties(s)}
}`;

/**
 * A node in context in one statement (one round trip instead of five: each Bolt call costs a loopback round
 * trip, more than these index seeks and short expansions): the node, its neighbours per edge type and direction
 * (the first `$limit` by edge seq), the PARENT_OF hierarchy both ways (variable-length bounds cannot be
 * parameters: expanded to the schema's maximum, 10, and cut at `$depth`), and the P→C→S chains through it
 * (only the branch of its kind matches).
 */
export const NODE_RELATION = `MATCH (n:GraphNode {id: $id})
RETURN properties(n) AS n,
COLLECT {
  MATCH (n)-[r:${ANY_EDGE}]-(m:GraphNode)
  WITH r, m ORDER BY r.seq
  WITH type(r) AS type, startNode(r) = n AS outgoing,
    collect({edge: properties(r), from: startNode(r).id, to: endNode(r).id, node: properties(m)})[..$limit] AS rows
  RETURN {type: type, outgoing: outgoing, rows: rows}
} AS neighbours,
${hierarchyCollect('(n)<-[:PARENT_OF*1..10]-(h:GraphNode)')} AS ancestors,
${hierarchyCollect('(n)-[:PARENT_OF*1..10]->(h:GraphNode)')} AS descendants,
${chainCollect('Problem', '(n)-[hc:HAS_CHALLENGE]->(c:GraphNode)', 'OPTIONAL MATCH (c)-[sb:SOLVED_BY]->(s:GraphNode)', ['n', 'c', 's'], 'hc.seq, sb.seq')} +
${chainCollect('Challenge', '(p:GraphNode)-[hc:HAS_CHALLENGE]->(n)', 'OPTIONAL MATCH (n)-[sb:SOLVED_BY]->(s:GraphNode)', ['p', 'n', 's'], 'hc.seq, sb.seq')} +
${chainCollect('Solution', '(c:GraphNode)-[sb:SOLVED_BY]->(n)', 'MATCH (p:GraphNode)-[hc:HAS_CHALLENGE]->(c)', ['p', 'c', 'n'], 'sb.seq, hc.seq')} AS chains`;
/** Every candidate id in id order, as one list (one record travels far faster than 76k). */
export const RANDOM_CANDIDATES = `MATCH (n:GraphNode)
WHERE n.kind IN $kinds AND ($review IS NULL OR n.review IN $review)
WITH n.id AS id
ORDER BY id
RETURN collect(id) AS ids`;
/** The graph stamp and the picked nodes in one round trip: picks made from cached candidates are kept when the
 * stamp is the one they were cached under (explore.ts randomNodes). */
export const STAMP_AND_NODES = `OPTIONAL MATCH (c:GraphCounter {name: 'graph'})
WITH c.epoch AS epoch, c.writes AS writes
RETURN epoch, writes, COLLECT {
  UNWIND $ids AS id
  MATCH (n:GraphNode {id: id})
  RETURN properties(n)
} AS nodes`;
export const SUBGRAPH_STEP = `UNWIND $frontier AS id
MATCH (:GraphNode {id: id})-[r:${ANY_EDGE}]-(m:GraphNode)
WHERE $types IS NULL OR type(r) IN $types
RETURN DISTINCT m.id AS id, m.seq AS seq
ORDER BY seq`;
export const EDGES_AMONG = `UNWIND $ids AS id
MATCH (a:GraphNode {id: id})-[r:${ANY_EDGE}]->(b:GraphNode)
WHERE b.id IN $ids AND ($types IS NULL OR type(r) IN $types)
RETURN ${EDGE_RETURN}
ORDER BY r.seq`;

// --- stats ------------------------------------------------------------------------------------------------
export const COUNT_BY_KIND = 'MATCH (n:GraphNode) RETURN n.kind AS key, count(*) AS count';
export const COUNT_BY_REVIEW = 'MATCH (n:GraphNode) RETURN n.review AS key, count(*) AS count';
export const COUNT_BY_KIND_AND_REVIEW =
  'MATCH (n:GraphNode) RETURN n.kind AS kind, n.review AS key, count(*) AS count';
export const COUNT_BY_EDGE_TYPE = `MATCH ()-[r:${ANY_EDGE}]->() RETURN type(r) AS key, count(*) AS count`;
export const MAX_LEVEL = 'MATCH (n:GraphNode) RETURN coalesce(max(n.level), 0) AS level';
export const EMBEDDING_COUNTS = `MATCH (m:EmbeddingModel)
OPTIONAL MATCH (e:Embedding {model: m.model})
RETURN m.model AS model, m.dimension AS dimension, count(e) AS count
ORDER BY model`;

// --- dump / restore / import ------------------------------------------------------------------------------
export const NODES_BY_NAMES = perKind(
  (kind) => `UNWIND $names AS name MATCH (n:${kind} {normalizedName: name}) RETURN properties(n) AS n`,
);
export const FIND_EDGES = perEdgeType(
  (type) => `UNWIND $pairs AS pair
MATCH (a:GraphNode {id: pair.from})-[r:${type}]->(b:GraphNode {id: pair.to})
RETURN ${EDGE_RETURN}`,
);
export const BULK_SAVE_NODES = 'UNWIND $rows AS row MATCH (n:GraphNode {id: row.id}) SET n += row.props';
export const BULK_PUT_VECTORS = `UNWIND $rows AS row
MATCH (n:GraphNode {id: row.nodeId})
MERGE (e:Embedding {nodeId: row.nodeId, model: row.model})
MERGE (n)-[:HAS_EMBEDDING]->(e)
SET e.vector = row.vector`;
export const ANY_NODE = 'MATCH (n:GraphNode) RETURN n.id AS id LIMIT 1';
export const DUMP_NODES = 'MATCH (g:GraphNode) RETURN properties(g) AS n ORDER BY g.seq';
export const DUMP_EDGES = `MATCH (a:GraphNode)-[r:${ANY_EDGE}]->(b:GraphNode) RETURN ${EDGE_RETURN} ORDER BY r.seq`;
export const DUMP_EMBEDDINGS = `MATCH (n:GraphNode)-[:HAS_EMBEDDING]->(e:Embedding)
RETURN e.nodeId AS nodeId, e.model AS model, e.vector AS vector
ORDER BY model, n.seq`;
/** Everything but the audit log (which records the restore) and the migration records. */
export const CLEAR_GRAPH = `MATCH (n)
WHERE n:GraphNode OR n:Embedding OR n:EmbeddingModel
DETACH DELETE n`;
export const BULK_CREATE_NODES = perKind(
  (kind) => `UNWIND $rows AS row CREATE (n:GraphNode:${kind}) SET n = row`,
);
export const BULK_CREATE_EDGES = perEdgeType(
  (type) => `UNWIND $rows AS row
MATCH (a:GraphNode {id: row.from})
MATCH (b:GraphNode {id: row.to})
CREATE (a)-[r:${type}]->(b)
SET r = row.props`,
);
export const BULK_CREATE_MODELS =
  'UNWIND $rows AS row CREATE (:EmbeddingModel {model: row.model, dimension: row.dimension})';
export const BULK_CREATE_VECTORS = `UNWIND $rows AS row
MATCH (n:GraphNode {id: row.nodeId})
CREATE (n)-[:HAS_EMBEDDING]->(:Embedding {nodeId: row.nodeId, model: row.model, vector: row.vector})`;

// --- tests only (kept here so the lint test covers them too) -----------------------------------------------
/** A clean database between tests, keeping the applied-migration records. */
export const CLEAR_ALL_BUT_MIGRATIONS = 'MATCH (n) WHERE NOT n:__Migration DETACH DELETE n';
export const TEST_SHOW_CONSTRAINTS = 'SHOW CONSTRAINTS YIELD name, type';
export const TEST_SHOW_INDEXES = 'SHOW INDEXES YIELD name, type, state, options';
export const TEST_VECTOR_INDEX_TOP = `CALL db.index.vector.queryNodes('embedding_vector', $k, $vector) YIELD node
RETURN node.nodeId AS id`;
export const TEST_VALUE_TYPES = `MATCH (n:GraphNode {id: $id})
RETURN valueType(n.level) AS level, valueType(n.version) AS version`;
