import { AppError } from '../shared/errors.ts';
import { isEdgeAllowed } from './model.ts';
import type { EdgeType, NodeKind } from './model.ts';
import { normalizeName } from './normalize-name.ts';

/** The refusals both stores make, so they answer a bad write with the same code, message and field. */

export function normalizedNameOf(name: string, field: string): string {
  const normalized = normalizeName(name);
  if (normalized === '') throw new AppError('VALIDATION', `${field}: must contain a word`, { field });
  return normalized;
}

export function notFound(id: string, field = 'id', what = 'node'): AppError {
  return new AppError('NOT_FOUND', `No graph ${what} with id ${JSON.stringify(id)}`, { field, id });
}

export function requireVersion(
  current: number,
  expected: number | undefined,
  what: string,
  id: string,
): void {
  if (expected !== undefined && expected !== current) {
    throw new AppError(
      'CONFLICT',
      `${what} ${id} was changed by someone else (version ${current}, you read ${expected})`,
      {
        field: 'expectedVersion',
        id,
        currentVersion: current,
        expectedVersion: expected,
      },
    );
  }
}

export interface Endpoint {
  id: string;
  kind: NodeKind;
}

export function checkEdge(type: EdgeType, from: Endpoint, to: Endpoint, field = 'to'): void {
  if (from.id === to.id) {
    throw new AppError('VALIDATION', `${type} edge from a node to itself is not allowed`, { field });
  }
  if (!isEdgeAllowed(type, from.kind, to.kind)) {
    throw new AppError('VALIDATION', `${type} cannot link ${from.kind} → ${to.kind}`, {
      field: 'type',
      type,
      fromKind: from.kind,
      toKind: to.kind,
    });
  }
}
