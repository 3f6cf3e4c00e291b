import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import type { CliIo } from '../cli/io.ts';

/** A CLI io that records what a command printed. */
export function bufferIo(env: NodeJS.ProcessEnv): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return { env, out: (t) => (out += t), err: (t) => (err += t), stdout: () => out, stderr: () => err };
}

/** A small real graph (one P→C→S chain and its paper), dumped to `<dir>/small.json` by the embedded store. */
export async function writeSmallDump(dir: string): Promise<string> {
  const store = EmbeddedGraphStore.open(join(dir, 'source.sqlite'));
  try {
    const ctx = { actor: 'fixture' };
    const problem = { kind: 'Problem', name: 'Long-horizon planning with language models' } as const;
    const challenge = { kind: 'Challenge', name: 'Errors compound over many `steps` "quoted"' } as const;
    const solution = { kind: 'Solution', name: 'Verify each step against a learned world model' } as const;
    const paper = { kind: 'Paper', name: 'A paper about planning' } as const;
    await store.importBatch(
      {
        nodes: [
          { ...problem, review: 'approved' },
          challenge,
          solution,
          { ...paper, props: { year: 2024, authors: ['A. Author'] } },
        ],
        edges: [
          { type: 'HAS_CHALLENGE', from: problem, to: challenge },
          { type: 'SOLVED_BY', from: challenge, to: solution },
          { type: 'EXTRACTED_FROM', from: problem, to: paper },
        ],
      },
      ctx,
    );
    const file = join(dir, 'small.json');
    writeFileSync(file, JSON.stringify(await store.dump()));
    return file;
  } finally {
    await store.close();
  }
}
