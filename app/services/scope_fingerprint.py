"""The fingerprint of a release's scope that a sign-off approves."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from models import ScopeItem
from models.enums import ScopeStatus


def scope_hash(items: Iterable[ScopeItem]) -> str:
    """SHA-256 over the live, not-removed scope items (order-independent).

    Only what a stakeholder agrees to counts: key, title, description and kind. Moving
    an item in the list or marking it done does not invalidate a sign-off.
    """
    content = sorted(
        (i.key, i.title, i.description, i.kind)
        for i in items
        if i.deleted_at is None and i.status != ScopeStatus.REMOVED
    )
    return hashlib.sha256(json.dumps(content).encode("utf-8")).hexdigest()
