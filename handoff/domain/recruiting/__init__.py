"""Recruiting (RPO): requisitions, the provider's talent pool, applications and their pipeline."""
