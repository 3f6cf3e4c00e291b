import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseSections, render } from '../ideator/prompts.ts';
import type { PromptSections } from '../ideator/prompts.ts';
import { AppError } from '../shared/errors.ts';
import { resourcePath } from '../shared/resources.ts';

/**
 * Rubrics are versioned, editable Markdown files (`rubrics/<kind>.v<n>.md`, one `## section` per message) so a
 * wording change is reviewed as text; every judgment records the version it ran with and the hash of the exact
 * prompt sent.
 */

export const DIRECT_RUBRIC_VERSION = 'direct.v1';
export const PAIRWISE_RUBRIC_VERSION = 'pairwise.v1';

export interface Rubric {
  version: string;
  sections: PromptSections;
}

const cache = new Map<string, Rubric>();

export function loadRubric(version: string): Rubric {
  const hit = cache.get(version);
  if (hit) return hit;
  if (!/^(direct|pairwise)\.v\d+$/.test(version)) {
    throw new AppError('VALIDATION', `Bad rubric version ${version}`, { field: 'rubric' });
  }
  const file = resourcePath('judgeRubrics', `${version}.md`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AppError('NOT_FOUND', `Rubric file ${version}.md is missing`, { file });
  }
  const rubric = { version, sections: parseSections(text) };
  cache.set(version, rubric);
  return rubric;
}

export function renderRubric(rubric: Rubric, section: string, vars: Record<string, string>): string {
  return render(rubric.sections, section, vars);
}

/** sha256 of the messages exactly as sent: the same prompt to the same model is the same judgment. */
export function promptHash(messages: readonly { role: string; content: string }[]): string {
  const hash = createHash('sha256');
  for (const m of messages) hash.update(`${m.role}\u0000${m.content}\u0001`);
  return hash.digest('hex');
}
