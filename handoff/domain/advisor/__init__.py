"""The public BPO/RPO advisor's data: versioned rate cards and assumptions, saved reports and leads.

All of it is the provider's own data (no client owns a row), so none of it is in the RLS tables;
lead pages are for provider admins and account managers only.
"""
