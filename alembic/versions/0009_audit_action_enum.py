"""audit_log.action becomes a closed vocabulary: a CHECK constraint over AuditAction's values.

The values are written out here, not imported: a later revision that adds an action replaces
the constraint with its own list, and this one must keep meaning what it meant.

Revision ID: 0009_audit_action_enum
Revises: 0008_add_filing_invoices
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_audit_action_enum"
down_revision: str | None = "0008_add_filing_invoices"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONSTRAINT = "ck_audit_log_action"
ACTIONS = (
    "account.register",
    "account.confirm_email",
    "account.resend_confirmation",
    "account.request_reset",
    "account.reset_password",
    "throttle.reset_request",
    "throttle.resend_request",
    "auth.login",
    "auth.logout",
    "staff.create",
    "staff.update",
    "staff.activate",
    "staff.deactivate",
    "filing.register",
    "filing.take",
    "filing.attend",
    "filing.reject",
    "filing.route",
    "filing.export",
    "filing.observe",
    "filing.cure",
    "filing.expire",
    "upload.stage",
    "upload.remove",
    "upload.expire",
    "catalog.seed",
    "catalog.center.create",
    "catalog.center.update",
    "catalog.center.activate",
    "catalog.center.deactivate",
    "catalog.department.create",
    "catalog.department.update",
    "catalog.department.activate",
    "catalog.department.deactivate",
    "catalog.document_type.create",
    "catalog.document_type.update",
    "catalog.document_type.activate",
    "catalog.document_type.deactivate",
    "calendar.holiday.add",
    "calendar.holiday.remove",
    "calendar.office_hours.set",
)


def upgrade() -> None:
    # Rows keep their values; a row with a code outside the list makes this fail loudly
    # instead of being rewritten.
    listed = ", ".join(f"'{code}'" for code in ACTIONS)
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.create_check_constraint(CONSTRAINT, sa.text(f"action IN ({listed})"))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch_op:
        batch_op.drop_constraint(CONSTRAINT, type_="check")
