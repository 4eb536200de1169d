"""Opening a CSV file whatever it was saved as: UTF-8 with or without a BOM, or Windows-1252.

The encoding is settled by reading the file once in chunks (so memory stays bounded), then the
file is streamed row by row. Files that are not text at all get a plain-English refusal.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from thrive.problems import UnreadableFileError

CHUNK = 1 << 20
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def sniff_binary(head: bytes, file: str) -> None:
    """Refuse files that are clearly not CSV text, saying what they look like."""
    if head.startswith(b"PK\x03\x04"):
        raise UnreadableFileError(
            file, "this is an Excel workbook (XLSX), not CSV text: give it a .xlsx name"
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFileError(
            file, "this is an old Excel 97-2003 (.xls) workbook: save it as .xlsx or CSV UTF-8"
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFileError(
            file, "this is UTF-16 text: save it as 'CSV UTF-8' (or Windows-1252) instead"
        )
    if b"\x00" in head:
        raise UnreadableFileError(file, "this file holds binary data, not CSV text")


def detect_encoding(path: Path, file: str) -> str:
    """'utf-8-sig' or 'cp1252', whichever reads the whole file; else a clear refusal."""
    if path.stat().st_size == 0:
        raise UnreadableFileError(file, "the file is empty (0 bytes)")
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as stream:
        head = stream.read(4096)
        sniff_binary(head, file)
        stream.seek(0)
        try:
            for chunk in iter(lambda: stream.read(CHUNK), b""):
                decoder.decode(chunk)
                offset += len(chunk)
            decoder.decode(b"", final=True)
            return "utf-8-sig"
        except UnicodeDecodeError:
            pass
        stream.seek(0)
        offset = 0
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            for i, byte in enumerate(chunk):
                if byte in _CP1252_UNDEFINED:
                    raise UnreadableFileError(
                        file,
                        f"the file is neither UTF-8 nor Windows-1252 text (byte 0x{byte:02X} at "
                        f"position {offset + i:,}): save it as 'CSV UTF-8'",
                    )
            offset += len(chunk)
    return "cp1252"
