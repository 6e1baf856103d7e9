"""What recruiting tells the rest of the platform (notifications listen), sent inside the action's transaction.

- ``application_moved``: ``actor``, ``application`` (in its new stage), ``from_stage``, ``email_candidate`` (the
  mover asked for the candidate to be e-mailed, as the bulk "reject with reason and e-mail" does).
- ``submittal_created``: ``actor``, ``submittal``.
- ``submittal_decided``: ``actor``, ``submittal``, ``decision`` (a ``SubmittalDecision``).
"""

from __future__ import annotations

from django.dispatch import Signal

application_moved = Signal()
submittal_created = Signal()
submittal_decided = Signal()
