import { registerGraphCurationTests } from '../test-support/graph-curation-suite.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';

// Two cores on one data directory (two windows, or a window and the CLI) share its embedded graph file. The
// Neo4j half, two lab members with their own data directories, is registered in graph/neo4j/neo4j-store.test.ts.
const tempDir = useTempDirs();
let dir = '';
registerGraphCurationTests('embedded', {
  dataDirs: () => [dir, dir],
  graphEnv: {},
  fresh: async () => {
    dir = tempDir();
  },
});
