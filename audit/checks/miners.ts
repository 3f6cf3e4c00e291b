import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { AuditServer } from '../server.ts';
import { FAKE_SECRET, invoke, startServer } from '../server.ts';
import type { Tally } from '../tally.ts';
import { envelopeOf, leakIn } from '../verdict.ts';

/**
 * Two `mining.start` calls at once against the scripted LLM: every paper must be mined exactly once (one
 * extraction call per paper title), whether the second call joins, waits or is refused.
 */

const PAPERS = Array.from({ length: 6 }, (_, i) => `Audit paper number ${i + 1} on robust sensor fusion`);
// Names as the naming rules want them (the same as e2e/scripted-llm/scenarios/mining-extract.json), so no
// repair round-trips blur the count.
const TRIPLE = JSON.stringify({
  triples: [
    {
      problem: {
        name: 'Continual learning of neural networks',
        description:
          'Training one model on a sequence of tasks while keeping what it learned on earlier ones.',
      },
      challenge: {
        name: 'Catastrophic forgetting of earlier tasks during sequential training',
        description: 'Updating weights for a new task overwrites what earlier tasks needed.',
      },
      solution: {
        name: 'Replaying stored examples from earlier tasks during new training',
        description: 'A small memory keeps examples from each finished task and mixes them into new batches.',
      },
    },
  ],
});

const bibtex = (): string =>
  PAPERS.map(
    (title, i) =>
      `@article{p${i}, title = {${title}}, author = {Doe, Jane}, year = {2021},\n abstract = {We study ${title.toLowerCase()}.}}`,
  ).join('\n\n');

async function waitUntilIdle(server: AuditServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const jobs = envelopeOf(await invoke(server, 'mining.list', {}))?.result as
      { status: string }[] | undefined;
    if (jobs && jobs.length > 0 && jobs.every((job) => job.status !== 'running')) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export async function concurrentMiners(tally: Tally): Promise<void> {
  const llm = await startScriptedLlm({
    apiKey: FAKE_SECRET,
    scenario: {
      name: 'audit-miners',
      steps: [
        {
          match: { role: 'extractor', structured: true },
          times: 100,
          delayMs: 300,
          reply: { content: TRIPLE },
        },
      ],
    },
  });
  const server = await startServer({ MOTIV_LLM_BASE_URL: llm.baseUrl });
  try {
    const imported = await invoke(server, 'papers.import', {
      files: [{ name: 'audit.bib', contentBase64: Buffer.from(bibtex()).toString('base64') }],
    });
    if (envelopeOf(imported)?.result === undefined) {
      tally.add('two concurrent miners', {
        verdict: 'failed',
        reason: `import failed: ${imported.body.slice(0, 80)}`,
      });
      return;
    }
    const starts = await Promise.all([
      invoke(server, 'mining.start', {}),
      invoke(server, 'mining.start', {}),
    ]);
    for (const start of starts) {
      const leak = leakIn(start.body, server);
      if (leak)
        tally.add('two concurrent miners', {
          verdict: 'leaked',
          reason: `mining.start answer holds ${leak}`,
        });
    }
    await waitUntilIdle(server, 60_000);
    // First extraction attempts only: a repair request carries the model's earlier answer as an assistant turn.
    const calls = (title: string): number =>
      llm.requests.filter((r) => {
        const messages = (r.body.messages ?? []) as { role: string }[];
        const first = !messages.some((m) => m.role === 'assistant');
        return r.endpoint === 'chat' && first && JSON.stringify(r.body).includes(title);
      }).length;
    for (const title of PAPERS) {
      const count = calls(title);
      tally.add(
        'two concurrent miners',
        count === 1
          ? { verdict: 'survived' }
          : count === 0
            ? { verdict: 'failed', reason: 'not mined' }
            : { verdict: 'lost', reason: `mined ${count} times (paid ${count}×)` },
        title.slice(0, 20),
      );
    }
  } finally {
    await server.stop();
    await llm.stop();
  }
}
