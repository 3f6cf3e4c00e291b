import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../shared/redact.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createFileLogger } from './logger.ts';

const tempDir = useTempDirs();

describe('file logger', () => {
  it('redacts secret fields, registered secrets and key-shaped strings', () => {
    const dir = tempDir();
    const redactor = new Redactor();
    redactor.addSecret('hunter2-neo4j');
    const logger = createFileLogger({ dir, redactor });
    logger.info('connecting with hunter2-neo4j', {
      apiKey: 'abc',
      header: 'Bearer abcdefghijklmnop',
      nested: { password: 'p' },
    });
    logger.warn('key sk-live1234567890 leaked?');
    const text = readFileSync(join(dir, 'motiv.log'), 'utf8');
    expect(text).not.toMatch(/hunter2|abcdefghijklmnop|sk-live|"p"/);
    expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(5);
    expect(text.trim().split('\n')).toHaveLength(2);
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const dir = tempDir();
    const logger = createFileLogger({ dir, redactor: new Redactor(), maxBytes: 400, maxFiles: 2 });
    for (let i = 0; i < 40; i++) logger.info(`line ${i} ${'x'.repeat(60)}`);
    expect(existsSync(join(dir, 'motiv.log'))).toBe(true);
    expect(existsSync(join(dir, 'motiv.1.log'))).toBe(true);
    expect(existsSync(join(dir, 'motiv.2.log'))).toBe(true);
    expect(existsSync(join(dir, 'motiv.3.log'))).toBe(false);
    expect(readFileSync(join(dir, 'motiv.log'), 'utf8')).toContain('line 39');
  });
});
