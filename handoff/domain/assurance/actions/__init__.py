"""Changes in assurance: maker-checker, QA sampling and reviews, CSAT surveys; and the resolve gate."""
