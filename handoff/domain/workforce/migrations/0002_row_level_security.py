"""Row-level security on the workforce app's client-owned table (PostgreSQL only; see tenancy/rls.py)."""

from django.db import migrations

from handoff.domain.tenancy.rls import enable_operation


class Migration(migrations.Migration):
    dependencies = [("workforce", "0001_initial")]

    operations = [enable_operation({"workforce_staffingscenario": "client_id"})]
