"""Candidate import and export: CSV, XLSX and JSON Resume files into and out of the talent pool."""
