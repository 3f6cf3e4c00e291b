import { z } from 'zod';
import { MOTIVATION_KINDS } from '../graph/model.ts';

/** Argument schemas of the researcher's tools: validators here, JSON schemas for the model in tools.ts. */

const KindSchema = z.enum(MOTIVATION_KINDS);

export const ToolArgs = {
  node_search: z.object({
    query: z.string().min(1).max(500).describe('what to look for, in plain words'),
    kinds: z.array(KindSchema).min(1).optional().describe('restrict to these node kinds'),
    limit: z.int().min(1).max(20).optional().describe('how many nodes (default 8)'),
  }),
  node_relation: z.object({
    names: z
      .array(z.string().min(1).max(300))
      .min(1)
      .max(5)
      .describe('node refs (kg:<kind>:<name>) or plain node names'),
  }),
  get_random_nodes: z.object({
    n: z.int().min(1).max(10).describe('how many random nodes'),
    kinds: z.array(KindSchema).min(1).optional(),
  }),
  literature_search: z.object({
    query: z.string().min(1).max(500).describe('keywords for related papers'),
    limit: z
      .int()
      .min(1)
      .max(20)
      .optional()
      .describe('how many papers (default 20, fewer in older sessions)'),
  }),
} as const;

export type ToolName = keyof typeof ToolArgs;
export const TOOL_NAMES = Object.keys(ToolArgs) as ToolName[];
export const GRAPH_TOOL_NAMES: readonly ToolName[] = ['node_search', 'node_relation', 'get_random_nodes'];

export const TOOL_DESCRIPTIONS: Record<ToolName, string> = {
  node_search: 'Top graph nodes (problems, challenges, solutions) matching a query, with their refs.',
  node_relation:
    "Each node's description and neighbours: parent/child nodes and problem → challenge → solution links.",
  get_random_nodes:
    'Random problem/challenge/solution nodes from anywhere in the graph: sources of transferable ideas.',
  literature_search:
    'Related papers (title, authors, year, abstract) for related work and novelty checks; cite as "Author et al., year".',
};
