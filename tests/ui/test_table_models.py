"""Every editor item model through qtmodeltester, on the demo workspace's rows."""

from __future__ import annotations

import pytest

from app.services import (
    dependency_service,
    handover_service,
    release_service,
    scope_service,
    signoff_service,
)
from app.workspace import Workspace
from ui.editor.communication_model import CommunicationModel
from ui.editor.dependency_model import DependencyModel
from ui.editor.handover_model import HandoverModel
from ui.editor.scope_model import ScopeModel
from ui.editor.signoff_model import SignOffModel
from ui.editor.stakeholder_model import StakeholderModel

CASES = [
    (ScopeModel, scope_service.list_scope),
    (StakeholderModel, signoff_service.list_stakeholders),
    (SignOffModel, signoff_service.list_signoffs),
    (DependencyModel, dependency_service.list_dependencies),
    (HandoverModel, handover_service.list_handover),
    (CommunicationModel, handover_service.list_communications),
]


@pytest.mark.parametrize(("model_cls", "lister"), CASES, ids=[c[0].__name__ for c in CASES])
def test_editor_models(qapp, qtmodeltester, demo_path, model_cls, lister) -> None:
    ws = Workspace.open(demo_path, user="tester")
    try:
        rows = [r for rel in release_service.list_releases(ws) for r in lister(ws, rel.id)]
        assert rows, "the demo workspace has rows for every tab"
        model = model_cls()
        model.set_rows(rows)
        qtmodeltester.check(model)
        model.set_rows(rows[:1])
        qtmodeltester.check(model)
    finally:
        ws.close()
