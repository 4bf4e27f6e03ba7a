"""An index on the day of `usage_daily_kinds`, for totals over a period that name no kind.

The scorecard's counts per kiosk and kind (hub.reports.queries.kiosk_counts) read every kind of
a period's days; the table's other indexes start with the device or the kind, so PostgreSQL read
the whole roll-up for them: two years of 5,000 kiosks (23 million rows) for 30 days' counts. With
this index it reads only the period's days (bench/pages_years.py has the figures).
"""

from alembic import op

revision = "hub_0002"
down_revision = "hub_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("usage_daily_kinds_day", "usage_daily_kinds", ["day"])


def downgrade() -> None:
    op.drop_index("usage_daily_kinds_day", table_name="usage_daily_kinds")
