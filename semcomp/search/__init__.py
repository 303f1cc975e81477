"""Search stage: lexical terms, score fusion and the ``similar`` query."""
