// 'generated' joins the origins: ideas an LLM wrote. Idea nodes and their CITES edges, written back by the
// ideator as 'curated' before, say so now. Data only and idempotent, so a re-run after a crash is harmless.
MATCH (n:Idea) WHERE n.origin = 'curated' SET n.origin = 'generated';
MATCH (:Idea)-[r:CITES]->() WHERE r.origin = 'curated' SET r.origin = 'generated';
