/**
 * A form's `onsubmit`: the page stays (no navigation to the form's action) and `action` runs; a promise it
 * returns reports its own failure through the state it belongs to. Svelte 5 has no `|preventDefault` modifier.
 */
export function submitHandler(action: () => void | Promise<unknown>): (event: Event) => void {
  return (event) => {
    event.preventDefault();
    void action();
  };
}
