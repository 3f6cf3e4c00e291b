/**
 * Which channels the Electron preload lets the renderer invoke. Every channel is open except the `secrets.*`
 * family, where only what the Settings page needs is: status (set / not set), set, clear and confirming the
 * key's endpoint. Anything added to `secrets.*` later stays closed to the page until it is listed here.
 * Pure and dependency-free: it is bundled into the sandboxed preload.
 */
const RESTRICTED_PREFIXES = ['secrets.'];
const OPEN_RESTRICTED = new Set([
  'secrets.status',
  'secrets.set',
  'secrets.clear',
  'secrets.confirmEndpoint',
]);

export function isChannelExposed(channel: string): boolean {
  if (OPEN_RESTRICTED.has(channel)) return true;
  return !RESTRICTED_PREFIXES.some((prefix) => channel.startsWith(prefix));
}

/**
 * The one thing the window may ask the shell besides channels: an OS "open file" dialog, for a kind of file
 * named here (the dialog's filter). The answer is the path the user chose, or null; the page never lists or
 * reads files itself, and browser mode has no such dialog (the path is typed).
 */
export const CHOOSE_FILE = 'motiv:chooseFile';
export const FILE_KINDS = {
  gguf: { name: 'GGUF model', extensions: ['gguf'] },
} as const;
export type FileKind = keyof typeof FILE_KINDS;
export const isFileKind = (kind: unknown): kind is FileKind =>
  typeof kind === 'string' && Object.hasOwn(FILE_KINDS, kind);
