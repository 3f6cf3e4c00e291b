import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { findProjectRoot, projectPath } from './project-path.ts';

const tempDir = useTempDirs();

describe('projectPath', () => {
  it('finds shipped files from the sources', () => {
    expect(projectPath('graph', 'migrations')).toBe(
      join(import.meta.dirname, '..', '..', 'graph', 'migrations'),
    );
  });

  it('finds the root from a bundle folder (out/main) and skips other packages on the way', () => {
    const root = tempDir();
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'motivgraph-studio' }));
    const nested = join(root, 'out', 'main');
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(root, 'out', 'package.json'), JSON.stringify({ name: 'something-else' }));
    expect(findProjectRoot(nested)).toBe(root);
  });

  it('says where it looked when there is no project above', () => {
    const lonely = tempDir();
    expect(() => findProjectRoot(lonely)).toThrow(`No motivgraph-studio package.json above ${lonely}`);
  });
});
