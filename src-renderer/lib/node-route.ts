/**
 * Hash routes to one item of a section, so other sections (Methods' linked Solutions, an idea's cited nodes) and
 * `motiv://` links can point at it and a reload keeps it open: `#/graph/node/<id>`, `#/ideas/idea/<id>` and
 * `#/evaluate/topic/<topic>` (the Evaluate area on one topic, where its ideas are ranked in a tournament). The
 * section reads its route when it opens and on every hash change.
 */

interface HashRoute {
  href(id: string): string;
  /** The id a hash names, or null when it names none (or is malformed). */
  fromHash(hash: string): string | null;
}

function hashRoute(prefix: string): HashRoute {
  return {
    href: (id) => `${prefix}${encodeURIComponent(id)}`,
    fromHash: (hash) => {
      if (!hash.startsWith(prefix)) return null;
      try {
        const id = decodeURIComponent(hash.slice(prefix.length));
        return id.trim() === '' ? null : id;
      } catch {
        return null;
      }
    },
  };
}

const nodeRoute = hashRoute('#/graph/node/');
const ideaRoute = hashRoute('#/ideas/idea/');

export const graphNodeHref = nodeRoute.href;
export const graphNodeFromHash = nodeRoute.fromHash;
export const ideaHref = ideaRoute.href;
export const ideaFromHash = ideaRoute.fromHash;

const topicRoute = hashRoute('#/evaluate/topic/');
export const evaluateTopicHref = topicRoute.href;
export const evaluateTopicFromHash = topicRoute.fromHash;

/** The Graph section with its review queue open (e.g. after the Methods section proposed atlas methods). */
export const GRAPH_REVIEW_HREF = '#/graph/review';
export const isGraphReviewHash = (hash: string): boolean => hash === GRAPH_REVIEW_HREF;
