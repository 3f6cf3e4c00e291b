/**
 * In-page source text (the bench files are type-checked without the DOM library) that clicks a section's nav
 * button and resolves with `{ ms, rows }` at the frame after `readyCheck` holds: the first-render timer shared by
 * the atlas and library benches.
 */
export interface FirstRenderScript {
  /** data-testid of the nav button, e.g. "nav-methods". */
  navTestId: string;
  /** In-page expression: `rows` (a number) once the section is ready, `false` before. */
  readyRows: string;
  /** Named in the rejection when the section is not ready in time. */
  what: string;
  timeoutMs: number;
}

export function firstRenderInPage({ navTestId, readyRows, what, timeoutMs }: FirstRenderScript): string {
  return `new Promise((resolve, reject) => {
  const nav = document.querySelector('[data-testid="${navTestId}"]');
  if (!nav) return reject(new Error('no ${navTestId} button'));
  const start = performance.now();
  const done = () => {
    const rows = ${readyRows};
    if (rows === false) return false;
    requestAnimationFrame(() => resolve({ ms: performance.now() - start, rows }));
    return true;
  };
  const observer = new MutationObserver(() => { if (done()) observer.disconnect(); });
  observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  nav.click();
  setTimeout(() => { observer.disconnect(); reject(new Error('${what} did not render within ${timeoutMs / 1000} s')); }, ${timeoutMs});
})`;
}
