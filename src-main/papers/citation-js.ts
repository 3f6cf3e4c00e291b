import { logger, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';

// citation-js logs unmapped fields and parse warnings to the console; the importer reports problems itself.
logger.level = 'silent';

/** Run citation-js's input chain to `target` (no provenance graph: it only costs time here). */
export function citationChain(input: unknown, target: string): unknown {
  return plugins.input.chain(input, { target, generateGraph: false });
}
