"""Small O*NET and ESCO release folders written by hand, with the publishers' real column layouts."""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

OCCUPATIONS = [
    ("15-1252.00", "Software Developers", "Research, design, and develop computer and network software."),
    ("15-1251.00", "Computer Programmers", "Create, modify, and test the code and scripts of software."),
    ("29-1141.00", "Registered Nurses", "Assess patient health problems and needs, develop nursing care plans."),
    ("43-4051.00", "Customer Service Representatives", "Interact with customers to provide information."),
    ("13-2011.00", "Accountants and Auditors", "Examine, analyze, and interpret accounting records."),
]
ALTERNATE_TITLES = [
    ("15-1252.00", "Application Developer", "n/a", "04,06"),
    ("15-1252.00", "Software Engineer", "n/a", "08"),
    ("15-1252.00", "Senior Software Engineer", "n/a", "10"),
    ("15-1251.00", "Java Developer", "n/a", "08"),
    ("15-1251.00", "Programmer Analyst", "n/a", "02"),
    ("29-1141.00", "Registered Nurse (RN)", "RN", "02,03"),
    ("29-1141.00", "Staff Nurse", "n/a", "08"),
    ("43-4051.00", "Call Center Representative", "n/a", "08"),
    ("43-4051.00", "Customer Service Agent", "n/a", "10"),
    ("13-2011.00", "Certified Public Accountant (CPA)", "CPA", "04"),
    ("13-2011.00", "Staff Accountant", "n/a", "08"),
]
RELATED = [
    ("15-1252.00", "15-1251.00", "Primary-Short", "1"),
    ("15-1251.00", "15-1252.00", "Primary-Short", "2"),
    ("15-1251.00", "13-2011.00", "Supplemental", "1"),
    ("29-1141.00", "43-4051.00", "Supplemental", "1"),
]
DATABASE_SOFTWARE = "Data base user interface and query software"
TECHNOLOGY_SKILLS = [
    ("15-1252.00", "Python", "43232405", "Object or component oriented development software", "Y", "N"),
    ("15-1252.00", "Oracle Java", "43232405", "Object or component oriented development software", "Y", "N"),
    (
        "15-1252.00",
        "Structured query language SQL",
        "43232306",
        DATABASE_SOFTWARE,
        "Y",
        "N",
    ),
    ("15-1252.00", "Microsoft Excel", "43232110", "Spreadsheet software", "Y", "N"),
    ("15-1251.00", "Python", "43232405", "Object or component oriented development software", "Y", "N"),
    ("15-1251.00", "Oracle Java", "43232405", "Object or component oriented development software", "Y", "N"),
    ("15-1251.00", "C++", "43232405", "Object or component oriented development software", "Y", "N"),
    ("15-1251.00", "Microsoft Excel", "43232110", "Spreadsheet software", "Y", "N"),
    (
        "15-1251.00",
        "Structured query language SQL",
        "43232306",
        DATABASE_SOFTWARE,
        "Y",
        "N",
    ),
    ("29-1141.00", "Epic Systems", "43231601", "Medical software", "Y", "N"),
    ("29-1141.00", "Microsoft Excel", "43232110", "Spreadsheet software", "Y", "N"),
    ("43-4051.00", "Salesforce software", "43232309", "Customer relationship management CRM software", "N", "N"),
    ("43-4051.00", "Microsoft Excel", "43232110", "Spreadsheet software", "Y", "N"),
    ("13-2011.00", "Microsoft Excel", "43232110", "Spreadsheet software", "Y", "N"),
    ("13-2011.00", "Intuit QuickBooks", "43231601", "Accounting software", "N", "N"),
]
REPORTED_TITLES = [
    ("15-1252.00", "Software Engineer", "Y"),
    ("29-1141.00", "Staff Nurse", "Y"),
]


def _write_tsv(path: Path, header: list[str], rows: Sequence[tuple[str, ...]]) -> None:
    lines = ["\t".join(header), *("\t".join(row) for row in rows)]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def write_onet(folder: Path, *, version: str = "29.2") -> Path:
    """A miniature O*NET text release: the files and headers of the published one, a handful of rows."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Read Me.txt").write_text(f"O*NET {version} Database\r\nFebruary 2025 Release\r\n", encoding="utf-8")
    _write_tsv(folder / "Occupation Data.txt", ["O*NET-SOC Code", "Title", "Description"], OCCUPATIONS)
    _write_tsv(
        folder / "Alternate Titles.txt",
        ["O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)"],
        ALTERNATE_TITLES,
    )
    _write_tsv(
        folder / "Related Occupations.txt",
        ["O*NET-SOC Code", "Related O*NET-SOC Code", "Relatedness Tier", "Index"],
        RELATED,
    )
    _write_tsv(
        folder / "Technology Skills.txt",
        ["O*NET-SOC Code", "Example", "Commodity Code", "Commodity Title", "Hot Technology", "In Demand"],
        TECHNOLOGY_SKILLS,
    )
    _write_tsv(
        folder / "Sample of Reported Titles.txt",
        ["O*NET-SOC Code", "Reported Job Title", "Shown in My Next Move"],
        REPORTED_TITLES,
    )
    return folder


ESCO_SKILL_HEADER = [
    "conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "description",
    "broaderConceptUri", "broaderConceptPT",
]  # fmt: skip
ESCO_OCCUPATION_HEADER = [
    "conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "status",
    "modifiedDate", "regulatedProfessionNote", "scopeNote", "definition", "inScheme", "description",
]  # fmt: skip
ESCO = "http://data.europa.eu/esco"


def write_esco(folder: Path) -> Path:
    """A miniature ESCO v1.0.8 CSV export: a transversal skill collection and occupations."""
    folder.mkdir(parents=True, exist_ok=True)
    skills = [
        ("KnowledgeSkillCompetence", f"{ESCO}/skill/aaaa-1111", "skill/competence", "transversal",
         "give advice to others", "make recommendations to others | counsel others", "Offer suggestions.",
         f"{ESCO}/skill/S1.5.0 | {ESCO}/skill/T2", "advising and consulting | social"),
        ("KnowledgeSkillCompetence", f"{ESCO}/skill/bbbb-2222", "knowledge", "cross-sector",
         "Python", "python programming", "A programming language.", f"{ESCO}/skill/S5", "computer programming"),
    ]  # fmt: skip
    with (folder / "transversalSkillsCollection_en.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ESCO_SKILL_HEADER)
        writer.writerows(skills)
    occupations = [
        ("Occupation", f"{ESCO}/occupation/cccc-3333", "2512", "software developer",
         "software engineer\napplication programmer\nsoftware architect", "", "released", "2016-07-05T13:58:41Z",
         "", "", "", "", "Software developers implement software."),
        ("Occupation", f"{ESCO}/occupation/dddd-4444", "9999", "space tourist guide", "astro guide", "",
         "released", "2016-07-05T13:58:41Z", "", "", "", "", "Unmatched."),
    ]  # fmt: skip
    with (folder / "occupations_en.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ESCO_OCCUPATION_HEADER)
        writer.writerows(occupations)
    return folder


def write_onet_zip(path: Path, *, inner: str = "db_29_2_text") -> Path:
    """The miniature release zipped like the publisher's: every file under one top folder."""
    import tempfile
    import zipfile

    with tempfile.TemporaryDirectory() as scratch:
        folder = write_onet(Path(scratch) / inner)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
            for file in sorted(folder.iterdir()):
                bundle.write(file, f"{inner}/{file.name}")
    return path


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A local HTTP server for the folder (no internet in tests); yields its base URL."""
    handler = partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request lines on the test output."""
