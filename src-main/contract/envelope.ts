import type { ErrorBody } from './errors.ts';

/** Every reply on every transport is one of these two shapes. */
export interface ErrorReply {
  error: ErrorBody;
}
export interface ResultReply<T> {
  result: T;
}
export type Reply<T> = ResultReply<T> | ErrorReply;

export function isErrorReply<T>(reply: Reply<T>): reply is ErrorReply {
  return 'error' in reply;
}
