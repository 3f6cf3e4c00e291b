import type { LiteraturePaper } from '../ideator/literature-tool.ts';
import type { SourceName } from './config.ts';

/** One remote literature service: builds its request and turns its answer into papers. */
export interface LiteratureSource {
  name: SourceName;
  search(
    baseUrl: string,
    query: string,
    limit: number,
    options: { timeoutMs: number; signal?: AbortSignal | undefined },
  ): Promise<LiteraturePaper[]>;
}

export type { LiteraturePaper };
