/**
 * Prompts for mining. The `[role:…]` tag in each system prompt lets the scripted test server (and a human reading
 * a transcript) tell the calls apart. Kept in code, not files, so a bundled build needs nothing copied.
 */

export const EXTRACTOR_PROMPT_VERSION = 'extractor.v1';

export const EXTRACTOR_SYSTEM = `[role:extractor] You build a motivational knowledge graph from research papers.
From the paper you are given, extract every (problem, challenge, solution) triple it contains.
- Problem: a minimally granular research topic or task. Name: a general task or field, 3–7 words, no author-specific
  names and no acronyms. Description: 1–2 neutral sentences that define it and do not mention its difficulties.
- Challenge: a specific difficulty met within the problem. Name: "[specific difficulty or limitation] in [aspect of
  the problem]", 5–8 words, atomic. Description: 2–3 sentences on how the difficulty bears on the problem.
- Solution: the concrete method that addresses the challenge. Name: 7–10 words in general technical terms, never the
  authors' own method name or any acronym. Description: 2–3 sentences on how it works technically (read new methods
  from the method section).
Reply with one JSON object: {"triples":[{"problem":{"name","description"},"challenge":{…},"solution":{…}}]}.`;

export function extractorUserMessage(paper: { title: string; abstract: string; body?: string }): string {
  const parts = [`Title: ${paper.title}`, `Abstract: ${paper.abstract || '(none)'}`];
  if (paper.body) parts.push(`Text:\n${paper.body}`);
  return parts.join('\n\n');
}

export const MERGE_CONFIRM_SYSTEM = `[role:merge-confirm] You curate a knowledge graph of research problems,
challenges and solutions. Decide whether two nodes of the same kind name the same concept (so one can be merged into
the other) or different concepts. Reply with JSON: {"same": true|false, "reason": "…"}.`;

export const PARENT_SYSTEM = `[role:hierarchy] You organise a knowledge graph of research problems and challenges
into a hierarchy. You get one focal node and its nearest neighbours, all of one kind. Decide whether they share a
coherent, more general concept. If they do, name that parent concept following the naming rules for its kind
(Problem: 3–7 words, a general task or field, description 1–2 sentences; Challenge: 5–8 words, "[difficulty] in
[aspect]", description 2–3 sentences; never acronyms or author method names) and list which of the given nodes it
covers (always including the focal node). Reply with JSON: {"coherent": true|false, "name": "…", "description": "…",
"members": ["exact node names"]}. When not coherent, name, description and members may be empty.`;
