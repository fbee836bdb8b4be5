"""One clock: only app/clock.py (and the storage default it builds on) reads the time."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READS_THE_TIME = re.compile(
    r"\b(datetime\.now|datetime\.utcnow|date\.today|datetime\.today|time\.time"
    r"|QDateTime\.currentDateTime|QDate\.currentDate)\s*\("
)
ALLOWED = {"app/clock.py", "models/base.py"}


def test_only_the_clock_reads_the_time() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for package in ("app", "ui", "models")
        for path in sorted((ROOT / package).rglob("*.py"))
        if str(path.relative_to(ROOT)) not in ALLOWED
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if READS_THE_TIME.search(line)
    ]
    assert not offenders, "read the time through app.clock:\n" + "\n".join(offenders)
