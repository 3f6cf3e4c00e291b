import type { IdeatorSessionRecord } from '../../../src-main/contract/ideator.ts';

/**
 * The branches of a session as a tree (issue 16): the sessions forked or branched from one another, found
 * through `forkedFrom`, flattened in order with their depth for an indented list. No DOM, no state.
 */

export interface BranchRow {
  session: IdeatorSessionRecord;
  depth: number;
  /** Where it came from, in words: "turn 7", "version 2", or "" for the root. */
  from: string;
}

export function branchRows(sessions: readonly IdeatorSessionRecord[], openId: string): BranchRow[] {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  let root = byId.get(openId);
  const seen = new Set<string>();
  while (root?.forkedFrom && byId.has(root.forkedFrom.sessionId) && !seen.has(root.id)) {
    seen.add(root.id);
    root = byId.get(root.forkedFrom.sessionId);
  }
  if (!root) return [];
  const children = new Map<string, IdeatorSessionRecord[]>();
  for (const s of sessions) {
    const parent = s.forkedFrom?.sessionId;
    if (parent) children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const rows: BranchRow[] = [];
  const visit = (session: IdeatorSessionRecord, depth: number): void => {
    if (rows.some((r) => r.session.id === session.id)) return;
    rows.push({ session, depth, from: origin(session) });
    const kids = [...(children.get(session.id) ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const child of kids) visit(child, depth + 1);
  };
  visit(root, 0);
  return rows;
}

function origin(session: IdeatorSessionRecord): string {
  const from = session.forkedFrom;
  if (!from) return '';
  return from.turn !== undefined ? `turn ${from.turn}` : `version ${from.version}`;
}
