"""Row-level security on the operations app's client-owned tables (PostgreSQL only; see tenancy/rls.py)."""

from django.db import migrations

from handoff.domain.tenancy.rls import enable_operation


class Migration(migrations.Migration):
    dependencies = [("operations", "0001_initial")]

    operations = [
        enable_operation(
            {
                "operations_service": "client_id",
                "operations_queue": "client_id",
                "operations_agentcertification": "client_id",
                "operations_workitem": "client_id",
                "operations_statuschange": "client_id",
                "operations_message": "client_id",
            }
        ),
    ]
