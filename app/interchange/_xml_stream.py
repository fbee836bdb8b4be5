"""Read a large XML file element by element, dropping each repeated element once read.

A plan of 100,000 tasks is three million elements; as one tree that is close to a
gigabyte. :func:`stream_xml` hands each completed ``tag`` element (a task) to a callback
and then empties it, so only the rest of the document (header, calendars) and the
empty task shells stay in memory; ElementTree's C parser does the parsing.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from app.interchange._xml import XmlDoc, damaged, not_this_format
from app.interchange._xml_prolog import check_prolog
from app.interchange.errors import ImportFormatError

CHUNK = 1 << 20
"""Bytes fed to the parser at a time."""


def stream_xml(
    data: bytes,
    file_name: str,
    expected_root: str,
    what: str,
    tag: str,
    on_element: Callable[[XmlDoc, ET.Element, int], None],
) -> XmlDoc:
    """Parse ``data``, calling ``on_element(doc, element, n)`` for the n-th ``tag`` element.

    The element is complete (namespaces stripped) when the callback runs and emptied
    right after it; ``doc.root`` is not known yet then, but ``doc.error(…, element)``
    and ``doc.error_at(…, (("//" + tag, n), …))`` find the line. Returns the document
    with the root, whose ``tag`` elements are empty shells.
    """
    if not data.strip():
        raise ImportFormatError(file_name, f"the file is empty; expected {what}")
    name, line = check_prolog(data, file_name, what)
    if name != expected_root:
        raise not_this_format(file_name, what, name, expected_root, line)
    doc = XmlDoc(ET.Element(expected_root), file_name, data)
    parser = ET.XMLPullParser(events=("end",))
    count = 0
    element = None
    try:
        for start in range(0, len(data), CHUNK):
            parser.feed(data[start : start + CHUNK])
            for _event, element in parser.read_events():
                name = element.tag
                if name[0] == "{":
                    element.tag = name = name[name.index("}") + 1 :]
                if name == tag:
                    doc.anchor = (element, (("//" + tag, count),))
                    on_element(doc, element, count)
                    count += 1
                    element.clear()
        parser.close()
        for _event, element in parser.read_events():
            name = element.tag
            if name[0] == "{":
                element.tag = name[name.index("}") + 1 :]
    except ET.ParseError as exc:
        raise damaged(file_name, what, exc) from exc
    assert element is not None  # the prolog check found a root element
    doc.root, doc.anchor = element, None
    return doc
