"""undoc: United Nations official documents as a linked, searchable record.

    import undoc
    store = undoc.Store("corpus-store")            # a folder, or postgres://…
    hits = store.search("Karabakh", type="letter", sort="-date")["hits"]
    store.thread("A/79/818")["edges"]               # who answers whom
    df = store.to_arrow("references").to_pandas()   # the citation edge list

Every answer comes from the same library as the `undoc` command line, as
plain Python objects; errors are ``undoc.UndocError`` with the messages the
command line prints.
"""

from ._undoc import Store, UndocError, __version__, parse

__all__ = ["Store", "UndocError", "__version__", "parse"]
