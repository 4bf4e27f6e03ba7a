"""${message}"""

import sqlalchemy as sa
from alembic import op

from hub.store.backend.types import INT, REAL, TEXT, column, key

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}
