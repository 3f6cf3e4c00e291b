import { normalizeName } from '../graph/normalize-name.ts';
import type { PaperProps } from '../graph/model.ts';
import type { GraphStore, WriteContext } from '../graph/port.ts';
import { mergeIncoming } from '../graph/upsert-merge.ts';
import { AppError } from '../shared/errors.ts';
import type { ErrorBody } from '../shared/errors.ts';
import type { MatchedBy, PaperCatalog, PaperNode } from './paper-catalog.ts';
import type { PaperRecord, SourceFormat, ParseOutcome, ParsedPaper, SkippedEntry } from './paper-record.ts';
import type { PaperTextStore } from './paper-text-store.ts';

/**
 * One parsed file → one GraphStore `importBatch` (one transaction: a failure leaves no paper of the file).
 * Each record is matched against the catalog (DOI, then arXiv id, then title key) and becomes a Paper node input
 * that either creates a paper or merges into the matched one under the store's own upsert rule, which is also
 * used here to tell in advance which records change nothing; those are not written at all.
 */

/** duplicate: a later entry of a paper created by an earlier entry of the same file (merged into it). */
export type ImportStatus = 'created' | 'updated' | 'unchanged' | 'duplicate';

export interface ImportedPaper {
  title: string;
  id: string;
  status: ImportStatus;
  line?: number;
  entry?: string;
  /** How an existing (or earlier-in-this-file) paper was recognised. */
  matchedBy?: MatchedBy;
  warnings: string[];
}

export interface FileImportReport {
  file: string;
  format?: SourceFormat;
  papers: ImportedPaper[];
  skipped: SkippedEntry[];
  counts: Record<ImportStatus | 'skipped', number>;
  /** Set when the file was refused or its batch failed: nothing of it was written. */
  error?: ErrorBody;
}

export interface ImportOptions {
  ctx: WriteContext;
  /** Review state of new papers; imported bibliographies are the user's own choice, so approved by default. */
  review?: 'proposed' | 'approved';
  /** Where PDF sections go (introduction, method) for the miner; omitted → not kept. */
  texts?: PaperTextStore;
}

/** A Paper node input with every default explicit, so the upsert rule can be run on it here as in the store. */
interface PaperNodeInput {
  kind: 'Paper';
  name: string;
  description: string;
  aliases: string[];
  level: number;
  origin: 'imported';
  review: 'proposed' | 'approved';
  props: PaperProps;
}

/** A record without its title and sections is the Paper node's props (build-record.ts sets no undefined keys). */
function propsOf(record: PaperRecord): PaperProps {
  const { title: _title, sections: _sections, ...props } = record;
  return props;
}

/** The node input exactly as the store will see it after parsing (all defaults explicit). */
function nodeInput(record: PaperRecord, name: string, review: 'proposed' | 'approved'): PaperNodeInput {
  return {
    kind: 'Paper',
    name,
    description: record.abstract ?? '',
    aliases: name === record.title ? [] : [record.title],
    level: 0,
    origin: 'imported',
    review,
    props: propsOf(record),
  };
}

const PENDING = 'pending:';
let pendingIds = 0;

/** A node-shaped plan for a paper the batch will create; its id is replaced once the batch commits. */
function pendingNode(input: PaperNodeInput, actor: string): PaperNode {
  const now = new Date().toISOString();
  return {
    id: `${PENDING}${++pendingIds}`,
    kind: 'Paper',
    name: input.name,
    normalizedName: normalizeName(input.name),
    description: input.description,
    aliases: input.aliases,
    level: 0,
    props: input.props,
    origin: 'imported',
    review: input.review,
    createdBy: actor,
    updatedBy: actor,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

const emptyCounts = (skipped: number): FileImportReport['counts'] => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  duplicate: 0,
  skipped,
});

export async function importParsedFile(
  store: GraphStore,
  catalog: PaperCatalog,
  file: string,
  outcome: ParseOutcome,
  options: ImportOptions,
): Promise<FileImportReport> {
  const review = options.review ?? 'approved';
  const plan = catalog.fork();
  const batch: Array<PaperNodeInput> = [];
  // the current planned state of every paper this file touches, by id (pending ids for new papers)
  const states = new Map<string, PaperNode>();
  const lines: Array<{ parsed: ParsedPaper; status: ImportStatus; targetId: string; matchedBy?: MatchedBy }> =
    [];

  for (const parsed of outcome.papers) {
    const match = plan.find(parsed.record);
    if (!match) {
      const input = nodeInput(parsed.record, parsed.record.title, review);
      const node = pendingNode(input, options.ctx.actor);
      batch.push(input);
      states.set(node.id, node);
      plan.put(node);
      lines.push({ parsed, status: 'created', targetId: node.id });
      continue;
    }
    const current = states.get(match.node.id) ?? match.node;
    const input = nodeInput(parsed.record, current.name, review);
    const changes = mergeIncoming(current, input);
    const isNew = current.id.startsWith(PENDING);
    if (changes) {
      // the upsert rule only fills missing Paper props, so the result is still Paper props
      const next: PaperNode = { ...current, ...changes, props: changes.props as unknown as PaperProps };
      batch.push(input);
      states.set(next.id, next);
      plan.put(next);
    }
    const status: ImportStatus = isNew ? 'duplicate' : changes ? 'updated' : 'unchanged';
    lines.push({ parsed, status, targetId: current.id, matchedBy: match.by });
  }

  const report: FileImportReport = {
    file,
    format: outcome.format,
    papers: [],
    skipped: outcome.skipped,
    counts: emptyCounts(outcome.skipped.length),
  };
  if (batch.length) {
    let ids: string[];
    try {
      ids = (await store.importBatch({ nodes: batch }, options.ctx)).nodeIds;
    } catch (err) {
      // one transaction: nothing of this file was written, and the catalog keeps its old state. A fault that is
      // not an AppError goes up to the transport, which logs it under an id instead of showing its raw message.
      if (!(err instanceof AppError)) throw err;
      return { ...report, papers: [], counts: emptyCounts(outcome.skipped.length), error: err.toBody() };
    }
    // every batch input is a paper by name; new papers take their real id from the batch result
    const idByName = new Map(batch.map((input, i) => [normalizeName(input.name), ids[i]!] as const));
    const realIds = new Map<string, string>();
    for (const state of states.values()) {
      if (state.id.startsWith(PENDING)) {
        const pending = state.id;
        // the plan's index holds this very object under each of its keys, so the id changes everywhere
        state.id = idByName.get(state.normalizedName) ?? pending;
        realIds.set(pending, state.id);
      }
    }
    for (const line of lines) line.targetId = realIds.get(line.targetId) ?? line.targetId;
  }
  catalog.adopt(plan);

  for (const line of lines) {
    const { record, source, warnings } = line.parsed;
    const paper: ImportedPaper = { title: record.title, id: line.targetId, status: line.status, warnings };
    if (source.line !== undefined) paper.line = source.line;
    if (source.entry !== undefined) paper.entry = source.entry;
    if (line.matchedBy) paper.matchedBy = line.matchedBy;
    report.papers.push(paper);
    report.counts[line.status]++;
    if (record.sections && options.texts) {
      try {
        options.texts.save(line.targetId, { title: record.title, file, sections: record.sections });
      } catch (err) {
        paper.warnings.push(`sections not saved: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  return report;
}

/** A file refused before import (unreadable, wrong encoding, too large, password-protected, …). */
export function refusedFile(file: string, err: unknown): FileImportReport {
  if (!(err instanceof AppError)) throw err;
  return { file, papers: [], skipped: [], counts: emptyCounts(0), error: err.toBody() };
}
