"""Content versions, their files and the drafts staff edit on the dashboard (issue 16).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the content tables (the first version is taken from the content folder on first use)."""
    op.create_table(
        "content_blobs",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_content_blobs")),
    )
    op.create_table(
        "content_versions",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("published_at", _UTC_TIME, nullable=False),
        sa.Column("published_by", sa.String(64), nullable=False),
        sa.Column("comment", sa.String(500), nullable=False),
        sa.Column("manifest_sha256", sa.String(64), nullable=False),
        sa.Column("restored_from", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_content_versions")),
    )
    op.create_table(
        "content_version_files",
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(200), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["number"], ["content_versions.number"],
                                name=op.f("fk_content_version_files_number_content_versions"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sha256"], ["content_blobs.sha256"],
                                name=op.f("fk_content_version_files_sha256_content_blobs")),
        sa.PrimaryKeyConstraint("number", "path", name=op.f("pk_content_version_files")),
    )
    op.create_table(
        "content_drafts",
        sa.Column("path", sa.String(200), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("saved_by", sa.String(64), nullable=False),
        sa.Column("saved_at", _UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(["sha256"], ["content_blobs.sha256"],
                                name=op.f("fk_content_drafts_sha256_content_blobs")),
        sa.PrimaryKeyConstraint("path", name=op.f("pk_content_drafts")),
    )


def downgrade() -> None:
    """Drop the content tables (the content folder of the center stays as it is)."""
    op.drop_table("content_drafts")
    op.drop_table("content_version_files")
    op.drop_table("content_versions")
    op.drop_table("content_blobs")
