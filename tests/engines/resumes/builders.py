"""Small synthetic files for the resume engine tests (no copies of real resumes)."""

from __future__ import annotations

import io
import zipfile


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a Helvetica text layer holding ``lines``."""
    text_ops = "".join(f"({_escape(line)}) Tj T* " for line in lines)
    stream = f"BT /F1 11 Tf 14 TL 72 720 Td {text_ops}ET".encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_docx(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_with(entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP holding ``entries``; ``word/document.xml`` is added so it sniffs as DOCX."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


RESUME_LINES = [
    "Jane Q. Example",
    "Hanoi, VN | jane.example@example.org | +84 912 345 678 | linkedin.com/in/jane-example",
    "Work Experience",
    "Acme Logistics | Senior Recruiter",
    "Jan 2019 – Present",
    "Sourced candidates for 40 requisitions.",
    "Recruiter at Beta Staffing",
    "03/2016 - 06/2019",
    "Education",
    "Hanoi University",
    "Bachelor of Arts in Psychology",
    "2012 - 2016",
    "Skills",
    "Sourcing, Boolean search; Interviewing | ATS administration",
    "Languages",
    "Vietnamese (native), English (fluent)",
]
