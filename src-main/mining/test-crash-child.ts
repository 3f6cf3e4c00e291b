import { join } from 'node:path';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import { MiningDb } from './mining-db.ts';
import { createMiningJob, runMiningJob } from './mining-job.ts';
import { scriptedClient, TEST_SETTINGS } from '../test-support/mining-harness.ts';

/**
 * A child process for the crash test: mines every paper of the graph against the given endpoint and prints the job
 * id. The test kills it with SIGKILL mid-job, so nothing here gets a chance to clean up — as in a real crash.
 */
const [dataDir, baseUrl] = process.argv.slice(2);
if (!dataDir || !baseUrl) throw new Error('usage: test-crash-child.ts DATA_DIR BASE_URL');
const store = EmbeddedGraphStore.open(join(dataDir, 'graph.sqlite'));
const db = MiningDb.open(dataDir);
const jobId = await createMiningJob(db, store, {});
process.stdout.write(`JOB ${jobId}\n`);
await runMiningJob(jobId, {
  db,
  store,
  makeClient: (ledger) => scriptedClient(baseUrl, ledger),
  settings: TEST_SETTINGS,
  actor: 'child',
});
