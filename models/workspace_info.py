"""Facts about the workspace itself (its name, when it was created)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class WorkspaceInfo(Base):
    """Key/value facts about the workspace; its presence marks a ReleaseDesk database."""

    __tablename__ = "workspace_info"

    key: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    value: Mapped[str] = mapped_column(sa.Text, default="")
