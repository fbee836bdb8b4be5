"""The safety check of an XML file before the fast (C) parser reads it.

The readers used to parse with ``defusedxml``, whose pure-Python parser calls back into
Python three times per element: for 100,000 tasks that alone took seconds. Its protection
needs only the prolog, though: entity declarations can only stand in the document type
declaration before the root element. So expat reads the prolog with defusedxml's own
refusals (entity declarations, unparsed entities, external references), stops at the
root element, and only then does ElementTree's C parser read the whole file; it never
fetches external DTDs or entities, and undeclared entities are errors for it.
"""

from __future__ import annotations

from typing import NoReturn
from xml.parsers import expat

from app.interchange.errors import ImportFormatError


class _RootReached(Exception):
    def __init__(self, name: str, line: int) -> None:
        super().__init__(name)
        self.name, self.line = name, line


def check_prolog(data: bytes, file_name: str, what: str) -> tuple[str, int]:
    """Refuse unsafe XML features; return the root element's local name and its line.

    ``what`` names the format for messages ("a Microsoft Project XML file").
    """
    parser = expat.ParserCreate()  # no namespace processing: the name as written

    def refuse(*_args: object) -> NoReturn:
        raise ImportFormatError(
            file_name,
            "the file uses XML features that are refused for safety "
            "(entity declarations or external references)",
            parser.CurrentLineNumber,
        )

    def root(name: str, _attrs: object) -> NoReturn:
        raise _RootReached(name.rsplit(":", 1)[-1], parser.CurrentLineNumber)

    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = root
    try:
        parser.Parse(data, True)
    except _RootReached as reached:
        return reached.name, reached.line
    except (LookupError, UnicodeError) as exc:  # <?xml encoding="abc"?>, or bytes not in it
        raise ImportFormatError(
            file_name, f"this is not {what}: its text encoding cannot be read ({exc})"
        ) from None
    except expat.ExpatError as exc:
        raise ImportFormatError(
            file_name,
            f"this is not {what}: the XML is damaged or cut off ({expat.ErrorString(exc.code)})",
            exc.lineno,
        ) from None
    raise ImportFormatError(file_name, f"this is not {what}: it has no root element")
