import { expect } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import type { GraphDump } from '../../dump-format.ts';
import type { GraphNode, NodeKind } from '../../model.ts';
import type { GraphStore, WriteContext } from '../../port.ts';

/** Shared fixtures and assertions for the store contract; nothing here knows which store it runs against. */

export type GetStore = () => GraphStore;

export const alice: WriteContext = { actor: 'alice' };
export const bob: WriteContext = { actor: 'bob' };

export async function expectAppError(
  action: Promise<unknown>,
  code: string,
  field?: string | RegExp,
): Promise<AppError> {
  const error = await action.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error, `expected AppError(${code})`).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe(code);
  if (field !== undefined) {
    const actual = (appError.details as { field?: unknown } | undefined)?.field;
    if (typeof field === 'string') expect(actual).toBe(field);
    else expect(String(actual)).toMatch(field);
  }
  return appError;
}

/** The graph's content without the moment it was read: two snapshots are equal iff nothing changed. */
export async function snapshot(
  store: GraphStore,
): Promise<{ graph: Omit<GraphDump, 'exportedAt'>; audit: number }> {
  const { exportedAt: _exportedAt, ...graph } = await store.dump();
  const audit = (await store.auditLog({ limit: 10_000 })).length;
  return { graph, audit };
}

export async function node(
  store: GraphStore,
  kind: NodeKind,
  name: string,
  extra: object = {},
): Promise<GraphNode> {
  const { node: created } = await store.upsertNode({ kind, name, ...extra } as never, alice);
  return created;
}

/** A deterministic unit-ish vector; values are multiples of 1/8, exact in float32, so round trips compare equal. */
export function vec(dimension: number, hot: number, warm = -1): number[] {
  return Array.from({ length: dimension }, (_, i) => (i === hot ? 1 : i === warm ? 0.5 : 0.125));
}

export const DIM = 8;
export const MODEL = 'test-embedder';
