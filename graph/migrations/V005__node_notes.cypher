// Node notes shared by the lab (graph/notes/): one current note per node, one history entry per revision.
CREATE CONSTRAINT node_note_id IF NOT EXISTS FOR (n:NodeNote) REQUIRE n.nodeId IS UNIQUE;
CREATE CONSTRAINT node_note_revision IF NOT EXISTS FOR (h:NodeNoteRevision) REQUIRE (h.nodeId, h.revision) IS UNIQUE;
