import { extname } from 'node:path';

/**
 * What the operating system hands the packaged app: `motiv://` links to an idea or a graph node, and paper files
 * opened with it (file associations). Both arrive as untrusted strings (argv, open-url, open-file) and are
 * parsed here into a closed shape, or refused; nothing else is ever loaded or navigated to.
 */
export const APP_ID = 'org.motivgraph.studio';
export const LINK_SCHEME = 'motiv';
/** The reference formats the OS opens with the app (parsed by papers/parse-file.ts). */
export const PAPER_FILE_EXTENSIONS = ['bib', 'ris', 'ciw'] as const;

export type AppLink = { kind: 'idea'; id: string } | { kind: 'node'; id: string };

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const MAX_LINK_LENGTH = 512;

/** `motiv://idea/<id>` or `motiv://node/<id>`; anything else (other hosts, paths, queries, odd ids) is null. */
export function parseAppLink(text: string): AppLink | null {
  if (text.length > MAX_LINK_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== `${LINK_SCHEME}:` || url.search || url.hash || url.username || url.password)
    return null;
  const kind = url.hostname;
  if (kind !== 'idea' && kind !== 'node') return null;
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts.length !== 1) return null;
  let id: string;
  try {
    id = decodeURIComponent(parts[0] ?? '');
  } catch {
    return null;
  }
  return ID.test(id) ? { kind, id } : null;
}

export const isPaperFile = (path: string): boolean =>
  (PAPER_FILE_EXTENSIONS as readonly string[]).includes(extname(path).slice(1).toLowerCase());

/** From a launch's argv (after Electron's own arguments): the links and the paper files it carries. */
export function launchRequests(argv: readonly string[]): { links: AppLink[]; files: string[] } {
  const links: AppLink[] = [];
  const files: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    if (arg.toLowerCase().startsWith(`${LINK_SCHEME}:`)) {
      const link = parseAppLink(arg);
      if (link) links.push(link);
    } else if (isPaperFile(arg)) files.push(arg);
  }
  return { links, files };
}
