import { ANY_EDGE, perEdgeType, perKind } from './vocabulary.ts';

/**
 * Cypher of the staged (journaled) import, import-journal.ts. Everything an import creates carries
 * `importId` until the import commits; what it changes on stored nodes is recorded in `ImportUndo` nodes.
 * Every statement is bounded (`$rows` of one chunk or `LIMIT $limit`), so no transaction grows with the file.
 */

/** Journals whose owner stopped renewing the lease: a crashed import (or a committed one left untidy). */
export const STALE_JOURNALS = `MATCH (j:ImportJournal)
WHERE j.status <> 'pending' OR j.leaseUntil < timestamp()
RETURN j.id AS id, j.status AS status`;
export const LIVE_JOURNAL = `MATCH (j:ImportJournal {status: 'pending'})
WHERE j.leaseUntil >= timestamp()
RETURN j.id AS id, j.owner AS owner LIMIT 1`;
/** One import at a time: the journal check and creation run under this lock (only imports take it), found by a
 * label scan and touched once, as the graph counter is (queries.ts FINISH_WRITE); created once when missing. */
export const CLAIM_IMPORTS = `MATCH (c:GraphCounter) USING SCAN c:GraphCounter
WHERE c.name = 'imports'
SET c._lock = true
REMOVE c._lock
RETURN c.name AS name`;
export const CREATE_IMPORTS_CLAIM = "MERGE (:GraphCounter {name: 'imports'})";
export const CREATE_JOURNAL = `CREATE (j:ImportJournal {id: $id, owner: $owner, status: 'pending',
  startedAt: $at, leaseUntil: timestamp() + $leaseMs})`;
/** Every staging transaction renews the lease and proves the journal is still pending (not being undone). */
/** The journal's lock before its status is read: a rollback claiming it and its owner renewing or committing it
 * must see each other's commits (checked before the lock, both could pass). */
export const RENEW_JOURNAL = `MATCH (j:ImportJournal {id: $id})
SET j._lock = true
WITH j WHERE j.status = 'pending'
SET j.leaseUntil = timestamp() + $leaseMs
REMOVE j._lock
RETURN j.id AS id`;
export const MARK_JOURNAL = `MATCH (j:ImportJournal {id: $id})
SET j._lock = true
WITH j WHERE j.status IN $from
SET j.status = $to
REMOVE j._lock
RETURN j.id AS id`;
export const DELETE_JOURNAL = 'MATCH (j:ImportJournal {id: $id}) DELETE j';

// --- staging: the import-batch.ts statements with the import's tag -----------------------------------------
export const STAGE_NODES = perKind(
  (kind) => `UNWIND $rows AS row CREATE (n:GraphNode:${kind}) SET n = row, n.importId = $importId`,
);
export const STAGE_EDGES = perEdgeType(
  (type) => `UNWIND $rows AS row
MATCH (a:GraphNode {id: row.from})
MATCH (b:GraphNode {id: row.to})
CREATE (a)-[r:${type}]->(b)
SET r = row.props, r.importId = $importId`,
);
export const STAGE_MODELS = `UNWIND $rows AS row
CREATE (:EmbeddingModel {model: row.model, dimension: row.dimension, importId: $importId})`;
/** A vector replacing a stored one keeps the old vector in an undo record first. */
export const STAGE_VECTORS = `UNWIND $rows AS row
OPTIONAL MATCH (old:Embedding {nodeId: row.nodeId, model: row.model})
WITH row, old
FOREACH (_ IN CASE WHEN old IS NULL OR old.importId = $importId THEN [] ELSE [1] END |
  CREATE (:ImportUndo {importId: $importId, nodeId: row.nodeId, model: row.model, vector: old.vector}))
WITH row
MATCH (n:GraphNode {id: row.nodeId})
MERGE (e:Embedding {nodeId: row.nodeId, model: row.model})
ON CREATE SET e.importId = $importId
MERGE (n)-[:HAS_EMBEDDING]->(e)
SET e.vector = row.vector`;
/** A merge into a stored node: only at the version the plan read (a second writer in between is a conflict),
 * and the node as it was goes to an undo record. Locked before the version is read (queries.ts SAVE_NODE). */
export const STAGE_SAVES = `UNWIND $rows AS row
MATCH (n:GraphNode {id: row.id})
SET n._lock = true
WITH n, row WHERE n.version = row.expectedVersion
CREATE (:ImportUndo {importId: $importId, nodeId: row.id, before: row.before})
SET n += row.props
REMOVE n._lock
RETURN count(n) AS saved`;

// --- commit: strip the tags; rollback: undo, then delete what is tagged -------------------------------------
export const UNTAG_NODES = `MATCH (n) WHERE n.importId = $id
WITH n LIMIT $limit REMOVE n.importId RETURN count(n) AS done`;
export const UNTAG_EDGES = `MATCH ()-[r:${ANY_EDGE}]->() WHERE r.importId = $id
WITH r LIMIT $limit REMOVE r.importId RETURN count(r) AS done`;
export const DELETE_UNDO = `MATCH (u:ImportUndo {importId: $id})
WITH u LIMIT $limit DELETE u RETURN count(u) AS done`;
export const NODE_UNDO = `MATCH (u:ImportUndo {importId: $id}) WHERE u.before IS NOT NULL
WITH u LIMIT $limit RETURN elementId(u) AS undoId, u.before AS before`;
export const DELETE_UNDO_BY_IDS =
  'UNWIND $ids AS undoId MATCH (u:ImportUndo) WHERE elementId(u) = undoId DELETE u';
export const RESTORE_VECTORS = `MATCH (u:ImportUndo {importId: $id}) WHERE u.vector IS NOT NULL
WITH u LIMIT $limit
OPTIONAL MATCH (e:Embedding {nodeId: u.nodeId, model: u.model})
FOREACH (_ IN CASE WHEN e IS NULL THEN [] ELSE [1] END | SET e.vector = u.vector)
DELETE u
RETURN count(u) AS done`;
export const DELETE_TAGGED_EDGES = `MATCH ()-[r]->() WHERE r.importId = $id
WITH r LIMIT $limit DELETE r RETURN count(r) AS done`;
export const DELETE_TAGGED_NODES = `MATCH (n) WHERE n.importId = $id
WITH n LIMIT $limit DETACH DELETE n RETURN count(n) AS done`;
