import { z } from 'zod';
import { PROTOCOL_PRESETS as SETTING_PRESETS } from '../../shared/protocol-presets.ts';
import type { ProtocolPresetName } from '../../shared/protocol-presets.ts';
import { perDimension, TopicSchema } from './evaluation-fields.ts';

/**
 * Protocol runs (issue 13): the paper's evaluation on the user's own topics. Topics × settings × ideasPerTopic
 * ideation sessions, direct scores, a Swiss tournament per topic and seed over all settings' ideas, diversity and
 * length, and the paper's table per setting. A run is persisted (protocol.sqlite) so a crash or a cancel resumes
 * where it stopped, judgments come from the judgment store and finished sessions are reused: nothing is paid twice.
 */

const Id = z.string().trim().min(1).max(100);

/** One ideation setting of a run: the ablations of the paper's Table 3 and, optionally, another researcher model. */
export const ProtocolSettingSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._+-]*$/, 'letters, digits, space, . _ + -'),
  /** False: the researcher gets no graph tools or graph context. */
  graph: z.boolean(),
  /** False: no mentor; the first complete draft is the idea. */
  mentor: z.boolean(),
  /** The researcher model for this setting; absent: the configured researcher model. */
  model: z.string().trim().min(1).max(200).optional(),
  /** True: literature_search gives titles alone (the paper's titles-only ablation). */
  titlesOnly: z.boolean().optional(),
});

export type ProtocolSetting = z.infer<typeof ProtocolSettingSchema>;

/** The named settings `motiv protocol --settings full,no-graph,…` and the app offer (one table, shared/). */
export const PROTOCOL_PRESETS = SETTING_PRESETS satisfies Record<string, ProtocolSetting>;

export type { ProtocolPresetName };

const distinct = <T>(values: T[], key: (value: T) => string): boolean =>
  new Set(values.map(key)).size === values.length;

const ProtocolPlanFields = {
  topics: z.array(TopicSchema).min(1).max(100),
  settings: z.array(ProtocolSettingSchema).min(1).max(12),
  ideasPerTopic: z.int().min(1).max(20).default(3),
  seeds: z.array(z.int().min(0).max(0xffffffff)).min(1).max(10).default([1]),
  rounds: z.int().min(1).max(20).default(5),
};

type PlanShape = { topics: string[]; settings: ProtocolSetting[]; seeds: number[] };

const planRefinements = <T extends z.ZodType<PlanShape>>(schema: T): T =>
  schema
    .refine((p) => distinct(p.topics, (t) => t.toLowerCase()), { message: 'topics repeat', path: ['topics'] })
    .refine((p) => distinct(p.settings, (s) => s.name), {
      message: 'setting names repeat',
      path: ['settings'],
    })
    .refine((p) => distinct(p.seeds, String), { message: 'seeds repeat', path: ['seeds'] }) as unknown as T;

export const ProtocolPlanSchema = planRefinements(z.strictObject(ProtocolPlanFields));
export type ProtocolPlan = z.output<typeof ProtocolPlanSchema>;

export const ProtocolStartRequestSchema = planRefinements(
  z.strictObject({ ...ProtocolPlanFields, name: z.string().trim().min(1).max(200).optional() }),
);

const CostEstimateSchema = z.object({
  sessions: z.int(),
  ideationCalls: z.int(),
  judgeCalls: z.int(),
  tokens: z.int(),
  /** null when a model used has no price (Settings → Prices). */
  costUsd: z.number().nullable(),
});

export const ProtocolEstimateSchema = CostEstimateSchema.extend({
  perSetting: z.array(CostEstimateSchema.extend({ setting: z.string() })),
  /** Models without a price: their tokens are counted, their cost is not known. */
  unpricedModels: z.array(z.string()),
  /** How the numbers were made: an estimate from prices and measured tokens-per-call defaults, not a quote. */
  basis: z.string(),
});

export const PROTOCOL_STATES = ['running', 'cancelled', 'failed', 'completed', 'interrupted'] as const;
export const ProtocolStateSchema = z.enum(PROTOCOL_STATES);
export const PROTOCOL_STAGES = ['ideate', 'judge', 'tournament', 'diversity'] as const;
export const ProtocolStageSchema = z.enum(PROTOCOL_STAGES);

export const ProtocolProgressSchema = z.object({
  stage: ProtocolStageSchema,
  /** Units of the current stage: sessions, ideas scored, pairs judged, topics measured. */
  done: z.int(),
  total: z.int(),
});

const MeanSdSchema = z.object({ mean: z.number(), sd: z.number(), n: z.int() });

/** One row of the paper's table: a setting's ideas over all topics (null where nothing was measured yet). */
export const ProtocolTableRowSchema = z.object({
  setting: z.string(),
  ideas: z.int(),
  ...perDimension(MeanSdSchema.nullable()).shape,
  /** Mean of novelty, experiment and motivation (the paper's three). */
  paperMean: z.number().nullable(),
  /** The setting's ELO (mean of its ideas' average ELO) per seed, as mean ± sd over seeds. */
  eloAverage: MeanSdSchema.nullable(),
  /** 1 − mean pairwise cosine of the setting's ideas per topic (MiniLM, title + abstract), mean over topics. */
  diversity: z.number().nullable(),
  /** Mean idea length in words (title + abstract + body), to expose length bias. */
  meanLength: z.number().nullable(),
  tokensPerIdea: z.number().nullable(),
  /** Ideation + judging cost per idea; null when a model has no price. */
  costPerIdea: z.number().nullable(),
});

export const ProtocolRunSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  state: ProtocolStateSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  progress: ProtocolProgressSchema,
  /** Paid so far by this run (reused judgments and sessions cost nothing again). */
  costUsd: z.number(),
});

export const ProtocolRunSchema = ProtocolRunSummarySchema.extend({
  plan: ProtocolPlanSchema,
  /** Why a failed run stopped (typed code and message); null otherwise. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** The latest event number of this run (for protocol.since). */
  seq: z.int(),
  table: z.array(ProtocolTableRowSchema),
  /** Per setting, the mean ELO of its ideas after each round (mean over topics and seeds): "score vs rounds". */
  eloByRound: z.array(z.object({ setting: z.string(), elo: z.array(z.number()) })),
  /** "Not comparable to the paper's numbers" unless the judge is the paper's reviewer; null then. */
  comparability: z.string().nullable(),
  judgeModel: z.string().nullable(),
  rubricVersion: z.string().nullable(),
});

const RunRef = z.strictObject({ runId: Id });

export const ProtocolExportRequestSchema = z.strictObject({ runId: Id, format: z.enum(['csv', 'json']) });
export const ProtocolExportSchema = z.object({ filename: z.string(), mime: z.string(), content: z.string() });

export const ProtocolEventSchema = z.object({
  runId: z.string(),
  seq: z.int().min(1),
  state: ProtocolStateSchema,
  progress: ProtocolProgressSchema,
  costUsd: z.number(),
});

export const ProtocolSinceRequestSchema = z.strictObject({ runId: Id, seq: z.int().min(0) });
export const ProtocolSinceSchema = z.object({ seq: z.int(), events: z.array(ProtocolEventSchema) });

const PaperScoresSchema = z.object({
  method: z.string(),
  novelty: z.number(),
  experiment: z.number(),
  motivation: z.number(),
});

/** The paper's own figures, shown beside the user's; always labelled as the paper's with its setup. */
export const ProtocolReferenceSchema = z.object({
  label: z.string(),
  setup: z.string(),
  table1: z.object({ caption: z.string(), rows: z.array(PaperScoresSchema) }),
  table2: z.object({
    caption: z.string(),
    rows: z.array(z.object({ method: z.string(), eloAverage: z.number() })),
  }),
  table3: z.object({ caption: z.string(), rows: z.array(PaperScoresSchema) }),
  diversity: z.number(),
  meanLengthChars: z.number(),
});

const Empty = z.strictObject({});

export const protocolChannels = {
  'protocol.estimate': { request: ProtocolPlanSchema, response: ProtocolEstimateSchema },
  'protocol.start': { request: ProtocolStartRequestSchema, response: z.object({ runId: z.string() }) },
  'protocol.list': { request: Empty, response: z.object({ runs: z.array(ProtocolRunSummarySchema) }) },
  'protocol.get': { request: RunRef, response: ProtocolRunSchema },
  'protocol.cancel': { request: RunRef, response: ProtocolRunSummarySchema },
  'protocol.resume': { request: RunRef, response: z.object({ runId: z.string() }) },
  'protocol.export': { request: ProtocolExportRequestSchema, response: ProtocolExportSchema },
  'protocol.since': { request: ProtocolSinceRequestSchema, response: ProtocolSinceSchema },
  'protocol.reference': { request: Empty, response: ProtocolReferenceSchema },
} as const;
