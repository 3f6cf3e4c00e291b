import { z } from 'zod';
import { IdeaSchema } from '../ideator/idea-schema.ts';
import { InspirationMethodSchema, InspirationSchema } from '../ideator/inspiration.ts';
import { MentorPersonaSchema, MentorPolicySchema } from '../ideator/mentor-policy.ts';
import { UserSessionOptionsSchema } from '../ideator/session-options.ts';

/**
 * The ideator's channels and event, as zod schemas. Requests are parsed at the boundary (dispatch); the records
 * mirror src-main/ideator/types.ts, and the handler table only compiles while the two agree. IdeaSchema comes
 * from the ideator itself (it is plain zod) so the idea's fields cannot drift between the model and the UI.
 */

const Id = z.string().trim().min(1).max(100);

/** What the user chooses for a session: the ideator's own table of options and limits (session-options.ts). */
export const IdeatorOptionsSchema = UserSessionOptionsSchema;

export const IdeatorStartSchema = IdeatorOptionsSchema.extend({
  topic: z.string().trim().min(1).max(500),
  /** Planning methods chosen in the Methods section, shown to the researcher as quoted extra context. */
  inspiration: InspirationSchema.optional(),
});

/** The estimate is asked while the user types, so the topic may still be empty. */
export const IdeatorEstimateRequestSchema = IdeatorOptionsSchema.extend({
  topic: z.string().max(500).optional(),
  /** Estimate a fork: one idea deliberated from a copied version (no exploration or first draft). */
  fork: z.boolean().optional(),
  /** Estimate a branch at this turn: the rounds it has left, under the persona asked (or the source's). */
  branchAt: z.strictObject({ sessionId: Id, turn: z.int().min(1) }).optional(),
});

const CostSchema = z.object({ usd: z.number(), unpricedModels: z.array(z.string()) });

export const LlmEndpointSchema = z.object({
  /** False when neither a base URL nor an API key is configured: starting would fail. */
  configured: z.boolean(),
  /** Shown to the user, credentials stripped. */
  baseUrl: z.string(),
  apiKeySet: z.boolean(),
  models: z.object({ researcher: z.string(), mentor: z.string() }),
  /** Why it cannot be used, in words the user can act on; null when it can. */
  problem: z.string().nullable(),
});

/** One agent's row of the ledger (ideator/agent-ledger.ts): tools and compaction call no model and cost nothing. */
export const AgentUsageSchema = z.object({
  agent: z.enum(['researcher', 'mentor', 'tools', 'compaction']),
  calls: z.int(),
  promptTokens: z.int(),
  completionTokens: z.int(),
  cost: CostSchema,
});

export const IdeatorEstimateSchema = z.object({
  /** Upper bounds: every exploration uses all tool steps, every idea all rounds, every prompt the budget. */
  calls: z.int(),
  promptTokens: z.int(),
  completionTokens: z.int(),
  cost: CostSchema,
  ideas: z.int(),
  maxRounds: z.int(),
  endpoint: LlmEndpointSchema,
  /** The same worst case per agent. */
  agents: z.array(AgentUsageSchema),
});

export const SessionStatusSchema = z.enum([
  'running',
  'paused',
  'stopped',
  'completed',
  'failed',
  'interrupted',
]);

/** Why a session failed, and (for failed runs) the step where it stopped, which Resume retries. */
const ErrorSummarySchema = z
  .object({
    code: z.string(),
    message: z.string(),
    at: z
      .object({
        idea: z.int(),
        round: z.int(),
        phase: z.enum(['explore', 'draft', 'mentor', 'answer', 'revise', 'done', 'starting']),
      })
      .optional(),
  })
  .nullable();

export const SessionConfigSchema = z.object({
  topic: z.string(),
  ideas: z.int(),
  maxRounds: z.int(),
  noGraph: z.boolean(),
  noMentor: z.boolean(),
  promptBudgetTokens: z.int(),
  maxToolSteps: z.int(),
  maxToolResultChars: z.int(),
  seed: z.int(),
  researcherPrompt: z.string(),
  mentorPrompt: z.string(),
  /** Absent in sessions made before inspiration existed. */
  inspiration: z.array(InspirationMethodSchema).optional(),
  researcherModel: z.string().optional(),
  isolated: z.boolean().optional(),
  /** Absent in sessions made before personas and policies existed, and before the weakest-aspect default (fixed cycle). */
  mentorPolicy: MentorPolicySchema.optional(),
  persona: MentorPersonaSchema.optional(),
  /** Absent in sessions made before issue 16 (5 papers, abstracts cut to 500 characters). */
  literature: z.enum(['full', 'titles']).optional(),
});

export const SessionRecordSchema = z.object({
  id: z.string(),
  topic: z.string(),
  config: SessionConfigSchema,
  status: SessionStatusSchema,
  error: ErrorSummarySchema,
  /** `turn`: a branch at a turn of the source session (ideator.branch); absent for a fork at a version. */
  forkedFrom: z
    .object({ sessionId: z.string(), ideaId: z.string(), version: z.int(), turn: z.int().optional() })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The number of the session's latest change when read: events with a higher `seq` are newer than this. */
  seq: z.int(),
});

export const IdeaRecordSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  index: z.int(),
  phase: z.enum(['explore', 'draft', 'mentor', 'answer', 'revise', 'done']),
  round: z.int(),
  outcome: z.enum(['accepted', 'rejected', 'round_limit', 'unreviewed']).nullable(),
  decidedBy: z.enum(['mentor', 'user', 'limit']).nullable(),
  currentVersion: z.int(),
  graphNodeId: z.string().nullable(),
  graphError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const CitationSchema = z.object({
  ref: z.string(),
  kind: z.enum(['Problem', 'Challenge', 'Solution', 'Paper', 'Idea', 'Topic']),
  name: z.string(),
  nodeId: z.string().nullable(),
  status: z.enum(['resolved', 'missing', 'unchecked']),
});

export const IdeaVersionSchema = z.object({
  ideaId: z.string(),
  version: z.int(),
  idea: IdeaSchema,
  citations: z.array(CitationSchema),
  missingCitations: z.array(z.string()),
  turnSeq: z.int(),
  repairs: z.int(),
  createdAt: z.string(),
});

export const TurnSchema = z.object({
  sessionId: z.string(),
  seq: z.int(),
  ideaId: z.string().nullable(),
  round: z.int(),
  kind: z.enum(['researcher', 'tool', 'idea', 'mentor', 'human', 'note']),
  content: z.string(),
  toolCalls: z.array(z.object({ id: z.string(), name: z.string(), arguments: z.string() })),
  toolCallId: z.string().nullable(),
  toolName: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export const UsageTotalsSchema = z.object({
  calls: z.int(),
  cachedCalls: z.int(),
  promptTokens: z.int(),
  completionTokens: z.int(),
  cachedPromptTokens: z.int(),
  cachedCompletionTokens: z.int(),
  cost: CostSchema,
});

export const SessionDetailSchema = z.object({
  session: SessionRecordSchema,
  ideas: z.array(IdeaRecordSchema.extend({ versions: z.array(IdeaVersionSchema) })),
  turns: z.array(TurnSchema),
  usage: UsageTotalsSchema,
});

const SessionRef = z.strictObject({ sessionId: Id });

export const IdeatorSinceSchema = z.strictObject({
  sessionId: Id,
  /** The last change the client applied (a snapshot's `session.seq`, or an event's `seq`). */
  seq: z.int().min(0),
});

export const IdeatorInterjectSchema = z.strictObject({
  sessionId: Id,
  text: z.string().trim().min(1, 'write something for the researcher').max(4_000),
});

export const IdeatorDecideSchema = z.strictObject({
  ideaId: Id,
  decision: z.enum(['accept', 'reject']),
  note: z.string().max(2_000).optional(),
});

export const IdeatorUndoDecisionSchema = z.strictObject({ ideaId: Id });

export const IdeatorForkSchema = z.strictObject({
  ideaId: Id,
  version: z.int().min(1),
  options: IdeatorOptionsSchema.omit({ ideas: true })
    .extend({
      /** The fork form's topic, when the user edited it. */
      topic: z.string().trim().min(1).max(500).optional(),
      /** The user's first word to the researcher, in the human mentor's place. */
      guidance: z.string().max(4_000).optional(),
    })
    .optional(),
});

/** Branch a session at one of its turns: ask that round's question anew, in the user's words or another persona. */
export const IdeatorBranchSchema = z.strictObject({
  sessionId: Id,
  turn: z.int().min(1),
  /** The user's question in the mentor's place; absent or blank: the mentor asks. */
  question: z.string().max(4_000).optional(),
  persona: MentorPersonaSchema.optional(),
  maxRounds: z.int().min(1).max(20).optional(),
});

export const IdeatorExportSchema = z.strictObject({
  ideaId: Id,
  /** Defaults to the idea's latest version. */
  version: z.int().min(1).optional(),
});

export const IdeaReportSchema = z.object({ fileName: z.string(), markdown: z.string() });

const LedgerEntrySchema = z.object({
  seq: z.int(),
  at: z.string(),
  model: z.string(),
  promptTokens: z.int(),
  completionTokens: z.int(),
  cached: z.boolean(),
  role: z.string().optional(),
  sessionId: z.string().optional(),
  turn: z.int().optional(),
  ideaId: z.string().optional(),
  durationMs: z.number().optional(),
  attempts: z.int().optional(),
});

const Seq = z.int().min(1);

/**
 * A committed change to a session, numbered per session (`seq` grows by one per change, from the session's
 * file, so it survives restarts): the renderer applies them in order, ignores `seq` it has, and on a gap asks
 * `ideator.since`. Usage changes carry the call's entry and the session's running totals after it.
 */
const ChangeVariants = [
  z.object({ type: z.literal('turn'), sessionId: z.string(), seq: Seq, turn: TurnSchema }),
  z.object({
    type: z.literal('status'),
    sessionId: z.string(),
    seq: Seq,
    status: SessionStatusSchema,
    error: ErrorSummarySchema,
  }),
  z.object({ type: z.literal('idea'), sessionId: z.string(), seq: Seq, idea: IdeaRecordSchema }),
  z.object({ type: z.literal('version'), sessionId: z.string(), seq: Seq, version: IdeaVersionSchema }),
  /** A call's tokens, with the session's running totals (priced in the main process, where the price table is). */
  z.object({
    type: z.literal('usage'),
    sessionId: z.string(),
    seq: Seq,
    entry: LedgerEntrySchema,
    totals: UsageTotalsSchema,
  }),
] as const;

export const IdeatorChangeSchema = z.discriminatedUnion('type', [...ChangeVariants]);

export const IdeatorSinceResultSchema = z.object({
  /** The session's latest change; when `changes` ends before it, ask again from the last one. */
  seq: z.int(),
  changes: z.array(IdeatorChangeSchema),
});

/**
 * One event name for the whole ideator: the numbered changes above, plus streamed tokens and retry notices,
 * which are only shown while they happen (not stored, not numbered).
 */
export const IdeatorEventSchema = z.discriminatedUnion('type', [
  ...ChangeVariants,
  z.object({
    type: z.literal('token'),
    sessionId: z.string(),
    ideaId: z.string(),
    agent: z.enum(['researcher', 'mentor']),
    text: z.string(),
    /** Grows when a failed attempt's streamed text should be discarded. */
    attempt: z.int(),
  }),
  z.object({
    type: z.literal('retry'),
    sessionId: z.string(),
    attempt: z.int(),
    delayMs: z.number(),
    code: z.string(),
    message: z.string(),
  }),
]);

export const ideatorChannels = {
  'ideator.estimate': { request: IdeatorEstimateRequestSchema, response: IdeatorEstimateSchema },
  'ideator.start': { request: IdeatorStartSchema, response: SessionRecordSchema },
  'ideator.list': { request: z.strictObject({}), response: z.array(SessionRecordSchema) },
  'ideator.get': { request: SessionRef, response: SessionDetailSchema },
  'ideator.since': { request: IdeatorSinceSchema, response: IdeatorSinceResultSchema },
  'ideator.pause': { request: SessionRef, response: SessionRecordSchema },
  'ideator.resume': { request: SessionRef, response: SessionRecordSchema },
  'ideator.stop': { request: SessionRef, response: SessionRecordSchema },
  'ideator.interject': { request: IdeatorInterjectSchema, response: TurnSchema },
  'ideator.decide': { request: IdeatorDecideSchema, response: IdeaRecordSchema },
  'ideator.undoDecision': { request: IdeatorUndoDecisionSchema, response: IdeaRecordSchema },
  'ideator.fork': { request: IdeatorForkSchema, response: SessionRecordSchema },
  'ideator.branch': { request: IdeatorBranchSchema, response: SessionRecordSchema },
  'ideator.ledger': { request: SessionRef, response: z.object({ agents: z.array(AgentUsageSchema) }) },
  'ideator.exportIdea': { request: IdeatorExportSchema, response: IdeaReportSchema },
} as const;

export type IdeatorEstimate = z.output<typeof IdeatorEstimateSchema>;
export type IdeatorSessionRecord = z.output<typeof SessionRecordSchema>;
export type IdeatorSessionStatus = z.output<typeof SessionStatusSchema>;
export type IdeatorSessionDetail = z.output<typeof SessionDetailSchema>;
export type IdeatorIdeaRecord = z.output<typeof IdeaRecordSchema>;
export type IdeatorIdeaVersion = z.output<typeof IdeaVersionSchema>;
export type IdeatorCitation = z.output<typeof CitationSchema>;
export type IdeatorTurn = z.output<typeof TurnSchema>;
export type IdeatorUsageTotals = z.output<typeof UsageTotalsSchema>;
export type IdeatorAgentUsage = z.output<typeof AgentUsageSchema>;
export type IdeatorEventPayload = z.output<typeof IdeatorEventSchema>;
export type IdeatorChange = z.output<typeof IdeatorChangeSchema>;
export type IdeatorSinceResult = z.output<typeof IdeatorSinceResultSchema>;
export type IdeaReport = z.output<typeof IdeaReportSchema>;
export type IdeaFields = z.output<typeof IdeaSchema>;
export type IdeatorInspirationMethod = z.output<typeof InspirationMethodSchema>;
export type IdeatorMentorPersona = z.output<typeof MentorPersonaSchema>;
export type IdeatorMentorPolicy = z.output<typeof MentorPolicySchema>;
