import { createHash } from 'node:crypto';
import type { LibraryElo, LibraryEntry, LibraryScores } from '../contract/library.ts';
import type { StoredTournament } from '../judge/judgment-store.ts';
import type { DirectEvaluation } from '../judge/newest-evaluation.ts';
import { newestTournament } from '../judge/newest-evaluation.ts';
import { RunningTotals } from '../llm/running-totals.ts';
import type { LedgerEntry } from '../llm/ledger.ts';
import type { PriceTable } from '../llm/prices.ts';
import { dialogueSummary, libraryStatus } from './dialogue-summary.ts';
import type { LabIdea } from './lab-ideas.ts';
import type { StoredMeta } from './library-store.ts';
import type { OwnIdeas } from './own-ideas.ts';

/** Library entries from what the stores hold: the user's sessions, lab Idea nodes, metadata and evaluations. */

export interface Evaluations {
  direct: Map<string, DirectEvaluation>;
  /** Stored tournaments, newest first. */
  tournaments: readonly StoredTournament[];
}

const NO_META = { tags: [], note: '', archived: false, revision: 0 };

function userFields(
  meta: StoredMeta | undefined,
): Pick<LibraryEntry, 'tags' | 'note' | 'archived' | 'metaRevision'> {
  const m = meta ?? NO_META;
  return { tags: m.tags, note: m.note, archived: m.archived, metaRevision: m.revision };
}

function scoresOf(direct: DirectEvaluation | undefined): LibraryScores | null {
  if (!direct) return null;
  const s = direct.scores;
  return {
    paperMean: direct.paperMean,
    byDimension: {
      novelty: s.novelty.score,
      experiment: s.experiment.score,
      motivation: s.motivation.score,
      feasibility: s.feasibility.score,
      clarity: s.clarity.score,
    },
    model: direct.model,
    createdAt: direct.createdAt,
  };
}

function eloOf(tournaments: readonly StoredTournament[], topic: string, ideaId: string): LibraryElo | null {
  const tournament = newestTournament(tournaments, topic, ideaId);
  const standing = tournament?.standings.find((s) => s.id === ideaId);
  if (!tournament || !standing) return null;
  return { eloAverage: standing.eloAverage, byDimension: standing.elo, tournamentId: tournament.id };
}

/** The model of the session's latest call in a role. */
function modelOf(ledger: readonly LedgerEntry[], role: string): string | undefined {
  for (let i = ledger.length - 1; i >= 0; i--) if (ledger[i]?.role === role) return ledger[i]?.model;
  return undefined;
}

export function ownEntries(
  own: OwnIdeas,
  metas: ReadonlyMap<string, StoredMeta>,
  evaluations: Evaluations,
  prices: PriceTable,
  author: string | null,
): LibraryEntry[] {
  const sessions = new Map<string, Pick<LibraryEntry, 'cost' | 'models'>>();
  const sessionFields = (
    sessionId: string,
    researcherModel: string | undefined,
  ): Pick<LibraryEntry, 'cost' | 'models'> => {
    const known = sessions.get(sessionId);
    if (known) return known;
    const ledger = own.ledgers.get(sessionId) ?? [];
    const fields = {
      cost: new RunningTotals(prices, ledger).totals().cost,
      models: {
        researcher: modelOf(ledger, 'researcher') ?? researcherModel ?? '',
        mentor: modelOf(ledger, 'mentor') ?? '',
      },
    };
    sessions.set(sessionId, fields);
    return fields;
  };
  return own.ideas.map((row): LibraryEntry => ({
    id: row.id,
    sessionId: row.sessionId,
    title: row.idea?.title ?? `Idea ${row.id.slice(0, 8)} (being drafted)`,
    abstract: row.idea?.abstract ?? '',
    topic: row.topic,
    status: libraryStatus(row.outcome),
    versions: row.currentVersion,
    scores: scoresOf(evaluations.direct.get(row.id)),
    elo: eloOf(evaluations.tournaments, row.topic, row.id),
    ...sessionFields(row.sessionId, row.config.researcherModel),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    author,
    source: 'mine',
    ...userFields(metas.get(row.id)),
    dialogueSummary: dialogueSummary(own.mentorAspects.get(row.id) ?? [], row.outcome, row.decidedBy),
  }));
}

/** The graph's idea statuses as library statuses (the graph keeps a round-limit idea 'in_review'). */
const LAB_STATUS = {
  accepted: 'accepted',
  rejected: 'rejected',
  in_review: 'draft',
  draft: 'draft',
  archived: 'draft',
} as const;

export function labEntries(lab: readonly LabIdea[], metas: ReadonlyMap<string, StoredMeta>): LibraryEntry[] {
  return lab.map((node): LibraryEntry => {
    const status = LAB_STATUS[node.status];
    return {
      id: node.id,
      sessionId: null,
      title: node.name,
      abstract: node.description,
      topic: node.topic,
      status,
      versions: node.currentVersion,
      scores: null,
      elo: null,
      cost: null,
      models: null,
      createdAt: node.createdAt,
      updatedAt: node.updatedAt,
      author: node.createdBy || null,
      source: 'lab',
      ...userFields(metas.get(node.id)),
      dialogueSummary: dialogueSummary([], status === 'draft' ? null : status, null),
    };
  });
}

/** What decides whether an entry changed: everything it shows, plus the dialogue's length (for the index). */
export function fingerprint(entry: LibraryEntry, lastTurn: number): string {
  return createHash('sha1').update(JSON.stringify(entry)).update(`#${lastTurn}`).digest('base64url');
}
