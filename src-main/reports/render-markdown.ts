import type { Dossier } from '../contract/reports.ts';
import type { Block, ReportDocument } from './report-document.ts';

/**
 * A report as Markdown. The text is the model's and the graph's, written as-is (a Markdown viewer renders it;
 * nothing here interprets it), except where the syntax around it would break: table cells and Mermaid labels.
 * The subgraph is a Mermaid flowchart, problems → challenges → solutions.
 */

const STATUS_WORDS = {
  resolved: 'in the graph',
  missing: '**not in the graph (flagged)**',
  unchecked: 'unchecked (the graph could not be read)',
} as const;

const cell = (text: string): string => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

/** A code span that holds any backticks the text has. */
function code(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  return fence.length > 1 ? `${fence} ${text} ${fence}` : `\`${text}\``;
}

/** Mermaid label text: quotes and angle brackets as entities (Mermaid renders labels as HTML). */
const mermaidLabel = (text: string): string =>
  text
    .replace(/\s+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;');

function mermaid(subgraph: Dossier['subgraph']): string {
  const ids = new Map(subgraph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['```mermaid', 'flowchart LR'];
  for (const n of subgraph.nodes) lines.push(`  ${ids.get(n.id)}["${mermaidLabel(`${n.kind}: ${n.name}`)}"]`);
  for (const e of subgraph.edges) {
    const from = ids.get(e.from);
    const to = ids.get(e.to);
    if (from && to) lines.push(`  ${from} -->|${e.type}| ${to}`);
  }
  lines.push('```');
  return lines.join('\n');
}

/**
 * A user's Markdown kept as Markdown, quoted, but inert where a viewer could run something: no raw HTML (`<` as
 * an entity) and no link other than http(s)/mailto (the link's `(` escaped, so it stays text).
 */
function quotedNote(text: string): string {
  const inert = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\]\(\s*(?!(?:https?|mailto):)/gi, ']\\(')
    .replace(/^(\s*)\[([^\]]*)\]:/gm, '$1\\[$2]:');
  return inert
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
}

function block(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${b.text}`;
    case 'paragraph':
      return b.style === 'note' ? `*${b.text}*` : b.text;
    case 'list':
      return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${item}`).join('\n');
    case 'fields':
      return b.rows.map(([label, value]) => `- ${label}: ${value}`).join('\n');
    case 'table':
      return [
        `| ${b.header.map(cell).join(' | ')} |`,
        `|${b.header.map(() => ' --- ').join('|')}|`,
        ...b.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
      ].join('\n');
    case 'citations':
      return b.items.map((c) => `- ${code(c.ref)}: ${STATUS_WORDS[c.status]}`).join('\n');
    case 'diagram':
      return mermaid(b.subgraph);
    case 'nodeNote':
      return `**${b.title}** (${b.byline})\n\n${quotedNote(b.text)}`;
    case 'turn':
      return `**${b.who}**${b.round > 0 ? ` (round ${b.round})` : ''}: ${b.text}`;
  }
}

export function renderMarkdown(document: ReportDocument): string {
  return `${document.blocks.map(block).join('\n\n')}\n`;
}
