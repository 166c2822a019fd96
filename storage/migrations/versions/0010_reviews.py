"""The committee's reviews: one per member and dossier (an overall opinion, a draft until
submitted), and its score and comment for each of the call's criteria.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("dossier_id", sa.Integer, sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("opinion", sa.Text, nullable=False, server_default=""),
        sa.Column("submitted_at", TZ),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.UniqueConstraint("dossier_id", "user_id", name="uq_reviews_dossier_user"),
    )
    op.create_table(
        "review_scores",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("review_id", sa.Integer, sa.ForeignKey("reviews.id"), nullable=False),
        sa.Column("criterion", sa.String(100), nullable=False),
        sa.Column("score", sa.Integer),
        sa.Column("comment", sa.Text, nullable=False, server_default=""),
        sa.UniqueConstraint("review_id", "criterion", name="uq_review_scores_review_criterion"),
    )


def downgrade() -> None:
    op.drop_table("review_scores")
    op.drop_table("reviews")
