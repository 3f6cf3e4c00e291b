import { join } from 'node:path';
import { buildConfig } from '../ideator/session-config.ts';
import { SessionStore } from '../ideator/session-store.ts';
import { testIdea } from '../judge/test-ideas.ts';

/**
 * A data dir's ideator file with `sessions × perSession` written ideas (the library's scale test): each idea has
 * one version and two mentor turns, each session two priced ledger entries. Ids are `s<i>` and `s<i>-i<j>`.
 */
export function seedLibraryScale(dataDir: string, sessions: number, perSession: number): void {
  const store = new SessionStore(join(dataDir, 'ideator.sqlite'));
  try {
    // Whole rows straight into the ideator's tables: 10,000 ideas through the store's one-change-at-a-time
    // methods (each recording its session event) would take most of a minute.
    const db = store.db;
    const now = new Date(0).toISOString();
    const idea = db.prepare(
      `INSERT INTO ideas (id, session_id, idx, phase, round, outcome, decided_by, current_version, created_at, updated_at)
       VALUES (?, ?, ?, 'done', 2, ?, ?, 1, ?, ?)`,
    );
    const version = db.prepare(
      `INSERT INTO idea_versions (idea_id, version, content, citations, turn_seq, created_at) VALUES (?, 1, ?, '[]', 0, ?)`,
    );
    const turn = db.prepare(
      `INSERT INTO turns (session_id, seq, idea_id, round, kind, content, meta, created_at)
       VALUES (?, ?, ?, ?, 'mentor', ?, ?, ?)`,
    );
    const ledger = db.prepare('INSERT INTO ledger (session_id, seq, entry) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let s = 0; s < sessions; s++) {
        const sessionId = `s${s}`;
        const topic = `topic number ${s % 20}`;
        store.createSession(sessionId, buildConfig({ topic }), null);
        let seq = 0;
        for (let i = 0; i < perSession; i++) {
          const id = `${sessionId}-i${i}`;
          const accepted = i % 3 === 0;
          idea.run(id, sessionId, i, accepted ? 'accepted' : null, accepted ? 'mentor' : null, now, now);
          version.run(id, JSON.stringify(testIdea(`w${s}x${i}`, topic).idea), now);
          for (const [round, aspect] of [
            [1, 'novelty'],
            [2, 'feasibility'],
          ] as const) {
            const content = `Round ${round} on idea ${i} of session ${s}: what about the ${aspect}?`;
            turn.run(sessionId, ++seq, id, round, content, JSON.stringify({ aspect }), now);
          }
        }
        for (const [n, role] of [
          [1, 'researcher'],
          [2, 'mentor'],
        ] as const) {
          const entry = {
            seq: n,
            at: now,
            model: 'gpt-4o-mini',
            role,
            promptTokens: 1_000,
            completionTokens: 100,
            cached: false,
          };
          ledger.run(sessionId, n, JSON.stringify(entry));
        }
      }
    }).immediate();
    store.drain();
  } finally {
    store.close();
  }
}
