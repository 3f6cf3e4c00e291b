import { z } from 'zod';
import type { ValueSource } from './doctor.ts';
import { GraphStoreKindSchema, SettingsSchema, type GraphStoreKind, type Settings } from './settings.ts';

/**
 * Settings → Graph store: which store the app works on (this computer's file or the lab's Neo4j), tested before
 * the switch. The Neo4j password never travels here: it is set through `secrets.set` and reported as set / not
 * set; a value an environment variable overrides is reported with the variable's name, and shown locked.
 */

/** The store and, for Neo4j, where to reach it (the password is the stored secret or MOTIV_NEO4J_PASSWORD). */
export const GraphStoreTargetSchema = z.strictObject({
  store: GraphStoreKindSchema,
  neo4j: SettingsSchema.shape.neo4j.unwrap().optional(),
});
export type GraphStoreTarget = z.input<typeof GraphStoreTargetSchema>;

export const GraphStoreSwitchSchema = GraphStoreTargetSchema.extend({
  /** Switch even though the connection test failed ("switch anyway"). */
  force: z.boolean().default(false),
  /** The settings revision the panel started from: a stale one is a CONFLICT (as for settings.update). */
  baseRevision: z.int().min(0).optional(),
});

/** One Neo4j field as in force: `envVar` names the variable that overrides the setting (shown locked). */
export interface GraphStoreField {
  value: string | null;
  envVar: string | null;
}

export interface GraphStoreChoice {
  store: GraphStoreKind;
  /** What decided the store: MOTIV_NEO4J_URI (env), the Settings choice or an older file's URI, or the default. */
  source: ValueSource;
  /** The variable that fixes the store (MOTIV_NEO4J_URI), or null when Settings decide. */
  envVar: string | null;
  /** Where the graph is, as the banner shows it (credentials redacted). */
  location: string;
  uri: GraphStoreField;
  user: GraphStoreField;
  database: GraphStoreField;
  password: { set: boolean; envVar: string | null };
}

export interface GraphStoreTest {
  store: GraphStoreKind;
  /** Where the tested store is (credentials redacted). */
  location: string;
  ok: boolean;
  /** Why it cannot be used (unreachable, authentication, missing database…), or null. */
  problem: string | null;
  /** e.g. "Neo4j 5.26.0" when the server answered. */
  server: string | null;
}

export interface GraphStoreSwitchResult {
  choice: GraphStoreChoice;
  test: GraphStoreTest;
  /** The settings as saved by the switch (the panel's drafts follow them). */
  settings: Settings;
}

const typed = <T>() => z.custom<T>(() => true);

export const graphStoreChannels = {
  'graph.storeChoice': { request: z.strictObject({}), response: typed<GraphStoreChoice>() },
  'graph.testStore': { request: GraphStoreTargetSchema, response: typed<GraphStoreTest>() },
  'graph.switchStore': { request: GraphStoreSwitchSchema, response: typed<GraphStoreSwitchResult>() },
} as const;
