"""The one signal operations sends after it raised or changed a work item (automation listens).

Kept free of imports so that ``operations.actions`` may send it without depending on automation's
models: ``item_changed.send(sender=WorkItem, item=item, actor=actor, created=True)``.
"""

from django.dispatch import Signal

item_changed = Signal()
