"""The outputs: the MkDocs plugin and build, PDFs, EPUBs, the offline bundle and its archive, translation memory, citation files and serving."""
