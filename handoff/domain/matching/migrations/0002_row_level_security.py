"""Row-level security on the matching app's client-owned table (PostgreSQL only; see tenancy/rls.py)."""

from django.db import migrations

from handoff.domain.tenancy.rls import enable_operation


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [enable_operation({"matching_matchweights": "client_id"})]
