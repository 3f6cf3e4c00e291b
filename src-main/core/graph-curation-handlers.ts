import type { GraphCurationChannel, GraphDeletePreview } from '../contract/graph-curation.ts';
import { exportGraph } from '../graph/export/export-graph.ts';
import { parseGraphDump, withNotes } from '../graph/dump-format.ts';
import type { GraphNode } from '../graph/model.ts';
import type { GraphStore, MergeRecord, MergeStep } from '../graph/port.ts';
import type { ParsedRequestOf } from '../contract/channels.ts';
import { refuseIdeaMirrorWrite } from './idea-node-guard.ts';
import { AppError } from '../shared/errors.ts';
import type { GraphHandlerDeps } from './graph-handlers.ts';
import type { Handler } from './handler-table.ts';
import { createUndoTokens } from './undo-token.ts';
import type { NodeNote } from '../graph/notes/node-note.ts';
import type { NodeNotes } from '../graph/notes/node-notes.ts';
import { noteFitsUndo, parseDeleteUndo, parseMergeUndo } from '../graph/notes/note-undo.ts';

export type GraphCurationHandlers = { [C in GraphCurationChannel]: Handler<C> };

/**
 * Hand curation over the configured store (embedded or the lab's Neo4j). The store keeps the rules (edge kinds,
 * unique names, versions, one transaction per write, the audit log); these handlers add what a person needs
 * around them: no silent merge on create, the edges a delete takes with it, ideator-owned data left alone.
 */
export function createGraphCurationHandlers(deps: GraphHandlerDeps): GraphCurationHandlers {
  const ctx = (): { actor: string } => ({ actor: deps.actor() });
  const tokens = createUndoTokens(() => JSON.stringify(deps.storeInfo()));
  return {
    'graph.create': async (request) => {
      const store = await deps.store();
      const existing = await store.getNodeByName(request.kind, request.name);
      if (existing) throw alreadyThere(existing.id, existing.name, request.kind);
      const { node, created } = await store.upsertNode({ ...request, origin: 'curated' }, ctx());
      // A second writer created the same name in between: the upsert folded ours into theirs.
      if (!created) throw alreadyThere(node.id, node.name, request.kind);
      deps.changed?.([node.id], 'create');
      return node;
    },
    'graph.deletePreview': async (request) => deletePreview(await deps.store(), request.id),
    'graph.delete': async (request) => {
      const store = await deps.store();
      const preview = await deletePreview(store, request.id);
      if (preview.node.kind === 'Idea') {
        throw new AppError(
          'VALIDATION',
          `"${preview.node.name}" is an idea written by the ideator: archive or delete it in Ideate`,
          { field: 'id' },
        );
      }
      const record = await store.deleteNode(
        { id: request.id, expectedVersion: request.expectedVersion },
        ctx(),
      );
      const notes = await deps.notes();
      const note = await notes.get(request.id);
      await notes.removeFor([request.id]);
      const others = record.edges.map((e) => (e.from === request.id ? e.to : e.from));
      deps.changed?.([request.id, ...others], 'delete');
      const undo = noteFitsUndo(note) ? tokens.issue('delete', { graph: record, note }) : null;
      return { id: request.id, edgesRemoved: record.edges.length, undo };
    },
    'graph.restoreDeleted': async (request) => {
      const { graph, note } = parseDeleteUndo(tokens.open('delete', request.undo));
      const result = await (await deps.store()).restoreDeleted(graph, ctx());
      if (note) await (await deps.notes()).restore(note);
      const others = result.edgesRestored.map((e) => (e.from === result.node.id ? e.to : e.from));
      deps.changed?.([result.node.id, ...others], 'create');
      return {
        node: result.node,
        edgesRestored: result.edgesRestored.length,
        edgesSkipped: result.edgesSkipped,
        noteRestored: note !== null,
      };
    },
    'graph.unmerge': async (request) => {
      const { graph, notes } = parseMergeUndo(tokens.open('merge', request.undo));
      const result = await (await deps.store()).unmerge(graph, ctx());
      const keepNote = await (await deps.notes()).unmerge(notes, deps.actor());
      deps.changed?.([result.keep.id, ...result.restored.map((n) => n.id)], 'merge');
      return {
        keep: result.keep,
        restored: result.restored,
        edgesRestored: result.edgesRestored.length,
        edgesSkipped: result.edgesSkipped,
        notesRestored: notes.drops.length,
        keepNote,
      };
    },
    'graph.addEdge': async (request) => {
      const result = await (await deps.store()).addEdge({ ...request, origin: 'curated' }, ctx());
      if (result.created) deps.changed?.([request.from, request.to], 'edge');
      return result;
    },
    'graph.removeEdge': async (request) => {
      const store = await deps.store();
      const edge = await store.getEdge(request.id);
      if (!edge)
        throw new AppError('NOT_FOUND', `No graph edge with id ${JSON.stringify(request.id)}`, {
          field: 'id',
        });
      if (edge.type === 'CITES') {
        throw new AppError(
          'VALIDATION',
          'A CITES edge belongs to an idea version: change the idea in Ideate',
          {
            field: 'id',
          },
        );
      }
      await store.removeEdge(request, ctx());
      deps.changed?.([edge.from, edge.to], 'edge');
      return { id: request.id };
    },
    'graph.export': async (request) => {
      const dump = withNotes(await (await deps.store()).dump(), await (await deps.notes()).all());
      const missing = request.ids?.filter((id) => !dump.nodes.some((n) => n.id === id)) ?? [];
      if (missing.length > 0) {
        throw new AppError('NOT_FOUND', `${missing.length} selected node(s) are no longer in the graph`, {
          field: 'ids',
          missing,
        });
      }
      return exportGraph(dump, request.format, request.ids);
    },
    'graph.mergeInto': async (request) => {
      const store = await deps.store();
      const drops = await Promise.all(request.drops.map(async (d) => (await store.getNode(d.id)) ?? d));
      const { node, record } = await mergeInto(store, request, ctx());
      const notes = await deps.notes();
      const undoNotes = await notesBeforeMerge(notes, node.id, drops);
      // The survivor keeps its note; the dropped nodes' notes are appended to it (graph/notes/node-notes.ts).
      const after = await notes.merge(
        node.id,
        drops.map((d) => ({ id: d.id, name: 'name' in d ? d.name : d.id })),
        deps.actor(),
      );
      deps.changed?.([request.keepId, ...request.drops.map((d) => d.id)], 'merge');
      const notesRecord = { ...undoNotes, keep: after ? { before: undoNotes.keep, after } : null };
      const undoable = [undoNotes.keep, after, ...undoNotes.drops].every(noteFitsUndo);
      return { node, undo: undoable ? tokens.issue('merge', { graph: record, notes: notesRecord }) : null };
    },
    'graph.push': async (request) => {
      const result = await deps.push(request.replace);
      deps.changed?.([], 'import');
      return result;
    },
    'graph.labStatus': async () => {
      const status = { store: deps.storeInfo(), actor: deps.actor() };
      try {
        await (await deps.store()).stats();
        return { ...status, reachable: true, problem: null };
      } catch (err) {
        // Only the store's own refusals are shown as they are; anything else stays a fault of ours.
        if (!(err instanceof AppError)) throw err;
        return { ...status, reachable: false, problem: err.message };
      }
    },
    'graph.saveNote': async (request) => {
      const node = await (await deps.store()).getNode(request.id);
      if (!node)
        throw new AppError('NOT_FOUND', `No graph node with id ${JSON.stringify(request.id)}`, {
          field: 'id',
        });
      const note = await (
        await deps.notes()
      ).save(
        { nodeId: request.id, expectedRevision: request.expectedRevision, text: request.text },
        deps.actor(),
      );
      deps.changed?.([request.id], 'note');
      return note;
    },
    'graph.import': async (request) => {
      const result = await (await deps.store()).restore(request.dump, ctx(), { replace: request.replace });
      // Parsed again only for its notes: the store's restore has refused a malformed dump already.
      await (await deps.notes()).put(parseGraphDump(request.dump).notes ?? [], request.replace);
      deps.changed?.([], 'import');
      return result;
    },
  };
}

/**
 * Folds several nodes into one. Every version is checked before anything is written, so a stale pick merges
 * nothing and names the nodes that moved; each merge is then its own store transaction (edges re-pointed, names
 * kept as aliases, provenance kept), and the survivor gets the chosen name with the others as aliases.
 */
async function mergeInto(
  store: GraphStore,
  request: ParsedRequestOf<'graph.mergeInto'>,
  ctx: { actor: string },
): Promise<{ node: GraphNode; record: MergeRecord }> {
  const wanted = [
    { id: request.keepId, expectedVersion: request.expectedKeepVersion, field: 'keepId' },
    ...request.drops.map((d, i) => ({ ...d, field: `drops.${i}.id` })),
  ];
  const nodes = await Promise.all(wanted.map((w) => store.getNode(w.id)));
  const stale: Array<{ id: string; name: string; expectedVersion: number; currentVersion: number }> = [];
  wanted.forEach((w, i) => {
    const node = nodes[i];
    if (!node)
      throw new AppError('NOT_FOUND', `No graph node with id ${JSON.stringify(w.id)}`, { field: w.field });
    if (node.kind === 'Idea') refuseIdeaMirrorWrite(node, 'name', w.field);
    if (node.version !== w.expectedVersion) {
      stale.push({
        id: node.id,
        name: node.name,
        expectedVersion: w.expectedVersion,
        currentVersion: node.version,
      });
    }
  });
  if (stale.length > 0) {
    throw new AppError(
      'CONFLICT',
      `${stale.map((s) => `"${s.name}"`).join(', ')} changed since you picked them; nothing was merged. Reload and merge again.`,
      { field: 'drops', stale },
    );
  }
  let kept = nodes[0] as GraphNode;
  const keepBefore = kept;
  const merged: string[] = [];
  const steps: MergeStep[] = [];
  try {
    for (const drop of request.drops) {
      const done = await store.mergeNodesRecorded(
        {
          keepId: kept.id,
          dropId: drop.id,
          expectedKeepVersion: kept.version,
          expectedDropVersion: drop.expectedVersion,
        },
        ctx,
      );
      kept = done.node;
      steps.push(done.step);
      merged.push(drop.id);
    }
    if (request.name !== undefined && request.name !== kept.name) {
      const aliases = [...new Set([...kept.aliases, kept.name])].filter((a) => a !== request.name);
      kept = await store.updateNode(
        { id: kept.id, expectedVersion: kept.version, patch: { name: request.name, aliases } },
        ctx,
      );
    }
  } catch (err) {
    if (!(err instanceof AppError) || merged.length === 0) throw err;
    throw new AppError(
      err.code,
      `${err.message} (${merged.length} of ${request.drops.length} were already merged)`,
      {
        cause: err.details,
        merged,
      },
    );
  }
  return { node: kept, record: { keepBefore, keepVersion: kept.version, steps } };
}

/** The notes a merge is about to change, for its undo. */
async function notesBeforeMerge(
  notes: NodeNotes,
  keepId: string,
  drops: ReadonlyArray<{ id: string }>,
): Promise<{ keep: NodeNote | null; drops: NodeNote[] }> {
  const dropNotes = await Promise.all(drops.map((d) => notes.get(d.id)));
  return { keep: await notes.get(keepId), drops: dropNotes.filter((n) => n !== null) };
}

function alreadyThere(id: string, name: string, kind: string): AppError {
  return new AppError('CONFLICT', `A ${kind} named "${name}" already exists: open it, or merge into it`, {
    field: 'name',
    existingId: id,
  });
}

async function deletePreview(store: GraphStore, id: string): Promise<GraphDeletePreview> {
  const node = await store.getNode(id);
  if (!node) throw new AppError('NOT_FOUND', `No graph node with id ${JSON.stringify(id)}`, { field: 'id' });
  const around = await store.subgraph({ ids: [id], depth: 1 });
  const byId = new Map(around.nodes.map((n) => [n.id, n]));
  const edges = around.edges.flatMap((edge) => {
    const other = byId.get(edge.from === id ? edge.to : edge.from);
    if ((edge.from !== id && edge.to !== id) || !other) return [];
    return [{ edge, other: { id: other.id, kind: other.kind, name: other.name } }];
  });
  return { node, edges, truncated: around.truncated };
}
