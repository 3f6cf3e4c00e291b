import type { Core } from '../../core/create-core.ts';
import { callCore } from '../core-call.ts';
import { UsageError, type CliIo } from '../io.ts';

export interface GraphUseOptions {
  uri?: string | undefined;
  user?: string | undefined;
  database?: string | undefined;
  force?: boolean | undefined;
}

/**
 * `motiv graph use embedded|neo4j`: the Settings → Graph store switch (graph.switchStore) from a terminal. The
 * Neo4j address is the saved one with what the options change; the password is `motiv secrets set`'s.
 */
export async function graphUseCommand(
  core: Core,
  io: CliIo,
  store: string | undefined,
  options: GraphUseOptions,
): Promise<number> {
  if (store !== 'embedded' && store !== 'neo4j') throw new UsageError('use needs "embedded" or "neo4j"');
  const saved = (await callCore(core, 'settings.get', {})).neo4j;
  const neo4j = {
    uri: options.uri ?? saved.uri,
    user: options.user ?? saved.user,
    database: options.database ?? saved.database,
  };
  const result = await callCore(core, 'graph.switchStore', { store, neo4j, force: options.force ?? false });
  const where = result.choice.store === 'neo4j' ? `Neo4j at ${result.choice.location}` : 'the embedded file';
  io.out(`now using ${where}\n`);
  if (!result.test.ok) io.err(`warning: it does not answer yet: ${result.test.problem ?? ''}\n`);
  return 0;
}
