// Vector kNN over 384-dimensional embeddings (all-MiniLM-L6-v2 and kin), cosine similarity. Vectors of other
// dimensions are stored but not indexed; the adapter searches those exactly.
CREATE VECTOR INDEX embedding_vector IF NOT EXISTS
FOR (e:Embedding) ON e.vector
OPTIONS {indexConfig: {`vector.dimensions`: 384, `vector.similarity_function`: 'cosine'}};
