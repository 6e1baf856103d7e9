"""Webhooks: a client's endpoints told of stage changes and hires, signed, retried, and logged."""
