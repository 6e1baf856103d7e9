"""Submittals: a recruiter puts a screened candidate in front of the client; the client decides, on the clock."""
