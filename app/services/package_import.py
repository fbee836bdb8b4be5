"""Importing configuration items from a CSV or JSON list, all or nothing.

CSV: a header row naming the columns ``component``, ``version``, ``artifact`` and,
optionally, ``sha256``, ``domain``. JSON: a list of objects with those keys (or an
object whose ``items`` is that list). A local artifact given without ``sha256`` is
hashed; a relative path is read from the list's own folder. A bad row is refused with
its line (CSV) or position (JSON) and nothing is imported.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path
from typing import Any

from app.changes import Change, ChangeAction
from app.errors import ReleaseDeskError, ValidationError
from app.services.artifact_hash import Cancelled, is_local, local_path, sha256_of
from app.services.package_integrity import Progress
from app.services.package_service import normalise_item, package_in, warned
from app.workspace import Workspace
from models import ConfigurationItem

REQUIRED = ("component", "version", "artifact")
OPTIONAL = ("sha256", "domain")


def read_rows(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """The rows of a CSV or JSON list, each with where it is (``line 3``, ``item 2``)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise ValidationError(f"{path.name} is not a UTF-8 text file.") from None
    if path.suffix.lower() == ".json":
        return _json_rows(text, path.name)
    if path.suffix.lower() == ".csv":
        return _csv_rows(text, path.name)
    raise ValidationError(f"{path.name}: import a .csv or .json file.")


def _json_rows(text: str, name: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{name} line {exc.lineno}: not valid JSON ({exc.msg}).") from None
    if isinstance(data, dict):
        data = data.get("items")
    if not isinstance(data, list):
        raise ValidationError(f"{name}: expected a list of items (or an object with 'items').")
    rows = []
    for n, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            raise ValidationError(
                f"{name} item {n}: expected an object with component, version, artifact."
            )
        rows.append((f"item {n}", entry))
    return rows


def _csv_rows(text: str, name: str) -> list[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValidationError(f"{name} line 1: missing column {', '.join(missing)}.")
    reader.fieldnames = header
    return [
        (f"line {reader.line_num}", {k: v for k, v in row.items() if k is not None})
        for row in reader
    ]


def _values(where: str, row: dict[str, Any], folder: Path, hash_local: bool) -> dict[str, Any]:
    unknown = set(row) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        raise ValidationError(f"{where}: unknown column {', '.join(sorted(unknown))}.")
    artifact = str(row.get("artifact") or "").strip()
    if artifact and is_local(artifact) and not local_path(artifact).is_absolute():
        artifact = str(folder / local_path(artifact))
    try:
        return normalise_item(
            {
                "component": row.get("component"),
                "version_label": row.get("version"),
                "artifact_uri": artifact,
                "sha256": row.get("sha256") or "",
                "domain": row.get("domain") or "",
            },
            hash_local,
        )
    except ReleaseDeskError as exc:
        raise ValidationError(f"{where}: {exc}") from None


def prepare_items(
    path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> list[dict[str, Any]]:
    """The checked values of every row of the list at ``path``, local artifacts hashed.

    No database access: safe on a worker thread. A bad row raises ValidationError
    naming its line; ``cancelled`` returning True stops the hashing (HashCancelled).
    """
    path = Path(path)
    rows = read_rows(path)
    folder = path.resolve().parent
    values = [_values(f"{path.name} {where}", row, folder, False) for where, row in rows]
    if not values:
        raise ValidationError(f"{path.name} lists no items.")
    return hash_artifacts(values, progress, cancelled)


def needs_hash(values: dict[str, Any]) -> bool:
    """Whether an item's artifact is a local file without a recorded checksum."""
    artifact = values.get("artifact_uri") or ""
    return bool(artifact) and is_local(artifact) and not values.get("sha256")


def hash_artifacts(
    items: list[dict[str, Any]],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[dict[str, Any]]:
    """``items`` with the SHA-256 and size of each local artifact that has no checksum.

    ``progress(done, total)`` hears the bytes read over all files; ``cancelled``
    returning True stops it (:class:`HashCancelled`). No database access.
    """
    sizes = [_size(local_path(v["artifact_uri"])) if needs_hash(v) else None for v in items]
    total, before = sum(n for n in sizes if n is not None), 0
    out = []
    for values, size in zip(items, sizes, strict=True):
        if size is None:
            out.append(values)
            continue
        path = local_path(values["artifact_uri"])

        def tell(done: int, before: int = before) -> None:
            if progress is not None:
                progress(before + done, total)

        try:
            digest = sha256_of(path, tell, cancelled)
        except OSError as exc:
            raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from None
        out.append({**values, "sha256": digest, "size_bytes": size})
        before += size
    if progress is not None:
        progress(total, total)
    return out


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def add_items(ws: Workspace, release_id: uuid.UUID, values: list[dict[str, Any]]) -> Change:
    """Add prepared items (:func:`prepare_items`) to the release's package in one
    transaction; the change lists every item created."""
    with ws.transaction() as s:
        package = package_in(s, release_id)
        items = [ConfigurationItem(package_id=package.id, **v) for v in values]
        s.add_all(items)
        s.flush()
        change = Change(
            ConfigurationItem.__tablename__,
            ChangeAction.CREATED,
            tuple(i.id for i in items),
            tuple(i.version for i in items),
        )
        return warned(s, change, package.id)


def import_items(ws: Workspace, release_id: uuid.UUID, path: Path) -> Change:
    """Add every item of the list at ``path`` to the release's package in one transaction.

    Rows are all checked (and local artifacts hashed) before anything is written; a bad
    row raises ValidationError naming its line and nothing is imported.
    """
    return add_items(ws, release_id, prepare_items(path))
