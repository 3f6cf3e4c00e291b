import { z } from 'zod';
import type { ChatTool, ToolCall } from '../llm/index.ts';
import type { GraphStore } from '../graph/port.ts';
import { clip, nodeRelationTool, nodeSearchTool, randomNodesTool } from './graph-tools.ts';
import { literatureTool } from './literature-tool.ts';
import type { LiteratureProvider, LiteratureView } from './literature-tool.ts';
import { GRAPH_TOOL_NAMES, TOOL_DESCRIPTIONS, TOOL_NAMES, ToolArgs } from './tool-args.ts';
import type { ToolName } from './tool-args.ts';

/**
 * The researcher's read-only tools: which ones a session offers, their JSON schemas for native tool calling, and
 * one `executeTool` that never throws. Unknown or unavailable tools, malformed JSON, invalid arguments and store
 * errors all become an `{ "error": … }` result the model can read and recover from. Results are size-capped.
 */

export { TOOL_NAMES };
export type { ToolName };

export interface ToolContext {
  store: GraphStore | null;
  literature?: LiteratureProvider;
  /** The tools this session offers (see `availableTools`). */
  offered: readonly ToolName[];
  /** Cap on one result's JSON text. */
  maxResultChars: number;
  /** How literature results read and their own cap (see LiteratureView); absent: the pre-issue-16 tool. */
  literatureView?: LiteratureView;
  /** Reproducible random picks: the session seed mixed with the call id. */
  seedFor(callId: string): number;
  signal?: AbortSignal;
}

export interface ToolOutcome {
  content: string;
  ok: boolean;
  /** Which literature source answered, for the session record. */
  source?: string;
}

/** Graph tools need a graph and no no-graph ablation; literature needs a provider or the local graph. */
export function availableTools(noGraph: boolean, hasGraph: boolean, hasLiterature: boolean): ToolName[] {
  const graph = !noGraph && hasGraph;
  return TOOL_NAMES.filter((name) =>
    GRAPH_TOOL_NAMES.includes(name) ? graph : name === 'literature_search' ? hasLiterature || graph : false,
  );
}

export function toolDefinitions(names: readonly ToolName[]): ChatTool[] {
  return names.map((name) => ({
    type: 'function' as const,
    function: {
      name,
      description: TOOL_DESCRIPTIONS[name],
      parameters: z.toJSONSchema(ToolArgs[name], { target: 'draft-7' }) as Record<string, unknown>,
    },
  }));
}

async function run(name: ToolName, args: unknown, call: ToolCall, ctx: ToolContext): Promise<ToolOutcome> {
  const max = ctx.maxResultChars;
  if (name === 'literature_search') {
    const store = ctx.offered.includes('node_search') ? ctx.store : null;
    const { content, source } = await literatureTool(
      args,
      ctx.literatureView ?? { mode: undefined, maxChars: max },
      store,
      ctx.literature,
      ctx.signal,
    );
    return { ok: true, content, source };
  }
  if (!ctx.store) throw new Error('the graph is not available');
  switch (name) {
    case 'node_search':
      return { ok: true, content: await nodeSearchTool(ctx.store, args, max) };
    case 'node_relation':
      return { ok: true, content: await nodeRelationTool(ctx.store, args, max) };
    case 'get_random_nodes':
      return { ok: true, content: await randomNodesTool(ctx.store, args, max, ctx.seedFor(call.id)) };
  }
}

const errorResult = (message: string): ToolOutcome => ({
  ok: false,
  content: JSON.stringify({ error: clip(message, 500) }),
});

export async function executeTool(call: ToolCall, ctx: ToolContext): Promise<ToolOutcome> {
  const name = TOOL_NAMES.find((n) => n === call.name);
  if (!name)
    return errorResult(`unknown tool "${call.name}"; available: ${ctx.offered.join(', ') || 'none'}`);
  if (!ctx.offered.includes(name)) return errorResult(`tool "${name}" is not available in this session`);
  let args: unknown;
  try {
    args = call.arguments.trim() === '' ? {} : (JSON.parse(call.arguments) as unknown);
  } catch {
    return errorResult(`arguments of ${name} are not valid JSON`);
  }
  try {
    return await run(name, args, call, ctx);
  } catch (err) {
    return errorResult(
      err instanceof z.ZodError
        ? `invalid arguments for ${name}: ${err.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`
        : `${name} failed: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
