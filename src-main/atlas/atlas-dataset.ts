import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { LIMITS } from '../graph/model.ts';
import { AppError } from '../shared/errors.ts';
import { resourcePath } from '../shared/resources.ts';
import { fieldIssues } from '../shared/zod-issues.ts';

/**
 * The planning-methods atlas (resources/planning-methods.json) as the main process reads it: only the fields the
 * graph mapping needs, validated, with limits that keep a hostile file from reaching the graph. The renderer's
 * Methods section validates the whole dataset itself (features/methods/dataset-schema.ts).
 */

/** Bigger than any description the survey gives (≤ 300 characters), far below the graph's 20 KB node limit. */
export const METHOD_DESCRIPTION_MAX_CHARS = 2_000;
/** The shipped file is ~260 KB; anything past this is not the atlas. */
export const ATLAS_FILE_MAX_BYTES = 16 * 1024 * 1024;

const AtlasMethodSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(150)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case slug'),
  name: z.string().trim().min(1).max(LIMITS.nameMaxChars),
  paperTitle: z.string().max(1_000).nullable(),
  year: z.int().nullable(),
  link: z.string().max(2_000).nullable(),
  arxivId: z.string().max(100).nullable(),
  description: z.string().trim().min(1).max(METHOD_DESCRIPTION_MAX_CHARS),
  categoryId: z.string().max(150),
});
export type AtlasMethod = z.infer<typeof AtlasMethodSchema>;

const AtlasCategorySchema = z.object({
  id: z.string().max(150),
  name: z.string().min(1).max(500),
  /** 'analysis': the survey's analysis and interpretation section (studies of planning, not methods). */
  kind: z.enum(['method-family', 'analysis']),
});

const AtlasSchema = z.object({
  taxonomy: z.array(AtlasCategorySchema).max(1_000),
  survey: z.object({
    title: z.string().min(1).max(1_000),
    arxivId: z.string().max(100),
    abs: z.string().max(2_000),
  }),
  methods: z
    .array(AtlasMethodSchema)
    .max(10_000)
    .refine(
      (methods) => new Set(methods.map((m) => m.id)).size === methods.length,
      'method ids must be unique',
    ),
});
export type Atlas = z.infer<typeof AtlasSchema>;

/** The 1-based line of a JSON.parse error, from its "position N" (the message's own wording varies by engine). */
function syntaxErrorLine(text: string, message: string): number | undefined {
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  return position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
}

/** The atlas from its text; VALIDATION naming the file and the line (bad JSON) or the field (bad data). */
export function parseAtlas(text: string, file: string): Atlas {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const line = syntaxErrorLine(text, reason);
    throw new AppError('VALIDATION', `${file}${line ? `:${line}` : ''}: not valid JSON (${reason})`, {
      file,
      ...(line ? { line } : {}),
    });
  }
  const parsed = AtlasSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = fieldIssues(parsed.error);
  const first = issues[0] ?? { path: '(root)', message: 'invalid' };
  throw new AppError('VALIDATION', `${file}: bad planning-methods data at ${first.path}: ${first.message}`, {
    file,
    field: first.path,
    issues: issues.slice(0, 20),
  });
}

/** The methods that propose a way of doing something: the analysis section's studies are no solutions. */
export function solutionMethods(atlas: Atlas): AtlasMethod[] {
  const families = new Set(atlas.taxonomy.filter((c) => c.kind === 'method-family').map((c) => c.id));
  return atlas.methods.filter((method) => families.has(method.categoryId));
}

/** The shipped atlas (found by the resource resolver), or another file of the same format. */
export function readAtlas(file: string = resourcePath('planningMethods')): Atlas {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new AppError('NOT_FOUND', `${file}: the planning-methods atlas is missing from this installation`, {
      file,
    });
  }
  if (size > ATLAS_FILE_MAX_BYTES) {
    throw new AppError(
      'VALIDATION',
      `${file}: ${size} bytes, more than the atlas may be (${ATLAS_FILE_MAX_BYTES})`,
      {
        file,
        field: '(file)',
      },
    );
  }
  return parseAtlas(readFileSync(file, 'utf8'), file);
}
