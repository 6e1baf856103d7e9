"""Tenancy: the client companies (tenants), account teams and the access helpers.

Every read of client-owned data goes through :mod:`handoff.domain.tenancy.access`.
"""
