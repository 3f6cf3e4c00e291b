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

export const DossierNodeSchema = z.object({
  id: z.string(),
  kind: NodeKindSchema,
  name: z.string(),
  description: z.string(),
});

export const DossierEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  type: z.enum(['PARENT_OF', 'HAS_CHALLENGE', 'SOLVED_BY', 'EXTRACTED_FROM', 'CITES']),
});

export const DossierPaperSchema = z.object({
  nodeId: z.string().nullable(),
  title: z.string(),
  authors: z.array(z.string()),
  year: z.int().nullable(),
  venue: z.string().nullable(),
  doi: z.string().nullable(),
  arxivId: z.string().nullable(),
  url: z.string().nullable(),
});

/** Which endpoint and model an agent ran on; the base URL with any `user:pass@` removed, never a key. */
export const DossierProviderSchema = z.object({
  role: z.string(),
  providerType: z.enum(['openai-compatible', 'local-gguf', 'not configured']),
  baseUrl: z.string(),
  model: z.string(),
});

export const ReproducibilitySchema = z.object({
  appName: z.string(),
  appVersion: z.string(),
  providers: z.array(DossierProviderSchema),
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

export const EXPORT_FORMATS = ['md', 'html', 'pdf', 'json', 'bibtex'] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);

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

/** The JSON export file: versioned, one dossier per idea. */
export const IdeaExportJsonSchema = z.object({
  schemaVersion: z.literal(DOSSIER_SCHEMA_VERSION),
  exportedAt: z.string(),
  app: z.object({ name: z.string(), version: z.string() }),
  ideas: z.array(DossierSchema),
});

export const reportsChannels = {
  'ideas.dossier': { request: IdeasDossierRequestSchema, response: DossierSchema },
  'ideas.export': { request: IdeasExportRequestSchema, response: IdeasExportResponseSchema },
} as const;

export type Dossier = z.infer<typeof DossierSchema>;
export type DossierVersion = z.infer<typeof DossierVersionSchema>;
export type DossierNode = z.infer<typeof DossierNodeSchema>;
export type DossierEdge = z.infer<typeof DossierEdgeSchema>;
export type DossierPaper = z.infer<typeof DossierPaperSchema>;
export type Reproducibility = z.infer<typeof ReproducibilitySchema>;
export type ExportFormat = z.infer<typeof ExportFormatSchema>;
export type IdeasExport = z.infer<typeof IdeasExportResponseSchema>;
export type IdeaExportJson = z.infer<typeof IdeaExportJsonSchema>;
