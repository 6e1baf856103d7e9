"""Career sites and job postings: a client's public face for its open requisitions (pages, JSON-LD, feeds)."""
