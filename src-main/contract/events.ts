import type { z } from 'zod';
import { AnnotationsChangedSchema } from './annotations.ts';
import { AppLinkSchema } from './app-links.ts';
import { AtlasMapEventSchema } from './atlas.ts';
import { GraphEmbedEventSchema } from './embeddings.ts';
import { GraphChangedSchema } from './graph.ts';
import { GraphPushEventSchema } from './graph-push.ts';
import { IdeatorEventSchema } from './ideator.ts';
import { JudgeEventSchema } from './judge.ts';
import { LibraryChangedSchema } from './library.ts';
import { MiningEventSchema } from './mining.ts';
import { ProtocolEventSchema } from './protocol.ts';
import { SettingsSchema } from './settings.ts';

/** Events pushed from the core to every connected renderer (IPC or server-sent events). */
export const events = {
  'settings.changed': SettingsSchema,
  'graph.changed': GraphChangedSchema,
  'graph.embedEvent': GraphEmbedEventSchema,
  'graph.pushEvent': GraphPushEventSchema,
  'ideator.event': IdeatorEventSchema,
  'mining.event': MiningEventSchema,
  'annotations.changed': AnnotationsChangedSchema,
  'judge.event': JudgeEventSchema,
  'protocol.event': ProtocolEventSchema,
  'library.changed': LibraryChangedSchema,
  'atlas.mapEvent': AtlasMapEventSchema,
  // The packaged app was opened with a motiv:// link (Electron only): the renderer shows that idea or node.
  'app.link': AppLinkSchema,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
