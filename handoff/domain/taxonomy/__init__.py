"""The provider-wide skills and occupation taxonomy (O*NET, optionally ESCO): reference data, not client-owned."""
