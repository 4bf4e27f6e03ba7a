"""The hub store's tables as of the first PostgreSQL-capable release.

SQLite files made before it (by the sqlite-utils migrations in hub.store.schema) are brought up
to this point by those migrations and then stamped with this revision (hub.store.backend.migrate),
so old hubs and new ones end with the same tables.
"""

import sqlalchemy as sa
from alembic import op

from hub.store.backend.types import BLOB, INT, REAL, TEXT, column, key
from hub.store.schema import EVENT_KINDS, HIST_COLUMNS

revision = "hub_0001"
down_revision = None
branch_labels = ("hub",)
depends_on = None


def _histogram(default: bool) -> list[sa.Column]:
    extra = {"server_default": "0"} if default else {}
    return [column(name, INT, **extra) for name in HIST_COLUMNS]


def _one_of(name: str, values: tuple[str, ...]) -> sa.CheckConstraint:
    return sa.CheckConstraint(f"{name} IN ({', '.join(repr(value) for value in values)})")


def _devices() -> None:
    op.create_table(
        "devices",
        column("id", TEXT, primary_key=True),
        column("gate", TEXT),
        column("status", TEXT),
        column("created_at", TEXT),
        column("enrolled_at", TEXT, null=True),
        column("revoked_at", TEXT, null=True),
        column("token_hash", TEXT, null=True, unique=True),
        _one_of("status", ("pending", "active", "revoked")),
    )
    op.create_index("devices_gate", "devices", ["gate"])
    op.create_table(
        "enrolment_codes",
        column("code_hash", TEXT, primary_key=True),
        column("device_id", TEXT, sa.ForeignKey("devices.id")),
        column("created_at", TEXT),
        column("expires_at", TEXT),
        column("used_at", TEXT, null=True),
    )


def _usage() -> None:
    op.create_table(
        "usage_hourly",
        column("device_id", TEXT, sa.ForeignKey("devices.id"), primary_key=True),
        column("hour", TEXT, primary_key=True),
        column("kind", TEXT, primary_key=True),
        column("dims", TEXT, primary_key=True),
        column("count", INT),
        column("seconds", REAL),
        *_histogram(default=True),
        column("revision", INT),
        column("received_at", TEXT),
    )
    op.create_index("usage_hourly_hour", "usage_hourly", ["hour", "kind"])
    for table, keys in (
        ("usage_daily", ("device_id", "day", "kind", "dims")),
        ("usage_daily_kinds", ("device_id", "day", "kind")),
    ):
        op.create_table(
            table,
            column("device_id", TEXT, sa.ForeignKey("devices.id"), primary_key=True),
            *(column(name, TEXT, primary_key=True) for name in keys[1:]),
            column("count", INT),
            column("seconds", REAL),
            *_histogram(default=False),
        )
        op.create_index(f"{table}_kind_day", table, ["kind", "day"])
    op.create_table("usage_state", column("name", TEXT, primary_key=True), column("value", TEXT))


def _heartbeats() -> None:
    op.create_table(
        "heartbeats",
        key(),
        column("device_id", TEXT, sa.ForeignKey("devices.id")),
        column("received_at", TEXT),
        column("device_time", TEXT),
        column("content_version", INT, null=True),
        column("last_sync_at", TEXT, null=True),
        column("last_sync_ok", INT, null=True),
        column("last_sync_error", TEXT, null=True),
        column("last_upload_at", TEXT, null=True),
        column("last_upload_ok", INT, null=True),
        column("uptime_s", REAL),
        column("disk_free_bytes", INT),
        column("errors", TEXT),
        column("pending_rows", INT, null=True),
    )
    op.create_index("heartbeats_device_time", "heartbeats", ["device_id", "received_at"])
    op.create_index("heartbeats_time", "heartbeats", ["received_at"])
    op.create_index("heartbeats_device_id", "heartbeats", ["device_id", "id"])
    op.create_table(
        "heartbeat_hours",
        column("device_id", TEXT, sa.ForeignKey("devices.id"), primary_key=True),
        column("hour", TEXT, primary_key=True),
        column("beats", INT),
        column("last_at", TEXT),
        column("content_version", INT, null=True),
        column("disk_free_bytes", INT),
        column("clock_skew_s", INT),
        column("failed_syncs", INT),
        column("errors", INT),
    )
    op.create_index("heartbeat_hours_hour", "heartbeat_hours", ["hour"])


_KEEP_RULES_SQLITE = (
    "CREATE TRIGGER policy_rules_kept_on_{event} BEFORE {EVENT} ON policy_rules"
    " BEGIN SELECT RAISE(ABORT, 'a rule version is never {verb}'); END"
)
_KEEP_RULES_POSTGRESQL = (
    "CREATE FUNCTION policy_rules_kept() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " RAISE EXCEPTION 'a rule version is never %', CASE TG_OP WHEN 'UPDATE' THEN 'changed'"
    " ELSE 'deleted' END; END $$",
    "CREATE TRIGGER policy_rules_kept BEFORE UPDATE OR DELETE ON policy_rules"
    " FOR EACH ROW EXECUTE FUNCTION policy_rules_kept()",
)


def _evidence() -> None:
    from hub.evidence.rules import PolicyRules

    rules = op.create_table(
        "policy_rules",
        column("version", INT, primary_key=True, autoincrement=False),
        column("rules", TEXT),
        column("created_at", TEXT),
        column("created_by", TEXT),
        column("note", TEXT, server_default=""),
    )
    if op.get_bind().dialect.name == "sqlite":
        for event, verb in (("update", "changed"), ("delete", "deleted")):
            op.execute(_KEEP_RULES_SQLITE.format(event=event, EVENT=event.upper(), verb=verb))
    else:
        for statement in _KEEP_RULES_POSTGRESQL:
            op.execute(statement)
    op.bulk_insert(
        rules,
        [
            {
                "version": 1,
                "rules": PolicyRules().to_json(),
                "created_at": "2026-01-01T00:00:00Z",
                "created_by": "default",
                "note": "",
            }
        ],
    )
    op.create_table(
        "gate_events",
        key(),
        column("gate", TEXT),
        column("device_id", TEXT, null=True),
        column("kind", TEXT),
        column("day", TEXT),
        column("note", TEXT, server_default=""),
        column("created_at", TEXT),
        column("created_by", TEXT),
        _one_of("kind", EVENT_KINDS),
    )
    op.create_index("gate_events_gate_day", "gate_events", ["gate", "day"])


def _desk() -> None:
    op.create_table("desk_files", column("path", TEXT, primary_key=True), column("data", BLOB))
    op.create_table(
        "desk_articles", column("id", TEXT, primary_key=True), column("source_lang", TEXT)
    )
    op.create_table(
        "desk_translations",
        column("article", TEXT, sa.ForeignKey("desk_articles.id"), primary_key=True),
        column("lang", TEXT, primary_key=True),
        column("revision", INT),
        column("status", TEXT),
        column("edited_by", TEXT),
        column("edited_at", TEXT),
        column("source_revision", INT, null=True),
        column("approved_revision", INT, null=True),
        column("approved_by", TEXT, null=True),
        _one_of("status", ("draft", "review", "approved", "stale")),
    )
    op.create_table(
        "desk_revisions",
        column("article", TEXT, primary_key=True),
        column("lang", TEXT, primary_key=True),
        column("revision", INT, primary_key=True, autoincrement=False),
        column("text", TEXT),
        column("edited_by", TEXT),
        column("edited_at", TEXT),
        column("note", TEXT, server_default=""),
    )
    op.create_table(
        "desk_audit",
        key(),
        column("at", TEXT),
        column("username", TEXT),
        column("action", TEXT),
        column("article", TEXT, null=True),
        column("lang", TEXT, null=True),
        column("detail", TEXT, server_default=""),
    )
    op.create_index("desk_audit_at", "desk_audit", ["at"])
    op.create_table(
        "desk_feeds",
        key(),
        column("url", TEXT, unique=True),
        column("name", TEXT),
        column("added_by", TEXT),
        column("added_at", TEXT),
        column("checked_at", TEXT, null=True),
        column("error", TEXT, null=True),
    )
    op.create_table(
        "desk_feed_items",
        column(
            "feed_id", INT, sa.ForeignKey("desk_feeds.id", ondelete="CASCADE"), primary_key=True
        ),
        column("guid", TEXT, primary_key=True),
        column("title", TEXT),
        column("link", TEXT),
        column("summary", TEXT),
        column("published", TEXT, null=True),
        column("status", TEXT),
        column("article", TEXT, null=True),
        _one_of("status", ("new", "drafted", "dismissed")),
    )
    op.create_table(
        "desk_evidence",
        column("article", TEXT, primary_key=True),
        column("term", TEXT),
        column("lang", TEXT),
        column("gate", TEXT, server_default=""),
        column("created_by", TEXT),
        column("created_at", TEXT),
        column("published_at", TEXT, null=True),
    )
    op.create_table(
        "desk_file_changes",
        key(),
        column("path", TEXT),
        column("data", BLOB),
        column("summary", TEXT, server_default=""),
        column("edited_by", TEXT),
        column("edited_at", TEXT),
        column("status", TEXT),
        column("decided_by", TEXT, null=True),
        column("decided_at", TEXT, null=True),
        column("reason", TEXT, server_default=""),
        _one_of("status", ("review", "approved", "rejected", "superseded")),
    )
    op.create_index("desk_file_changes_path", "desk_file_changes", ["path", "status"])


def upgrade() -> None:
    _devices()
    _usage()
    _heartbeats()
    _evidence()
    _desk()
    op.create_table(
        "job_runs",
        column("job", TEXT, primary_key=True),
        column("interval_start", TEXT, primary_key=True),
        column("worker", TEXT),
        column("claimed_at", TEXT),
    )
