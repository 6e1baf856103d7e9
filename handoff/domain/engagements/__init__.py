"""Engagements: the BPO and RPO contracts between the provider and each client."""
