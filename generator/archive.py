"""Pack a project folder into a zip or tar.gz archive, in memory.

Each entry sits under the project's folder name, with its permissions;
folders are entries too, so that the empty ones a git repository needs
(``.git/refs/tags``) survive the trip. Owners and times of the machine
that packed it are left out of the tar archive.
"""

from __future__ import annotations

import io
import stat
import tarfile
import zipfile
from pathlib import Path

FORMATS = {"zip": "application/zip", "tar.gz": "application/gzip"}


def pack(folder: Path, kind: str) -> bytes:
    """``folder`` and everything in it as an archive of ``kind`` (a key of
    :data:`FORMATS`), its entries under ``folder.name/``."""
    return _zip(folder) if kind == "zip" else _tar_gz(folder)


def _zip(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in [folder, *sorted(folder.rglob("*"))]:
            name = path.relative_to(folder.parent).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISDIR(mode):
                info = zipfile.ZipInfo(name + "/")
                info.external_attr = (mode & 0xFFFF) << 16 | 0x10  # 0x10: MS-DOS folder
                archive.writestr(info, b"")
            elif stat.S_ISREG(mode):
                info = zipfile.ZipInfo.from_file(path, name)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def _tar_gz(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=6) as archive:
        archive.add(folder, arcname=folder.name, filter=_anonymous)
    return buffer.getvalue()


def _anonymous(member: tarfile.TarInfo) -> tarfile.TarInfo | None:
    """The entry without the packing machine's users; only files and folders."""
    if not (member.isfile() or member.isdir()):
        return None
    member.uid = member.gid = 0
    member.uname = member.gname = ""
    return member
