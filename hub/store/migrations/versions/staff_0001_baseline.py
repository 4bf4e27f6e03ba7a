"""The staff side's tables as of the first PostgreSQL-capable release.

SQLite files made before it (by the sqlite-utils migrations in hub.staff.db) are brought up to
this point by those migrations and then stamped with this revision (hub.store.backend.migrate).
"""

import sqlalchemy as sa
from alembic import op

from hub.store.backend.types import INT, TEXT, column, key

revision = "staff_0001"
down_revision = None
branch_labels = ("staff",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        key(),
        column("username", TEXT, unique=True),
        column("password_hash", TEXT),
        column("role", TEXT),
        column("province", TEXT, null=True),
        column("active", INT, server_default="1"),
        column("created_at", TEXT),
        column("last_login_at", TEXT, null=True),
        sa.CheckConstraint("role IN ('admin', 'analyst')"),
    )
    op.create_table(
        "login_sessions",
        column("token_hash", TEXT, primary_key=True),
        column("user_id", INT, sa.ForeignKey("users.id", ondelete="CASCADE")),
        column("created_at", TEXT),
        column("last_seen_at", TEXT),
        column("expires_at", TEXT),
    )
    op.create_index("login_sessions_user", "login_sessions", ["user_id"])
    op.create_table("login_failures", key(), column("subject", TEXT), column("at", TEXT))
    op.create_index("login_failures_subject", "login_failures", ["subject", "at"])
    op.create_table(
        "gate_crossings",
        column("gate", TEXT, primary_key=True),
        column("month", TEXT, primary_key=True),
        column("crossings", INT),
        column("updated_at", TEXT),
        column("updated_by", TEXT),
        sa.CheckConstraint("crossings >= 0"),
    )
    op.create_table(
        "gate_costs",
        column("gate", TEXT, primary_key=True),
        column("yearly_cost_per_kiosk", INT),
        column("updated_at", TEXT),
        column("updated_by", TEXT),
        sa.CheckConstraint("yearly_cost_per_kiosk >= 0"),
    )
    op.create_table(
        "qr_opens",
        column("device_id", TEXT, primary_key=True),
        column("hour", TEXT, primary_key=True),
        column("article", TEXT, primary_key=True),
        column("lang", TEXT, primary_key=True),
        column("count", INT),
    )
    op.create_index("qr_opens_hour", "qr_opens", ["hour"])
    op.create_table(
        "desk_roles",
        column("user_id", INT, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        column("role", TEXT, primary_key=True),
        column("lang", TEXT, primary_key=True, server_default=""),
        sa.CheckConstraint("role IN ('author', 'translator', 'reviewer', 'publisher')"),
    )
