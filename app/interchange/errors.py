"""Errors raised when a plan file from another tool cannot be imported."""

from __future__ import annotations


class ImportFormatError(Exception):
    """A plan file (MSPDI, .gan, ...) that cannot be read, explained for a coordinator.

    The message names the file, says what is wrong in plain words and, when the parser
    knows it, the line. ``file_name``, ``problem`` and ``line`` are also kept as
    attributes so a dialog can lay them out on its own.
    """

    def __init__(self, file_name: str, problem: str, line: int | None = None) -> None:
        # One line, whatever the file holds: names and values are quoted from it.
        file_name, problem = " ".join(file_name.split()), " ".join(problem.split())
        self.file_name = file_name
        self.problem = problem
        self.line = line
        where = f"{file_name}, line {line}" if line is not None else file_name
        super().__init__(f"Cannot import {where}: {problem}")
