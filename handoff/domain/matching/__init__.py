"""Candidate matching wired to the platform: the persisted index of the talent pool, per-client weights,
"Top matches" for a requisition and "Suggested jobs" for a candidate (engine: ``handoff.engines.matching``)."""
