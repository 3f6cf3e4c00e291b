import type {
  CuratableEdgeType,
  GraphAddEdgeResult,
  GraphDeletePreview,
  GraphExportFormat,
} from '../../../../src-main/contract/graph-curation.ts';
import type { GraphEdge, GraphNode } from '../../../../src-main/contract/graph.ts';
import { invoke } from '../../../lib/api/client.ts';
import { saveTextFile } from '../../../lib/save-file.ts';
import { graph } from '../graph-state.svelte.ts';
import { undoStack } from './undo-stack.svelte.ts';

/**
 * Curation actions of the Graph section (create, delete, edges, merge, export, import), each a channel call
 * that names the version it read. Reversible ones push their inverse write on the window's undo stack.
 */

export type CreatableKind = 'Problem' | 'Challenge' | 'Solution' | 'Topic';

import { quote, recordDeleteUndo, recordMergeUndo } from './undo-records.ts';

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

class Curation {
  busy = $state(false);
  problem = $state<string | null>(null);
  /** The delete confirmation: the node and every edge that would go with it. */
  deletePreview = $state.raw<GraphDeletePreview | null>(null);
  /** The open node's edges (ids and versions, for removal). */
  edges = $state.raw<GraphDeletePreview['edges']>([]);
  notice = $state<string | null>(null);

  private async run<T>(write: () => Promise<T>): Promise<T | null> {
    this.busy = true;
    this.problem = null;
    try {
      return await write();
    } catch (err) {
      this.problem = messageOf(err);
      return null;
    } finally {
      this.busy = false;
    }
  }

  async create(input: { kind: CreatableKind; name: string; description: string }): Promise<GraphNode | null> {
    const node = await this.run(() => invoke('graph.create', input));
    if (!node) return null;
    undoStack.push({
      label: `create ${node.kind} ${quote(node.name)}`,
      revert: async () => {
        await invoke('graph.delete', { id: node.id, expectedVersion: node.version });
        return [node.id];
      },
    });
    await graph.refreshAfterWrite([node.id]);
    await graph.select(node.id);
    return node;
  }

  async loadEdges(id: string): Promise<void> {
    try {
      const preview = await invoke('graph.deletePreview', { id });
      if (graph.selectedId === id) this.edges = preview.edges;
    } catch {
      this.edges = []; // the node panel shows why the node itself could not be read
    }
  }

  async askDelete(id: string): Promise<void> {
    this.deletePreview = await this.run(() => invoke('graph.deletePreview', { id }));
  }

  /** Deletes at the version the confirmation showed: a change since then refuses it (CONFLICT). */
  async confirmDelete(): Promise<boolean> {
    const preview = this.deletePreview;
    if (!preview) return false;
    const { node } = preview;
    const done = await this.run(() => invoke('graph.delete', { id: node.id, expectedVersion: node.version }));
    if (!done) return false;
    this.deletePreview = null;
    this.notice = `Deleted ${node.kind} ${quote(node.name)} and ${done.edgesRemoved} edge(s).`;
    recordDeleteUndo(node, done.undo);
    graph.selectedId = null;
    graph.detail = null;
    await graph.refreshAfterWrite([node.id, ...preview.edges.map((e) => e.other.id)]);
    return true;
  }

  async addEdge(type: CuratableEdgeType, from: GraphNode, to: GraphNode): Promise<GraphAddEdgeResult | null> {
    const result = await this.run(() => invoke('graph.addEdge', { type, from: from.id, to: to.id }));
    if (!result) return null;
    if (result.created) {
      const edge = result.edge;
      undoStack.push({
        label: `link ${quote(from.name)} ${type} ${quote(to.name)}`,
        revert: async () => {
          await invoke('graph.removeEdge', { id: edge.id, expectedVersion: edge.version });
          return [edge.from, edge.to];
        },
      });
    } else {
      this.notice = 'That edge already exists.';
    }
    await this.afterEdgeWrite([from.id, to.id]);
    return result;
  }

  async removeEdge(edge: GraphEdge, otherName: string): Promise<void> {
    const done = await this.run(() =>
      invoke('graph.removeEdge', { id: edge.id, expectedVersion: edge.version }),
    );
    if (!done) return;
    undoStack.push({
      label: `unlink ${edge.type} ${quote(otherName)}`,
      revert: async () => {
        await invoke('graph.addEdge', { type: edge.type as CuratableEdgeType, from: edge.from, to: edge.to });
        return [edge.from, edge.to];
      },
    });
    await this.afterEdgeWrite([edge.from, edge.to]);
  }

  /**
   * Folds `drops` into `keep` (graph.mergeInto: every version checked first, edges moved, names kept as aliases,
   * provenance kept) and gives the survivor the chosen name.
   */
  async merge(keep: GraphNode, drops: GraphNode[], survivingName: string): Promise<boolean> {
    const merged = await this.run(() =>
      invoke('graph.mergeInto', {
        keepId: keep.id,
        expectedKeepVersion: keep.version,
        drops: drops.map((d) => ({ id: d.id, expectedVersion: d.version })),
        ...(survivingName.trim() ? { name: survivingName } : {}),
      }),
    );
    await graph.refreshAfterWrite([keep.id, ...drops.map((d) => d.id)]);
    if (!merged) return false;
    this.notice = `Merged ${drops.length + 1} nodes into ${quote(merged.node.name)}.`;
    recordMergeUndo(keep, drops, merged.undo);
    return true;
  }

  async exportGraph(format: GraphExportFormat, ids?: string[]): Promise<void> {
    const result = await this.run(() => invoke('graph.export', { format, ...(ids ? { ids } : {}) }));
    if (!result) return;
    for (const file of result.files) saveTextFile(file.name, file.text, `${file.mediaType};charset=utf-8`);
    this.notice = `Exported ${result.nodes} nodes and ${result.edges} edges (${result.files.map((f) => f.name).join(', ')}).`;
  }

  async importDump(file: File, replace: boolean): Promise<void> {
    const result = await this.run(async () => {
      let dump: unknown;
      try {
        dump = JSON.parse(await file.text()) as unknown;
      } catch (err) {
        throw new Error(`${file.name} is not valid JSON (${messageOf(err)})`, { cause: err });
      }
      return invoke('graph.import', { dump, replace });
    });
    if (!result) return;
    this.notice = `Imported ${result.nodes} nodes and ${result.edges} edges from ${file.name}.`;
    await graph.start();
  }

  private async afterEdgeWrite(ids: string[]): Promise<void> {
    await graph.refreshAfterWrite(ids);
    if (graph.selectedId) await this.loadEdges(graph.selectedId);
  }
}

export const curation = new Curation();
