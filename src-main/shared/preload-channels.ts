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
