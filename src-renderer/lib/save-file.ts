/**
 * Hands a file to the browser's download (Electron shows its save dialog): the one way the renderer gives the
 * user a file, so every export names and types it the same way. The object URL outlives the click a little,
 * since some engines start reading it only after `click()` returns.
 */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveTextFile(fileName: string, text: string, type = 'text/markdown;charset=utf-8'): void {
  saveBlob(fileName, new Blob([text], { type }));
}
