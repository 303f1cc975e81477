"""Index stage: the embedding cache, the faiss vector index and the lexical (BM25) index."""
