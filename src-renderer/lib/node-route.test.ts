import { describe, expect, it } from 'vitest';
import { graphNodeFromHash, graphNodeHref, ideaFromHash, ideaHref } from './node-route.ts';

describe('graph node hash route', () => {
  it('round-trips ids, including ones with slashes, colons and spaces', () => {
    for (const id of ['sol-1', 'kg:solution:Graph RAG', 'a/b?c#d', 'ü']) {
      expect(graphNodeFromHash(graphNodeHref(id))).toBe(id);
    }
    expect(graphNodeHref('a/b')).toBe('#/graph/node/a%2Fb');
  });

  it('names no node for other hashes or malformed ones', () => {
    expect(graphNodeFromHash('#/graph')).toBeNull();
    expect(graphNodeFromHash('#/methods')).toBeNull();
    expect(graphNodeFromHash('#/graph/node/')).toBeNull();
    expect(graphNodeFromHash('#/graph/node/%E0%A4%A')).toBeNull();
  });
});

describe('idea hash route', () => {
  it('round-trips idea ids and names none for other sections', () => {
    for (const id of ['idea-1', 'a/b?c#d']) expect(ideaFromHash(ideaHref(id))).toBe(id);
    expect(ideaHref('a b')).toBe('#/ideas/idea/a%20b');
    expect(ideaFromHash(graphNodeHref('idea-1'))).toBeNull();
    expect(ideaFromHash('#/ideas')).toBeNull();
  });
});
