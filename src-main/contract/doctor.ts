import { z } from 'zod';

/** Where a resolved configuration value came from. Secrets are reported as set/not set, never shown. */
export const ValueSourceSchema = z.enum(['env', 'settings', 'secret store', 'default']);

export const ConfigEntrySchema = z.object({
  key: z.string(),
  value: z.string().nullable(),
  secret: z.boolean(),
  source: ValueSourceSchema,
  /** The variable that supplied the value when `source` is `env` (`MOTIV_LLM_RESEARCHER_MODEL`). */
  envVar: z.string().optional(),
});

export const CheckSchema = z.object({
  name: z.string(),
  status: z.enum(['ok', 'warn', 'fail', 'skipped']),
  detail: z.string(),
});

export const DoctorReportSchema = z.object({
  version: z.string(),
  node: z.string(),
  platform: z.string(),
  dataDir: z.string(),
  store: z.enum(['embedded', 'neo4j']),
  config: z.array(ConfigEntrySchema),
  checks: z.array(CheckSchema),
});

export type ValueSource = z.infer<typeof ValueSourceSchema>;
export type ConfigEntry = z.infer<typeof ConfigEntrySchema>;
export type DoctorCheck = z.infer<typeof CheckSchema>;
export type DoctorReport = z.infer<typeof DoctorReportSchema>;
