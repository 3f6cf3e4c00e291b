import type { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { NodeKind } from '../model.ts';
import type { ImportBatchInput } from '../port.ts';
import type { PaperPropsSchema } from '../schemas.ts';
import { PAPER_REF_PREFIX } from './seed-format.ts';
import type { SeedGraph, SeedNode, SeedPaper, SeedPapers } from './seed-format.ts';

/** Every seed node and edge enters the store as hand-curated and already reviewed. */
const SEEDED = { origin: 'curated', review: 'approved' } as const;

const UNTITLED_OPENING_WORDS = 10;

/**
 * A paper node's name is its title. 22 corpus papers have none; rather than invent one, they are labelled by
 * their seed id and the opening words of their abstract, which keeps the name unique and visibly not a title.
 */
export function paperNodeName(paper: SeedPaper): string {
  if (paper.title) return paper.title;
  const words = paper.abstract.split(/\s+/u).filter(Boolean);
  const opening = words.slice(0, UNTITLED_OPENING_WORDS).join(' ');
  return `Untitled paper ${paper.id}: ${opening}${words.length > UNTITLED_OPENING_WORDS ? '…' : ''}`;
}

function paperProps(paper: SeedPaper): z.input<typeof PaperPropsSchema> {
  const props: z.input<typeof PaperPropsSchema> = { authors: paper.authors, abstract: paper.abstract };
  if (paper.year !== null) props.year = paper.year;
  if (paper.venue !== null) props.venue = paper.venue;
  if (paper.doi !== null) props.doi = paper.doi;
  if (paper.arxivId !== null) props.arxivId = paper.arxivId;
  if (paper.codeUrl !== null) props.url = paper.codeUrl;
  return props;
}

/** Shown with the paper in the app, so where the seed came from is visible where it is used. */
export function paperProvenance(paper: SeedPaper, graph: SeedGraph): string {
  const { curatedBy, curatedAt } = graph.provenance;
  const untitled = paper.title === null ? ' The corpus gives no title for it.' : '';
  return (
    `Paper ${paper.id} of the seed corpus shipped with MotivGraph Studio (${graph.papersFile}).${untitled} ` +
    `The problem, challenge and solution nodes traced to it were curated by hand from its abstract by ${curatedBy}, ` +
    `on ${curatedAt}; see graph/seed/README.md.`
  );
}

const invalid = (path: string, message: string): AppError =>
  new AppError('VALIDATION', `Seed graph: ${path}: ${message}`, { path, field: path });

/**
 * The seed as one import batch (nodes by kind and name, so a re-run merges into what the first run wrote). Keys
 * are checked here first, so a broken seed is refused naming the JSON path before the store sees any of it.
 */
export function seedImportBatch(graph: SeedGraph, papers: SeedPapers): ImportBatchInput {
  const nodeByKey = new Map<string, SeedNode>();
  graph.nodes.forEach((node, index) => {
    if (nodeByKey.has(node.key)) throw invalid(`nodes.${index}.key`, `duplicate key "${node.key}"`);
    nodeByKey.set(node.key, node);
  });
  const paperById = new Map<string, SeedPaper>();
  papers.papers.forEach((paper, index) => {
    if (paperById.has(paper.id)) throw invalid(`papers.${index}.id`, `duplicate paper id "${paper.id}"`);
    paperById.set(paper.id, paper);
  });

  const refOf = (key: string, path: string): { kind: NodeKind; name: string } => {
    if (key.startsWith(PAPER_REF_PREFIX)) {
      const paper = paperById.get(key.slice(PAPER_REF_PREFIX.length));
      if (!paper) throw invalid(path, `no paper "${key}" in ${graph.papersFile}`);
      return { kind: 'Paper', name: paperNodeName(paper) };
    }
    const node = nodeByKey.get(key);
    if (!node) throw invalid(path, `no node with key "${key}"`);
    return { kind: node.kind, name: node.name };
  };

  const edges: ImportBatchInput['edges'] = graph.edges.map((edge, index) => ({
    type: edge.type,
    from: refOf(edge.from, `edges.${index}.from`),
    to: refOf(edge.to, `edges.${index}.to`),
    ...SEEDED,
  }));
  const nodes: ImportBatchInput['nodes'] = [
    ...papers.papers.map((paper) => ({
      kind: 'Paper' as const,
      name: paperNodeName(paper),
      description: paperProvenance(paper, graph),
      props: paperProps(paper),
      ...SEEDED,
    })),
    ...graph.nodes.map((node) => ({
      kind: node.kind,
      name: node.name,
      description: node.description,
      aliases: node.aliases,
      level: node.level,
      ...SEEDED,
    })),
  ];
  return { nodes, edges };
}
