"""Row-level security on the webhook tables, all client-owned (PostgreSQL only; see tenancy/rls.py)."""

from django.db import migrations

from handoff.domain.tenancy.rls import enable_operation


class Migration(migrations.Migration):
    dependencies = [("webhooks", "0001_initial")]

    operations = [
        enable_operation(
            {
                "webhooks_webhookendpoint": "client_id",
                "webhooks_webhookdelivery": "client_id",
                "webhooks_webhookattempt": "client_id",
            }
        )
    ]
