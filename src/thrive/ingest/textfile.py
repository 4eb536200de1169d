"""Opening a CSV file whatever it was saved as: UTF-8 with or without a BOM, or Windows-1252.

The encoding is settled by reading the file once in chunks (so memory stays bounded), then the
file is streamed row by row. Files that are not text at all get a plain-English refusal, and a
file that is not valid in its encoding is refused with the byte's position, never guessed
(:func:`detect_encoding` says the rule).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from thrive.problems import UnreadableFileError

CHUNK = 1 << 20
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")  # bytes Windows-1252 leaves out


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
    nul = head.find(b"\x00")
    if nul >= 0:
        raise nul_refusal(file, nul, head.count(b"\n", 0, nul) + 1)


def nul_refusal(file: str, position: int, line: int) -> UnreadableFileError:
    return UnreadableFileError(
        file,
        f"the file holds a NUL byte (0x00) at position {position:,}, line {line:,}: it is binary "
        "data or damaged, not CSV text; export it again",
    )


# One valid UTF-8 character of two, three or four bytes (RFC 3629, no surrogates, no overlongs).
UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _line_of(path: Path, position: int) -> int:
    """The line (from 1) that holds the byte at ``position``."""
    lines = 1
    with path.open("rb") as stream:
        done = 0
        while done < position:
            chunk = stream.read(min(CHUNK, position - done))
            if not chunk:
                break
            lines += chunk.count(b"\n")
            done += len(chunk)
    return lines


def _at(path: Path, position: int, byte: int) -> str:
    return f"byte 0x{byte:02X} at position {position:,}, line {_line_of(path, position):,}"


def _utf8_check(data: bytes, position: int) -> tuple[tuple[int, int] | None, bytes]:
    """(position, byte) of the first byte of ``data`` that is not UTF-8, if any; and the bytes
    of a character cut short by the end of ``data`` (to be read with the next chunk)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as broken:
        if broken.end == len(data) and len(data) - broken.start < 4:  # maybe cut short
            return None, data[broken.start :]
        return (position + broken.start, data[broken.start]), b""
    return None, b""


def detect_encoding(path: Path, file: str, chunk_size: int = CHUNK) -> str:
    """'utf-8-sig' or 'cp1252', whichever the whole file is; else a refusal with the byte.

    The rule: a file that is valid UTF-8 is UTF-8. A file that is not, but holds at least one
    valid UTF-8 character of more than one byte, is a UTF-8 file with damage: it is refused with
    the position of the first byte that is not UTF-8, never read as something else. Only a file
    with no multi-byte UTF-8 character at all is read as Windows-1252 (Excel's plain "CSV"), and
    then only if every byte is defined in Windows-1252. A NUL byte anywhere is refused.
    """
    if path.stat().st_size == 0:
        raise UnreadableFileError(file, "the file is empty (0 bytes)")
    first_bad: tuple[int, int] | None = None  # (position, byte) of the first non-UTF-8 byte
    multibyte = False
    undefined: tuple[int, int] | None = None  # the first byte Windows-1252 does not define
    with path.open("rb") as stream:
        head = stream.read(4096)
        sniff_binary(head, file)
        stream.seek(0)
        start = 0  # the file position of the chunk's first byte
        pending = b""  # the bytes of a character split by the end of the previous chunk
        tail = b""
        for chunk in iter(lambda: stream.read(chunk_size), b""):
            nul = chunk.find(b"\x00")
            if nul >= 0:
                raise nul_refusal(file, start + nul, _line_of(path, start + nul))
            if not chunk.isascii():
                multibyte = multibyte or UTF8_MULTIBYTE.search(tail + chunk) is not None
                found = None if undefined else _CP1252_UNDEFINED.search(chunk)
                if found:
                    undefined = (start + found.start(), chunk[found.start()])
            if first_bad is None:
                first_bad, pending = _utf8_check(pending + chunk, start - len(pending))
            tail = chunk[-3:]
            start += len(chunk)
            if first_bad is not None and multibyte:
                break
    if first_bad is None and pending:  # the file ends inside a character
        first_bad = (start - len(pending), pending[0])
    if first_bad is None:
        return "utf-8-sig"
    if multibyte:
        position, byte = first_bad
        raise UnreadableFileError(
            file,
            f"the file is UTF-8 text with a byte that is not UTF-8 ({_at(path, position, byte)}): "
            "it may be damaged or mixed with another encoding; save it again as 'CSV UTF-8'",
        )
    if undefined is not None:
        position, byte = undefined
        raise UnreadableFileError(
            file,
            f"the file is neither UTF-8 nor Windows-1252 text ({_at(path, position, byte)}): "
            "save it as 'CSV UTF-8'",
        )
    return "cp1252"


def csv_refusal(file: str, broken: csv.Error, line: int) -> UnreadableFileError:
    """A CSV reader's error as a refusal that says where (the line the reader had reached)."""
    if "field larger than field limit" in str(broken):
        limit = csv.field_size_limit()
        return UnreadableFileError(
            file,
            f"line {line:,} has a cell longer than {limit:,} characters, which no column Thrive "
            "reads needs: the file may be damaged (a quote mark never closed?)",
        )
    return UnreadableFileError(file, f"the CSV cannot be read at line {line:,} ({broken})")
