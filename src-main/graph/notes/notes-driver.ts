import type { NodeNote } from './node-note.ts';

/**
 * The I/O the notes rules (node-notes.ts) need of a store: the embedded driver keeps `<dataDir>/node-notes.sqlite`,
 * the Neo4j driver keeps `:NodeNote` nodes beside the lab's graph. Every write is one transaction.
 */
export interface NotesDriver {
  readonly kind: 'embedded' | 'neo4j';
  get(nodeId: string): Promise<NodeNote | null>;
  /** Every saved revision of the node's note, newest first. */
  history(nodeId: string, limit: number): Promise<NodeNote[]>;
  /**
   * One transaction: the node's current note (held against other writers until the end) goes to `next`; the note
   * it returns is stored with a history row. A throw from `next` writes nothing.
   */
  update(nodeId: string, next: (current: NodeNote | null) => NodeNote): Promise<NodeNote>;
  /** Drops the notes and their history of these nodes. */
  remove(nodeIds: readonly string[]): Promise<void>;
  /** Every current note, by node id. */
  all(): Promise<NodeNote[]>;
  /** Stores the notes as given (revision, author, time kept) over the same nodes' notes; `replace` drops all others first. */
  put(notes: readonly NodeNote[], replace: boolean): Promise<void>;
  close(): Promise<void>;
}
