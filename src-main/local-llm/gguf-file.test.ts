import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { thrownAppError } from '../test-support/thrown-app-error.ts';
import { repoModelsDir } from '../embeddings/minilm-files.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { checkGgufFile } from './gguf-file.ts';
import { smollm2Path } from './test-model.ts';

describe('checkGgufFile: the checks before llama.cpp sees a file', () => {
  const tempDir = useTempDirs();

  it('accepts the real test model', () => {
    expect(checkGgufFile(smollm2Path(repoModelsDir())).bytes).toBeGreaterThan(90_000_000);
  });

  it('a missing file: LLM_NOT_CONFIGURED naming it', () => {
    const missing = join(tempDir(), 'nothing.gguf');
    const err = thrownAppError(() => checkGgufFile(missing));
    expect(err.code).toBe('LLM_NOT_CONFIGURED');
    expect(err.message).toContain(missing);
    expect(err.details).toMatchObject({ reason: 'model-file-missing', file: missing });
  });

  it('a file that is not a GGUF (a renamed zip, an empty file, a folder): not-gguf / missing', () => {
    const dir = tempDir();
    const zip = join(dir, 'model.gguf');
    writeFileSync(zip, Buffer.from('PK\u0003\u0004 a zip pretending'));
    expect(thrownAppError(() => checkGgufFile(zip)).details).toMatchObject({ reason: 'not-gguf', file: zip });
    const empty = join(dir, 'empty.gguf');
    writeFileSync(empty, '');
    expect(thrownAppError(() => checkGgufFile(empty)).details).toMatchObject({ reason: 'not-gguf' });
    expect(thrownAppError(() => checkGgufFile(dir)).details).toMatchObject({ reason: 'model-file-missing' });
  });

  it('a model larger than free memory: model-too-large with both sizes', () => {
    const err = thrownAppError(() => checkGgufFile(smollm2Path(repoModelsDir()), { freeBytes: 50_000_000 }));
    expect(err.code).toBe('LLM_NOT_CONFIGURED');
    expect(err.message).toMatch(/98 MB but only 50 MB/);
    expect(err.details).toMatchObject({ reason: 'model-too-large', freeBytes: 50_000_000 });
  });
});
