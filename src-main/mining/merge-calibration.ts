import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Labelled pairs for calibrating the merge threshold of the local MiniLM (mining/README.md, "Merge threshold"),
 * kept as data in merge-calibration.json. Same: two wordings of one motivation node, as two papers' extractions
 * name it (word order, synonyms, abbreviations, a dropped qualifier). Different: related-but-distinct nodes a
 * merge must never fold together; the test adds the seed graph's nearest distinct pairs, computed from the seed.
 */
export interface LabelledPair {
  a: string;
  b: string;
}

const Pair = z.object({ a: z.string().min(1), b: z.string().min(1) });
const Calibration = z.object({ same: z.array(Pair).min(1), different: z.array(Pair).min(1) });

const calibration = Calibration.parse(
  JSON.parse(readFileSync(new URL('./merge-calibration.json', import.meta.url), 'utf8')),
);

export const SAME_PAIRS: readonly LabelledPair[] = calibration.same;
export const DIFFERENT_PAIRS: readonly LabelledPair[] = calibration.different;
