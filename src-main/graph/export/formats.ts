/** The export formats and what an export returns; plain types only, so the renderer's contract can read them. */

export const GRAPH_EXPORT_FORMATS = ['json', 'graphml', 'csv'] as const;
export type GraphExportFormat = (typeof GRAPH_EXPORT_FORMATS)[number];

export interface ExportedFile {
  /** A file name without a directory: `motivgraph.graphml`, `motivgraph.nodes.csv`, … */
  name: string;
  mediaType: string;
  text: string;
}

export interface GraphExport {
  format: GraphExportFormat;
  nodes: number;
  edges: number;
  files: ExportedFile[];
}
