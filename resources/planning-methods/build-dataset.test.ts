import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDataset } from './build-dataset.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const referenceDir = resolve(repoRoot, '../shared/reference/planning-survey');

describe('build-dataset', () => {
  // The reference files live outside the repository (../shared, present for every developer and CI run);
  // this freshness check is skipped only on a checkout without them.
  it.skipIf(!existsSync(referenceDir))('reproduces the committed resources/planning-methods.json', () => {
    const committed: unknown = JSON.parse(
      readFileSync(resolve(repoRoot, 'resources/planning-methods.json'), 'utf8'),
    );
    expect(buildDataset(referenceDir)).toEqual(committed);
  });
});
