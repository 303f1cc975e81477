"""Themes: clusters of stored passage embeddings, labelled with class-based TF-IDF, and their trends."""
