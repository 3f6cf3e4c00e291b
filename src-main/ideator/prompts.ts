import { readFileSync } from 'node:fs';
import { resourcePath } from '../shared/resources.ts';
import { AppError } from '../shared/errors.ts';

/**
 * Prompts live in versioned Markdown files (`prompts/<agent>.v<n>.md`), one `## section` per message kind, so
 * wording changes are reviewed as text and every session records which versions it ran with.
 */

/** v2 adds the user's chosen planning methods (inspiration); v1 stays loadable for the sessions that ran it. */
export const RESEARCHER_PROMPT_VERSION = 'researcher.v2';
/** v2 (issue 16): personas, the weakest-aspect policy, <ACCEPT>/<REJECT>, the idea and dialogue quoted as data. */
export const MENTOR_PROMPT_VERSION = 'mentor.v2';

export type PromptSections = ReadonlyMap<string, string>;

const cache = new Map<string, PromptSections>();

export function parseSections(text: string): PromptSections {
  const sections = new Map<string, string>();
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  for (const part of body.split(/^## /m).slice(1)) {
    const newline = part.indexOf('\n');
    const name = part.slice(0, newline).trim();
    sections.set(name, part.slice(newline + 1).trim());
  }
  return sections;
}

export function loadPrompts(version: string): PromptSections {
  const hit = cache.get(version);
  if (hit) return hit;
  if (!/^[a-z]+\.v\d+$/.test(version)) throw new AppError('VALIDATION', `Bad prompt version ${version}`);
  let text: string;
  try {
    text = readFileSync(resourcePath('ideatorPrompts', `${version}.md`), 'utf8');
  } catch {
    throw new AppError('NOT_FOUND', `Prompt file ${version}.md is missing`);
  }
  const sections = parseSections(text);
  cache.set(version, sections);
  return sections;
}

/** A section with `{{name}}` placeholders filled; an unknown placeholder is a bug in the prompt file. */
export function render(
  sections: PromptSections,
  name: string,
  vars: Record<string, string | number> = {},
): string {
  const template = sections.get(name);
  if (template === undefined) throw new AppError('INTERNAL', `Prompt section "${name}" is missing`);
  return template
    .replace(/\{\{(\w+)\}\}/g, (_all, key: string) => {
      const value = vars[key];
      if (value === undefined) throw new AppError('INTERNAL', `Prompt variable "${key}" has no value`);
      return String(value);
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
