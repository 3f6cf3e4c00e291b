// Lexical search (BM25) over name, aliases and description. The English analyzer stems like the embedded
// store's porter tokenizer, so "forgetting" finds "forget".
CREATE FULLTEXT INDEX node_text IF NOT EXISTS
FOR (n:Problem|Challenge|Solution|Paper|Idea|Topic) ON EACH [n.name, n.aliases, n.description]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
