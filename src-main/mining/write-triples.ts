import type { GraphStore, ImportBatchInput, ImportResult } from '../graph/port.ts';
import type { ReviewState } from '../graph/model.ts';
import { normalizeName } from '../graph/normalize-name.ts';
import type { Triple } from './extraction-schema.ts';

/**
 * A paper's accepted triples in one importBatch: one transaction, so a crash or a refused item leaves no half of a
 * paper in the graph. Identical names merge on the way in (the store upserts by normalised name, adding the new
 * spelling as an alias); EXTRACTED_FROM keeps every paper a node came from.
 */
export async function writeTriples(
  store: GraphStore,
  paperId: string,
  triples: Triple[],
  options: { review: ReviewState; actor: string },
): Promise<ImportResult> {
  const nodes: ImportBatchInput['nodes'] = [];
  const edges: NonNullable<ImportBatchInput['edges']> = [];
  const seen = new Set<string>();
  const node = (kind: 'Problem' | 'Challenge' | 'Solution', item: { name: string; description: string }) => {
    const ref = { kind, name: item.name };
    const key = `${kind}:${normalizeName(item.name)}`;
    if (!seen.has(key)) {
      seen.add(key);
      nodes.push({
        kind,
        name: item.name,
        description: item.description,
        level: 0,
        origin: 'mined',
        review: options.review,
      });
      edges.push({
        type: 'EXTRACTED_FROM',
        from: ref,
        to: { id: paperId },
        origin: 'mined',
        review: options.review,
      });
    }
    return ref;
  };
  for (const triple of triples) {
    const problem = node('Problem', triple.problem);
    const challenge = node('Challenge', triple.challenge);
    const solution = node('Solution', triple.solution);
    edges.push(
      { type: 'HAS_CHALLENGE', from: problem, to: challenge, origin: 'mined', review: options.review },
      { type: 'SOLVED_BY', from: challenge, to: solution, origin: 'mined', review: options.review },
    );
  }
  return store.importBatch({ nodes, edges }, { actor: options.actor });
}
