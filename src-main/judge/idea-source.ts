import { join } from 'node:path';
import { SessionStore, topicKey } from '../ideator/session-store.ts';
import { AppError } from '../shared/errors.ts';
import type { JudgedIdea } from './direct-score.ts';

/** The ideas to judge, read from the ideator's sessions: their current version and their session's topic. */

export function ideasById(sessions: SessionStore, ideaIds: readonly string[]): JudgedIdea[] {
  return ideaIds.map((id) => {
    const record = sessions.idea(id);
    // A new idea's current version is 0 until the researcher writes version 1.
    if (!(record.currentVersion >= 1)) {
      throw new AppError(
        'VALIDATION',
        `Idea ${id} has no written version yet, so there is nothing to judge`,
        {
          field: 'ideaIds',
          ideaId: id,
        },
      );
    }
    const version = sessions.version(id, record.currentVersion);
    return { id, topic: sessions.session(record.sessionId).topic, idea: version.idea };
  });
}

/** Every idea with a written version on the topic (same topic key as the ideator's), oldest session first. */
export function ideasOnTopic(sessions: SessionStore, topic: string): JudgedIdea[] {
  const key = topicKey(topic);
  const ids = sessions
    .sessions()
    .filter((s) => topicKey(s.topic) === key)
    .flatMap((s) => sessions.ideas(s.id))
    .filter((i) => i.currentVersion >= 1)
    .map((i) => i.id);
  return ideasById(sessions, ids);
}

/**
 * Ideas picked from a short-lived connection to the data dir's ideator file (WAL: a running session is not
 * blocked), closed whatever `pick` does.
 */
export function readIdeas(dataDir: string, pick: (sessions: SessionStore) => JudgedIdea[]): JudgedIdea[] {
  const sessions = new SessionStore(join(dataDir, 'ideator.sqlite'));
  try {
    return pick(sessions);
  } finally {
    sessions.close();
  }
}
