"""Workforce management: forecasts, staffing requirements and rosters for BPO queues (no tables of its own)."""
