import type { HierarchyRun } from '../../../../src-main/contract/mining.ts';

/**
 * The newer view of a hierarchy run. A fast run can finish (and its final event arrive) before the reply to
 * the call that started it; that reply still says "running" and must not overwrite the finished state.
 */
export function latestRun(current: HierarchyRun | null, incoming: HierarchyRun): HierarchyRun {
  const sameRun = current?.id === incoming.id;
  if (sameRun && current.status !== 'running' && incoming.status === 'running') return current;
  return incoming;
}
