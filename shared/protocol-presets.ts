/**
 * The named protocol settings (issue 13) that `motiv protocol --settings full,no-graph,…` and the Evaluate
 * section's protocol form offer: one table both processes import. This folder holds plain data only (no
 * imports), because the renderer may import nothing else of the main process's code.
 */
export const PROTOCOL_PRESETS = {
  full: { name: 'full', graph: true, mentor: true },
  'no-graph': { name: 'no-graph', graph: false, mentor: true },
  'no-mentor': { name: 'no-mentor', graph: true, mentor: false },
  neither: { name: 'neither', graph: false, mentor: false },
  'titles-only': { name: 'titles-only', graph: true, mentor: true, titlesOnly: true },
} as const;

export type ProtocolPresetName = keyof typeof PROTOCOL_PRESETS;
