"""Row-level security on the intake, attachment and escalation tables (PostgreSQL only; see tenancy/rls.py)."""

from django.db import migrations

from handoff.domain.tenancy.rls import enable_operation


class Migration(migrations.Migration):
    dependencies = [("operations", "0003_intake_attachments_escalation")]

    operations = [
        enable_operation(
            {
                "operations_itemextra": "client_id",
                "operations_attachment": "client_id",
                "operations_intakeaddress": "client_id",
                "operations_emaillink": "client_id",
                "operations_itemevent": "client_id",
            }
        ),
    ]
