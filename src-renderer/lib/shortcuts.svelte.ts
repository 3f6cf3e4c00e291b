/**
 * The app's keyboard, installed once by the shell: Ctrl/Cmd+K opens the command palette anywhere; `/` focuses
 * the open section's search (the element marked `data-section-search`); ArrowUp/ArrowDown move between the entries
 * of a list (`<li>`s, or `[role=option]`s) when focus is on one; Escape presses the open panel's close button
 * (`data-escape-close`). Dialogs handle their own Escape first (lib/ui/ModalDialog.svelte).
 */
export const shortcuts = $state({ paletteOpen: false });

const TYPING = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';
const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]), [tabindex]:not([tabindex="-1"])';

const typingIn = (target: EventTarget | null): boolean =>
  target instanceof Element && target.closest(TYPING) !== null;

const visible = (element: HTMLElement): boolean => element.offsetParent !== null;

/** Ctrl+K on Linux and Windows, ⌘K on macOS. */
export const isPaletteKey = (event: KeyboardEvent): boolean =>
  (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k';

function focusSectionSearch(): boolean {
  const search = [...document.querySelectorAll<HTMLElement>('main [data-section-search]')].find(visible);
  search?.focus();
  return search !== undefined;
}

/** The next or previous entry of the list the focused element is in, focused; false when there is none. */
function moveInList(from: Element, step: 1 | -1): boolean {
  const entry = from.closest('li, [role="option"]');
  const list = entry?.parentElement;
  if (!entry || !list) return false;
  const entries = [...list.children].filter((e) => e.matches('li, [role="option"]'));
  for (let i = entries.indexOf(entry) + step; i >= 0 && i < entries.length; i += step) {
    const candidate = entries[i];
    const target = candidate?.matches(FOCUSABLE)
      ? (candidate as HTMLElement)
      : candidate?.querySelector<HTMLElement>(FOCUSABLE);
    if (target && visible(target)) {
      target.focus();
      return true;
    }
  }
  return false;
}

function closeOpenPanel(): boolean {
  const close = [...document.querySelectorAll<HTMLElement>('main [data-escape-close]')].find(visible);
  close?.click();
  return close !== undefined;
}

function onKeydown(event: KeyboardEvent): void {
  if (isPaletteKey(event)) {
    event.preventDefault();
    shortcuts.paletteOpen = !shortcuts.paletteOpen;
    return;
  }
  // A dialog is open, or a control handled the key itself: leave it alone.
  if (event.defaultPrevented || document.querySelector('[aria-modal="true"]')) return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const handled =
    event.key === '/' && !typingIn(event.target)
      ? focusSectionSearch()
      : (event.key === 'ArrowDown' || event.key === 'ArrowUp') && !typingIn(event.target)
        ? event.target instanceof Element && moveInList(event.target, event.key === 'ArrowDown' ? 1 : -1)
        : event.key === 'Escape'
          ? closeOpenPanel()
          : false;
  if (handled) event.preventDefault();
}

export function installShortcuts(): () => void {
  document.addEventListener('keydown', onKeydown);
  return () => document.removeEventListener('keydown', onKeydown);
}

export function openPalette(): void {
  shortcuts.paletteOpen = true;
}

export function closePalette(): void {
  shortcuts.paletteOpen = false;
}
