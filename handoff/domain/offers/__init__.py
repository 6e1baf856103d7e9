"""Offers (terms, approval chain, versions, letters, the candidate's decision), onboarding and quality of hire."""
