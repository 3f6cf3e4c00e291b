/**
 * Benchmark: exporting one idea as PDF (issue 14 budget: ≤ 2 s), and the other formats for reference.
 *
 *   npm run bench:reports
 *
 * Runs a real ideator session to ACCEPT against the scripted LLM on loopback (two versions, a mentor round,
 * graph citations, a cited paper), then times `ideas.export` through dispatch, as the app, browser mode and
 * `motiv export` call it: the dossier read (session, graph, evaluation) plus rendering. Also, for reference,
 * the PDF of the same dossier with a 1,000-turn dialogue. Writes bench/results/reports.json; exits 1 over budget.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dossier, ExportFormat, IdeasExport } from '../src-main/contract/reports.ts';
import { renderExport } from '../src-main/reports/render-export.ts';
import { projectPath } from '../src-main/shared/project-path.ts';
import type { OpenCore } from '../src-main/test-support/open-core.ts';
import { openReportedIdea } from '../src-main/test-support/reported-idea-core.ts';
import { atMost, benchResults, printTable, writeResults } from './lib/results.ts';
import { sampleLatency } from './lib/timing.ts';

const PDF_BUDGET_MS = 2000;
const SAMPLES = Number(process.argv[2] ?? 7);

const dir = mkdtempSync(join(tmpdir(), 'motiv-bench-reports-'));
const open: OpenCore = {};
try {
  const { ok, ideaId } = await openReportedIdea(open, dir);
  const exportAs = (format: ExportFormat) => () =>
    ok<IdeasExport>('ideas.export', { ideaIds: [ideaId], format });

  const pdf = await sampleLatency(exportAs('pdf'), { samples: SAMPLES, warmup: 1 });
  const others = [];
  for (const format of ['md', 'html', 'json', 'bibtex'] as const) {
    others.push({ format, summary: await sampleLatency(exportAs(format), { samples: SAMPLES, warmup: 1 }) });
  }

  const dossier = await ok<Dossier>('ideas.dossier', { ideaId });
  const latest = dossier.versions.at(-1);
  const template = latest?.dialogue[0];
  if (!latest || !template) throw new Error('the scripted session wrote no dialogue');
  for (let i = 0; i < 1000; i++) {
    latest.dialogue.push({
      ...template,
      seq: 10_000 + i,
      kind: i % 2 ? 'mentor' : 'researcher',
      content: `Turn ${i}: ${'a sentence of the long dialogue that wraps over lines. '.repeat(5)}`,
    });
  }
  const long = await sampleLatency(() => renderExport([dossier], 'pdf', { name: 'bench', version: '0' }), {
    samples: 3,
    warmup: 0,
  });

  const results = benchResults('reports', [
    atMost('export of one idea as PDF (ideas.export through dispatch), p50', pdf.p50, 'ms', PDF_BUDGET_MS),
    atMost('same, p95', pdf.p95, 'ms', null),
    atMost('same, on-CPU time p50', pdf.cpuP50, 'ms', null),
    ...others.map(({ format, summary }) =>
      atMost(`export of one idea as ${format}, p50`, summary.p50, 'ms', null),
    ),
    atMost('PDF of the same idea with a 1,000-turn dialogue (render only), p50', long.p50, 'ms', null),
  ]);
  printTable(results);
  writeResults(projectPath('bench', 'results', 'reports.json'), results);
  process.exitCode = results.metrics.every((m) => m.met !== false) ? 0 : 1;
} finally {
  await open.core?.close();
  await open.server?.stop();
  rmSync(dir, { recursive: true, force: true });
}
