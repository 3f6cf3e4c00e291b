/**
 * `npm run models:fetch [-- --dir DIR]`: puts all-MiniLM-L6-v2 into `.cache/models` (the tests' copy) or DIR.
 * CI calls it before the tests; the app fetches into its data directory on first use instead.
 */
import { parseArgs } from 'node:util';
import { fetchMinilm, repoModelsDir } from './minilm-files.ts';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const folder = await fetchMinilm(values.dir ?? repoModelsDir(), {
  log: (line) => process.stderr.write(`models: ${line}\n`),
});
process.stdout.write(`${folder}\n`);
