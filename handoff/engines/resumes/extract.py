"""Text extraction from the allowed kinds. Runs inside the worker process.

Each extractor returns plain text with one line per paragraph or PDF text line,
or raises ``ExtractionError`` with a reason a person can act on (password-
protected PDF, no text layer, corrupt DOCX).
"""

from __future__ import annotations

import io
from html.parser import HTMLParser

from handoff.engines.resumes.sniff import FileKind, decode_text

MAX_PDF_PAGES = 30
MIN_TEXT_CHARS = 20


class ExtractionError(Exception):
    """The file could not be turned into text; the message is the reason shown to a person."""


def extract_text(data: bytes, kind: FileKind) -> str:
    """Extract text from ``data`` of the given kind."""
    extractors = {
        FileKind.PDF: _pdf_text,
        FileKind.DOCX: _docx_text,
        FileKind.HTML: _html_text,
        FileKind.TXT: decode_text,
    }
    text = extractors[kind](data).replace("\x00", "")
    if len(text.strip()) < MIN_TEXT_CHARS:
        hint = " (a scanned PDF without a text layer?)" if kind is FileKind.PDF else ""
        raise ExtractionError(f"no readable text found{hint}")
    return text


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("PDF is password-protected")
        pages = reader.pages[:MAX_PDF_PAGES]
        return "\n".join(page.extract_text() or "" for page in pages)
    except ExtractionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ExtractionError(f"corrupt PDF: {type(exc).__name__}: {exc}") from exc
    except NotImplementedError as exc:
        raise ExtractionError(f"PDF uses an unsupported feature: {exc}") from exc


def _docx_text(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ExtractionError(f"corrupt DOCX: {type(exc).__name__}: {exc}") from exc
    except Exception as exc:
        raise ExtractionError(f"corrupt DOCX: {type(exc).__name__}") from exc
    lines: list[str] = []
    for section in document.sections:
        lines.extend(paragraph.text for paragraph in section.header.paragraphs)
    lines.extend(_docx_body_lines(document))
    return "\n".join(lines)


def _docx_body_lines(document: object) -> list[str]:
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    assert isinstance(document, Document)
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
    return lines


def _table_lines(table: object) -> list[str]:
    from docx.table import Table

    assert isinstance(table, Table)
    lines: list[str] = []
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat
                continue
            seen.add(id(cell._tc))
            lines.extend(paragraph.text for paragraph in cell.paragraphs)
    return lines


_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "head"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith(("http://", "https://")):
                self.parts.append(f" {href} ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    """Visible text of an HTML document, one line per block element."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "".join(collector.parts)


def _html_text(data: bytes) -> str:
    return html_to_text(decode_text(data))
