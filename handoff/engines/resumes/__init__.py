"""Resume parsing engine: PDF, DOCX, TXT and HTML to a JSON Resume profile.

Pure Python, no Django. Entry point: ``parse_resume(data)`` sniffs the content,
checks DOCX archives, and parses in a subprocess with time and memory limits
(``runner``). The pieces (``sniff``, ``zipcheck``, ``extract``, ``sections``,
``contacts``, ``dates``, ``profile``) each state their rules in the docstring.
"""

from handoff.engines.resumes.dates import DateRange, find_ranges, parse_date, parse_range, years_of_experience
from handoff.engines.resumes.profile import parse_profile
from handoff.engines.resumes.runner import Limits, ParseResult, parse_resume, precheck
from handoff.engines.resumes.sniff import MAX_UPLOAD_BYTES, FileKind, sniff
from handoff.engines.resumes.zipcheck import check_docx_zip

__all__ = [
    "MAX_UPLOAD_BYTES",
    "DateRange",
    "FileKind",
    "Limits",
    "ParseResult",
    "check_docx_zip",
    "find_ranges",
    "parse_date",
    "parse_profile",
    "parse_range",
    "parse_resume",
    "precheck",
    "sniff",
    "years_of_experience",
]
