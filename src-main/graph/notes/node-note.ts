/** A free-form Markdown note on a graph node, with the revision a save must name. Plain types: the contract reads them. */
export interface NodeNote {
  nodeId: string;
  text: string;
  /** 1 for the first save, +1 on each; a node without a note is at revision 0. */
  revision: number;
  updatedBy: string;
  updatedAt: string;
}

/** Far more than a note needs; a pasted book is refused, not stored. */
export const NOTE_MAX_BYTES = 100 * 1024;
