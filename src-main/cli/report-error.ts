import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from '../core/data-dir.ts';
import { createFileLogger } from '../core/logger.ts';
import type { ErrorBody, InternalDetails } from '../contract/errors.ts';
import { AppError } from '../shared/errors.ts';
import { Redactor } from '../shared/redact.ts';
import type { CliIo } from './io.ts';

/**
 * A command's failure as the user sees it: one line, `motiv <command>: <what went wrong> (error <id> …)`,
 * never a stack trace. The trace goes to motiv.log under the same id, so the user can grep for it (or send
 * that line). Secrets and URL credentials are scrubbed from both.
 */
export function reportCommandError(command: string, err: unknown, io: CliIo): number {
  // An INTERNAL reply from dispatch was logged by the core already: keep its id so the two lines match.
  const loggedId = internalErrorId(err);
  if (loggedId !== null && err instanceof AppError) {
    const logFile = join(resolveDataDir(io.env), 'logs', 'motiv.log');
    io.err(`motiv ${command}: internal error (error ${loggedId}; details in ${logFile})\n`);
    return 1;
  }
  const errorId = randomBytes(4).toString('hex');
  const redactor = new Redactor();
  redactor.addSecret(io.env['MOTIV_LLM_API_KEY']);
  redactor.addSecret(io.env['MOTIV_NEO4J_PASSWORD']);
  const expected = err instanceof AppError;
  const raw = err instanceof Error ? err.message : String(err);
  // An AppError's message is written for the user; anything else shows its first line only.
  const message = redactor.text(expected ? raw : (raw.split('\n')[0] ?? raw)).trim() || 'unexpected error';
  const logFile = logTrace(io.env, redactor, {
    errorId,
    command,
    code: expected ? err.code : 'INTERNAL',
    error: raw,
    stack: err instanceof Error ? err.stack : undefined,
  });
  const where = logFile ? `; details in ${logFile}` : '';
  io.err(`motiv ${command}: ${expected ? '' : 'unexpected error: '}${message} (error ${errorId}${where})\n`);
  return 1;
}

function internalErrorId(err: unknown): string | null {
  if (!(err instanceof AppError) || err.code !== 'INTERNAL') return null;
  const id = (err.details as InternalDetails | undefined)?.errorId;
  return typeof id === 'string' ? id : null;
}

/** A reply's error for the terminal: an INTERNAL one says where its id was logged. */
export function replyErrorText(error: ErrorBody, logFile: string): string {
  const id = error.code === 'INTERNAL' ? (error.details as InternalDetails | undefined)?.errorId : undefined;
  return id ? `internal error (error ${id}; details in ${logFile})` : error.message;
}

/**
 * Logs to the data directory's motiv.log; null when that is impossible (the data directory itself may be the
 * problem). No fallback to a shared temp folder: another user could have made that folder theirs.
 */
function logTrace(
  env: NodeJS.ProcessEnv,
  redactor: Redactor,
  fields: Record<string, unknown>,
): string | null {
  const logger = createFileLogger({ dir: join(resolveDataDir(env), 'logs'), redactor });
  logger.error('command failed', fields);
  // The logger never throws (a full disk must not hide the error line): check that the entry landed.
  const landed =
    existsSync(logger.file) && readFileSync(logger.file, 'utf8').includes(String(fields['errorId']));
  return landed ? logger.file : null;
}
