import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { appRoot, APP_RESOURCES, resourcePath } from '../../shared/resources.ts';
import { parseSeedFile, SeedGraphSchema, SeedPapersSchema } from './seed-format.ts';
import type { SeedGraph, SeedPapers } from './seed-format.ts';

export const SEED_GRAPH_FILE = APP_RESOURCES.seedGraph.path;

export interface SeedData {
  graph: SeedGraph;
  papers: SeedPapers;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AppError('NOT_FOUND', `${file}: the seed file is missing from this installation`, { file });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new AppError('VALIDATION', `${file}: not valid JSON (${err instanceof Error ? err.message : ''})`, {
      file,
    });
  }
}

/** The seed graph and its papers as shipped with the app (found by the resource resolver, shared/resources.ts). */
export function readSeedData(graphFile: string = resourcePath('seedGraph')): SeedData {
  const graph = parseSeedFile(SeedGraphSchema, readJson(graphFile), graphFile);
  const papersFile = join(appRoot(), ...graph.papersFile.split('/'));
  const papers = parseSeedFile(SeedPapersSchema, readJson(papersFile), papersFile);
  return { graph, papers };
}
