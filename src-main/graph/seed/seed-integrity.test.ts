import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isEdgeAllowed } from '../model.ts';
import { normalizeName } from '../normalize-name.ts';
import { namingProblems, plainWords } from './naming-rules.ts';
import { readSeedData } from './read-seed.ts';
import { paperNodeName } from './seed-batch.ts';
import { PAPER_REF_PREFIX } from './seed-format.ts';
import type { SeedNode } from './seed-format.ts';

/**
 * The shipped seed graph, checked as data: every node traced to a paper, no dangling edges, kinds and levels
 * right, the naming rules kept, every corpus paper covered. Run on the real files in graph/seed and resources/.
 */
const { graph, papers } = readSeedData();
const nodeByKey = new Map(graph.nodes.map((node) => [node.key, node]));
const paperIds = new Set(papers.papers.map((paper) => paper.id));
const edgesOfType = (type: string) => graph.edges.filter((edge) => edge.type === type);
const edgeKey = (type: string, from: string, to: string): string => `${type} ${from} ${to}`;

// The corpus the seed was curated from; present on the machines the seed is maintained on, not in every checkout.
const CORPUS = '/work/shared/reference/seed-corpus/papers.jsonl';

describe('seed graph integrity', () => {
  it('has 122 papers, ids s001…s122 in corpus order, each read into at least one triple', () => {
    expect(papers.papers).toHaveLength(122);
    papers.papers.forEach((paper, index) => {
      expect(paper.id).toBe(`s${String(index + 1).padStart(3, '0')}`);
      expect(paper.corpusLine).toBe(index + 1);
    });
    const covered = new Set(graph.triples.map((triple) => triple.paper));
    expect([...paperIds].filter((id) => !covered.has(id))).toEqual([]);
    expect([...covered].filter((id) => !paperIds.has(id))).toEqual([]);
  });

  it.skipIf(!existsSync(CORPUS))('copies the corpus abstracts and titles field for field', () => {
    const corpus = readFileSync(CORPUS, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { title: string | null; abstract: string; code?: string | null });
    expect(corpus).toHaveLength(papers.papers.length);
    corpus.forEach((entry, index) => {
      const paper = papers.papers[index];
      expect(paper?.abstract).toBe(entry.abstract);
      expect(paper?.title).toBe(entry.title ?? null);
      expect(paper?.codeUrl).toBe(entry.code ?? null);
    });
  });

  it('gives every paper a unique node name, and labels untitled papers as untitled', () => {
    const names = papers.papers.map((paper) => normalizeName(paperNodeName(paper)));
    expect(new Set(names).size).toBe(names.length);
    for (const paper of papers.papers.filter((p) => p.title === null)) {
      expect(paperNodeName(paper)).toMatch(new RegExp(`^Untitled paper ${paper.id}: `));
    }
  });

  it('has no dangling, duplicate or self-looping edges', () => {
    const seen = new Set<string>();
    graph.edges.forEach((edge, index) => {
      const where = `edges.${index}`;
      expect(nodeByKey.has(edge.from), `${where}.from ${edge.from}`).toBe(true);
      const toPaper = edge.to.startsWith(PAPER_REF_PREFIX);
      const resolves = toPaper
        ? paperIds.has(edge.to.slice(PAPER_REF_PREFIX.length))
        : nodeByKey.has(edge.to);
      expect(resolves, `${where}.to ${edge.to}`).toBe(true);
      expect(edge.from, `${where} is a self-loop`).not.toBe(edge.to);
      const key = edgeKey(edge.type, edge.from, edge.to);
      expect(seen.has(key), `${where} repeats ${key}`).toBe(false);
      seen.add(key);
    });
  });

  it('connects the right kinds: problem→challenge, challenge→solution, parent→child of one kind, node→paper', () => {
    for (const edge of graph.edges) {
      const from = nodeByKey.get(edge.from);
      const toKind = edge.to.startsWith(PAPER_REF_PREFIX) ? 'Paper' : nodeByKey.get(edge.to)?.kind;
      expect(from && toKind && isEdgeAllowed(edge.type, from.kind, toKind), JSON.stringify(edge)).toBe(true);
      if (edge.type === 'PARENT_OF') {
        expect(from?.level, `${edge.from} is a parent`).toBe(1);
        expect(nodeByKey.get(edge.to)?.level, `${edge.to} is a child`).toBe(0);
      }
      if (edge.type === 'EXTRACTED_FROM') expect(from?.level, `${edge.from} is mined`).toBe(0);
    }
  });

  it('traces every node to a paper: level 0 by EXTRACTED_FROM, parents through at least two traced children', () => {
    const traced = new Set(edgesOfType('EXTRACTED_FROM').map((edge) => edge.from));
    const level0 = graph.nodes.filter((node) => node.level === 0);
    expect(level0.filter((node) => !traced.has(node.key)).map((node) => node.key)).toEqual([]);
    for (const parent of graph.nodes.filter((node) => node.level === 1)) {
      const children = edgesOfType('PARENT_OF').filter((edge) => edge.from === parent.key);
      expect(children.length, `${parent.key} groups ${children.length} nodes`).toBeGreaterThanOrEqual(2);
      for (const child of children) expect(traced.has(child.to), `${parent.key} → ${child.to}`).toBe(true);
    }
    expect(graph.nodes.filter((node) => node.level === 1 && node.kind === 'Solution')).toEqual([]);
  });

  it('has exactly the edges its triples and parent groups imply', () => {
    const expected = new Set<string>();
    for (const t of graph.triples) {
      expect(nodeByKey.get(t.problem)?.kind, `${t.paper} problem ${t.problem}`).toBe('Problem');
      expect(nodeByKey.get(t.challenge)?.kind, `${t.paper} challenge ${t.challenge}`).toBe('Challenge');
      expect(nodeByKey.get(t.solution)?.kind, `${t.paper} solution ${t.solution}`).toBe('Solution');
      expected.add(edgeKey('HAS_CHALLENGE', t.problem, t.challenge));
      expected.add(edgeKey('SOLVED_BY', t.challenge, t.solution));
      for (const key of [t.problem, t.challenge, t.solution]) {
        expected.add(edgeKey('EXTRACTED_FROM', key, `${PAPER_REF_PREFIX}${t.paper}`));
      }
    }
    for (const edge of edgesOfType('PARENT_OF')) expected.add(edgeKey(edge.type, edge.from, edge.to));
    const actual = new Set(graph.edges.map((edge) => edgeKey(edge.type, edge.from, edge.to)));
    expect([...actual].filter((key) => !expected.has(key))).toEqual([]);
    expect([...expected].filter((key) => !actual.has(key))).toEqual([]);
    const inTriples = new Set(graph.triples.flatMap((t) => [t.problem, t.challenge, t.solution]));
    const unused = graph.nodes.filter((node) => node.level === 0 && !inTriples.has(node.key));
    expect(unused.map((node) => node.key)).toEqual([]);
  });

  it('keeps the naming rules: name lengths, no acronyms or capitalised method names, short descriptions', () => {
    const broken = graph.nodes
      .map((node) => ({ key: node.key, name: node.name, problems: namingProblems(node) }))
      .filter((entry) => entry.problems.length > 0);
    expect(broken).toEqual([]);
  });

  it('uses no author method name from the papers it was read from', () => {
    const methodNames = authorMethodNames();
    // The detector itself finds what it should: method names the abstracts and titles really use.
    for (const known of [
      'rank surprisal ratio',
      'bottom up policy optimization',
      'reinforcement learning interleaved with online fine tuning',
      'shop r1',
      'prism',
      'satori',
    ]) {
      expect(methodNames).toContain(known);
    }
    const hits: string[] = [];
    for (const node of graph.nodes) {
      const text = ` ${plainWords([node.name, ...node.aliases].join(' | '))} `;
      for (const method of methodNames)
        if (text.includes(` ${method} `)) hits.push(`${node.key}: "${method}"`);
    }
    expect(hits).toEqual([]);
  });

  it('merges identical names: one node per kind and normalised name, aliases included', () => {
    const owner = new Map<string, string>();
    for (const node of graph.nodes) {
      for (const spelling of [node.name, ...node.aliases]) {
        const key = `${node.kind} ${normalizeName(spelling)}`;
        const other = owner.get(key);
        expect(
          other === undefined || other === node.key,
          `${node.key} and ${other} share "${spelling}"`,
        ).toBe(true);
        owner.set(key, node.key);
      }
      expect(node.aliases).not.toContain(node.name);
    }
  });

  it('states its provenance: who curated it, from what, when and how, and how it is loaded', () => {
    expect(graph.provenance.curatedBy).toMatch(/\S/u);
    expect(graph.provenance.curatedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
    expect(graph.provenance.method).toMatch(/by hand/u);
    expect(graph.provenance.loadedAs).toEqual({ origin: 'curated', review: 'approved', actor: 'motiv-seed' });
    expect(graph.papersFile).toBe('resources/seed-papers.json');
  });
});

describe('the naming-rule checks themselves', () => {
  const ok: Pick<SeedNode, 'kind' | 'name' | 'description'> = {
    kind: 'Problem',
    name: 'Reinforcement learning for language model reasoning',
    description: 'Improving reasoning with rewards.',
  };

  it('accept a rule-abiding node and name each kind of violation', () => {
    expect(namingProblems(ok)).toEqual([]);
    expect(namingProblems({ ...ok, name: 'Reasoning' })[0]).toMatch(/1 words/u);
    expect(namingProblems({ ...ok, name: 'Better LLM reasoning with rewards' }).join()).toMatch(/"LLM"/u);
    expect(namingProblems({ ...ok, name: 'Training reasoners with the BuPO objective' }).join()).toMatch(
      /"BuPO"/u,
    );
    expect(namingProblems({ ...ok, name: 'Reasoning with Shop-R1 style rewards' }).join()).toMatch(/digits/u);
    expect(namingProblems({ ...ok, name: 'Reasoning with Adversarial Surprise here' }).join()).toMatch(
      /capitalises "Adversarial"/u,
    );
    expect(namingProblems({ ...ok, description: 'One. Two. Three.' }).join()).toMatch(/3 sentences/u);
  });

  it('refuse a challenge that joins two difficulties, except where "and" is part of one concept', () => {
    const challenge = {
      kind: 'Challenge' as const,
      name: 'Costly training and verbose reasoning in video models',
      description: 'One. Two.',
    };
    expect(namingProblems(challenge).join()).toMatch(/joins two difficulties with "and"/u);
    const joinedByOr = 'Unsolvable or unstructured environments in automatic generation';
    expect(namingProblems({ ...challenge, name: joinedByOr }).join()).toMatch(/with "or"/u);
    const joinedByComma = 'Weak goal-setting, time management in students';
    expect(namingProblems({ ...challenge, name: joinedByComma }).join()).toMatch(/with ","/u);
    const oneConcept = 'Incompatible input and output formats across interpretation methods';
    expect(namingProblems({ ...challenge, name: oneConcept })).toEqual([]);
    // The same words in a problem or solution name are not a challenge's atomicity fault.
    expect(namingProblems({ ...ok, name: 'Planning and acting with language models' })).toEqual([]);
  });

  it('refuse a solution named as a survey, study, benchmark or analysis rather than a method', () => {
    const solution = {
      kind: 'Solution' as const,
      name: 'Scoring trajectories by token rank relative to their surprisal',
      description: 'One. Two.',
    };
    expect(namingProblems(solution)).toEqual([]);
    const notMethods: readonly (readonly [string, string])[] = [
      ['Survey of single-model and multi-model collaborative efficient reasoning', 'Survey'],
      ['Systematic study of training method, reward model and prompt variation', 'study'],
      ['Manually annotated benchmark requiring distant multi-frame evidence with distractors', 'benchmark'],
      ['Difficulty-stratified analysis of reinforcement learning versus distillation effects', 'analysis'],
      ['Review linking diffusion applications, statistical rates and guided optimisation', 'Review'],
    ];
    for (const [name, word] of notMethods) {
      expect(namingProblems({ ...solution, name }).join(), name).toMatch(new RegExp(`says "${word}"`, 'u'));
    }
  });
});

/**
 * Names the papers give their own methods, in the plain form names are compared in: a one-token title prefix
 * ("Shop-R1: …", "PRISM: …") and a capitalised phrase right before its own acronym ("Rank-Surprisal Ratio (RSR)").
 * Field terms introduced the same way ("Group Relative Policy Optimization (GRPO)") are not author names and are
 * listed in FIELD_TERMS.
 */
function authorMethodNames(): Set<string> {
  const names = new Set<string>();
  for (const paper of papers.papers) {
    const prefix = paper.title?.split(':')[0]?.trim();
    if (paper.title?.includes(':') && prefix && !/\s/u.test(prefix)) names.add(plainWords(prefix));
    for (const match of paper.abstract.matchAll(/((?:[A-Z][\w-]*\s+){1,6})\(([A-Za-z0-9-]{2,12})\)/gu)) {
      const [, phrase = '', acronym = ''] = match;
      if (!/[A-Z].*[A-Z]/u.test(acronym)) continue;
      const plain = plainWords(phrase);
      // The acronym itself is caught by the no-acronym rule; only the spelled-out phrase needs this list.
      if (!FIELD_TERMS.has(plain)) names.add(plain);
    }
    // The other order: "ReLIFT (Reinforcement Learning Interleaved with Online Fine-Tuning)".
    for (const match of paper.abstract.matchAll(
      /\b[A-Za-z-]*[A-Z][A-Za-z-]*[A-Z][\w-]*\s+\(([A-Z][^)]{4,120})\)/gu,
    )) {
      const plain = plainWords(match[1] ?? '');
      if (!FIELD_TERMS.has(plain)) names.add(plain);
    }
  }
  names.delete('');
  return names;
}

const FIELD_TERMS = new Set([
  'large language models',
  'large language model',
  'multimodal large language models',
  'large multimodal models',
  'large reasoning models',
  'reinforcement learning',
  'chain of thought',
  'retrieval augmented generation',
  'group relative policy optimization',
  'supervised fine tuning',
  'direct preference optimization',
  'vision language models',
  'verifiable rewards',
  'reward models',
  'generative reward model',
  'process reward models',
  'image quality assessment',
  'in context learning',
  'ultra high definition',
  'graphical user interface',
  'transformer',
]);
