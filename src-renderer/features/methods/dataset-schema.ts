import { z } from 'zod';

/**
 * The bundled planning-methods dataset (resources/planning-methods.json), built by
 * resources/planning-methods/build-dataset.ts from ../shared/reference/planning-survey.
 *
 * Source caveats are kept as data (`caveats`), never silently fixed: the raw source text stays visible.
 */

export const CaveatKindSchema = z.enum([
  'missing-link', // ★ in the taxonomy tree: neither source gives a link
  'secondary-source-only', // named only by a third-party review of the survey text
  'no-paper-title',
  'year-conflict', // the year badge disagrees with the year in the link (e.g. ACL Anthology id)
  'month-conflict', // the month badge disagrees with the arXiv id's yymm
  'placement-conflict', // README and review place the method differently
  'link-annotation', // the source link field carries extra text
  'link-not-paper', // the link points at something other than a paper page
  'venue-spelling', // venue spelled differently from the same venue elsewhere
  'not-a-method', // e.g. a survey listed as a reference
  'figure-only', // appears only in a figure of the survey list
  'not-in-dataset-list', // a table column whose benchmark is not among the listed datasets
  'obscured-cell', // a table cell that cannot be read in the source image
  'identity-unconfirmed', // a table row matched to a method by name whose dates disagree
]);
export type CaveatKind = z.infer<typeof CaveatKindSchema>;

export const CaveatSchema = z.object({ kind: CaveatKindSchema, message: z.string().min(1) });
export type Caveat = z.infer<typeof CaveatSchema>;

const Id = z
  .string()
  .min(1)
  .regex(/^[a-z0-9][a-z0-9-]*$/);

export const GroupSchema = z.object({ id: Id, name: z.string().min(1), source: z.string().min(1) });
export const SubcategorySchema = z.object({ id: Id, name: z.string().min(1), groups: z.array(GroupSchema) });
export const CategorySchema = z.object({
  id: Id,
  name: z.string().min(1),
  /** 'analysis' = survey Sec. 5 (analysis and interpretation), not a method family. */
  kind: z.enum(['method-family', 'analysis']),
  sourceLabel: z.string().min(1),
  subcategories: z.array(SubcategorySchema),
});
export type Category = z.infer<typeof CategorySchema>;
export type Subcategory = z.infer<typeof SubcategorySchema>;

export const DescriptionProvenanceSchema = z.enum(['survey-text', 'title-paraphrase']);
export type DescriptionProvenance = z.infer<typeof DescriptionProvenanceSchema>;

export const MethodSchema = z.object({
  id: Id,
  name: z.string().min(1),
  paperTitle: z.string().nullable(),
  year: z.number().int().nullable(),
  /** Badge as shown in the README: 'YYYY.MM' (arXiv date) or 'YYYY' (venue year). */
  yearBadge: z.string().nullable(),
  venue: z.string().nullable(),
  /** Venue key for facets (case variants merged); the raw `venue` stays as given. */
  venueKey: z.string().nullable(),
  link: z.string().nullable(),
  arxivId: z.string().nullable(),
  anthologyId: z.string().nullable(),
  code: z.string().nullable(),
  categoryId: Id,
  subcategoryId: Id,
  groupId: Id.nullable(),
  /** One line from the source data, used as given. */
  description: z.string().min(1),
  /** 'survey-text': from a (third-party) review of the survey text; 'title-paraphrase': `[T]`. */
  descriptionProvenance: DescriptionProvenanceSchema,
  source: z.string().min(1),
  sourceKind: z.enum(['companion-readme', 'survey-text-review']),
  /** Benchmarks that share this method's paper (same arXiv id). */
  alsoBenchmarkIds: z.array(Id),
  caveats: z.array(CaveatSchema),
});
export type Method = z.infer<typeof MethodSchema>;

export const BenchmarkSchema = z.object({
  id: Id,
  name: z.string().min(1),
  paperTitle: z.string().nullable(),
  scenario: z.string().nullable(),
  domain: z.string().nullable(),
  evaluates: z.string().nullable(),
  evaluatesProvenance: z.string().nullable(),
  metricInSurvey: z.string().nullable(),
  /** Metric hierarchy ids (fine metrics or metrics) named in `metricInSurvey`. */
  metricIds: z.array(Id),
  inMetricFigure: z.boolean(),
  year: z.number().int().nullable(),
  venue: z.string().nullable(),
  link: z.string().nullable(),
  arxivId: z.string().nullable(),
  code: z.string().nullable(),
  source: z.string().min(1),
  caveats: z.array(CaveatSchema),
});
export type Benchmark = z.infer<typeof BenchmarkSchema>;

export const FineMetricSchema = z.object({ id: Id, name: z.string().min(1) });
export const MetricSchema = z.object({
  id: Id,
  name: z.string().min(1),
  fine: z.array(FineMetricSchema),
  examples: z.string(),
});
export const MetricFamilySchema = z.object({
  id: Id,
  name: z.string().min(1),
  metrics: z.array(MetricSchema),
});
export type MetricFamily = z.infer<typeof MetricFamilySchema>;

export const CellStatusSchema = z.enum(['reported', 'not-reported', 'obscured']);
export type CellStatus = z.infer<typeof CellStatusSchema>;
export const CellSchema = z
  .object({ column: z.string().min(1), value: z.number().nullable(), status: CellStatusSchema })
  .refine((c) => (c.status === 'reported') === (c.value !== null), 'value is null exactly when not reported');
export type Cell = z.infer<typeof CellSchema>;

export const ColumnSchema = z.object({
  key: z.string().min(1),
  label: z.string().min(1),
  benchmarkId: Id.nullable(),
  metric: z.string().min(1),
  /** 'percent' when the caption states a success rate; null when the source names no metric. */
  unit: z.enum(['percent']).nullable(),
  caveats: z.array(CaveatSchema),
});
export type Column = z.infer<typeof ColumnSchema>;

export const TableRowSchema = z.object({
  id: Id,
  method: z.string().min(1),
  baseModel: z.string().min(1),
  /** As printed, 'YYYY/M'. */
  date: z.string().regex(/^\d{4}\/\d{1,2}$/),
  /** Sortable 'YYYY-MM'. */
  dateKey: z.string().regex(/^\d{4}-\d{2}$/),
  finetune: z.boolean(),
  /** null when the table has no such column. */
  search: z.boolean().nullable(),
  modality: z.string().nullable(),
  /** Taxonomy method this row names, matched by name (not verified identity). */
  methodId: Id.nullable(),
  cells: z.array(CellSchema),
  caveats: z.array(CaveatSchema),
});
export type TableRow = z.infer<typeof TableRowSchema>;

export const PerformanceTableSchema = z.object({
  id: Id,
  title: z.string().min(1),
  caption: z.string().min(1),
  nullMeans: z.string().min(1),
  obscured: z.string().nullable(),
  source: z.string().min(1),
  columns: z.array(ColumnSchema).min(1),
  rows: z.array(TableRowSchema),
});
export type PerformanceTable = z.infer<typeof PerformanceTableSchema>;

export const DatasetSchema = z.object({
  /** Monotonic integer; bump when the content changes. Clients replace their copy when it grows. */
  version: z.number().int().positive(),
  formatVersion: z.literal(1),
  survey: z.object({
    title: z.string().min(1),
    arxivId: z.string().min(1),
    abs: z.string().min(1),
    companionRepo: z.string().min(1),
  }),
  builtFrom: z.array(z.object({ file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  taxonomy: z.array(CategorySchema),
  methods: z.array(MethodSchema),
  scenarios: z.array(z.object({ name: z.string().min(1), domains: z.array(z.string().min(1)) })),
  benchmarkNote: z.string(),
  benchmarks: z.array(BenchmarkSchema),
  metrics: z.object({
    source: z.string().min(1),
    note: z.string(),
    families: z.array(MetricFamilySchema),
    datasetsInFigure: z.array(z.object({ label: z.string().min(1), benchmarkId: Id.nullable() })),
  }),
  performanceTables: z.array(PerformanceTableSchema),
  observations: z.object({ source: z.string().min(1), items: z.array(z.string().min(1)) }),
});
export type Dataset = z.infer<typeof DatasetSchema>;
