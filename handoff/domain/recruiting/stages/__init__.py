"""Editing pipeline stage templates (see ``actions``)."""
