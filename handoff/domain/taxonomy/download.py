"""Fetch a publisher's zip (O*NET's ``db_29_2_text.zip``) and unpack it safely into a folder.

Only http(s) URLs; the download is capped (``MAX_DOWNLOAD_BYTES``) and so is the unpacked size
(``MAX_UNPACKED_BYTES``) and the number of members, so a hostile or broken archive cannot fill
the disk; members with absolute paths, ``..`` parts or link modes are refused (no zip-slip).
"""

from __future__ import annotations

import shutil
import stat
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

MAX_DOWNLOAD_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
MAX_MEMBERS = 5000
TIMEOUT_SECONDS = 120
CHUNK = 1024 * 1024


class DownloadError(ValueError):
    """The URL, the download or the archive was refused."""


def download(url: str, target: Path, *, max_bytes: int = MAX_DOWNLOAD_BYTES) -> Path:
    """Save the URL's body as ``target`` (refusing other schemes and bodies over ``max_bytes``)."""
    if urlparse(url).scheme not in {"http", "https"}:
        raise DownloadError(f"Only http(s) URLs can be imported, not {url!r}.")
    request = urllib.request.Request(url, headers={"User-Agent": "handoff-taxonomy-import"})  # noqa: S310 - scheme checked
    written = 0
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response, target.open("wb") as out:  # noqa: S310
            while chunk := response.read(CHUNK):
                written += len(chunk)
                if written > max_bytes:
                    raise DownloadError(f"{url} is larger than {max_bytes} bytes; refused.")
                out.write(chunk)
    except OSError as error:  # URLError and HTTPError are OSErrors
        raise DownloadError(f"Could not download {url}: {error}") from error
    return target


def safe_extract(archive: Path, destination: Path) -> Path:
    """Unpack a zip into ``destination`` after checking every member; returns ``destination``."""
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = bundle.infolist()
            _check_members(members)
            for member in members:
                path = destination.joinpath(*PurePosixPath(member.filename).parts)
                if member.is_dir():
                    path.mkdir(parents=True, exist_ok=True)
                    continue
                path.parent.mkdir(parents=True, exist_ok=True)
                with bundle.open(member) as source, path.open("wb") as out:
                    shutil.copyfileobj(source, out, CHUNK)
    except zipfile.BadZipFile as error:
        raise DownloadError(f"{archive.name} is not a valid zip archive.") from error
    return destination


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise DownloadError(f"The archive has {len(members)} members; at most {MAX_MEMBERS} are accepted.")
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise DownloadError("The archive unpacks to more than the accepted size.")
    for member in members:
        name = PurePosixPath(member.filename.replace("\\", "/"))
        if name.is_absolute() or ".." in name.parts or (name.parts and name.parts[0].endswith(":")):
            raise DownloadError(f"Refused archive member {member.filename!r}: it points outside the folder.")
        if stat.S_ISLNK(member.external_attr >> 16):
            raise DownloadError(f"Refused archive member {member.filename!r}: links are not accepted.")


def find_release_folder(root: Path, marker: str) -> Path:
    """The folder under ``root`` that holds ``marker`` (O*NET zips wrap their files in ``db_29_2_text/``)."""
    for path in sorted(root.rglob(marker), key=lambda found: len(found.parts)):
        if path.is_file():
            return path.parent
    raise DownloadError(f"The archive holds no {marker!r}.")
