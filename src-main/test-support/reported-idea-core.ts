import { join } from 'node:path';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import { batchEdge } from '../graph/test-support/batch-edge.ts';
import { waitFor } from './ideator-harness.ts';
import { openIdeatorCore, type IdeatorCore } from './ideator-core.ts';
import type { OpenCore } from './open-core.ts';
import { LEGACY_POLICY } from '../ideator/mentor-policy.ts';

/** The API key the reports tests set in the core's environment: no export may contain it. */
export const REPORT_TEST_API_KEY = 'sk-report-test-9f8e7d6c5b4a-DO-NOT-LEAK';

/** A paper with a DOI, an arXiv id and BibTeX-special characters, mined into a solution the idea cites. */
export const REPORT_TEST_PAPER = {
  title: 'Graph {retrieval} & 100% _augmented_ ideation: Über #1',
  doi: '10.1234/motiv.2024.001',
  arxivId: '2401.01234',
  authors: ['Zoë Müller', 'Jean-Luc O’Brien'],
  year: 2024,
};

/** REPORT_TEST_PAPER into the data dir's embedded graph, mined into the solution the `accept` scenario cites. */
export async function addReportPaper(dataDir: string): Promise<void> {
  const graph = EmbeddedGraphStore.open(join(dataDir, 'graph.sqlite'));
  try {
    const p = REPORT_TEST_PAPER;
    await graph.importBatch(
      {
        nodes: [
          {
            kind: 'Paper',
            name: p.title,
            description: 'Where the retrieval solution was mined from.',
            props: { authors: p.authors, year: p.year, doi: p.doi, arxivId: p.arxivId },
          },
        ],
        edges: [
          batchEdge(
            'EXTRACTED_FROM',
            ['Solution', 'Knowledge graph guided retrieval augmentation'],
            ['Paper', p.title],
          ),
        ],
      },
      { actor: 'test' },
    );
  } finally {
    await graph.close();
  }
}

export interface ReportedIdea extends IdeatorCore {
  sessionId: string;
  ideaId: string;
}

/**
 * A core whose ideator ran the `accept` scenario to ACCEPT (two versions, a mentor round, graph citations), with
 * REPORT_TEST_PAPER mined into a cited solution and REPORT_TEST_API_KEY as the LLM key: the idea the reports
 * tests export. `env` adds to the core's environment.
 */
export async function openReportedIdea(
  open: OpenCore,
  dataDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ReportedIdea> {
  const opened = await openIdeatorCore(open, dataDir, 'accept', {
    MOTIV_LLM_API_KEY: REPORT_TEST_API_KEY,
    ...env,
  });
  await addReportPaper(dataDir);
  const { id: sessionId } = await opened.ok<{ id: string }>('ideator.start', {
    topic: 'LLM research ideation',
    ideas: 1,
    maxRounds: 3,
    // The fixed cycle: the reports are about a finished idea; the scenario's mentor accepts in round 2.
    mentorPolicy: LEGACY_POLICY,
  });
  await waitFor(
    () =>
      opened.events.some((e) => e.type === 'status' && e.sessionId === sessionId && e.status === 'completed'),
    15_000,
  );
  const detail = await opened.ok<{ ideas: Array<{ id: string }> }>('ideator.get', { sessionId });
  return { ...opened, sessionId, ideaId: detail.ideas[0]?.id ?? '' };
}
