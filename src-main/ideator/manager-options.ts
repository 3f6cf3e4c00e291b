import type { LlmClient, PriceTable, UsageTotals } from '../llm/index.ts';
import type { GraphStore } from '../graph/port.ts';
import type { LiteratureProvider } from './literature-tool.ts';
import type { LeaseOptions } from './ownership.ts';
import type { SessionOptions } from './session-config.ts';
import type { IdeaRecord, IdeaVersionRecord, IdeatorListener, SessionRecord, TurnRecord } from './types.ts';

/** What an IdeatorManager is built with, and the shapes its public calls take and give. */

export interface IdeatorOptions {
  /** `<dataDir>/ideator.sqlite` holds the sessions. */
  dataDir: string;
  /** The researcher's client; its ledger's prices price the sessions. */
  llm: LlmClient;
  /** The mentor's client when its endpoint differs (per-role endpoints); default `llm`. */
  mentorLlm?: LlmClient;
  /** Tools read it and ideas are written back to it; null runs without graph tools or write-back. */
  graph: GraphStore | null;
  onEvent?: IdeatorListener;
  /** literature_search's remote source; without it the tool searches the Paper nodes of the local graph. */
  literature?: LiteratureProvider;
  /** Recorded as createdBy/updatedBy on graph writes. */
  actor?: string;
  /** Stream tokens as events (default: true when onEvent is given). */
  stream?: boolean;
  defaults?: SessionOptions;
  /** Failures and lost leases are logged here with their cause and stack (the app passes its file logger). */
  log?: IdeatorLog;
  /** The ownership lease: its duration and the host name recorded (see ownership.ts). */
  lease?: LeaseOptions;
}

/** The part of the app's logger the ideator uses (structurally the core Logger). */
export interface IdeatorLog {
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What the fork form may change: session options, the topic, and guidance for the researcher. */
export type ForkOptions = SessionOptions & { topic?: string; guidance?: string };

export interface SessionDetail {
  session: SessionRecord;
  ideas: Array<IdeaRecord & { versions: IdeaVersionRecord[] }>;
  turns: TurnRecord[];
  usage: UsageTotals;
}

/** The ledger's prices, spread into a UsageLedger's options (none when the client has no ledger). */
export function ledgerPrices(llm: LlmClient): { prices?: PriceTable } {
  const prices = llm.ledger?.prices;
  return prices ? { prices } : {};
}
