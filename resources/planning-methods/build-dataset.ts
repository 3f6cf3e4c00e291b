/**
 * Builds resources/planning-methods.json from the survey reference files.
 *
 *   cd /work/main && npx node resources/planning-methods/build-dataset.ts [referenceDir] [outFile]
 *
 * Deterministic (no timestamps): the same inputs give the same bytes. Bump DATASET_VERSION whenever the
 * output changes so installed apps replace their IndexedDB copy (annotations are kept).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DatasetSchema } from '../../src-renderer/features/methods/dataset-schema.ts';
import type { Dataset } from '../../src-renderer/features/methods/dataset-schema.ts';
import {
  buildBenchmarks,
  buildMetricFamilies,
  buildScenarios,
  buildTables,
  findBenchmark,
} from './benchmarks.ts';
import { buildMethods, buildTaxonomy } from './methods.ts';
import { RawBenchmarksSchema, RawMethodSchema } from './raw-schema.ts';

export const DATASET_VERSION = 1;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE_FILES = ['taxonomy.json', 'benchmarks.json'] as const;

export function buildDataset(referenceDir: string): Dataset {
  const read = (file: string) => readFileSync(join(referenceDir, file), 'utf8');
  const taxonomyText = read('taxonomy.json');
  const benchmarksText = read('benchmarks.json');
  const rawMethods = z.array(RawMethodSchema).parse(JSON.parse(taxonomyText));
  const rawBenchmarks = RawBenchmarksSchema.parse(JSON.parse(benchmarksText));

  const families = buildMetricFamilies(rawBenchmarks);
  const benchmarks = buildBenchmarks(rawBenchmarks, families);
  const benchmarkIdsByArxiv = new Map<string, string[]>();
  for (const b of benchmarks) {
    if (b.arxivId) benchmarkIdsByArxiv.set(b.arxivId, [...(benchmarkIdsByArxiv.get(b.arxivId) ?? []), b.id]);
  }
  const taxonomy = buildTaxonomy(rawMethods);
  const methods = buildMethods(rawMethods, taxonomy, benchmarkIdsByArxiv);
  const texts: Record<(typeof SOURCE_FILES)[number], string> = {
    'taxonomy.json': taxonomyText,
    'benchmarks.json': benchmarksText,
  };

  return DatasetSchema.parse({
    version: DATASET_VERSION,
    formatVersion: 1,
    survey: {
      title: rawBenchmarks.survey.title,
      arxivId: rawBenchmarks.survey.arxiv_id,
      abs: rawBenchmarks.survey.abs,
      companionRepo: rawBenchmarks.survey.companion_repo,
    },
    builtFrom: SOURCE_FILES.map((file) => ({
      file: `planning-survey/${file}`,
      sha256: createHash('sha256').update(texts[file]).digest('hex'),
    })),
    taxonomy,
    methods,
    scenarios: buildScenarios(benchmarks),
    benchmarkNote: rawBenchmarks.dataset_taxonomy_note,
    benchmarks,
    metrics: {
      source: rawBenchmarks.metrics.source,
      note: rawBenchmarks.metrics.note,
      families,
      datasetsInFigure: rawBenchmarks.metrics.datasets_in_figure.map((label) => ({
        label,
        benchmarkId: findBenchmark(label, benchmarks)?.id ?? null,
      })),
    },
    performanceTables: buildTables(rawBenchmarks, benchmarks, methods),
    observations: rawBenchmarks.observations_from_tables,
  });
}

function main(): void {
  const referenceDir = resolve(repoRoot, process.argv[2] ?? '../shared/reference/planning-survey');
  const outFile = resolve(repoRoot, process.argv[3] ?? 'resources/planning-methods.json');
  const dataset = buildDataset(referenceDir);
  writeFileSync(outFile, `${JSON.stringify(dataset, null, 1)}\n`);
  const caveats = dataset.methods.reduce((n, m) => n + m.caveats.length, 0);
  console.log(
    `planning-methods v${dataset.version}: ${dataset.methods.length} methods (${caveats} caveats), ` +
      `${dataset.benchmarks.length} benchmarks, ${dataset.performanceTables.length} tables -> ${outFile}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
