import { join } from 'node:path';
import type { LibraryEntry } from '../contract/library.ts';
import { JudgmentStore } from '../judge/judgment-store.ts';
import { newestDirectScores } from '../judge/newest-evaluation.ts';
import { fingerprint, ownEntries, withUserFields } from '../library/entries.ts';
import type { Database } from 'better-sqlite3';
import type { StoredMeta } from '../library/library-store.ts';
import { ideatorStamp, readOwnIdeas, withIdeatorFile } from '../library/own-ideas.ts';
import type { ServiceHost } from './service-host.ts';

/**
 * The user's own entries, derived again only when something they are derived from moved: the sessions (every
 * session change bumps a counter), the judge's stored judgments, the display name and prices; the user's
 * metadata is laid over them on every read. Otherwise the last derivation (and its fingerprints) is reused, so a refresh of an unchanged library
 * of 10,000 ideas reads three stamps instead of every row.
 */

export interface OwnPart {
  entries: LibraryEntry[];
  /** The ids of the Idea nodes the user's own ideas wrote (never listed again as lab ideas). */
  ownNodes: Set<string>;
  fingerprintOf(entry: LibraryEntry): string;
}

export interface OwnEntries {
  read(metas: ReadonlyMap<string, StoredMeta>): OwnPart;
  close(): void;
}

export function createOwnEntries(host: ServiceHost): OwnEntries {
  let judgments: JudgmentStore | null = null;
  let last: { stamp: string; base: Derived } | null = null;
  return {
    read: (metas) =>
      withIdeatorFile(host.dataDir, (db) => {
        const judged = (judgments ??= new JudgmentStore(join(host.dataDir, 'judgments.sqlite')));
        const settings = host.settings.get();
        // Stamps first, data after: a change in between makes the data newer than its stamp (one extra read
        // next time), never older.
        const stamp = JSON.stringify([
          ideatorStamp(db),
          judged.stamp(),
          settings.profile.displayName,
          settings.prices.overrides,
        ]);
        const base = last?.stamp === stamp ? last.base : derive(db, judged, settings.profile.displayName);
        last = { stamp, base };
        // The user's metadata goes over the derived entries each time (cheap), and into the fingerprint by its
        // revision, which every metadata write raises.
        return {
          entries: base.entries.map((e) => withUserFields(e, metas.get(e.id))),
          ownNodes: base.ownNodes,
          fingerprintOf: (e) =>
            `${base.fingerprints.get(e.id) ?? fingerprint(e, 0)}.${metas.get(e.id)?.revision ?? 0}`,
        };
      }),
    close: () => {
      judgments?.close();
      judgments = null;
      last = null;
    },
  };

  function derive(db: Database, judged: JudgmentStore, displayName: string): Derived {
    const own = readOwnIdeas(db);
    const ids = own.ideas.map((i) => i.id);
    const entries = ownEntries(
      own,
      new Map(),
      { direct: newestDirectScores(judged, ids), tournaments: judged.tournaments() },
      host.prices(),
      // The display name, not host.actor(): that differs between the app and the CLI, and an author that
      // changed with the process would mark every entry changed.
      displayName || null,
    );
    return {
      entries,
      ownNodes: new Set(own.ideas.flatMap((i) => (i.graphNodeId ? [i.graphNodeId] : []))),
      fingerprints: new Map(entries.map((e) => [e.id, fingerprint(e, own.lastTurn.get(e.id) ?? 0)])),
    };
  }
}

/** The own entries without the user's metadata, and their fingerprints. */
interface Derived {
  entries: LibraryEntry[];
  ownNodes: Set<string>;
  fingerprints: Map<string, string>;
}
