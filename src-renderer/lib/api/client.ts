import type {
  Channel,
  ErrorCode,
  ErrorReply,
  EventName,
  EventPayload,
  MotivBridge,
  Reply,
  RequestOf,
  ResponseOf,
} from '../../../src-main/contract/index.ts';
import { EVENTS_RECONNECTED, pickTransport } from './transport.ts';

/** A reply's error half, thrown so callers can `try/catch` and show `code` and `message`. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(body: ErrorReply['error']) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.details = body.details;
  }
}

let bridge: MotivBridge | undefined;
const transport = (): MotivBridge => (bridge ??= pickTransport());

/** Typed call of one channel; the main side validates the payload again, this typing only helps us write it. */
export async function invoke<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
  const reply = (await transport().invoke(channel, payload)) as Reply<ResponseOf<C>>;
  if ('error' in reply) throw new ApiError(reply.error);
  return reply.result;
}

export function onEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return transport().on(event, (payload) => listener(payload as EventPayload<E>));
}

/**
 * Follows an event and, each time the event stream is back after a drop, calls `catchUp` (events sent meanwhile
 * were missed: long jobs read them back from their `…since` channel). Returns the unsubscribe.
 */
export function followEvents<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
  catchUp: () => void,
): () => void {
  const off = onEvent(event, listener);
  window.addEventListener(EVENTS_RECONNECTED, catchUp);
  return () => {
    off();
    window.removeEventListener(EVENTS_RECONNECTED, catchUp);
  };
}

/** The OS "open file" dialog in Electron, or null in browser mode (where the user types the path). */
export function fileChooser(): ((kind: 'gguf') => Promise<string | null>) | null {
  const chooser = transport().chooseFile;
  return chooser ? (kind) => chooser(kind) : null;
}
