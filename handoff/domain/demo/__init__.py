"""A realistic, deterministic demo provider: clients, delivery centers, staff, client users, engagements.

:func:`handoff.domain.demo.seed.seed_demo` writes it (idempotently); the catalogue of what
it writes lives in :mod:`handoff.domain.demo.catalogue`.
"""
