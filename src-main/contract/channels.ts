import { z } from 'zod';
import { annotationsChannels } from './annotations.ts';
import { atlasChannels } from './atlas.ts';
import { DoctorReportSchema } from './doctor.ts';
import { embeddingChannels } from './embeddings.ts';
import { graphChannels } from './graph.ts';
import { graphCurationChannels } from './graph-curation.ts';
import { graphExploreChannels } from './graph-explore.ts';
import { graphStoreChannels } from './graph-store.ts';
import { graphPushChannels } from './graph-push.ts';
import { ideatorChannels } from './ideator.ts';
import { judgeChannels } from './judge.ts';
import { libraryChannels } from './library.ts';
import { llmChannels } from './llm.ts';
import { miningChannels } from './mining.ts';
import { papersChannels } from './papers.ts';
import { pricesChannels } from './prices.ts';
import { protocolChannels } from './protocol.ts';
import { ratingsChannels } from './ratings.ts';
import { reportsChannels } from './reports.ts';
import { secretsChannels } from './secrets.ts';
import { SettingsPatchSchema, SettingsSchema } from './settings.ts';

const Empty = z.object({}).strict();

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  transport: z.enum(['ipc', 'http', 'cli']),
  dataDir: z.string(),
  store: z.enum(['embedded', 'neo4j']),
  /** Show the welcome: a fresh data dir (settings never saved) whose welcome was not finished or skipped. */
  firstRun: z.boolean(),
});

/**
 * The one channel map. Each channel names its request and response schema; the handler table in core/ must
 * implement every key (checked by the type system) and every transport parses requests against these schemas.
 */
export const channels = {
  'app.info': { request: Empty, response: AppInfoSchema },
  'settings.get': { request: Empty, response: SettingsSchema },
  'settings.update': { request: SettingsPatchSchema, response: SettingsSchema },
  'doctor.run': { request: Empty, response: DoctorReportSchema },
  ...graphChannels,
  ...graphCurationChannels,
  ...graphExploreChannels,
  ...graphStoreChannels,
  ...graphPushChannels,
  ...embeddingChannels,
  ...ideatorChannels,
  ...miningChannels,
  ...papersChannels,
  ...secretsChannels,
  ...pricesChannels,
  ...llmChannels,
  ...annotationsChannels,
  ...judgeChannels,
  ...protocolChannels,
  ...ratingsChannels,
  ...libraryChannels,
  ...reportsChannels,
  ...atlasChannels,
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export type Channels = typeof channels;
export type Channel = keyof Channels;
/** What a caller sends (defaults may be omitted). */
export type RequestOf<C extends Channel> = z.input<Channels[C]['request']>;
/** What a handler receives after parsing. */
export type ParsedRequestOf<C extends Channel> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Channels[C]['response']>;
export type AppInfo = z.infer<typeof AppInfoSchema>;

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(channels, name);
}
