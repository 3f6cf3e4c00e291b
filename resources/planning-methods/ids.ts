/** Small, pure helpers shared by the dataset build steps. */

export function slugify(text: string, maxLength = 64): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (slug.slice(0, maxLength).replace(/-+$/g, '') || 'x').replace(/^-+/, '');
}

/** Hands out unique ids: the second 'foo' becomes 'foo-2'. */
export function idAllocator(): (text: string) => string {
  const used = new Set<string>();
  return (text) => {
    const base = slugify(text);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
}

/** First URL in a source link field; the field sometimes carries a remark after the URL. */
export function urlOf(link: string | null): string | null {
  if (link === null) return null;
  const match = /^\S+/.exec(link.trim());
  return match ? match[0] : null;
}

export function arxivIdOf(link: string | null): string | null {
  const match = link === null ? null : /arxiv\.org\/(?:abs|pdf)\/(\d{4}\.\d{4,5})/.exec(link);
  return match?.[1] ?? null;
}

export function anthologyIdOf(link: string | null): string | null {
  const match = link === null ? null : /aclanthology\.org\/([0-9]{4}\.[a-z0-9-]+\.\d+)/i.exec(link);
  return match?.[1] ?? null;
}

/** Name without a trailing parenthetical: 'AITW (Android in the Wild)' -> 'AITW'. */
export function baseName(name: string): string {
  return name.replace(/\s*\(.*\)\s*$/, '').trim();
}

/** Category labels carry a remark in parentheses: 'X (survey Sec. 5; not a method family)'. */
export function splitLabel(label: string): { name: string; remark: string | null } {
  const match = /^(.*?)\s*\((.*)\)\s*$/.exec(label);
  return match?.[1] && match[2] ? { name: match[1], remark: match[2] } : { name: label, remark: null };
}
