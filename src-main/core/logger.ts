import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Redactor } from '../shared/redact.ts';

/** The log's file name under `<dataDir>/logs`. */
export const LOG_FILE_NAME = 'motiv.log';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface FileLoggerOptions {
  dir: string;
  redactor: Redactor;
  maxBytes?: number;
  maxFiles?: number;
  fileName?: string;
}

/**
 * JSON-lines log in `<dataDir>/logs/motiv.log`, rotated to motiv.1.log … motiv.<maxFiles>.log by size. Every
 * line passes through the redactor first. Logging never throws: a full disk must not take the app down.
 */
export function createFileLogger(options: FileLoggerOptions): Logger & { file: string } {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const maxFiles = options.maxFiles ?? 3;
  const fileName = options.fileName ?? LOG_FILE_NAME;
  const file = join(options.dir, fileName);
  const rotated = (n: number): string => join(options.dir, fileName.replace(/\.log$/, `.${n}.log`));

  const rotateIfNeeded = (incoming: number): void => {
    if (!existsSync(file) || statSync(file).size + incoming <= maxBytes) return;
    rmSync(rotated(maxFiles), { force: true });
    for (let n = maxFiles - 1; n >= 1; n--) {
      if (existsSync(rotated(n))) renameSync(rotated(n), rotated(n + 1));
    }
    renameSync(file, rotated(1));
  };

  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    try {
      const entry = { time: new Date().toISOString(), level, message, ...fields };
      const line = `${JSON.stringify(options.redactor.value(entry))}\n`;
      mkdirSync(options.dir, { recursive: true, mode: 0o700 });
      rotateIfNeeded(Buffer.byteLength(line));
      appendFileSync(file, line, { mode: 0o600 });
    } catch {
      // Deliberately swallowed: see the doc comment.
    }
  };

  return {
    file,
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** A logger that writes nowhere, for a core that must leave the disk as it found it (`motiv doctor`). */
export function discardingLogger(file: string): Logger & { file: string } {
  const drop = (): void => {};
  return { file, debug: drop, info: drop, warn: drop, error: drop };
}
