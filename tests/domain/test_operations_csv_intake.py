"""CSV batch upload: a row report, the good rows kept, file-level problems refuse the file."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from handoff.domain.accounts.models import User
from handoff.domain.operations.actions.csv_intake import MAX_CSV_ROWS, CsvReport, import_csv
from handoff.domain.operations.models import WorkItem
from handoff.domain.tenancy.roles import ClientRole
from tests import factories
from tests.domain.operations_desk import Desk, build_desk
from tests.factories_operations import QueueFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def upload(desk: Desk, text: str, actor: User | None = None) -> CsvReport:
    return import_csv(actor or desk.owner, desk.service, text.encode("utf-8"), now=NOW)


def test_half_wrong_file_keeps_the_good_rows_and_reports_each_bad_one(desk: Desk) -> None:
    QueueFactory(service=desk.service, name="Escalations")
    text = (
        "title,priority,queue,order_id,channel,amount\n"
        "Refund A,high,,A-1,email,12.5\n"  # line 2: good
        ",normal,,A-2,email,1\n"  # line 3: no title
        "Refund C,urgent,Escalations,A-3,phone,\n"  # line 4: good, named queue
        "Refund D,soon,,A-4,fax,ten\n"  # line 5: bad priority, channel and amount
        "Refund E,low,Nowhere,A-5,email,\n"  # line 6: unknown queue
        "Refund F,low,,,email,\n"  # line 7: required order_id missing
    )
    report = upload(desk, text)
    assert [line for line, _ in report.accepted] == [2, 4]
    assert {row.line for row in report.rejected} == {3, 5, 6, 7}
    errors = {row.line: row.errors for row in report.rejected}
    assert "title" in errors[3]
    assert set(errors[5]) >= {"priority", "custom_fields.channel", "custom_fields.amount"}
    assert errors[6] == {"queue": ["No queue named 'Nowhere' in this service."]}
    assert errors[7] == {"custom_fields.order_id": ["This field is required."]}
    items = list(WorkItem.objects.filter(service=desk.service).order_by("pk"))
    assert [item.title for item in items] == ["Refund A", "Refund C"]
    assert items[0].custom_fields == {"order_id": "A-1", "channel": "email", "amount": 12.5}
    assert items[1].queue.name == "Escalations"
    assert items[1].priority == "urgent"
    assert items[0].resolution_due is not None  # raised through the normal action: SLA deadlines set


def test_unknown_columns_refuse_the_file_naming_them(desk: Desk) -> None:
    with pytest.raises(ValidationError) as caught:
        upload(desk, "title,order_id,channel,colour\nA,1,email,red\n")
    assert "Unknown columns: colour" in caught.value.message_dict["file"][0]
    assert not WorkItem.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"title,order_id\n\xff\xfe broken", "not UTF-8"),
        (b"order_id,channel\nA,email\n", "must have a title column"),
        (b"title,title\nA,B\n", "Columns named twice: title"),
        (b"title,order_id,channel\n", "no rows"),
    ],
)
def test_file_level_problems_are_clear(desk: Desk, data: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        import_csv(desk.owner, desk.service, data, now=NOW)
    assert message in caught.value.message_dict["file"][0]


def test_a_row_with_too_many_values_is_rejected_alone(desk: Desk) -> None:
    report = upload(desk, "title,order_id,channel\nGood,A-1,email\nBad,A-2,email,extra\n")
    assert [line for line, _ in report.accepted] == [2]
    assert report.rejected[0].line == 3
    assert "more values" in report.rejected[0].errors["row"][0]


def test_byte_order_mark_and_blank_lines_are_fine(desk: Desk) -> None:
    data = "\ufefftitle,order_id,channel\r\nA,A-1,email\r\n,,\r\nB,A-2,phone\r\n".encode()
    report = import_csv(desk.owner, desk.service, data, now=NOW)
    assert len(report.accepted) == 2
    assert not report.rejected


def test_row_limit(desk: Desk) -> None:
    rows = "".join(f"T{n},A-{n},email\n" for n in range(MAX_CSV_ROWS + 1))
    with pytest.raises(ValidationError, match="at most"):
        upload(desk, "title,order_id,channel\n" + rows)
    assert not WorkItem.objects.exists()


def test_roles_without_items_cannot_upload(desk: Desk) -> None:
    manager = factories.ClientUserFactory(client=desk.client, role=ClientRole.HIRING_MANAGER)
    with pytest.raises(PermissionDenied):
        upload(desk, "title,order_id,channel\nA,A-1,email\n", actor=manager)
