import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { EmbeddedGraphStore } from '../embedded/embedded-store.ts';
import { parseGraphDump } from '../dump-format.ts';
import type { GraphDump } from '../dump-format.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { exportGraph } from './export-graph.ts';

const tempDir = useTempDirs();

// Names a paper, an LLM or a hostile file could carry: markup, quotes, separators, formulas, control characters.
const HOSTILE = [
  '<script>alert("x")</script> & \'quotes\'',
  '=HYPERLINK("http://evil.example","click"), with comma',
  '+cmd|" /C calc"!A0',
  '-2+3',
  '@SUM(A1:A9)',
  'line one\r\nline two "quoted"',
  'bell\u0007 and nul\u0000 and lone \uD800 surrogate',
];

async function hostileDump(): Promise<GraphDump> {
  const store = EmbeddedGraphStore.open(join(tempDir(), 'graph.sqlite'));
  try {
    const ctx = { actor: 'Dr. "Quote" <lab>' };
    const problem = { kind: 'Problem', name: HOSTILE[0] as string } as const;
    const challenges = HOSTILE.slice(1).map((name) => ({ kind: 'Challenge', name }) as const);
    await store.importBatch(
      {
        nodes: [{ ...problem, description: 'a & b < c', aliases: ['x, "y"'] }, ...challenges],
        edges: challenges.map((c) => ({ type: 'HAS_CHALLENGE' as const, from: problem, to: c })),
      },
      ctx,
    );
    return await store.dump();
  } finally {
    await store.close();
  }
}

describe('graph export', () => {
  it('GraphML is well-formed XML that parses back to every node and edge with its text intact', async () => {
    const dump = await hostileDump();
    const { files, nodes, edges } = exportGraph(dump, 'graphml');
    expect([nodes, edges]).toEqual([7, 6]);
    const errors: string[] = [];
    const doc = new DOMParser({
      errorHandler: (level: string, message: unknown) => {
        errors.push(`${level}: ${String(message)}`);
      },
    }).parseFromString(files[0]?.text ?? '', 'text/xml');
    expect(errors).toEqual([]);
    // xmldom is lenient, so well-formedness is also checked directly (the e2e export spec parses it in Chromium).
    const text = files[0]?.text ?? '';
    expect(text).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
    expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|apos|#13);)/);
    expect(text.replace(/<[^<>]*>/g, '')).not.toMatch(/[<>]/);
    const nodeEls = Array.from(doc.getElementsByTagName('node'));
    const edgeEls = Array.from(doc.getElementsByTagName('edge'));
    expect(nodeEls.map((n) => n.getAttribute('id')).sort()).toEqual(dump.nodes.map((n) => n.id).sort());
    expect(edgeEls).toHaveLength(6);
    const dataOf = (el: Element, key: string): string | null =>
      Array.from(el.getElementsByTagName('data')).find((d) => d.getAttribute('key') === key)?.textContent ??
      null;
    const names = nodeEls.map((n) => dataOf(n, 'n_name'));
    for (const name of HOSTILE.slice(0, 6)) expect(names).toContain(name);
    // Characters XML cannot carry at all are replaced, never written raw.
    expect(names).toContain('bell\uFFFD and nul\uFFFD and lone \uFFFD surrogate');
    const problemEl = nodeEls.find((n) => dataOf(n, 'n_kind') === 'Problem') as Element;
    expect(dataOf(problemEl, 'n_description')).toBe('a & b < c');
    expect(JSON.parse(dataOf(problemEl, 'n_aliases') ?? '[]')).toEqual(['x, "y"']);
    expect(dataOf(problemEl, 'n_createdBy')).toBe('Dr. "Quote" <lab>');
    const edge = edgeEls[0] as Element;
    expect(edge.getAttribute('source')).toBe(problemEl.getAttribute('id'));
    expect(dataOf(edge, 'e_type')).toBe('HAS_CHALLENGE');
  });

  it('CSV parses back with csv-parse row for row; formula cells are defused, the rest verbatim', async () => {
    const dump = await hostileDump();
    const { files } = exportGraph(dump, 'csv', undefined, 'lab');
    expect(files.map((f) => f.name)).toEqual(['lab.nodes.csv', 'lab.edges.csv']);
    const rows = parseCsv(files[0]?.text ?? '', { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(7);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const node of dump.nodes) {
      const row = byId.get(node.id);
      const formula = /^[=+\-@]/.test(node.name);
      expect(row?.name).toBe(formula ? `'${node.name}` : node.name);
      expect(row?.version).toBe(String(node.version));
    }
    expect(rows.find((r) => r.kind === 'Problem')?.description).toBe('a & b < c');
    expect(rows.some((r) => r.name === 'line one\r\nline two "quoted"')).toBe(true);
    // No cell a spreadsheet would evaluate.
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@]/);
    const edges = parseCsv(files[1]?.text ?? '', { columns: true }) as Array<Record<string, string>>;
    expect(edges.map((e) => e.id).sort()).toEqual(dump.edges.map((e) => e.id).sort());
    expect(new Set(edges.map((e) => e.type))).toEqual(new Set(['HAS_CHALLENGE']));
  });

  it('a selection keeps only its nodes and the edges among them, and its JSON restores as a dump', async () => {
    const dump = await hostileDump();
    const problem = dump.nodes.find((n) => n.kind === 'Problem');
    const challenge = dump.nodes.find((n) => n.kind === 'Challenge');
    const lonely = dump.nodes.filter((n) => n.kind === 'Challenge')[1];
    const ids = [problem?.id, challenge?.id, lonely?.id].filter((id): id is string => Boolean(id));
    const result = exportGraph(dump, 'json', ids);
    expect([result.nodes, result.edges]).toEqual([3, 2]);
    const back = parseGraphDump(JSON.parse(result.files[0]?.text ?? ''));
    expect(back.nodes.map((n) => n.id).sort()).toEqual([...ids].sort());
    expect(back.edges.every((e) => ids.includes(e.from) && ids.includes(e.to))).toBe(true);

    const target = EmbeddedGraphStore.open(join(tempDir(), 'target.sqlite'));
    try {
      expect(await target.restore(back, { actor: 't' }, { replace: true })).toEqual({ nodes: 3, edges: 2 });
    } finally {
      await target.close();
    }
  });
});
