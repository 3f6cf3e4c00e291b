/**
 * Which page a stream object belongs to, found from the file's text without pdf.js (used after a stream was
 * refused, so the error can name the page): the page whose `/Contents` names the object, numbered by walking
 * the page tree from its root. Objects inside compressed object streams are not visible here: then null.
 */

const refs = (text: string): number[] => [...text.matchAll(/(\d+)\s+\d+\s+R\b/gu)].map((m) => Number(m[1]));

function objectDicts(source: string): Map<number, string> {
  const dicts = new Map<number, string>();
  for (const match of source.matchAll(/(\d+)\s+\d+\s+obj\b([\s\S]*?)(?:\bstream\b|\bendobj\b)/gu)) {
    dicts.set(Number(match[1]), match[2]!);
  }
  return dicts;
}

export function pageOfObject(bytes: Uint8Array, object: number): number | null {
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const dicts = objectDicts(source);
  const contentsOf = (dict: string): number[] => {
    const value = /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/u.exec(dict)?.[1];
    return value ? refs(value) : [];
  };
  const isPages = (dict: string): boolean => /\/Type\s*\/Pages\b/u.test(dict);
  const root = [...dicts.entries()].find(([, dict]) => isPages(dict) && !/\/Parent\b/u.test(dict));
  if (!root) return null;
  let page = 0;
  const seen = new Set<number>();
  const walk = (id: number): number | null => {
    if (seen.has(id)) return null;
    seen.add(id);
    const dict = dicts.get(id);
    if (dict === undefined) return null;
    if (isPages(dict)) {
      const kids = /\/Kids\s*(\[[^\]]*\])/u.exec(dict)?.[1];
      for (const kid of kids ? refs(kids) : []) {
        const found = walk(kid);
        if (found !== null) return found;
      }
      return null;
    }
    page++;
    return contentsOf(dict).includes(object) ? page : null;
  };
  return walk(root[0]);
}
