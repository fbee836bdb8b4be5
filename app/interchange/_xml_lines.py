"""Find the line an element starts on, from its path, by reading the file once more.

The fast parse keeps no line numbers (for 100,000 tasks that was three million
entries), so a message that names a line asks here: expat reads the file again without
building a tree, counting children by tag along the path, and stops at the element.
Memory stays flat however large the file; only a failed import pays for it.
"""

from __future__ import annotations

from xml.parsers import expat

Path_ = tuple[tuple[str, int], ...]
"""Where an element is: (tag, n) steps from the root, the n-th child with that tag; a
tag starting with ``//`` means the n-th such element anywhere below (document order)."""


class _Found(Exception):
    def __init__(self, line: int | None) -> None:
        super().__init__(line)
        self.line = line


def find_line(data: bytes, path: Path_) -> int | None:
    """The line of the element at ``path`` (the root for ``()``), or None if absent."""
    parser = expat.ParserCreate(namespace_separator="}")
    counters: list[dict[str, int]] = [{}]  # children seen so far, per open element
    anywhere: dict[str, int] = {}  # elements seen so far by tag, for a // step
    matched, matched_depth = 0, 0  # steps matched, depth of the last matched element

    def start(name: str, _attrs: object) -> None:
        nonlocal matched, matched_depth
        tag = name.rsplit("}", 1)[-1]
        depth = len(counters)
        n = counters[-1][tag] = counters[-1].get(tag, -1) + 1
        counters.append({})
        if depth == 1 and matched == 0 and not path:
            raise _Found(parser.CurrentLineNumber)
        if depth == 1:
            matched_depth = 1  # steps start below the root
            return
        want, index = path[matched]
        if want.startswith("//"):
            if tag == want[2:]:
                count = anywhere[tag] = anywhere.get(tag, -1) + 1
                if count == index:
                    matched, matched_depth = matched + 1, depth
        elif depth == matched_depth + 1 and tag == want and n == index:
            matched, matched_depth = matched + 1, depth
        if matched == len(path):
            raise _Found(parser.CurrentLineNumber)

    def end(_name: str) -> None:
        counters.pop()
        if len(counters) <= matched_depth and matched and not path[matched][0].startswith("//"):
            raise _Found(None)  # the element that should hold the next step has closed

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except _Found as found:
        return found.line
    except expat.ExpatError:
        return None
    return None
