"""Live updates on a shared database: what one coordinator saves, the others see.

Every committed change to a shared (PostgreSQL) workspace is announced on a
``NOTIFY`` channel in the same transaction (``notices``), so a rolled-back save
announces nothing; each open window listens (``listener``) and refreshes the views
the change concerns, as it does for its own edits. Local SQLite workspaces have one
writer and need neither.
"""
