export * from './channels.ts';
export * from './doctor.ts';
export * from './envelope.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './settings.ts';
export type { PriceTableView } from './prices.ts';
export type { SecretName, SecretsStatus } from './secrets.ts';
export type { GraphStoreChoice, GraphStoreField, GraphStoreTest } from './graph-store.ts';
export type { PriceOverride } from './settings-prices.ts';

/** The narrow object the preload exposes as `window.motiv` (and the HTTP transport mirrors). */
export interface MotivBridge {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Electron only (the preload): the OS open-file dialog for a kind of file; browser mode has none. */
  chooseFile?(kind: 'gguf'): Promise<string | null>;
}
export type { LlmConnectionReport, LocalModelCheck } from './llm.ts';
export type { GraphEmbedEvent, GraphEmbedResult, GraphEmbedStatus } from './embeddings.ts';
export type { GraphPushEvent } from './graph-push.ts';
export type {
  AtlasMapEvent,
  AtlasMapResult,
  AtlasMethodLinks,
  AtlasPlannedMethod,
  AtlasMethodStatus,
  AtlasEdgeStatus,
} from './atlas.ts';
export type {
  AnnotationBody,
  AnnotationRecord,
  AnnotationsChanged,
  AnnotationsList,
  UserMethodBody,
  UserMethodRecord,
} from './annotations.ts';
