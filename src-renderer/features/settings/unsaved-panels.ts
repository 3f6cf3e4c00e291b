/**
 * Settings panels that keep their own drafts (literature, prices) register here, so leaving the Settings section
 * asks about their unsaved edits too, and "save" / "discard" reach them.
 */
export interface UnsavedPanel {
  name: string;
  dirty(): boolean;
  /** True when saved; false leaves the user on the page with the panel's own error shown. */
  save(): Promise<boolean>;
  discard(): void;
}

const panels = new Set<UnsavedPanel>();

export function registerUnsavedPanel(panel: UnsavedPanel): () => void {
  panels.add(panel);
  return () => panels.delete(panel);
}

export function dirtyPanels(): UnsavedPanel[] {
  return [...panels].filter((p) => p.dirty());
}
