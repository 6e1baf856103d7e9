"""Row-level security on the automation app's client-owned tables (PostgreSQL only; see tenancy/rls.py)."""

from django.db import migrations

from handoff.domain.tenancy.rls import enable_operation


class Migration(migrations.Migration):
    dependencies = [("automation", "0001_initial")]

    operations = [
        enable_operation(
            {
                "automation_rule": "client_id",
                "automation_rulerun": "client_id",
                "automation_classifiermodel": "client_id",
                "automation_suggestion": "client_id",
            }
        )
    ]
