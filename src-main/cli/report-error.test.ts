import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../core/create-core.ts';
import { dispatch } from '../core/dispatch.ts';
import { AppError } from '../shared/errors.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { bufferIo } from '../test-support/graph-cli-fixture.ts';
import { reportCommandError } from './report-error.ts';

const tempDir = useTempDirs();

describe('an INTERNAL reply on the command line', () => {
  it('prints the id the core logged and where the log is, never the raw message', async () => {
    const dataDir = tempDir();
    const core = createCore({ env: { MOTIV_DATA_DIR: dataDir } });
    const raw = 'EACCES: /home/alice/private/judgments.sqlite';
    const table = { ...core.handlers, 'settings.get': async () => Promise.reject(new Error(raw)) };
    const reply = await dispatch(table, 'settings.get', {}, { transport: 'cli' }, core.logger);
    await core.close();
    if (!('error' in reply)) throw new Error('expected an error reply');

    // What `motiv judge` / `motiv annotations` do with an error reply.
    const io = bufferIo({ MOTIV_DATA_DIR: dataDir });
    expect(reportCommandError('judge', AppError.fromBody(reply.error), io)).toBe(1);
    const errorId = (reply.error.details as { errorId: string }).errorId;
    const logFile = join(dataDir, 'logs', 'motiv.log');
    expect(io.stderr()).toBe(`motiv judge: internal error (error ${errorId}; details in ${logFile})\n`);
    expect(io.stderr()).not.toContain('alice');
    expect(readFileSync(logFile, 'utf8')).toContain(`"errorId":"${errorId}"`);
    expect(readFileSync(logFile, 'utf8')).toContain('/home/alice/private/judgments.sqlite');
  });
});
