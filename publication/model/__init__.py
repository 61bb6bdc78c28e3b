"""The content model: the source text, the pages, references, figures, terms, sentence segments and the edition."""
