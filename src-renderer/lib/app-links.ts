import { onEvent } from './api/client.ts';
import { graphNodeHref, ideaHref } from './node-route.ts';

/**
 * `motiv://idea/<id>` and `motiv://node/<id>` links the OS opened the packaged app with (the main process parses
 * and validates them, then sends `app.link`): each becomes the hash route of that idea or node, so the section opens
 * on it exactly as an in-app link would (and a section with unsaved edits can still hold the user back).
 */
export function followAppLinks(): () => void {
  return onEvent('app.link', (link) => {
    window.location.hash = link.kind === 'node' ? graphNodeHref(link.id) : ideaHref(link.id);
  });
}
