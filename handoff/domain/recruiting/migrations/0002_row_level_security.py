"""Row-level security on the recruiting tables a client owns (PostgreSQL only; see tenancy/rls.py)."""

from django.db import migrations

from handoff.domain.tenancy import rls

TABLES = {
    "recruiting_requisition": "client_id",
    "recruiting_requisitionevent": "client_id",
    "recruiting_pipelinestage": "client_id",
    "recruiting_application": "client_id",
    "recruiting_stagetransition": "client_id",
    "recruiting_applicationnote": "client_id",
}


class Migration(migrations.Migration):
    dependencies = [("recruiting", "0001_initial")]

    operations = [rls.enable_operation(TABLES)]
