"""Row-level security on the offers app's client-owned tables (PostgreSQL only; see tenancy/rls.py)."""

from django.db import migrations

from handoff.domain.tenancy.rls import enable_operation

TABLES = (
    "offersettings",
    "offer",
    "offerversion",
    "offerapproval",
    "checklistitem",
    "onboarding",
    "onboardingtask",
    "hiresurvey",
)


class Migration(migrations.Migration):
    dependencies = [("offers", "0001_initial")]

    operations = [enable_operation({f"offers_{table}": "client_id" for table in TABLES})]
