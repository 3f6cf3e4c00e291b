import type { z } from 'zod';
import { LIMITS } from './model.ts';
import type { GraphNode } from './model.ts';
import type { NodeInputSchema } from './schemas.ts';

/**
 * What an upsert or a node merge changes on the surviving node. Pure, so both adapters apply the same rule:
 * the existing node wins; the incoming one only adds (new spellings as aliases, a description or props the
 * existing node lacks, a higher level).
 */
export interface NodeFieldChanges {
  aliases: string[];
  description: string;
  level: number;
  props: Record<string, unknown>;
}

type ParsedNodeInput = z.output<typeof NodeInputSchema>;

/** Aliases of `name` gathered from several lists: exact spellings, never the name itself, first seen first. */
export function unionAliases(name: string, ...lists: ReadonlyArray<readonly string[]>): string[] {
  const seen = new Set<string>([name]);
  const out: string[] = [];
  for (const alias of lists.flat()) {
    if (seen.has(alias)) continue;
    seen.add(alias);
    out.push(alias);
  }
  return out.slice(0, LIMITS.aliasesMax);
}

function fillProps(
  existing: Record<string, unknown>,
  incoming: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...existing };
  for (const [key, value] of Object.entries(incoming)) {
    const current = out[key];
    const missing = current === undefined || (Array.isArray(current) && current.length === 0);
    if (missing && value !== undefined) out[key] = value;
  }
  return out;
}

/** null when the incoming data adds nothing: the idempotent repeat. */
export function mergeIncoming(
  existing: GraphNode,
  incoming: Pick<ParsedNodeInput, 'name' | 'aliases' | 'description' | 'level' | 'props'>,
): NodeFieldChanges | null {
  const changes: NodeFieldChanges = {
    aliases: unionAliases(existing.name, existing.aliases, [incoming.name], incoming.aliases),
    description: existing.description === '' ? incoming.description : existing.description,
    level: Math.max(existing.level, incoming.level),
    props: fillProps(existing.props as Record<string, unknown>, incoming.props as Record<string, unknown>),
  };
  const same =
    changes.description === existing.description &&
    changes.level === existing.level &&
    JSON.stringify(changes.aliases) === JSON.stringify(existing.aliases) &&
    JSON.stringify(changes.props) === JSON.stringify(existing.props);
  return same ? null : changes;
}
