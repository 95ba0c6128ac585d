"""whodid: who did what to whom. Political event data (PLOVER) from raw news text.

    >>> import whodid
    >>> events = whodid.code("Russian warplanes bombed rebel positions near Idlib on Tuesday.",
    ...                      date="2015-10-09")
    >>> events[0].to_plover()["event"]
    'ASSAULT'
"""

__version__ = "0.1.0"

from .api import code, code_documents  # noqa: E402
from .records import Entity, Event  # noqa: E402

__all__ = ["code", "code_documents", "Event", "Entity", "__version__"]
