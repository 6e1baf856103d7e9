"""The per-client classifier: training on the client's history, storing versions, suggesting on new items.

Files live under ``VAR_DIR/classifiers/<client id>/<target>-v<version>.joblib``. The path is built from the
version row's own client id (never from input), and the file holds that client id too: a model is loaded
only for an item of the same client, so no client's model ever answers for another's items.

Targets: the *queue* (label: the queue id) and the *category* (label: the item's ``category`` custom field,
when the client's items have one). Above the version's threshold the suggestion is applied (the item is
moved to the queue, the category set); below it, it is kept as a suggestion only.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

import joblib  # type: ignore[import-untyped]
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from handoff.domain.automation.actions import memo
from handoff.domain.automation.models import ClassifierModel, ClassifierTarget, Suggestion
from handoff.domain.automation.permissions import require_automator
from handoff.domain.operations.models import Queue, WorkItem
from handoff.domain.tenancy.access import Actor, access_client
from handoff.engines.automation.classifier import (
    NotEnoughData,
    TextClassifier,
    item_text,
    majority_accuracy,
    train,
)

logger = logging.getLogger(__name__)
MAX_TRAINING_ITEMS = 20_000
HOLDOUT_SHARE = 0.2
DEFAULT_THRESHOLD = 0.8


def model_path(client_id: int, file_name: str) -> Path:
    return Path(settings.VAR_DIR) / "classifiers" / str(int(client_id)) / file_name


def features(item: WorkItem) -> str:
    return item_text(
        {"service": item.service_id, "type": item.item_type, "priority": item.priority},
        f"{item.title}\n{item.description}",
    )


def _label(item: WorkItem, target: str) -> str | None:
    if target == ClassifierTarget.QUEUE:
        return str(item.queue_id)
    value = item.custom_fields.get("category") if isinstance(item.custom_fields, dict) else None
    return str(value) if value not in (None, "") else None


def _history(client_id: int, target: str) -> tuple[list[str], list[str]]:
    rows = (
        WorkItem.objects.filter(client_id=client_id, parent__isnull=True, queue__is_active=True)
        .select_related(None)
        .order_by("-created_at", "-id")[:MAX_TRAINING_ITEMS]
    )
    texts, labels = [], []
    for item in rows:
        label = _label(item, target)
        if label is not None:
            texts.append(features(item))
            labels.append(label)
    return texts[::-1], labels[::-1]  # oldest first


def _holdout(texts: list[str], labels: list[str]) -> tuple[float | None, float | None]:
    """Accuracy on the newest fifth after training on the rest (and the majority baseline), when there is enough."""
    cut = int(len(texts) * (1 - HOLDOUT_SHARE))
    if cut < 10 or len(texts) - cut < 5:
        return None, None
    try:
        model = train(texts[:cut], labels[:cut])
    except NotEnoughData:
        return None, None
    return model.accuracy(texts[cut:], labels[cut:]), majority_accuracy(labels[:cut], labels[cut:])


@transaction.atomic
def train_client(client_id: int, target: str, threshold: float | None = None) -> ClassifierModel:
    """Train a new version for a client (system work, run by the task): the row and its file."""
    texts, labels = _history(client_id, target)
    try:
        model = train(texts, labels)
    except NotEnoughData as error:
        raise ValidationError({"target": str(error)}) from error
    accuracy, baseline = _holdout(texts, labels)
    previous = ClassifierModel.objects.filter(client_id=client_id, target=target).order_by("-version").first()
    row = ClassifierModel(
        client_id=client_id,
        target=target,
        version=(previous.version + 1) if previous else 1,
        trained_at=timezone.now(),
        samples=len(texts),
        labels=list(model.labels),
        holdout_accuracy=accuracy,
        baseline_accuracy=baseline,
        threshold=threshold if threshold is not None else (previous.threshold if previous else DEFAULT_THRESHOLD),
    )
    row.full_clean()
    path = model_path(client_id, row.file_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"client_id": client_id, "target": target, "model": model}, path)
    ClassifierModel.objects.filter(client_id=client_id, target=target, is_active=True).update(is_active=False)
    row.save()
    return row


def request_training(actor: Actor, client_id: Any, target: str, threshold: Any = None) -> None:
    """Queue a training run for a client the actor automates (after commit)."""
    require_automator(actor)
    client = access_client(actor, client_id)
    if target not in ClassifierTarget.values:
        raise ValidationError({"target": f"Choose one of: {', '.join(ClassifierTarget.values)}."})
    level = _threshold(threshold)
    from handoff.domain.automation.tasks import train_classifier

    transaction.on_commit(lambda: train_classifier.enqueue(client.pk, target, level))


def _threshold(value: Any) -> float | None:
    if value in (None, ""):
        return None
    try:
        level = float(value)
    except (TypeError, ValueError):
        level = -1.0
    if not 0.0 <= level <= 1.0:
        raise ValidationError({"threshold": "Give a confidence between 0 and 1 (e.g. 0.8)."})
    return level


@functools.lru_cache(maxsize=32)
def _load(path: str, modified_ns: int, client_id: int) -> TextClassifier | None:
    """The model in a file (cached by path and modification time); None unless the file names this client."""
    try:
        payload = joblib.load(path)
    except Exception:  # a damaged or foreign file: no suggestion, never a failed item
        logger.exception("classifier file %s could not be loaded", path)
        return None
    if not isinstance(payload, dict) or payload.get("client_id") != client_id:
        return None
    model = payload.get("model")
    return model if isinstance(model, TextClassifier) else None


def load(row: ClassifierModel) -> TextClassifier | None:
    path = model_path(row.client_id, row.file_name)
    try:
        modified = path.stat().st_mtime_ns
    except OSError:
        return None
    return _load(str(path), modified, row.client_id)


def suggest_for(item: WorkItem) -> list[Suggestion]:
    """Suggestions of the client's active classifiers for a new item; applied above the threshold."""
    made = []
    rows = memo.active_classifiers(item.client_id)  # both targets in one query, once per transaction
    for target in ClassifierTarget.values:
        row = rows.get(target)
        model = load(row) if row is not None else None
        if row is None or model is None:
            continue
        prediction = model.predict(features(item))
        made.append(_suggestion(item, row, prediction.label, prediction.confidence))
    return made


def _suggestion(item: WorkItem, row: ClassifierModel, label: str, confidence: float) -> Suggestion:
    queue = None
    applied = False
    if row.target == ClassifierTarget.QUEUE:
        queue = Queue.objects.filter(
            pk=int(label), client_id=item.client_id, service_id=item.service_id, is_active=True
        ).first()
        if queue is not None and confidence >= row.threshold and queue.pk != item.queue_id:
            WorkItem.objects.filter(pk=item.pk).update(queue=queue)
            item.queue = queue
            applied = True
    elif confidence >= row.threshold:
        fields = dict(item.custom_fields) if isinstance(item.custom_fields, dict) else {}
        if fields.get("category") in (None, ""):
            fields["category"] = label
            WorkItem.objects.filter(pk=item.pk).update(custom_fields=fields)
            item.custom_fields = fields
            applied = True
    return Suggestion.objects.create(
        client_id=item.client_id,
        item=item,
        target=row.target,
        queue=queue,
        label=label,
        confidence=round(confidence, 4),
        applied=applied,
        model_version=row.version,
        created_at=timezone.now(),
    )
