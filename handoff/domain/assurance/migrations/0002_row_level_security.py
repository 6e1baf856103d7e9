"""Row-level security on the assurance app's client-owned tables (PostgreSQL only; see tenancy/rls.py)."""

from django.db import migrations

from handoff.domain.tenancy.rls import enable_operation


class Migration(migrations.Migration):
    dependencies = [("assurance", "0001_initial")]

    operations = [
        enable_operation(
            {
                "assurance_changerequest": "client_id",
                "assurance_auditentry": "client_id",
                "assurance_qaplan": "client_id",
                "assurance_scorecardcriterion": "client_id",
                "assurance_qasample": "client_id",
                "assurance_qareview": "client_id",
                "assurance_csatsurvey": "client_id",
            }
        ),
    ]
