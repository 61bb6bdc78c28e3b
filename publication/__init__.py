"""The publication's own code, one floor per job:

    model/     the content model: source text, pages, references, figures, terms, labels
    render/    placeholders, Markdown extensions, the chart, the parallel page, theme patches
    outputs/   the MkDocs plugin and build, PDFs, EPUBs, the offline bundle, serving
    checks/    the checks (plain functions returning findings) and the validators
    cli.py     the command line on top

Everything works on plain files (the data, the Markdown sources, the built HTML), so
that it does not depend on MkDocs internals; the thin MkDocs glue is
`outputs/plugin.py`. What a project holds is read through one object, the
`Publication` (model/publication.py), which every part is handed: no module keeps
a project's path or its data.
"""

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
