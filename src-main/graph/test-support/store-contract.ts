import { afterEach, beforeEach, describe } from 'vitest';
import type { GraphStore } from '../port.ts';
import { registerDumpImportTests } from './store-contract/dump-import.ts';
import { registerEdgeTests } from './store-contract/edges.ts';
import { registerExploreTests } from './store-contract/explore.ts';
import { registerExploreMapTests } from './store-contract/explore-map.ts';
import { registerNodeTests } from './store-contract/nodes.ts';
import { registerSearchTests } from './store-contract/search.ts';
import { registerUndoTests } from './store-contract/undo.ts';

/**
 * The GraphStore contract: every adapter runs these same tests unchanged (see embedded-store.test.ts).
 *
 * `makeStore` must return an EMPTY, open store for each test. `cleanup`, when given, runs after each test once
 * the store is closed (delete a temp file, drop a test database).
 */
export function describeGraphStoreContract(
  name: string,
  makeStore: () => Promise<GraphStore>,
  cleanup?: () => Promise<void>,
): void {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore | undefined;
    const getStore = (): GraphStore => {
      if (!store) throw new Error('store not created');
      return store;
    };

    beforeEach(async () => {
      store = await makeStore();
    });

    afterEach(async () => {
      await store?.close();
      store = undefined;
      await cleanup?.();
    });

    registerNodeTests(getStore);
    registerEdgeTests(getStore);
    registerSearchTests(getStore);
    registerExploreTests(getStore);
    registerExploreMapTests(getStore);
    registerDumpImportTests(getStore);
    registerUndoTests(getStore);
  });
}
