"""Text helpers shared by several stages: lexical terms, template forms."""
