import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { UNDO_TOKEN_MAX_CHARS } from '../contract/graph-curation.ts';
import { AppError } from '../shared/errors.ts';

/**
 * Undo tokens for graph.delete and graph.mergeInto: the store's undo record (what was removed), signed by this
 * running core and handed to the window, which gives it back to undo. The window cannot forge or edit one (the
 * renderer shows LLM text; it must not gain a way to write arbitrary nodes with someone else's provenance), and a
 * token only works on the store that issued it. The key lives in memory: tokens end with the process, as the
 * window's undo stack does. The store still checks every record against the graph (`GraphStore.restoreDeleted`).
 */

export type UndoKind = 'delete' | 'merge';

export interface UndoTokens {
  /** A token for `record`, or null when it would be too large to travel (the action is then not undoable). */
  issue(kind: UndoKind, record: unknown): string | null;
  /** The record a token carries: VALIDATION when it is not one this core issued for this kind and store. */
  open(kind: UndoKind, token: string): unknown;
}

export function createUndoTokens(storeIdentity: () => string): UndoTokens {
  const key = randomBytes(32);
  const mac = (payload: string): Buffer => createHmac('sha256', key).update(payload).digest();
  return {
    issue(kind, record) {
      const payload = Buffer.from(JSON.stringify({ kind, store: storeIdentity(), record })).toString(
        'base64url',
      );
      const token = `${payload}.${mac(payload).toString('base64url')}`;
      return token.length <= UNDO_TOKEN_MAX_CHARS ? token : null;
    },
    open(kind, token) {
      const [payload = '', signature = ''] = token.split('.');
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw refused('was not issued by this app session (or was altered)');
      }
      const opened = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
        kind: UndoKind;
        store: string;
        record: unknown;
      };
      if (opened.kind !== kind) throw refused(`is for a ${opened.kind}, not a ${kind}`);
      if (opened.store !== storeIdentity()) throw refused('belongs to another graph store');
      return opened.record;
    },
  };
}

function refused(why: string): AppError {
  return new AppError('VALIDATION', `This undo token ${why}: it cannot be undone`, { field: 'undo' });
}
