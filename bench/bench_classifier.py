"""Accuracy of the work-item classifier on the ServiceNow incident log: predicted assignment group.

    .venv/bin/python bench/bench_classifier.py            # all incidents
    .venv/bin/python bench/bench_classifier.py --limit 4000 --no-chars

The event log (../shared/data/servicenow_incident_event_log/) is collapsed to one row per incident:
its fields as first recorded (known at opening) are the features, the last event's assignment group is
the label. Incidents opened in the earlier weeks train the model, the later weeks test it; the peer is
the majority-class baseline (always the training data's most common group).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handoff.engines.automation.classifier import item_text, majority_accuracy, majority_label, train  # noqa: E402
from handoff.engines.automation.incident_log import read_incidents, split_by_time  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "servicenow_incident_event_log" / "ServiceNow-Kaggle.csv.zip"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="use only the first N incidents (by opening time)")
    parser.add_argument("--no-chars", action="store_true", help="word n-grams only")
    args = parser.parse_args()
    if not DATA.is_file():
        sys.exit(f"{DATA} is absent (see ../shared/data/README.md)")
    started = time.perf_counter()
    incidents = read_incidents(DATA)
    if args.limit:
        incidents = incidents[: args.limit]
    train_rows, test_rows = split_by_time(incidents)
    loaded = time.perf_counter()
    texts = [item_text(incident.fields) for incident in train_rows]
    labels = [incident.group for incident in train_rows]
    model = train(texts, labels, char_ngrams=not args.no_chars)
    trained = time.perf_counter()
    test_texts = [item_text(incident.fields) for incident in test_rows]
    test_labels = [incident.group for incident in test_rows]
    accuracy = model.accuracy(test_texts, test_labels)
    predicted = time.perf_counter()
    baseline = majority_accuracy(labels, test_labels)
    print(f"incidents: {len(incidents)} ({len(set(labels))} groups in training)")
    print(f"train: {len(train_rows)} opened {train_rows[0].opened_at:%Y-%m-%d} .. {train_rows[-1].opened_at:%Y-%m-%d}")
    print(f"test:  {len(test_rows)} opened {test_rows[0].opened_at:%Y-%m-%d} .. {test_rows[-1].opened_at:%Y-%m-%d}")
    print(f"classifier accuracy: {accuracy:.4f}")
    print(f"majority baseline ({majority_label(labels)}): {baseline:.4f}")
    print(f"ratio: {accuracy / baseline:.2f}x" if baseline else "ratio: n/a")
    print(
        f"time: load {loaded - started:.1f} s, train {trained - loaded:.1f} s, "
        f"predict {len(test_rows)} in {predicted - trained:.2f} s"
    )


if __name__ == "__main__":
    main()
