// Uniqueness per kind: ids everywhere, normalised names within each motivation kind (and Paper, Idea, Topic).
// One statement per query; the runner splits on ';' at line ends and applies a file in one schema transaction.
CREATE CONSTRAINT graph_node_id IF NOT EXISTS FOR (n:GraphNode) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT problem_name IF NOT EXISTS FOR (n:Problem) REQUIRE n.normalizedName IS UNIQUE;
CREATE CONSTRAINT challenge_name IF NOT EXISTS FOR (n:Challenge) REQUIRE n.normalizedName IS UNIQUE;
CREATE CONSTRAINT solution_name IF NOT EXISTS FOR (n:Solution) REQUIRE n.normalizedName IS UNIQUE;
CREATE CONSTRAINT paper_name IF NOT EXISTS FOR (n:Paper) REQUIRE n.normalizedName IS UNIQUE;
CREATE CONSTRAINT idea_name IF NOT EXISTS FOR (n:Idea) REQUIRE n.normalizedName IS UNIQUE;
CREATE CONSTRAINT topic_name IF NOT EXISTS FOR (n:Topic) REQUIRE n.normalizedName IS UNIQUE;
// Relationship ids are unique per type; the constraint's index also serves lookups by id.
CREATE CONSTRAINT parent_of_id IF NOT EXISTS FOR ()-[r:PARENT_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT has_challenge_id IF NOT EXISTS FOR ()-[r:HAS_CHALLENGE]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT solved_by_id IF NOT EXISTS FOR ()-[r:SOLVED_BY]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT extracted_from_id IF NOT EXISTS FOR ()-[r:EXTRACTED_FROM]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT cites_id IF NOT EXISTS FOR ()-[r:CITES]-() REQUIRE r.id IS UNIQUE;
// Embeddings: one vector per (node, model); one registry entry per model fixing its dimension.
CREATE CONSTRAINT embedding_node_model IF NOT EXISTS FOR (e:Embedding) REQUIRE (e.nodeId, e.model) IS UNIQUE;
CREATE CONSTRAINT embedding_model_name IF NOT EXISTS FOR (m:EmbeddingModel) REQUIRE m.model IS UNIQUE;
// Bookkeeping: the write-lock/sequence counter and the audit log.
CREATE CONSTRAINT counter_name IF NOT EXISTS FOR (c:GraphCounter) REQUIRE c.name IS UNIQUE;
CREATE CONSTRAINT audit_seq IF NOT EXISTS FOR (a:AuditEntry) REQUIRE a.seq IS UNIQUE;
CREATE INDEX audit_entity IF NOT EXISTS FOR (a:AuditEntry) ON (a.entityId);
CREATE INDEX graph_node_kind IF NOT EXISTS FOR (n:GraphNode) ON (n.kind);
