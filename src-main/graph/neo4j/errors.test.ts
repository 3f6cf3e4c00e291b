import { describe, expect, it } from 'vitest';
import { Neo4jError } from 'neo4j-driver';
import { toAppError } from './errors.ts';

/** A failure as the driver builds it from a server reply (the driver's own class and retry classification). */
const serverError = (code: string, message: string): Neo4jError =>
  new Neo4jError(message, code, '50N42', 'error: general processing exception', {
    OPERATION: '',
    OPERATION_CODE: '0',
    CURRENT_SCHEMA: '/',
  });

const DEADLOCK =
  "ForsetiClient[transactionId=2127, clientId=28] can't acquire ExclusiveLock{owner=ForsetiClient[" +
  'transactionId=762, clientId=553]} on NODE(3) because holders of that lock are waiting for ForsetiClient';

describe('toAppError: the one Neo4j error mapping', () => {
  it.each([
    ['Neo.TransientError.Transaction.DeadlockDetected', DEADLOCK],
    ['Neo.TransientError.Transaction.LockClientStopped', 'LockClient[12] stopped: transaction 88 terminated'],
    ['Neo.TransientError.General.MemoryPoolOutOfMemoryError', 'dbms.memory.transaction.total.max reached'],
    ['Neo.TransientError.Transaction.Terminated', 'Transaction 9 terminated by MATCH (n) SET n.x = 1'],
  ])('maps %s to a retryable BUSY that shows none of the server text', (code, text) => {
    const err = toAppError(serverError(code, text));
    expect(err.code).toBe('BUSY');
    expect(err.details).toMatchObject({ retryable: true, neo4jCode: code });
    expect(err.message).not.toMatch(/lock|Forseti|dbms|MATCH|Neo\./i);
  });

  it('maps a connection pool timeout under load to BUSY too', () => {
    const err = toAppError(
      serverError('N/A', 'Connection acquisition timed out in 10000 ms. Pool status: …'),
    );
    expect(err.code).toBe('BUSY');
  });

  it('maps a missing database to UNAVAILABLE naming the database, whoever meets it (never a missing node)', () => {
    const missing = serverError('Neo.ClientError.Database.DatabaseNotFound', 'Database does not exist. x');
    const err = toAppError(missing, { database: 'lab' });
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toBe('Neo4j has no database named "lab"');
    expect(err.details).toMatchObject({ reason: 'database', field: 'database' });
    expect(toAppError(missing).code).toBe('UNAVAILABLE');
  });

  it('maps session expiry and an unreachable server to UNAVAILABLE, naming the address', () => {
    for (const code of ['ServiceUnavailable', 'SessionExpired']) {
      const err = toAppError(serverError(code, 'routing table internals'), { uri: 'bolt://lab:7687' });
      expect(err.code).toBe('UNAVAILABLE');
      expect(err.message).toBe('Neo4j is unreachable at bolt://lab:7687: is the server running?');
    }
  });

  it('never passes through server text for codes it does not know, nor for non-driver faults', () => {
    const syntax = toAppError(serverError('Neo.ClientError.Statement.SyntaxError', 'Invalid input MATCH (n'));
    expect(syntax.code).toBe('UNAVAILABLE');
    expect(syntax.message).not.toMatch(/MATCH/);
    const bug = toAppError(new TypeError('Cannot read properties of undefined (reading "low")'));
    expect(bug.code).toBe('INTERNAL');
    expect(bug.message).not.toMatch(/undefined/);
  });
});
