import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../shared/atomic-write.ts';
import type { PaperSections } from './paper-record.ts';

export interface PaperText {
  title: string;
  /** The file the text was read from. */
  file: string;
  sections: PaperSections;
}

/**
 * Sections read from PDFs (abstract, introduction, method) for the miner, one JSON file per Paper node id in the
 * data directory. They stay beside the graph rather than in it: the Paper node keeps metadata and the abstract,
 * and a section can be tens of kilobytes.
 */
export class PaperTextStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'papers', 'text');
  }

  private pathOf(paperId: string): string {
    if (!/^[\w:-]+$/u.test(paperId)) throw new Error(`not a node id: ${paperId}`);
    return join(this.dir, `${paperId.replace(/:/gu, '_')}.json`);
  }

  save(paperId: string, text: PaperText): void {
    writeFileAtomic(this.pathOf(paperId), `${JSON.stringify(text, null, 2)}\n`);
  }

  load(paperId: string): PaperText | null {
    const path = this.pathOf(paperId);
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as PaperText) : null;
  }
}
