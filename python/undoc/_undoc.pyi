"""Type stubs for the extension module (crates/undoc-python)."""

from os import PathLike
from typing import Any, Literal, Optional, Sequence, Union

__version__: str

Record = dict[str, Any]
Table = Literal["documents", "references", "votes", "speeches"]

class UndocError(Exception):
    """What undoc could not do, in the words the command line uses."""

def parse(path: Union[str, PathLike[str]]) -> Record:
    """The record of one file (PDF, text, markdown, Akoma Ntoso), as
    ``undoc parse --json`` prints it (``shared/spec/record.md``)."""

class Store:
    """A stored corpus: an embedded store's folder or a ``postgres://`` URL."""

    def __init__(self, location: str) -> None: ...
    def stats(self) -> dict[str, Any]:
        """Documents, texts, references, and counts by type, year and language."""
    def search(
        self,
        q: str = "",
        *,
        limit: int = 20,
        offset: int = 0,
        sort: Literal["relevance", "date", "-date"] = "relevance",
        **filters: Union[str, int, None],
    ) -> dict[str, Any]:
        """Full-text search with the API's filters (type, organ, session, year,
        agenda, state, sender, mentions, speaker, speech_kind, from, to, lang):
        ``{"total", "hits", "facets", "also_matching"}``."""
    def document(self, symbol: str, lang: Optional[str] = None) -> Optional[Record]:
        """A stored document's record with ``key``, ``permalink`` and
        ``languages``; None when it is not held."""
    def thread(self, symbol: str) -> Optional[dict[str, Any]]:
        """``{"nodes", "edges", "truncated"}``: the exchange, replies both ways."""
    def cites(self, symbol: str) -> Optional[list[dict[str, Any]]]:
        """The document's references, one row each (the edge list's columns)."""
    def cited_by(self, symbol: str) -> Optional[list[dict[str, Any]]]:
        """The documents referring to it, with relation and count."""
    def votes(self, state: str) -> list[dict[str, Any]]:
        """A State's recorded votes: the resolution and its ballot."""
    def speeches(self, state: str) -> list[dict[str, Any]]:
        """What a State's representatives said in the meeting records held."""
    def table(self, name: Table = "documents", symbols: Optional[Sequence[str]] = None) -> list[dict[str, Any]]:
        """A researcher's table as rows: ``pandas.DataFrame(store.table("documents"))``."""
    def to_arrow(self, name: Table = "documents", symbols: Optional[Sequence[str]] = None) -> Any:
        """The table as a typed ``pyarrow.Table`` (needs pyarrow)."""
