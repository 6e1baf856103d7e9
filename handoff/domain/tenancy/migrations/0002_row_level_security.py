"""Row-level security on the client table and every client-owned table (PostgreSQL only; see tenancy/rls.py).

The tables are listed here, not read from TENANT_TABLES, so that this migration stays what it was
when later ones add tables.
"""

from django.db import migrations

from handoff.domain.tenancy.rls import enable_operation


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0001_initial"),
        ("engagements", "0001_initial"),
    ]

    operations = [
        enable_operation(
            {
                "tenancy_client": "id",
                "tenancy_accountassignment": "client_id",
                "engagements_bpoengagement": "client_id",
                "engagements_rpoengagement": "client_id",
            }
        ),
    ]
