import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/**
 * A note's Markdown as HTML that is safe to insert: raw HTML in the note is shown as text (never parsed), and the
 * result is sanitised again with DOMPurify: no scripts, event handlers, images or styles, and links only to
 * http(s) and mailto (a `javascript:` link loses its href). Links open outside the app.
 */

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    // Block or inline HTML written into the note stays visible as the text it is.
    html: ({ text }) => escapeHtml(text),
    // No images: a note must not make the app fetch anything.
    image: ({ text }) => escapeHtml(text),
  },
});

const ALLOWED_URI = /^(?:https?:|mailto:)/i;

let hooked = false;
function hookLinks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

export function renderNote(markdown: string): string {
  hookLinks();
  const html = marked.parse(markdown) as string;
  return DOMPurify.sanitize(html, {
    ALLOWED_URI_REGEXP: ALLOWED_URI,
    FORBID_TAGS: ['img', 'style', 'form', 'input', 'button', 'iframe', 'object', 'embed', 'svg', 'math'],
    FORBID_ATTR: ['style', 'class', 'id'],
  });
}
