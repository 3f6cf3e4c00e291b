import type {
  IdeatorIdeaRecord,
  IdeatorSessionDetail,
  IdeatorSessionStatus,
} from '../../../src-main/contract/ideator.ts';

/**
 * The Ideas library's rows, built from what the ideator committed (`ideator.get` per session): every idea with
 * at least one version. Pure: no DOM, no state.
 */

/** accepted / rejected by the mentor or the user; anything else is still a draft (with the reason in `detail`). */
export type IdeaStatus = 'accepted' | 'rejected' | 'draft';

export interface IdeaRow {
  ideaId: string;
  sessionId: string;
  title: string;
  status: IdeaStatus;
  /** Why a draft is a draft, or who decided. */
  detail: string;
  versions: number;
  latestVersion: number;
  sessionTopic: string;
  sessionStatus: IdeatorSessionStatus;
  updatedAt: string;
}

function statusOf(idea: IdeatorIdeaRecord): { status: IdeaStatus; detail: string } {
  switch (idea.outcome) {
    case 'accepted':
    case 'rejected':
      return { status: idea.outcome, detail: `by ${idea.decidedBy ?? 'mentor'}` };
    case 'round_limit':
      return { status: 'draft', detail: 'round limit reached, no verdict' };
    case 'unreviewed':
      return { status: 'draft', detail: 'no mentor (unreviewed)' };
    case null:
      return { status: 'draft', detail: 'under discussion' };
  }
}

export function ideaRows(details: readonly IdeatorSessionDetail[]): IdeaRow[] {
  const rows = details.flatMap(({ session, ideas }) =>
    ideas.flatMap((idea): IdeaRow[] => {
      const latest = idea.versions.at(-1);
      if (!latest) return [];
      return [
        {
          ideaId: idea.id,
          sessionId: session.id,
          title: latest.idea.title,
          ...statusOf(idea),
          versions: idea.versions.length,
          latestVersion: latest.version,
          sessionTopic: session.topic,
          sessionStatus: session.status,
          updatedAt: idea.updatedAt,
        },
      ];
    }),
  );
  return rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.title.localeCompare(b.title));
}

export function statusCounts(rows: readonly IdeaRow[]): Record<IdeaStatus, number> {
  const counts: Record<IdeaStatus, number> = { accepted: 0, rejected: 0, draft: 0 };
  for (const row of rows) counts[row.status] += 1;
  return counts;
}
