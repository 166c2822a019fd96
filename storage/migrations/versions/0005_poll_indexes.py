"""Indexes an idle poll relies on: messages by state (the reconcile after a crash, the
health figures) and dossiers by answer_due_at (answers waiting for the split window).

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_messages_state", "messages", ["state"])
    op.create_index("ix_dossiers_answer_due_at", "dossiers", ["answer_due_at"])


def downgrade() -> None:
    op.drop_index("ix_dossiers_answer_due_at", "dossiers")
    op.drop_index("ix_messages_state", "messages")
