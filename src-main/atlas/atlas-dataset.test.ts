import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourcePath } from '../shared/resources.ts';
import { thrownAppError } from '../test-support/thrown-app-error.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { ATLAS_FILE_MAX_BYTES, readAtlas, solutionMethods } from './atlas-dataset.ts';

const tempDir = useTempDirs();
const shipped = readFileSync(resourcePath('planningMethods'), 'utf8');

function writeAtlas(text: string): string {
  const file = join(tempDir(), 'planning-methods.json');
  writeFileSync(file, text);
  return file;
}

describe('the planning-methods atlas as the main process reads it', () => {
  it('reads the shipped file through the resource resolver: 183 methods, 170 of them method families', () => {
    const atlas = readAtlas();
    expect(atlas.methods).toHaveLength(183);
    expect(solutionMethods(atlas)).toHaveLength(170);
    expect(atlas.survey.arxivId).toBe('2505.19683');
  });

  it('refuses bad JSON with the file and the line', () => {
    const lines = shipped.split('\n');
    lines[41] = `${lines[41] ?? ''} ,,`;
    const file = writeAtlas(lines.join('\n'));
    const err = thrownAppError(() => readAtlas(file));
    expect(err.code).toBe('VALIDATION');
    expect(err.details).toMatchObject({ file, line: 42 });
    expect(err.message).toContain(`${file}:42`);
  });

  it('refuses a method with a 1 MB description, naming the field, before anything reaches the graph', () => {
    const json = JSON.parse(shipped) as { methods: Array<{ description: string }> };
    (json.methods[7] as { description: string }).description = 'x'.repeat(1024 * 1024);
    const err = thrownAppError(() => readAtlas(writeAtlas(JSON.stringify(json))));
    expect(err.code).toBe('VALIDATION');
    expect(err.details).toMatchObject({ field: 'methods.7.description' });
    expect(err.message).toContain('methods.7.description');
  });

  it('refuses duplicate method ids and a file too big to be the atlas', () => {
    const json = JSON.parse(shipped) as { methods: unknown[] };
    json.methods.push(json.methods[0]);
    expect(thrownAppError(() => readAtlas(writeAtlas(JSON.stringify(json)))).details).toMatchObject({
      field: 'methods',
    });
    const big = writeAtlas('{}');
    truncateSync(big, ATLAS_FILE_MAX_BYTES + 1);
    expect(thrownAppError(() => readAtlas(big))).toMatchObject({ code: 'VALIDATION' });
  });
});
