import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { mulberry32 } from '../graph/seeded-random.ts';
import { pairKey, pairRound, seededShuffle } from '../judge/swiss.ts';
import { AppError } from '../shared/errors.ts';
import { raterName } from './rating-store.ts';

/**
 * Blind pairs: each rater runs their own Swiss tournament per topic (judge/swiss.ts: round 1 a seeded shuffle,
 * then neighbours by points, no rematch while avoidable, a bye for the odd one). A round's pairs are stored
 * when it starts and shown one at a time; an unanswered pair stays pending in `ratings.sqlite`, so a restart or
 * a second window shows the same pair. Which idea is on the left is drawn at random when the pair is stored.
 */

export interface BlindPair {
  pairId: string;
  round: number;
  leftId: string;
  rightId: string;
}

/** An answered pair, in answer order: what human ELO replays. */
export interface BlindGame {
  rater: string;
  topicKey: string;
  winnerId: string;
  loserId: string;
}

interface PairRow {
  pair_id: string;
  topic_key: string;
  rater: string;
  round: number;
  left_id: string;
  right_id: string;
  winner_id: string | null;
}

/** Round 1's order (and the tie-break later) is fixed per rater and topic, so every rater sees a different draw. */
function tournamentSeed(topicKey: string, rater: string): number {
  return createHash('sha256')
    .update(JSON.stringify([topicKey, rater]))
    .digest()
    .readUInt32LE(0);
}

export class BlindPairs {
  readonly #db: Database;
  readonly #coin: () => boolean;

  /** `coin` decides whether the first idea of a pair is shown on the left (random unless a test fixes it). */
  constructor(db: Database, coin: () => boolean = () => randomInt(2) === 0) {
    this.#db = db;
    this.#coin = coin;
  }

  /**
   * The rater's next pair among `ideaIds` (the topic's ideas): the oldest pending one, else the first of a new
   * Swiss round computed from the rater's answers so far. One IMMEDIATE transaction, so two windows asking at
   * once share a round instead of starting two.
   */
  next(topicKey: string, rater: string, ideaIds: readonly string[], now = new Date()): BlindPair {
    const who = raterName(rater);
    if (new Set(ideaIds).size < 2) {
      throw new AppError('VALIDATION', 'Blind pairs need at least two written ideas on the topic', {
        field: 'topic',
        found: ideaIds.length,
      });
    }
    const known = new Set(ideaIds);
    const pick = this.#db.transaction((): BlindPair => {
      const rows = this.#rows(topicKey, who);
      const pending = rows.find((r) => r.winner_id === null && known.has(r.left_id) && known.has(r.right_id));
      if (pending) return toPair(pending);
      const round = this.#lastRound(topicKey, who) + 1;
      const pairing = pairRound(
        seededShuffle([...known].sort(), mulberry32(tournamentSeed(topicKey, who))),
        round,
        this.#swissState(topicKey, who, rows, known),
      );
      if (pairing.bye !== null) {
        this.#db
          .prepare('INSERT INTO blind_byes (topic_key, rater, round, idea_id) VALUES (?, ?, ?, ?)')
          .run(topicKey, who, round, pairing.bye);
      }
      const insert = this.#db.prepare(
        `INSERT INTO blind_pairs (pair_id, topic_key, rater, round, left_id, right_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      const stored = pairing.pairs.map(([a, b]): BlindPair => {
        const [leftId, rightId] = this.#coin() ? [a, b] : [b, a];
        const pair = { pairId: randomUUID(), round, leftId, rightId };
        insert.run(pair.pairId, topicKey, who, round, leftId, rightId, now.toISOString());
        return pair;
      });
      return stored[0] as BlindPair;
    });
    return pick.immediate();
  }

  /** Records the rater's choice; answering the same pair again the same way is a harmless retry. */
  answer(pairId: string, rater: string, winner: 'left' | 'right', now = new Date()): { topicKey: string } {
    const who = raterName(rater);
    const record = this.#db.transaction((): { topicKey: string } => {
      const row = this.#db.prepare('SELECT * FROM blind_pairs WHERE pair_id = ?').get(pairId) as
        PairRow | undefined;
      // Another rater's pair is "not found" too: a pair id is no key to someone else's tournament.
      if (!row || row.rater !== who) {
        throw new AppError('NOT_FOUND', `No pending blind pair ${pairId} for ${who}`, { field: 'pairId' });
      }
      const winnerId = winner === 'left' ? row.left_id : row.right_id;
      if (row.winner_id !== null) {
        if (row.winner_id === winnerId) return { topicKey: row.topic_key };
        throw new AppError('CONFLICT', `Blind pair ${pairId} was already answered the other way`, {
          field: 'winner',
          current: { winner: row.winner_id === row.left_id ? 'left' : 'right' },
        });
      }
      this.#db
        .prepare(
          `UPDATE blind_pairs SET winner_id = ?, answered_at = ?,
             answered_seq = (SELECT COALESCE(MAX(answered_seq), 0) + 1 FROM blind_pairs)
           WHERE pair_id = ?`,
        )
        .run(winnerId, now.toISOString(), pairId);
      return { topicKey: row.topic_key };
    });
    return record.immediate();
  }

  answeredCount(topicKey: string, rater: string): number {
    return this.#db
      .prepare('SELECT COUNT(*) FROM blind_pairs WHERE topic_key = ? AND rater = ? AND winner_id IS NOT NULL')
      .pluck()
      .get(topicKey, raterName(rater)) as number;
  }

  /** Answered pairs in answer order; narrowed to a topic and/or a rater when given. */
  games(filter: { topicKey?: string; rater?: string } = {}): BlindGame[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM blind_pairs WHERE winner_id IS NOT NULL
           AND (@topic IS NULL OR topic_key = @topic) AND (@rater IS NULL OR rater = @rater)
         ORDER BY answered_seq`,
      )
      .all({
        topic: filter.topicKey ?? null,
        rater: filter.rater === undefined ? null : raterName(filter.rater),
      }) as PairRow[];
    return rows.map((r) => ({
      rater: r.rater,
      topicKey: r.topic_key,
      winnerId: r.winner_id as string,
      loserId: r.winner_id === r.left_id ? r.right_id : r.left_id,
    }));
  }

  /** The stored pair behind a pair id, for tests and diagnostics (never sent to the renderer). */
  stored(pairId: string): BlindPair | undefined {
    const row = this.#db.prepare('SELECT * FROM blind_pairs WHERE pair_id = ?').get(pairId) as
      PairRow | undefined;
    return row ? toPair(row) : undefined;
  }

  #rows(topicKey: string, rater: string): PairRow[] {
    return this.#db
      .prepare(
        'SELECT * FROM blind_pairs WHERE topic_key = ? AND rater = ? ORDER BY round, created_at, rowid',
      )
      .all(topicKey, rater) as PairRow[];
  }

  #lastRound(topicKey: string, rater: string): number {
    return (
      (this.#db
        .prepare(
          `SELECT MAX(round) FROM (SELECT round FROM blind_pairs WHERE topic_key = @t AND rater = @r
           UNION ALL SELECT round FROM blind_byes WHERE topic_key = @t AND rater = @r)`,
        )
        .pluck()
        .get({ t: topicKey, r: rater }) as number | null) ?? 0
    );
  }

  #swissState(topicKey: string, rater: string, rows: readonly PairRow[], known: ReadonlySet<string>) {
    const points = new Map<string, number>();
    const played = new Set<string>();
    const byes = new Set<string>();
    const add = (id: string, value: number): void => {
      if (known.has(id)) points.set(id, (points.get(id) ?? 0) + value);
    };
    for (const row of rows) {
      if (row.winner_id === null) continue;
      played.add(pairKey(row.left_id, row.right_id));
      add(row.winner_id, 1);
    }
    const byeIds = this.#db
      .prepare('SELECT idea_id FROM blind_byes WHERE topic_key = ? AND rater = ?')
      .pluck()
      .all(topicKey, rater) as string[];
    for (const id of byeIds) {
      byes.add(id);
      add(id, 1);
    }
    return { points, played, byes };
  }
}

function toPair(row: PairRow): BlindPair {
  return { pairId: row.pair_id, round: row.round, leftId: row.left_id, rightId: row.right_id };
}
