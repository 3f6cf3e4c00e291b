import { z } from 'zod';
import { IdeaSchema } from '../ideator/idea-schema.ts';
import { IdeaIdSchema } from './evaluation-fields.ts';
import {
  CitationSchema,
  IdeaRecordSchema,
  SessionConfigSchema,
  TurnSchema,
  UsageTotalsSchema,
} from './ideator.ts';
import { IdeaEvaluationSchema } from './ratings.ts';

/**
 * Reports (src-main/reports/): `ideas.dossier`, everything known about one idea, and `ideas.export`, that dossier
 * as Markdown, HTML, PDF, JSON or BibTeX. The JSON export is the dossier list itself under a versioned envelope
 * (`IdeaExportJsonSchema`, schemaVersion 1): a reader validates a file with that schema.
 */

export const DOSSIER_SCHEMA_VERSION = 1;

const NodeKindSchema = z.enum(['Problem', 'Challenge', 'Solution', 'Paper', 'Idea', 'Topic']);

/** One version of the idea: its fields (so any two can be diffed), what it cited, and the dialogue that led to it. */
export const DossierVersionSchema = z.object({
  version: z.int(),
  idea: IdeaSchema,
  citations: z.array(CitationSchema),
  createdAt: z.string(),
  /** The session's turns for this idea after the previous version's turn, up to this version's own. */
  dialogue: z.array(TurnSchema),
});
export type DossierVersion = z.infer<typeof DossierVersionSchema>;

/** A graph node the idea cites, as the graph holds it now (renamed nodes show their new name). */
export const DossierNodeSchema = z.object({
  id: z.string(),
  kind: NodeKindSchema,
  name: z.string(),
  description: z.string(),
  /** The lab's Markdown note on the node (graph.saveNote) as it is now; absent in dossiers written before notes. */
  note: z.object({ text: z.string(), updatedBy: z.string(), updatedAt: z.string() }).nullable().optional(),
});
export type DossierNode = z.infer<typeof DossierNodeSchema>;

/** An edge among the cited nodes (`from`/`to` are node ids). */
export const DossierEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  type: z.enum(['PARENT_OF', 'HAS_CHALLENGE', 'SOLVED_BY', 'EXTRACTED_FROM', 'CITES']),
});
export type DossierEdge = z.infer<typeof DossierEdgeSchema>;

/** A Paper node the idea cites, or that a cited node was mined from (EXTRACTED_FROM). */
export const DossierPaperSchema = z.object({
  nodeId: z.string().nullable(),
  doi: z.string().nullable(),
  arxivId: z.string().nullable(),
  title: z.string(),
  authors: z.array(z.string()),
  /** null: unknown (the graph's props leave it out). */
  year: z.int().nullable(),
  venue: z.string().nullable(),
  url: z.string().nullable(),
});
export type DossierPaper = z.infer<typeof DossierPaperSchema>;

/** Which endpoint and model an agent ran on; the base URL with any `user:pass@` removed, never a key. */
export const DossierProviderSchema = z.object({
  role: z.string(),
  /** 'not configured': the role has no usable endpoint now; the model is still the one the session's ledger saw. */
  providerType: z.enum(['openai-compatible', 'local-gguf', 'not configured']),
  baseUrl: z.string(),
  model: z.string(),
});
export type DossierProvider = z.infer<typeof DossierProviderSchema>;

export const ReproducibilitySchema = z.object({
  providers: z.array(DossierProviderSchema),
  appName: z.string(),
  appVersion: z.string(),
  prompts: z.object({ researcher: z.string(), mentor: z.string() }),
  parameters: SessionConfigSchema,
  seed: z.int(),
  usage: UsageTotalsSchema,
  dates: z.object({
    sessionCreatedAt: z.string(),
    sessionUpdatedAt: z.string(),
    ideaCreatedAt: z.string(),
    ideaUpdatedAt: z.string(),
    generatedAt: z.string(),
  }),
});
export type Reproducibility = z.infer<typeof ReproducibilitySchema>;

export const DossierSchema = z.object({
  schemaVersion: z.literal(DOSSIER_SCHEMA_VERSION),
  idea: IdeaRecordSchema.extend({ topic: z.string(), sessionStatus: z.string() }),
  versions: z.array(DossierVersionSchema),
  citedNodes: z.array(DossierNodeSchema),
  /** Problems → challenges → solutions the idea cites, with the edges among them. */
  subgraph: z.object({ nodes: z.array(DossierNodeSchema), edges: z.array(DossierEdgeSchema) }),
  papers: z.array(DossierPaperSchema),
  /** From `ideas.evaluation`; null when it could not be read. */
  evaluation: IdeaEvaluationSchema.nullable(),
  reproducibility: ReproducibilitySchema,
});
export type Dossier = z.infer<typeof DossierSchema>;

export const EXPORT_FORMATS = ['md', 'html', 'pdf', 'json', 'bibtex'] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const IdeasDossierRequestSchema = z.strictObject({ ideaId: IdeaIdSchema });
export const IdeasExportRequestSchema = z.strictObject({
  ideaIds: z.array(IdeaIdSchema).min(1).max(100),
  format: ExportFormatSchema,
});
export const IdeasExportResponseSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** utf8 for the text formats, base64 for pdf. */
  encoding: z.enum(['utf8', 'base64']),
  content: z.string(),
});
export type IdeasExport = z.infer<typeof IdeasExportResponseSchema>;

/** The JSON export file: versioned, one dossier per idea. */
export const IdeaExportJsonSchema = z.object({
  schemaVersion: z.literal(DOSSIER_SCHEMA_VERSION),
  exportedAt: z.string(),
  app: z.object({ name: z.string(), version: z.string() }),
  ideas: z.array(DossierSchema),
});
export type IdeaExportJson = z.infer<typeof IdeaExportJsonSchema>;

export const reportsChannels = {
  'ideas.dossier': { request: IdeasDossierRequestSchema, response: DossierSchema },
  'ideas.export': { request: IdeasExportRequestSchema, response: IdeasExportResponseSchema },
} as const;
