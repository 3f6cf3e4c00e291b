import type { GraphDump } from '../dump-format.ts';
import { toCsv } from './csv.ts';
import { toGraphml } from './graphml.ts';
import type { GraphExport, GraphExportFormat } from './formats.ts';
import { selectFromDump } from './selection.ts';

/** The whole graph or a selection in one format: JSON (the restorable dump), GraphML, or CSV nodes + edges. */
export function exportGraph(
  dump: GraphDump,
  format: GraphExportFormat,
  ids?: readonly string[],
  baseName = 'motivgraph',
): GraphExport {
  const graph = selectFromDump(dump, ids);
  const counts = { format, nodes: graph.nodes.length, edges: graph.edges.length };
  switch (format) {
    case 'json':
      return {
        ...counts,
        files: [
          { name: `${baseName}.json`, mediaType: 'application/json', text: `${JSON.stringify(graph)}\n` },
        ],
      };
    case 'graphml':
      return {
        ...counts,
        files: [
          { name: `${baseName}.graphml`, mediaType: 'application/graphml+xml', text: toGraphml(graph) },
        ],
      };
    case 'csv': {
      const csv = toCsv(graph);
      return {
        ...counts,
        files: [
          { name: `${baseName}.nodes.csv`, mediaType: 'text/csv', text: csv.nodes },
          { name: `${baseName}.edges.csv`, mediaType: 'text/csv', text: csv.edges },
        ],
      };
    }
  }
}
