/**
 * Just enough Atom for the arXiv API: the `<entry>` elements and their simple children. arXiv's feed is
 * machine-written and flat, so a small scanner does; it never evaluates DTDs or external entities.
 */

export interface AtomEntry {
  id: string;
  title: string;
  summary: string;
  published: string;
  authors: string[];
  /** `<link rel="alternate" href>` when present. */
  link?: string;
  /** arxiv:journal_ref, when the paper appeared in a venue. */
  journalRef?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, name: string) => {
      if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return ENTITIES[name] ?? whole;
    });
}

const squash = (text: string): string => decodeXml(text).replace(/\s+/g, ' ').trim();

function child(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
  return match?.[1] === undefined ? undefined : squash(match[1]);
}

export function parseAtomEntries(xml: string): AtomEntry[] {
  const entries: AtomEntry[] = [];
  for (const match of xml.matchAll(/<entry(?:\s[^>]*)?>([\s\S]*?)<\/entry>/g)) {
    const body = match[1] ?? '';
    const authors = [...body.matchAll(/<author(?:\s[^>]*)?>([\s\S]*?)<\/author>/g)].flatMap((a) => {
      const name = child(a[1] ?? '', 'name');
      return name ? [name] : [];
    });
    const alternate = /<link\s[^>]*rel="alternate"[^>]*>/.exec(body)?.[0];
    const href = alternate ? /href="([^"]*)"/.exec(alternate)?.[1] : undefined;
    const journalRef = child(body, 'arxiv:journal_ref');
    entries.push({
      id: child(body, 'id') ?? '',
      title: child(body, 'title') ?? '',
      summary: child(body, 'summary') ?? '',
      published: child(body, 'published') ?? '',
      authors,
      ...(href ? { link: decodeXml(href) } : {}),
      ...(journalRef ? { journalRef } : {}),
    });
  }
  return entries;
}

export function isAtomFeed(xml: string): boolean {
  return /<feed[\s>]/.test(xml);
}
