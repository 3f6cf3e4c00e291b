import { z } from 'zod';
import { sectionPatch } from './settings-patch.ts';
import { LiteratureSettingsSchema } from './settings-literature.ts';
import { MiningSettingsSchema } from './settings-mining.ts';
import { PaperImportSettingsSchema, PaperLookupSettingsSchema } from './settings-papers.ts';
import { PricesSettingsSchema } from './settings-prices.ts';

/**
 * The settings file as stored on disk (`settings.json` in the data directory). Secrets never live here: API keys
 * and passwords go to the encrypted secret store. Later features add their own sections with defaults, so an
 * older file keeps parsing.
 */
export const SETTINGS_SCHEMA_VERSION = 1;

const ModelNameSchema = z.string().trim().min(1).max(200);

/** researcher, mentor, judge, extractor, embeddings (src-main/llm/config.ts LLM_ROLES). */
export const LlmRoleModelsSchema = z
  .object({
    researcher: ModelNameSchema.nullable(),
    mentor: ModelNameSchema.nullable(),
    judge: ModelNameSchema.nullable(),
    extractor: ModelNameSchema.nullable(),
    embeddings: ModelNameSchema.nullable(),
  })
  .strict();

const NO_ROLE_MODELS = { researcher: null, mentor: null, judge: null, extractor: null, embeddings: null };

// An OpenAI-compatible endpoint, or local:<path to .gguf> for the built-in engine (src-main/local-llm).
const LlmBaseUrlSchema = z.union([
  z.url({ protocol: /^https?$/ }),
  z
    .string()
    .trim()
    .regex(/^local:\S/)
    .max(4096),
]);

/** A role's own endpoint; null = the shared base URL (src-main/llm/config.ts resolveLlmConfig with a role). */
export const LlmRoleEndpointsSchema = z
  .object({
    researcher: LlmBaseUrlSchema.nullable(),
    mentor: LlmBaseUrlSchema.nullable(),
    judge: LlmBaseUrlSchema.nullable(),
    extractor: LlmBaseUrlSchema.nullable(),
    embeddings: LlmBaseUrlSchema.nullable(),
  })
  .strict();

/** Where the graph lives: this computer's SQLite file or the lab's Neo4j server. */
export const GraphStoreKindSchema = z.enum(['embedded', 'neo4j']);
export type GraphStoreKind = z.infer<typeof GraphStoreKindSchema>;

export const ThemeSchema = z.enum(['system', 'light', 'dark']);

export const SettingsSchema = z
  .object({
    schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
    // Bumped by every save; a save that names the revision it started from is refused once another saved first.
    revision: z.int().min(0).default(0),
    appearance: z
      .object({
        theme: ThemeSchema.default('system'),
        density: z.enum(['comfortable', 'compact']).default('comfortable'),
      })
      .strict()
      .default({ theme: 'system', density: 'comfortable' }),
    profile: z
      .object({
        // Recorded as createdBy/updatedBy on graph edits, so lab members can tell who changed what.
        displayName: z.string().trim().max(80).default(''),
      })
      .strict()
      .default({ displayName: '' }),
    ideation: z
      .object({
        ideasPerTopic: z.int().min(1).max(20).default(3),
        maxRounds: z.int().min(1).max(20).default(5),
      })
      .strict()
      .default({ ideasPerTopic: 3, maxRounds: 5 }),
    llm: z
      .object({
        baseUrl: LlmBaseUrlSchema.nullable().default(null),
        model: ModelNameSchema.nullable().default(null),
        // Per agent; null = the model above. Saved as a whole (all five roles), not merged key by key.
        models: LlmRoleModelsSchema.default(NO_ROLE_MODELS),
        // Per agent; null = the base URL above. Saved as a whole like `models`. Added with a default, so a file
        // written before it parses unchanged (no schemaVersion bump, no migration).
        endpoints: LlmRoleEndpointsSchema.default(NO_ROLE_MODELS),
      })
      .strict()
      .default({ baseUrl: null, model: null, models: NO_ROLE_MODELS, endpoints: NO_ROLE_MODELS }),
    neo4j: z
      .object({
        uri: z
          .string()
          .max(2048)
          .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\//, 'must start with bolt:// or neo4j://')
          .nullable()
          .default(null),
        user: z.string().max(200).nullable().default(null),
        database: z.string().max(200).nullable().default(null),
      })
      .strict()
      .default({ uri: null, user: null, database: null }),
    // The explicit store choice (Settings → Graph store). null = a file written before the choice existed: Neo4j
    // when neo4j.uri is set, else the embedded file (core/config.ts), so no lab user is switched silently.
    graph: z
      .object({ store: GraphStoreKindSchema.nullable().default(null) })
      .strict()
      .default({ store: null }),
    literature: LiteratureSettingsSchema,
    prices: PricesSettingsSchema,
    mining: MiningSettingsSchema,
    paperImport: PaperImportSettingsSchema,
    paperLookup: PaperLookupSettingsSchema,
    // The first-run welcome (src-renderer/features/welcome): done once finished or skipped, in every window.
    onboarding: z
      .object({ welcomeDone: z.boolean().default(false) })
      .strict()
      .default({ welcomeDone: false }),
  })
  .strict();

export type Settings = z.infer<typeof SettingsSchema>;

/**
 * A partial update: each section may be given in part; unknown keys are refused. `baseRevision` (optional, so the
 * CLI and scripts keep last-writer-wins) is the revision the editor started from: a stale one is a CONFLICT.
 */
export const SettingsPatchSchema = z
  .object({
    baseRevision: z.int().min(0).optional(),
    appearance: sectionPatch(SettingsSchema.shape.appearance),
    profile: sectionPatch(SettingsSchema.shape.profile),
    ideation: sectionPatch(SettingsSchema.shape.ideation),
    llm: sectionPatch(SettingsSchema.shape.llm),
    neo4j: sectionPatch(SettingsSchema.shape.neo4j),
    graph: sectionPatch(SettingsSchema.shape.graph),
    literature: sectionPatch(SettingsSchema.shape.literature),
    prices: sectionPatch(SettingsSchema.shape.prices),
    mining: sectionPatch(SettingsSchema.shape.mining),
    paperImport: sectionPatch(SettingsSchema.shape.paperImport),
    paperLookup: sectionPatch(SettingsSchema.shape.paperLookup),
    onboarding: sectionPatch(SettingsSchema.shape.onboarding),
  })
  .strict();

export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
