/**
 * Test fixture run as its own process (`node open-every-store.ts <dataDir> <startAtEpochMs>`): waits for the
 * agreed moment (so two processes really open the files together, not a start-up time apart), opens every
 * SQLite file the app keeps in a data directory, the way the app does, then exits 0. Two of these started on
 * one fresh data directory must both succeed (sqlite-file.test.ts).
 */
import { join } from 'node:path';
import { AnnotationStore } from '../annotations/annotation-store.ts';
import { openGraphDatabase } from '../graph/embedded/open-database.ts';
import { openIdeatorDatabase } from '../ideator/session-db.ts';
import { JudgmentStore } from '../judge/judgment-store.ts';
import { LiteratureCache, LITERATURE_CACHE_FILE } from '../literature/cache.ts';
import { MiningDb } from '../mining/mining-db.ts';
import { openRatingsDb } from '../ratings/ratings-db.ts';

const [dataDir, startAt] = process.argv.slice(2);
if (!dataDir || !startAt) throw new Error('usage: open-every-store.ts <dataDir> <startAtEpochMs>');
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
openIdeatorDatabase(join(dataDir, 'ideator.sqlite')).close();
MiningDb.open(dataDir).close();
openGraphDatabase(join(dataDir, 'graph.sqlite')).close();
new LiteratureCache(join(dataDir, LITERATURE_CACHE_FILE)).close();
new AnnotationStore(dataDir).close();
new JudgmentStore(join(dataDir, 'judgments.sqlite')).close();
openRatingsDb(dataDir).db.close();
process.stdout.write('ok\n');
