"""Attachments (limits, type checks, scoped reads) and merging a duplicate into its item."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from handoff.domain.accounts.models import User
from handoff.domain.operations import selectors
from handoff.domain.operations.actions.attachments import MAX_ATTACHMENT_BYTES, add_attachment, check_file
from handoff.domain.operations.actions.items import add_message, create_item
from handoff.domain.operations.actions.merge import merge_items
from handoff.domain.operations.models import Attachment, ItemEvent, ItemStatus, Message, MessageKind, WorkItem
from handoff.domain.tenancy.roles import StaffRole
from tests import factories
from tests.domain.operations_desk import VALID_VALUES, Desk, build_desk

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
PDF = b"%PDF-1.7\n%fake but well-started\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


@pytest.fixture
def desk() -> Desk:
    return build_desk()


def raise_item(desk: Desk, title: str = "Refund") -> WorkItem:
    return create_item(desk.owner, desk.service.pk, {"title": title, "custom_fields": VALID_VALUES}, now=NOW)


# --- attachments ---------------------------------------------------------------------------------------------


def test_an_attachment_is_stored_with_its_type_and_size(desk: Desk) -> None:
    item = raise_item(desk)
    stored = add_attachment(desk.owner, item, "../../etc/invoice.pdf", PDF, now=NOW)
    assert (stored.name, stored.content_type, stored.size) == ("invoice.pdf", "application/pdf", len(PDF))
    assert stored.client_id == desk.client.pk
    assert stored.uploaded_by == desk.owner
    assert bytes(selectors.attachment(desk.agent, item, stored.pk).content) == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("run.exe", b"MZ\x90\x00", "not accepted"),
        ("invoice.pdf", b"<html>not a pdf</html>", "not a real PDF"),
        ("photo.png", PDF, "not a real PNG"),
        ("notes.txt", b"\xff\xfe\xfa", "not UTF-8"),
        ("empty.pdf", b"", "is empty"),
        ("", PDF, "no name"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(name: str, content: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_file(name, content)
    assert message in caught.value.message_dict["file"][0]


def test_files_over_the_size_limit_are_refused(desk: Desk) -> None:
    item = raise_item(desk)
    with pytest.raises(ValidationError, match="larger than 10 MB"):
        add_attachment(desk.agent, item, "big.pdf", b"%PDF-" + b"0" * MAX_ATTACHMENT_BYTES)
    assert not Attachment.objects.exists()


def test_attachments_are_read_through_the_actors_scope(desk: Desk) -> None:
    item = raise_item(desk)
    stored = add_attachment(desk.owner, item, "photo.png", PNG)
    other = build_desk("Globex")
    with pytest.raises(Http404):
        selectors.work_item(other.owner, item.pk)
    with pytest.raises(Http404):
        selectors.attachment(other.owner, item, stored.pk)
    assert list(selectors.attachments(other.agent, item)) == []


def test_client_users_do_not_see_files_of_internal_notes(desk: Desk) -> None:
    item = raise_item(desk)
    note = add_message(desk.agent, item, MessageKind.NOTE, "internal", now=NOW)
    Attachment.objects.create(
        client_id=item.client_id,
        item=item,
        message=note,
        name="internal.txt",
        content_type="text/plain",
        size=3,
        content=b"abc",
        created_at=NOW,
    )
    public = add_attachment(desk.owner, item, "public.txt", b"hello")
    assert [a.name for a in selectors.attachments(desk.owner, item)] == [public.name]
    assert {a.name for a in selectors.attachments(desk.agent, item)} == {"internal.txt", "public.txt"}


# --- merging -------------------------------------------------------------------------------------------------


def test_merging_moves_the_conversation_and_files_and_closes_the_duplicate(desk: Desk) -> None:
    target, duplicate = raise_item(desk, "Refund A-1001"), raise_item(desk, "Refund again")
    add_message(desk.owner, duplicate, MessageKind.REPLY, "Where is my refund?", now=NOW)
    add_attachment(desk.owner, duplicate, "receipt.pdf", PDF)
    result = merge_items(desk.agent, target, duplicate, now=NOW + dt.timedelta(minutes=5))
    assert (result.messages_moved, result.attachments_moved) == (1, 1)
    duplicate.refresh_from_db()
    assert duplicate.status == ItemStatus.CLOSED
    extra = selectors.item_extra(desk.agent, duplicate)
    assert extra is not None
    assert extra.merged_into == target
    bodies = list(Message.objects.filter(item=target).values_list("body", flat=True))
    assert "Where is my refund?" in bodies
    assert any(f"#{duplicate.pk}" in body and "merged into this item" in body for body in bodies)
    assert Attachment.objects.get().item == target
    kinds = {(event.item_id, event.kind) for event in ItemEvent.objects.all()}
    assert kinds == {(duplicate.pk, "merged_into"), (target.pk, "merged_from")}
    last_change = duplicate.status_changes.last()
    assert last_change is not None
    assert last_change.to_status == ItemStatus.CLOSED


def test_merge_refuses_bad_pairs_and_roles(desk: Desk) -> None:
    first, second = raise_item(desk), raise_item(desk)
    with pytest.raises(ValidationError, match="into itself"):
        merge_items(desk.agent, first, first)
    with pytest.raises(PermissionDenied):
        merge_items(desk.owner, first, second)
    merge_items(desk.agent, first, second)
    with pytest.raises(ValidationError, match="closed"):
        merge_items(desk.agent, first, second)
    assert WorkItem.objects.get(pk=first.pk).status != ItemStatus.CLOSED


def test_items_of_another_client_cannot_be_merged(desk: Desk) -> None:
    other = build_desk("Globex")
    mine = raise_item(desk)
    theirs = create_item(other.owner, other.service.pk, {"title": "X", "custom_fields": VALID_VALUES}, now=NOW)
    with pytest.raises(Http404):
        selectors.work_item(desk.agent, theirs.pk)  # an agent never even reads the other client's item
    with pytest.raises(ValidationError, match="same client"):
        merge_items(factory_admin(), mine, theirs)


def factory_admin() -> User:
    return factories.StaffFactory(email="admin@provider.test", role=StaffRole.ADMIN)
