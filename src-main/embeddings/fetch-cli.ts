/**
 * `npm run models:fetch [-- --dir DIR]`: puts all-MiniLM-L6-v2 and the real-model lane's SmolLM2 GGUF into
 * `.cache/models` (the tests' copy) or DIR. CI calls it before the tests; the app fetches MiniLM into its data
 * directory on first use instead.
 */
import { parseArgs } from 'node:util';
import { fetchSmollm2 } from '../local-llm/test-model.ts';
import { fetchMinilm, repoModelsDir } from './minilm-files.ts';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const log = (line: string): void => void process.stderr.write(`models: ${line}\n`);
const dir = values.dir ?? repoModelsDir();
const folder = await fetchMinilm(dir, { log });
const gguf = await fetchSmollm2(dir, { log });
process.stdout.write(`${folder}\n${gguf}\n`);
