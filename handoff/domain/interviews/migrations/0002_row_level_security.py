"""Row-level security on the interviews app's client-owned tables (PostgreSQL only; see tenancy/rls.py)."""

from django.db import migrations

from handoff.domain.tenancy.rls import enable_operation

TABLES = {
    "interviews_interviewplan": "client_id",
    "interviews_planround": "client_id",
    "interviews_roundinterviewer": "client_id",
    "interviews_interview": "client_id",
    "interviews_interviewseat": "client_id",
    "interviews_remindersent": "client_id",
    "interviews_slotoffer": "client_id",
    "interviews_scorecard": "client_id",
}


class Migration(migrations.Migration):
    dependencies = [("interviews", "0001_initial")]

    operations = [enable_operation(TABLES)]
