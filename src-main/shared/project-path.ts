import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'motivgraph-studio';

/**
 * The project root, found by walking up to our package.json. Code runs from two places: src-main/… (Node 24
 * running the sources: CLI, browser mode, tests) and out/main/ (the Electron bundle), so paths relative to a
 * source file's own location break in one of them; paths from the root hold in both.
 */
export function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (name === PACKAGE_NAME) return dir;
    }
    if (dirname(dir) === dir) throw new Error(`No ${PACKAGE_NAME} package.json above ${start}`);
  }
}

let root: string | undefined;

/** A file or folder shipped with the app (graph/migrations, resources/, prompts), by its path from the root. */
export function projectPath(...segments: string[]): string {
  root ??= findProjectRoot(import.meta.dirname);
  return join(root, ...segments);
}
