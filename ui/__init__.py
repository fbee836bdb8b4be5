"""The Qt layer: windows, views, item models, delegates, dialogs and undo commands.

The core (SQLAlchemy and the models) is imported here, before any Qt module: once
PySide6 is loaded, its ``__feature__`` import hook reads the source of every module
imported after it (looking for "PySide6" in the text), which cost the window's start
~0.07 s of CPU for SQLAlchemy's and the models' ~300 modules.
"""

import app.workspace  # noqa: F401  (before PySide6: see above)
