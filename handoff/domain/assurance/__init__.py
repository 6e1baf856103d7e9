"""Assurance of BPO work: maker-checker approval, QA sampling and scorecards, CSAT surveys."""
