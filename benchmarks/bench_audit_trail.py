"""What the append-only audit trail costs on PostgreSQL, and how fast an auditor's tools are.

Run: ``.venv/bin/python benchmarks/bench_audit_trail.py [--rows 50000] [--runs 3]``
(needs the local PostgreSQL server of the tests, as superuser ``postgres``).

For each run a fresh workspace database gets ``--rows`` releases through the bulk
audited insert (one audit row each), once with the trigger that stamps ``db_login`` on
every audit row and once with it switched off (the cost of the trigger alone); then the
whole trail is exported as JSON lines and CSV, and the README's script verifies the
JSONL file in a fresh Python process. Medians of the runs, with the load average.

Measured 1 Dec 2026 on the shared 2-CPU machine under a load average of 15 (eight
helpers' test suites), 3 runs of 50,000 releases, seconds:

    insert, login trigger on       36.9     the trigger's cost is below this machine's
    insert, login trigger off      38.1     noise (one PL/pgSQL assignment per row)
    export 100,000 rows .jsonl     17.0
    export 100,000 rows .csv       14.4
    README script verifies .jsonl  14.8
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.audit_trail import export_trail  # noqa: E402
from app.workspace import Workspace  # noqa: E402
from models import Release  # noqa: E402
from models.bulk_audit import insert_audited  # noqa: E402

ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _readme_script() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Verifying the audit trail without ReleaseDesk", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run_once(rows: int, folder: Path) -> dict[str, float]:
    admin = sa.create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    name = f"rd_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.make_url(ADMIN).set(database=name).render_as_string(False)
    figures: dict[str, float] = {}
    try:
        with Workspace.open(url, create=True, user="bench") as ws:
            for label, trigger in (
                ("insert, login trigger on", "ENABLE"),
                ("insert, login trigger off", "DISABLE"),
            ):
                with ws.engine.begin() as conn:
                    conn.exec_driver_sql(f"ALTER TABLE audit_log {trigger} TRIGGER audit_log_login")
                batch = [{"name": f"R{i}"} for i in range(rows)]

                def insert(batch=batch) -> None:
                    with ws.transaction() as session:
                        insert_audited(session, Release, batch)

                figures[label] = _timed(insert)
            for kind in (".jsonl", ".csv"):
                out = folder / f"trail{kind}"
                figures[f"export {2 * rows:,} rows {kind}"] = _timed(
                    lambda out=out: export_trail(ws, out)
                )
        script = folder / "verify.py"
        script.write_text(_readme_script(), encoding="utf-8")
        figures["README script verifies .jsonl"] = _timed(
            lambda: subprocess.run(
                [sys.executable, str(script), str(folder / "trail.jsonl")],
                check=True,
                capture_output=True,
            )
        )
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.runs):
            runs.append(run_once(args.rows, Path(folder)))
    print(f"{'step':<36} {'median s':>9}   ({args.runs} runs, {args.rows:,} releases)")
    for label in runs[0]:
        print(f"{label:<36} {statistics.median(r[label] for r in runs):>9.2f}")
    print(f"{'load average (1 min)':<36} {os.getloadavg()[0]:>9.2f}")


if __name__ == "__main__":
    main()
