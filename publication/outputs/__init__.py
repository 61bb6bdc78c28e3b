"""The outputs: the MkDocs build, PDFs, EPUBs, the offline bundle, translation memory, citation files, serving and theme patches."""
