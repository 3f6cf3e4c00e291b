import type { Database } from 'better-sqlite3';

/**
 * The catalogue: what the library listed last time, one row per entry with a fingerprint of everything shown
 * about it and the change number (`seq`) at which it last changed or disappeared. Listing reconciles the entries
 * read now against it in one IMMEDIATE transaction, so a `changedSince` cursor (a seq) yields exactly the entries
 * changed since and the ids gone since, whichever process (app, CLI, another window) made the change. The FTS5
 * search index is rewritten for the changed entries in the same transaction, so search never lags the list.
 */

export interface CatalogueItem {
  id: string;
  source: string;
  /** Changes whenever anything shown about the entry (or indexed for search) changes. */
  fingerprint: string;
  title: string;
  abstract: string;
  note: string;
}

export interface Reconciled {
  seq: number;
  changedIds: string[];
}

interface CatalogueRow {
  doc: number;
  id: string;
  source: string;
  fingerprint: string;
  present: number;
}

/**
 * `keepSources`: sources that could not be read now (the lab's Neo4j is down); their entries are not taken as
 * gone. `transcripts` gives the dialogue text to index for the ids whose entry changed.
 */
export function reconcileCatalogue(
  db: Database,
  items: readonly CatalogueItem[],
  keepSources: ReadonlySet<string>,
  transcripts: (ids: readonly string[]) => Map<string, string> = () => new Map(),
): Reconciled {
  return db
    .transaction((): Reconciled => {
      const rows = new Map(
        (
          db.prepare('SELECT doc, id, source, fingerprint, present FROM catalogue').all() as CatalogueRow[]
        ).map((r) => [r.id, r]),
      );
      let seq = Number(
        (db.prepare("SELECT value FROM info WHERE key = 'seq'").get() as { value: string } | undefined)
          ?.value ?? 0,
      );
      const changed = items.filter((item) => {
        const row = rows.get(item.id);
        return !row || row.present === 0 || row.fingerprint !== item.fingerprint;
      });
      const seen = new Set(items.map((i) => i.id));
      const gone = [...rows.values()].filter(
        (r) => r.present === 1 && !seen.has(r.id) && !keepSources.has(r.source),
      );
      if (changed.length === 0 && gone.length === 0) return { seq, changedIds: [] };

      const texts = transcripts(changed.map((i) => i.id));
      const upsert = db.prepare(
        `INSERT INTO catalogue (id, source, fingerprint, seq, present) VALUES (?, ?, ?, ?, 1)
         ON CONFLICT (id) DO UPDATE SET source = excluded.source, fingerprint = excluded.fingerprint,
           seq = excluded.seq, present = 1
         RETURNING doc`,
      );
      const unindex = db.prepare('DELETE FROM search WHERE rowid = ?');
      const index = db.prepare(
        'INSERT INTO search (rowid, title, abstract, note, transcript) VALUES (?, ?, ?, ?, ?)',
      );
      const drop = db.prepare('UPDATE catalogue SET present = 0, seq = ? WHERE doc = ?');
      for (const item of changed) {
        const { doc } = upsert.get(item.id, item.source, item.fingerprint, ++seq) as { doc: number };
        unindex.run(doc);
        index.run(doc, item.title, item.abstract, item.note, texts.get(item.id) ?? '');
      }
      for (const row of gone) {
        drop.run(++seq, row.doc);
        unindex.run(row.doc);
      }
      db.prepare(
        "INSERT INTO info (key, value) VALUES ('seq', ?) ON CONFLICT (key) DO UPDATE SET value = ?",
      ).run(String(seq), String(seq));
      return { seq, changedIds: [...changed.map((i) => i.id), ...gone.map((r) => r.id)] };
    })
    .immediate();
}
