import type {
  Benchmark,
  Caveat,
  Cell,
  Column,
  Dataset,
  Method,
  MetricFamily,
  PerformanceTable,
  TableRow,
} from '../../src-renderer/features/methods/dataset-schema.ts';
import { arxivIdOf, baseName, idAllocator, slugify, urlOf } from './ids.ts';
import type { RawBenchmarks, RawDataset, RawTable } from './raw-schema.ts';

/** Builds benchmarks, the metric hierarchy and the performance tables from benchmarks.json. */

const FIGURE_ONLY = /^\(.*\)$/;

export function buildMetricFamilies(raw: RawBenchmarks): MetricFamily[] {
  return raw.metrics.families.map((f) => ({
    id: slugify(f.family),
    name: f.family,
    metrics: f.children.map((m) => ({
      id: slugify(m.metric),
      name: m.metric,
      fine: m.fine.map((name) => ({ id: slugify(name), name })),
      examples: m.examples,
    })),
  }));
}

function metricIdsIn(text: string | null, families: readonly MetricFamily[]): string[] {
  if (text === null) return [];
  const lower = text.toLowerCase();
  const ids: string[] = [];
  for (const family of families) {
    for (const metric of family.metrics) {
      for (const node of [metric, ...metric.fine]) {
        if (lower.includes(node.name.toLowerCase())) ids.push(node.id);
      }
    }
  }
  return ids;
}

function benchmarkCaveats(d: RawDataset): Caveat[] {
  const caveats: Caveat[] = [];
  if (FIGURE_ONLY.test(d.scenario))
    caveats.push({ kind: 'figure-only', message: `${d.scenario}: ${d.source}` });
  if (d.link === null) caveats.push({ kind: 'missing-link', message: 'No link in the sources.' });
  if (d.paper_title === null)
    caveats.push({ kind: 'no-paper-title', message: 'The sources give no paper title.' });
  return caveats;
}

export function buildBenchmarks(raw: RawBenchmarks, families: readonly MetricFamily[]): Benchmark[] {
  const allocate = idAllocator();
  const inFigure = new Set(raw.metrics.datasets_in_figure.map((l) => l.toLowerCase()));
  return raw.datasets.map((d) => {
    const link = urlOf(d.link);
    return {
      id: allocate(baseName(d.name)),
      name: d.name,
      paperTitle: d.paper_title,
      scenario: FIGURE_ONLY.test(d.scenario) ? null : d.scenario,
      domain: d.domain,
      evaluates: d.what_is_evaluated,
      evaluatesProvenance: d.what_is_evaluated_source,
      metricInSurvey: d.metric_in_survey,
      metricIds: metricIdsIn(d.metric_in_survey, families),
      inMetricFigure: inFigure.has(d.name.toLowerCase()) || inFigure.has(baseName(d.name).toLowerCase()),
      year: d.year,
      venue: d.venue,
      link,
      arxivId: arxivIdOf(link),
      code: d.code,
      source: d.source,
      caveats: benchmarkCaveats(d),
    };
  });
}

export function findBenchmark(label: string, benchmarks: readonly Benchmark[]): Benchmark | undefined {
  const lower = label.toLowerCase();
  return benchmarks.find((b) => b.name.toLowerCase() === lower || baseName(b.name).toLowerCase() === lower);
}

export function buildScenarios(benchmarks: readonly Benchmark[]): Dataset['scenarios'] {
  const scenarios: Dataset['scenarios'] = [];
  for (const b of benchmarks) {
    if (b.scenario === null || b.domain === null) continue;
    let s = scenarios.find((x) => x.name === b.scenario);
    if (!s) {
      s = { name: b.scenario, domains: [] };
      scenarios.push(s);
    }
    if (!s.domains.includes(b.domain)) s.domains.push(b.domain);
  }
  return scenarios;
}

const ROW_FIELDS = new Set(['method', 'base_model', 'date', 'finetune', 'search', 'modality']);

/** 'Mind2Web = average step success rate of the three subsets; WebArena = …' -> per-column metric. */
function captionMetrics(caption: string): Map<string, string> {
  const metrics = new Map<string, string>();
  for (const part of caption.replace(/\s*\(README caption\)\s*$/, '').split(';')) {
    const match = /^\s*([^=]+?)\s*=\s*(.+?)\s*$/.exec(part);
    if (match?.[1] && match[2]) metrics.set(match[1], match[2]);
  }
  return metrics;
}

function buildColumns(t: RawTable, benchmarks: readonly Benchmark[]): Column[] {
  const first = t.rows[0] ?? {};
  const metrics = captionMetrics(t.caption);
  return Object.keys(first)
    .filter((k) => !ROW_FIELDS.has(k))
    .map((key) => {
      const benchmark = findBenchmark(key, benchmarks);
      const metric = metrics.get(key);
      const caveats: Caveat[] = [];
      if (!benchmark) {
        caveats.push({
          kind: 'not-in-dataset-list',
          message: `${key} is a column of this table but not one of the survey list's datasets.`,
        });
      }
      return {
        key,
        label: key,
        benchmarkId: benchmark?.id ?? null,
        metric: metric ?? `not named; caption: ${t.caption}`,
        unit: metric && /success rate/i.test(metric) ? ('percent' as const) : null,
        caveats,
      };
    });
}

function cellOf(column: string, raw: unknown): Cell {
  if (typeof raw === 'number') return { column, value: raw, status: 'reported' };
  if (raw === null) return { column, value: null, status: 'not-reported' };
  if (raw === 'OBSCURED') return { column, value: null, status: 'obscured' };
  throw new Error(`Unexpected cell ${String(raw)} in column ${column}`);
}

function str(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`Expected text in ${field}`);
  return value;
}

function matchMethod(name: string, methods: readonly Method[]): Method | undefined {
  const lower = name.toLowerCase();
  return methods.find((m) => baseName(m.name).toLowerCase() === lower);
}

function buildRow(
  r: RawTable['rows'][number],
  columns: readonly Column[],
  methods: readonly Method[],
  allocate: (text: string) => string,
): TableRow {
  const method = str(r['method'], 'method');
  const baseModel = str(r['base_model'], 'base_model');
  const date = str(r['date'], 'date');
  const [year = '', month = ''] = date.split('/');
  const dateKey = `${year}-${month.padStart(2, '0')}`;
  const match = matchMethod(method, methods);
  const caveats: Caveat[] = [];
  if (match?.arxivId && match.arxivId.slice(0, 4) !== `${year.slice(2)}${month.padStart(2, '0')}`) {
    caveats.push({
      kind: 'identity-unconfirmed',
      message: `Matched to "${match.name}" by name only; the table date ${date} differs from its arXiv id ${match.arxivId}.`,
    });
  }
  const cells = columns.map((c) => cellOf(c.key, r[c.key]));
  for (const cell of cells) {
    if (cell.status === 'obscured') {
      caveats.push({
        kind: 'obscured-cell',
        message: `${cell.column} cell cannot be read in the source image.`,
      });
    }
  }
  if (typeof r['finetune'] !== 'boolean') throw new Error(`finetune missing for ${method}`);
  return {
    id: allocate(`${method} ${baseModel}`),
    method,
    baseModel,
    date,
    dateKey,
    finetune: r['finetune'],
    search: typeof r['search'] === 'boolean' ? r['search'] : null,
    modality: typeof r['modality'] === 'string' ? r['modality'] : null,
    methodId: match?.id ?? null,
    cells,
    caveats,
  };
}

export function buildTables(
  raw: RawBenchmarks,
  benchmarks: readonly Benchmark[],
  methods: readonly Method[],
): PerformanceTable[] {
  const tableIds = idAllocator();
  return raw.performance_tables.map((t) => {
    const columns = buildColumns(t, benchmarks);
    const allocate = idAllocator();
    return {
      id: tableIds(t.name.replace(/\s*\(.*$/, '')),
      title: t.name,
      caption: t.caption,
      nullMeans: t.null_means,
      obscured: t.obscured ?? null,
      source: t.source,
      columns,
      rows: t.rows.map((r) => buildRow(r, columns, methods, allocate)),
    };
  });
}
