import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { LibraryEntry } from '../contract/library.ts';
import { JudgmentStore } from '../judge/judgment-store.ts';
import { newestDirectScores } from '../judge/newest-evaluation.ts';
import { fingerprint, ownEntries, withUserFields } from '../library/entries.ts';
import type { StoredMeta } from '../library/library-store.ts';
import { readOwnIdeas, sessionStamps } from '../library/own-ideas.ts';
import type { ServiceHost } from './service-host.ts';

/**
 * The user's own entries, derived again only where something they come from moved: per session its change
 * counter (every session change bumps it), and for all sessions the judge's stored judgments, the display name
 * and the prices. A running session re-derives its own ideas only; an unchanged library of 10,000 ideas costs
 * a few stamps. The user's metadata is laid over the derived entries on every read (cheap), and into each
 * fingerprint by its revision, which every metadata write raises.
 */

export interface OwnPart {
  entries: LibraryEntry[];
  /** The ids of the Idea nodes the user's own ideas wrote (never listed again as lab ideas). */
  ownNodes: Set<string>;
  fingerprintOf(entry: LibraryEntry): string;
}

export interface OwnEntries {
  read(db: Database, metas: ReadonlyMap<string, StoredMeta>): OwnPart;
  close(): void;
}

/** One session's ideas as entries without metadata, with their fingerprints, at a change counter. */
interface SessionPart {
  seq: number;
  entries: LibraryEntry[];
  ownNodes: string[];
  fingerprints: Map<string, string>;
}

export function createOwnEntries(host: ServiceHost): OwnEntries {
  let judgments: JudgmentStore | null = null;
  let globalStamp = '';
  let sessions = new Map<string, SessionPart>();

  /** Derives the given sessions' parts (all of them when `ids` is absent) in one read per table. */
  const derive = (
    db: Database,
    judged: JudgmentStore,
    stamps: Map<string, number>,
    ids?: string[],
  ): Map<string, SessionPart> => {
    const own = readOwnIdeas(db, ids);
    const ideaIds = own.ideas.map((i) => i.id);
    const entries = ownEntries(
      own,
      new Map(),
      { direct: newestDirectScores(judged, ideaIds), tournaments: judged.tournaments() },
      host.prices(),
      // The display name, not host.actor(): that differs between the app and the CLI, and an author that
      // changed with the process would mark every entry changed.
      host.settings.get().profile.displayName || null,
    );
    const parts = new Map<string, SessionPart>();
    for (const id of ids ?? stamps.keys()) {
      parts.set(id, { seq: stamps.get(id) ?? 0, entries: [], ownNodes: [], fingerprints: new Map() });
    }
    own.ideas.forEach((idea, i) => {
      const part = parts.get(idea.sessionId);
      const entry = entries[i];
      if (!part || !entry) return;
      part.entries.push(entry);
      if (idea.graphNodeId) part.ownNodes.push(idea.graphNodeId);
      part.fingerprints.set(entry.id, fingerprint(entry, own.lastTurn.get(entry.id) ?? 0));
    });
    return parts;
  };

  return {
    read: (db, metas) => {
      const judged = (judgments ??= new JudgmentStore(join(host.dataDir, 'judgments.sqlite')));
      const settings = host.settings.get();
      // Stamps first, data after: a change in between makes the data newer than its stamp (one extra read
      // next time), never older.
      const stamps = sessionStamps(db);
      const stamp = JSON.stringify([judged.stamp(), settings.profile.displayName, settings.prices.overrides]);
      if (stamp !== globalStamp) {
        sessions = derive(db, judged, stamps);
        globalStamp = stamp;
      } else {
        const moved = [...stamps].filter(([id, seq]) => sessions.get(id)?.seq !== seq).map(([id]) => id);
        for (const id of sessions.keys()) if (!stamps.has(id)) sessions.delete(id);
        if (moved.length > 0)
          for (const [id, part] of derive(db, judged, stamps, moved)) sessions.set(id, part);
      }
      const parts = [...sessions.values()];
      const fingerprints = new Map(parts.flatMap((p) => [...p.fingerprints]));
      return {
        entries: parts.flatMap((p) => p.entries.map((e) => withUserFields(e, metas.get(e.id)))),
        ownNodes: new Set(parts.flatMap((p) => p.ownNodes)),
        fingerprintOf: (e) =>
          `${fingerprints.get(e.id) ?? fingerprint(e, 0)}.${metas.get(e.id)?.revision ?? 0}`,
      };
    },
    close: () => {
      judgments?.close();
      judgments = null;
      globalStamp = '';
      sessions = new Map();
    },
  };
}
