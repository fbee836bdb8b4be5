"""``--json`` output: orjson's text is exactly what ``json.dumps(indent=2)`` wrote before."""

from __future__ import annotations

import datetime as dt
import json

from app.cli.json_output import write_json


def test_write_json_writes_what_json_dumps_wrote(capsys) -> None:
    when = dt.datetime(2027, 1, 4, 8, 0)
    precise = dt.datetime(2027, 1, 4, 8, 0, 5, 120)
    aware = dt.datetime(2027, 1, 4, 8, 0, tzinfo=dt.UTC)
    obj = {
        "release": "Zürich – Ω 1.0 \"quoted\" \\ \t",
        "finish": when,
        "tasks": [
            {"id": "a", "start": precise, "at": aware, "float": 0, "critical": True},
            {"id": "b", "empty": [], "none": None, "nested": {}},
        ],
    }
    write_json(obj)
    expected = json.loads(json.dumps(obj, default=dt.datetime.isoformat))
    assert capsys.readouterr().out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
