import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { AuditAction, AuditEntry } from '../model.ts';
import type { AuditQuerySchema } from '../schemas.ts';
import { sql } from './open-database.ts';

/** Append-only audit log: every change, who made it, and the entity before and after. */
export function appendAudit(db: Database, entry: Omit<AuditEntry, 'seq'>): void {
  sql(
    db,
    'INSERT INTO audit_log (at, actor, action, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    entry.at,
    entry.actor,
    entry.action,
    entry.entityId,
    entry.before === null ? null : JSON.stringify(entry.before),
    entry.after === null ? null : JSON.stringify(entry.after),
  );
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

export function queryAudit(db: Database, query: z.output<typeof AuditQuerySchema>): AuditEntry[] {
  const where: string[] = [];
  const params: Array<string | number> = [];
  const add = (clause: string, value: string | number | undefined): void => {
    if (value === undefined) return;
    where.push(clause);
    params.push(value);
  };
  add('entity_id = ?', query.entityId);
  add('actor = ?', query.actor);
  add('action = ?', query.action);
  add('at >= ?', query.since);
  add('seq > ?', query.afterSeq);
  const rows = db
    .prepare(
      `SELECT seq, at, actor, action, entity_id, before, after FROM audit_log
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`,
    )
    .all(...params, query.limit) as AuditRow[];
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action as AuditAction,
    entityId: row.entity_id,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
  }));
}
