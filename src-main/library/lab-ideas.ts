import type { Driver } from 'neo4j-driver';
import type { IdeaStatus } from '../graph/model.ts';
import { IDEA_STATUSES } from '../graph/model.ts';

/**
 * The Idea nodes of a shared Neo4j graph, in one read query: what lab members' ideators wrote back
 * (ideator/graph-writeback.ts: the latest title and abstract, status and version in props, the writer's actor as
 * createdBy, a CITES edge to the session's Topic node). The caller drops the ones its own sessions wrote.
 */

export interface LabIdea {
  id: string;
  name: string;
  description: string;
  status: IdeaStatus;
  currentVersion: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** The name of a Topic node it cites ('' when none). */
  topic: string;
}

const LAB_IDEAS = `MATCH (i:GraphNode:Idea)
OPTIONAL MATCH (i)-[:CITES]->(t:GraphNode:Topic)
WITH i, min(t.name) AS topic
RETURN i.id AS id, i.name AS name, i.description AS description, i.props AS props, i.createdBy AS createdBy,
  i.createdAt AS createdAt, i.updatedAt AS updatedAt, coalesce(topic, '') AS topic`;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function propsOf(raw: unknown): { status: IdeaStatus; currentVersion: number } {
  let props: { status?: unknown; currentVersion?: unknown } = {};
  try {
    props = JSON.parse(text(raw) || '{}') as typeof props;
  } catch {
    // A hand-edited node: shown as a draft of version 1 rather than hiding it.
  }
  const status = IDEA_STATUSES.find((s) => s === props.status) ?? 'draft';
  const version = typeof props.currentVersion === 'number' ? props.currentVersion : 1;
  return { status, currentVersion: Math.max(1, Math.trunc(version)) };
}

/** One auto-commit read, not retried: when the lab's server is down the library answers at once without it. */
export async function readLabIdeas(driver: Driver, database: string): Promise<LabIdea[]> {
  const session = driver.session({ database, defaultAccessMode: 'READ' });
  let records;
  try {
    ({ records } = await session.run(LAB_IDEAS));
  } finally {
    await session.close();
  }
  return records.map((r) => ({
    id: text(r.get('id')),
    name: text(r.get('name')),
    description: text(r.get('description')),
    ...propsOf(r.get('props')),
    createdBy: text(r.get('createdBy')),
    createdAt: text(r.get('createdAt')),
    updatedAt: text(r.get('updatedAt')),
    topic: text(r.get('topic')),
  }));
}
