"""gunicorn settings for ``scripts/run.sh`` (``gunicorn -c python:handoff.conf.gunicorn``).

Each worker warms the matching engine before it accepts requests (``post_worker_init``), so no
recruiter's first "Top matches" pays for loading kernels and the taxonomy. A failure to warm (a
database not migrated yet) is logged and the worker serves anyway: the first request then warms.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger("handoff.gunicorn")


def post_worker_init(worker: Any) -> None:
    from django.db import connections

    from handoff.domain.matching.warm import warm_up

    try:
        seconds = warm_up()
    except Exception:  # the worker still serves; its first ranking warms instead
        logger.exception("could not warm the matching engine in worker %s", getattr(worker, "pid", "?"))
    else:
        logger.info("worker %s: matching engine warm in %.1f s", getattr(worker, "pid", "?"), seconds)
    finally:
        connections.close_all()
