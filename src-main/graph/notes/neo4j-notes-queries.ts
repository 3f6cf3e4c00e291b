// The Cypher of the Neo4j notes driver. Every value is a parameter; the constraints are V005__node_notes.cypher.

/** Current note (revision 0 is a placeholder a rolled-back save leaves to no one: it is never committed). */
export const NOTE_GET = `MATCH (n:NodeNote {nodeId: $nodeId}) WHERE n.revision > 0
RETURN n {.nodeId, .text, .revision, .updatedBy, .updatedAt} AS note`;

export const NOTE_HISTORY = `MATCH (h:NodeNoteRevision {nodeId: $nodeId})
RETURN h {.nodeId, .text, .revision, .updatedBy, .updatedAt} AS note ORDER BY h.revision DESC LIMIT $limit`;

/**
 * Takes the note's write lock (MERGE on the unique nodeId waits for a concurrent creator; SET takes the lock of
 * an existing one) and reads it under that lock, so the revision check that follows cannot race.
 */
export const NOTE_LOCK = `MERGE (n:NodeNote {nodeId: $nodeId}) ON CREATE SET n.revision = 0
SET n._lock = true REMOVE n._lock
RETURN n {.nodeId, .text, .revision, .updatedBy, .updatedAt} AS note`;

export const NOTE_PUT = `UNWIND $notes AS note
MERGE (n:NodeNote {nodeId: note.nodeId})
SET n.text = note.text, n.revision = note.revision, n.updatedBy = note.updatedBy, n.updatedAt = note.updatedAt
MERGE (h:NodeNoteRevision {nodeId: note.nodeId, revision: note.revision})
SET h.text = note.text, h.updatedBy = note.updatedBy, h.updatedAt = note.updatedAt`;

export const NOTE_REMOVE = `MATCH (n:NodeNote) WHERE n.nodeId IN $nodeIds DELETE n`;
export const NOTE_REMOVE_HISTORY = `MATCH (h:NodeNoteRevision) WHERE h.nodeId IN $nodeIds DELETE h`;
export const NOTE_CLEAR = `MATCH (n:NodeNote) DELETE n`;
export const NOTE_CLEAR_HISTORY = `MATCH (h:NodeNoteRevision) DELETE h`;

export const NOTE_ALL = `MATCH (n:NodeNote) WHERE n.revision > 0
RETURN n {.nodeId, .text, .revision, .updatedBy, .updatedAt} AS note ORDER BY n.nodeId`;
