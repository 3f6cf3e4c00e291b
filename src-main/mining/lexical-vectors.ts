/**
 * The lexical fallback when no embeddings endpoint is configured: TF-IDF over the words of name (counted twice)
 * and description, hashed into a fixed number of signed buckets (feature hashing) so the same vector index serves
 * both methods. The cosine of two such vectors approximates their TF-IDF cosine.
 */

export const LEXICAL_METHOD = 'lexical:tfidf-cosine';
export const LEXICAL_DIMENSION = 1024;

const STOPWORDS = new Set(
  'a an and are as at be by for from has have in into is it its of on or that the their this to with which via using'.split(
    ' ',
  ),
);

export function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !STOPWORDS.has(t));
}

/** FNV-1a, 32 bits: stable across runs and platforms. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function lexicalVectors(
  texts: ReadonlyArray<{ name: string; description: string }>,
  dimension = LEXICAL_DIMENSION,
): Float32Array[] {
  const docs = texts.map((t) => [...tokens(t.name), ...tokens(t.name), ...tokens(t.description)]);
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  const n = docs.length;
  return docs.map((doc) => {
    const vector = new Float32Array(dimension);
    const tf = new Map<string, number>();
    for (const term of doc) tf.set(term, (tf.get(term) ?? 0) + 1);
    for (const [term, count] of tf) {
      const idf = Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1;
      const h = hash(term);
      const sign = h & 1 ? 1 : -1;
      const bucket = (h >>> 1) % dimension;
      vector[bucket] = (vector[bucket] ?? 0) + sign * (1 + Math.log(count)) * idf;
    }
    return normalise(vector);
  });
}

export function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  if (norm === 0) return vector;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) * scale;
  return vector;
}
