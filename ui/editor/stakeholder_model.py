"""Stakeholders of a release and whether their sign-off is required."""

from __future__ import annotations

from ui.editor.row_table_model import Column, RowTableModel


class StakeholderModel(RowTableModel):
    columns = (
        Column("Person", lambda r: r.person_name),
        Column("Role", lambda r: r.role),
        Column("Sign-off", lambda r: "Required" if r.signoff_required else "Informed"),
    )
