"""The data credits page: the attributions the O*NET (CC BY 4.0) and ESCO licences ask the product to show."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from handoff.domain.taxonomy.selectors import latest_import
from handoff.engines.taxonomy import esco, onet


def data_credits(request: HttpRequest) -> HttpResponse:
    """Public: anyone may read whose data the product uses and under which licence."""
    run = latest_import()
    sources = dict(run.sources) if run is not None else {}
    return render(
        request,
        "web/credits.html",
        {
            "onet_credit": onet.credit(sources.get("onet", onet.DEFAULT_VERSION)),
            "esco_credit": esco.CREDIT if "esco" in sources else "",
            "imported_at": run.finished_at if run is not None else None,
        },
    )
