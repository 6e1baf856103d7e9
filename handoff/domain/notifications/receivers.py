"""Recruiting's signals → notifications (in-app, and e-mails queued for after the commit)."""

from __future__ import annotations

from typing import Any

from handoff.domain.recruiting import signals


def _on_application_moved(sender: Any, **kwargs: Any) -> None:
    from handoff.domain.notifications import actions

    actions.on_application_moved(
        kwargs["actor"],
        kwargs["application"],
        kwargs.get("from_stage"),
        email_candidate=kwargs.get("email_candidate", False),
    )


def _on_submittal_created(sender: Any, **kwargs: Any) -> None:
    from handoff.domain.notifications import actions

    actions.on_submittal_created(kwargs["actor"], kwargs["submittal"])


def _on_submittal_decided(sender: Any, **kwargs: Any) -> None:
    from handoff.domain.notifications import actions

    actions.on_submittal_decided(kwargs["actor"], kwargs["submittal"], kwargs["decision"])


def connect() -> None:
    signals.application_moved.connect(_on_application_moved, dispatch_uid="notifications.application_moved")
    signals.submittal_created.connect(_on_submittal_created, dispatch_uid="notifications.submittal_created")
    signals.submittal_decided.connect(_on_submittal_decided, dispatch_uid="notifications.submittal_decided")
