import { MINILM } from '../embeddings/minilm-files.ts';
import type { GraphNode } from '../graph/model.ts';
import { normalizeName } from '../graph/normalize-name.ts';
import type { GraphStore } from '../graph/port.ts';
import { nodeText } from '../mining/similarity.ts';
import { AppError } from '../shared/errors.ts';
import { solutionMethods, type Atlas } from './atlas-dataset.ts';
import { ATLAS_ACTOR, atlasHistory, atlasMethodIdOf, atlasNodeInput, pairKey } from './atlas-node.ts';
import { matchMethods, MATCH_RULES, type MatchRules, type MethodMatch } from './match-methods.ts';

/**
 * The atlas mapped onto the graph's challenges: `planMapping` reads the graph once and says what a run would
 * write; `applyPlan` writes it in batches, each one `importBatch` (one transaction). Nothing a person decided is
 * touched: an existing method node is only linked to by id, a rejected or deleted one and a rejected or removed
 * mapping edge are never proposed again (the audit log remembers what the atlas wrote).
 */

export type Embed = (texts: readonly string[], signal?: AbortSignal) => Promise<Float32Array[]>;

/** new: to be created; proposed/approved: the atlas node as a person left it; existing-solution: a solution of
 * the same name that the atlas did not write (linked, never changed); rejected/deleted: left alone. */
export type MethodStatus = 'new' | 'proposed' | 'approved' | 'existing-solution' | 'rejected' | 'deleted';
/** new: to be written; exists: already there (any review state but rejected); rejected/removed: not re-proposed. */
export type EdgeStatus = 'new' | 'exists' | 'rejected' | 'removed';

export interface PlannedMatch {
  challengeId: string;
  challengeName: string;
  score: number;
  semantic: number;
  lexical: number;
  status: EdgeStatus;
}

export interface PlannedMethod {
  methodId: string;
  name: string;
  paperTitle: string | null;
  arxivId: string | null;
  /** The graph node that is (or will be, after apply) this method; null while new. */
  nodeId: string | null;
  status: MethodStatus;
  matches: PlannedMatch[];
}

export interface MappingPlan {
  rules: MatchRules;
  challengesConsidered: number;
  methodsConsidered: number;
  /** Methods with at least one match, best first match first. */
  methods: PlannedMethod[];
}

const WRITABLE: ReadonlySet<MethodStatus> = new Set(['new', 'proposed', 'approved', 'existing-solution']);

function methodStatus(node: GraphNode | undefined, byAtlas: boolean, deleted: boolean): MethodStatus {
  if (node && byAtlas) return node.review === 'rejected' ? 'rejected' : node.review;
  if (deleted) return 'deleted';
  if (node) return node.review === 'rejected' ? 'rejected' : 'existing-solution';
  return 'new';
}

export interface PlanOptions {
  embed: Embed;
  signal?: AbortSignal;
  rules?: MatchRules;
  /** Texts embedded so far (challenges without a stored vector, then the methods) of `total`. */
  onProgress?: (done: number, total: number) => void;
}

const EMBED_CHUNK = 32;

/** Embeds in chunks so a long run reports progress and stops soon after a cancel. */
async function embedAll(
  texts: string[],
  options: PlanOptions,
  offset: number,
  total: number,
): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += EMBED_CHUNK) {
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'Mapping the atlas was cancelled.');
    out.push(...(await options.embed(texts.slice(start, start + EMBED_CHUNK), options.signal)));
    options.onProgress?.(offset + out.length, total);
  }
  return out;
}

export async function planMapping(
  store: GraphStore,
  atlas: Atlas,
  options: PlanOptions,
): Promise<MappingPlan> {
  const rules = options.rules ?? MATCH_RULES;
  const dump = await store.dump();
  const challenges = dump.nodes
    .filter((n) => n.kind === 'Challenge' && n.review !== 'rejected')
    .sort((a, b) => a.id.localeCompare(b.id));
  const stored = new Map(
    dump.embeddings.filter((e) => e.model === MINILM.modelId).map((e) => [e.nodeId, e.vector] as const),
  );
  const missing = challenges.filter((c) => !stored.has(c.id));
  const methods = solutionMethods(atlas);
  const total = missing.length + methods.length;
  const embedded = await embedAll(missing.map(nodeText), options, 0, total);
  const fresh = new Map(missing.map((c, i) => [c.id, embedded[i] as Float32Array] as const));
  const challengeVectors = challenges.map(
    (c) => fresh.get(c.id) ?? Float32Array.from(stored.get(c.id) ?? []),
  );
  const methodVectors = await embedAll(methods.map(nodeText), options, missing.length, total);
  const matches = matchMethods({ methods, methodVectors, challenges, challengeVectors }, rules);

  return describeMatches(store, atlas, matches, {
    rules,
    challengesConsidered: challenges.length,
    methodsConsidered: methods.length,
  });
}

/** The plan again after a write (or another person's), from its matches and the graph as it is now. */
export async function refreshPlan(store: GraphStore, atlas: Atlas, plan: MappingPlan): Promise<MappingPlan> {
  const matches: MethodMatch[] = plan.methods.flatMap((m) =>
    m.matches.map((x) => ({
      methodId: m.methodId,
      challengeId: x.challengeId,
      score: x.score,
      semantic: x.semantic,
      lexical: x.lexical,
    })),
  );
  const { methods: _methods, ...counts } = plan;
  return describeMatches(store, atlas, matches, counts);
}

/** Each match with what the graph already holds: the method's node and review state, the edge's. */
async function describeMatches(
  store: GraphStore,
  atlas: Atlas,
  matches: readonly MethodMatch[],
  counts: Omit<MappingPlan, 'methods'>,
): Promise<MappingPlan> {
  const dump = await store.dump();
  const methods = solutionMethods(atlas);
  const history = atlasHistory(await store.auditLog({ actor: ATLAS_ACTOR, limit: 10_000 }));
  const solutions = dump.nodes.filter((n) => n.kind === 'Solution');
  const byMarker = new Map<string, GraphNode>();
  for (const node of solutions) {
    const methodId = atlasMethodIdOf(node);
    if (methodId && !byMarker.has(methodId)) byMarker.set(methodId, node);
  }
  const byName = new Map(solutions.map((n) => [n.normalizedName, n] as const));
  const edges = new Map(
    dump.edges.filter((e) => e.type === 'SOLVED_BY').map((e) => [pairKey(e.from, e.to), e] as const),
  );
  const challengeName = new Map(
    dump.nodes.filter((n) => n.kind === 'Challenge').map((c) => [c.id, c.name] as const),
  );

  const planned = new Map<string, PlannedMethod>();
  for (const method of methods) {
    const marked = byMarker.get(method.id);
    const node = marked ?? byName.get(normalizeName(method.name));
    const status = methodStatus(node, marked !== undefined, history.methodsCreated.has(method.id));
    planned.set(method.id, {
      methodId: method.id,
      name: method.name,
      paperTitle: method.paperTitle,
      arxivId: method.arxivId,
      nodeId: status === 'deleted' ? null : (node?.id ?? null),
      status,
      matches: [],
    });
  }
  for (const match of matches) {
    const method = planned.get(match.methodId) as PlannedMethod;
    const key = method.nodeId ? pairKey(match.challengeId, method.nodeId) : null;
    const edge = key ? edges.get(key) : undefined;
    const status: EdgeStatus = edge
      ? edge.review === 'rejected'
        ? 'rejected'
        : 'exists'
      : key && history.edgesCreated.has(key)
        ? 'removed'
        : 'new';
    method.matches.push({
      challengeId: match.challengeId,
      challengeName: challengeName.get(match.challengeId) ?? '',
      score: match.score,
      semantic: match.semantic,
      lexical: match.lexical,
      status,
    });
  }
  // Best match first (matches arrive ranked, so each method's first match is its best); ties by method id.
  const withMatches = [...planned.values()].filter((m) => m.matches.length > 0);
  const best = (m: PlannedMethod): number => m.matches[0]?.score ?? 0;
  withMatches.sort((a, b) => best(b) - best(a) || a.methodId.localeCompare(b.methodId));
  return { ...counts, methods: withMatches };
}

export interface ApplyResult {
  nodesCreated: number;
  edgesCreated: number;
  /** Batches written (one transaction each). */
  batches: number;
}

export interface ApplyOptions {
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** The methods a run writes: a node to create or edges to add, on a method no person turned down. */
export function writableMethods(plan: MappingPlan): PlannedMethod[] {
  return plan.methods.filter(
    (m) => WRITABLE.has(m.status) && (m.status === 'new' || m.matches.some((x) => x.status === 'new')),
  );
}

/** Writes the plan's new nodes and edges, `batchSize` methods per transaction; a cancel stops between batches. */
export async function applyPlan(
  store: GraphStore,
  atlas: Atlas,
  plan: MappingPlan,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const todo = writableMethods(plan);
  const byId = new Map(atlas.methods.map((m) => [m.id, m] as const));
  const size = options.batchSize ?? 25;
  const result: ApplyResult = { nodesCreated: 0, edgesCreated: 0, batches: 0 };
  for (let start = 0; start < todo.length; start += size) {
    if (options.signal?.aborted) break;
    const batch = todo.slice(start, start + size);
    const nodes = batch
      .filter((m) => m.status === 'new')
      .flatMap((m) => {
        const method = byId.get(m.methodId);
        return method ? [atlasNodeInput(method, atlas.survey)] : [];
      });
    const edges = batch.flatMap((m) =>
      m.matches
        .filter((x) => x.status === 'new')
        .map((x) => ({
          type: 'SOLVED_BY' as const,
          from: { id: x.challengeId },
          to: m.nodeId ? { id: m.nodeId } : { kind: 'Solution' as const, name: m.name },
          origin: 'imported' as const,
          review: 'proposed' as const,
        })),
    );
    const written = await store.importBatch({ nodes, edges }, { actor: ATLAS_ACTOR });
    result.nodesCreated += written.nodesCreated;
    result.edgesCreated += written.edgesCreated;
    result.batches++;
    options.onProgress?.(Math.min(start + size, todo.length), todo.length);
  }
  return result;
}
