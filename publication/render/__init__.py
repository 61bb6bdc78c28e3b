"""Rendering: placeholders, Markdown extensions, the chart, the parallel page, page metadata and the MkDocs hooks."""
