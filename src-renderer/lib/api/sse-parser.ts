/**
 * A server-sent-events frame parser for a fetch body (EventSource cannot send the token header). Feed it text
 * chunks as they arrive; it calls `onEvent` for each complete `event:`/`data:` frame and ignores comments.
 */
export function createSseParser(onEvent: (name: string, data: string) => void): (chunk: string) => void {
  let buffer = '';
  let pendingCr = false;
  return (chunk) => {
    // A CRLF may be split across chunks: hold a trailing CR back until the next chunk shows what follows.
    let text = (pendingCr ? '\r' : '') + chunk;
    pendingCr = text.endsWith('\r');
    if (pendingCr) text = text.slice(0, -1);
    buffer += text.replace(/\r\n?/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      dispatchFrame(frame, onEvent);
      end = buffer.indexOf('\n\n');
    }
  };
}

function dispatchFrame(frame: string, onEvent: (name: string, data: string) => void): void {
  let name = 'message';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length > 0) onEvent(name, data.join('\n'));
}
