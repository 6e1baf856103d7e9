"""Accounts: people who log in (provider staff and client users) and their API tokens."""
