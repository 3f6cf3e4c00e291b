import { z } from 'zod';

/** The reference files as they are in ../shared/reference/planning-survey (read-only input). */

export const RawMethodSchema = z.object({
  category: z.string().min(1),
  subcategory: z.string().min(1),
  method: z.string().min(1),
  paper_title: z.string().nullable(),
  year: z.number().int().nullable(),
  year_badge: z.string().nullable(),
  venue: z.string().nullable(),
  note: z.string().min(1),
  note_source: z.enum(['review', 'title-paraphrase']),
  link: z.string().nullable(),
  arxiv_id: z.string().nullable(),
  code: z.string().nullable(),
  source: z.string().min(1),
  group: z.string().nullable(),
  group_source: z.string().nullable(),
});
export type RawMethod = z.infer<typeof RawMethodSchema>;

export const RawDatasetSchema = z.object({
  name: z.string().min(1),
  paper_title: z.string().nullable(),
  scenario: z.string().min(1),
  domain: z.string().nullable(),
  what_is_evaluated: z.string().nullable(),
  what_is_evaluated_source: z.string().nullable(),
  metric_in_survey: z.string().nullable(),
  year: z.number().int().nullable(),
  venue: z.string().nullable(),
  link: z.string().nullable(),
  code: z.string().nullable(),
  source: z.string().min(1),
});
export type RawDataset = z.infer<typeof RawDatasetSchema>;

export const RawTableSchema = z.object({
  name: z.string().min(1),
  caption: z.string().min(1),
  null_means: z.string().min(1),
  obscured: z.string().optional(),
  source: z.string().min(1),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});
export type RawTable = z.infer<typeof RawTableSchema>;

export const RawBenchmarksSchema = z.object({
  survey: z.object({
    title: z.string(),
    arxiv_id: z.string(),
    abs: z.string(),
    companion_repo: z.string(),
  }),
  dataset_taxonomy_note: z.string(),
  datasets: z.array(RawDatasetSchema),
  metrics: z.object({
    source: z.string(),
    families: z.array(
      z.object({
        family: z.string().min(1),
        children: z.array(
          z.object({ metric: z.string().min(1), fine: z.array(z.string().min(1)), examples: z.string() }),
        ),
      }),
    ),
    datasets_in_figure: z.array(z.string().min(1)),
    note: z.string(),
  }),
  performance_tables: z.array(RawTableSchema),
  observations_from_tables: z.object({ source: z.string(), items: z.array(z.string()) }),
});
export type RawBenchmarks = z.infer<typeof RawBenchmarksSchema>;
