"""A CSV file is read in the encoding it is valid in, or refused with the byte's position: a UTF-8
file with one bad byte is never read as Windows-1252 (docs/importing.md, "Encodings").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thrive.ingest.textfile import UTF8_MULTIBYTE, detect_encoding
from thrive.problems import UnreadableFileError

# Names as a council's HR system holds them, with the letters Windows-1252 can also write.
NAMES = st.text(
    alphabet=st.sampled_from(
        "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ-'éèêëçñöüßÉÀøåæœ"
    ),
    min_size=1,
    max_size=30,
)
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "staff.csv"
    path.write_bytes(data)
    return path


@SETTINGS
@given(names=st.lists(NAMES, min_size=1, max_size=20), bom=st.booleans(), chunk=st.integers(1, 64))
def test_a_utf8_file_is_read_as_utf8(
    tmp_path: Path, names: list[str], bom: bool, chunk: int
) -> None:
    text = "worker_id,name\n" + "".join(f"E{i},{n}\n" for i, n in enumerate(names))
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    path = _write(tmp_path, data)
    assert detect_encoding(path, "staff.csv", chunk) == "utf-8-sig"
    assert path.read_text(encoding="utf-8-sig") == text


@SETTINGS
@given(
    names=st.lists(NAMES, min_size=1, max_size=20),
    where=st.integers(min_value=0),
    bad=st.sampled_from([0xE9, 0xFF, 0x80, 0xC3, 0xF8]),
    chunk=st.integers(1, 64),
)
def test_a_utf8_file_with_one_bad_byte_is_refused_at_that_byte(
    tmp_path: Path, names: list[str], where: int, bad: int, chunk: int
) -> None:
    text = "worker_id,name\nE0,Renée\n" + "".join(f"E{i},{n}\n" for i, n in enumerate(names))
    data = text.encode("utf-8")
    ascii_at = [i for i, b in enumerate(data) if b < 0x80 and b != 0x0A]
    position = ascii_at[where % len(ascii_at)]
    damaged = data[:position] + bytes([bad]) + data[position + 1 :]
    before = damaged[:position]
    path = _write(tmp_path, damaged)
    with pytest.raises(UnreadableFileError) as refused:
        detect_encoding(path, "staff.csv", chunk)
    # The byte named is the first that is not UTF-8: the damaged one, or (a lead byte placed
    # before an ASCII byte) the same position; every byte before it was valid.
    before.decode("utf-8")
    line = before.count(b"\n") + 1
    assert f"at position {position:,}, line {line:,}" in refused.value.reason
    assert "not UTF-8" in refused.value.reason


@SETTINGS
@given(names=st.lists(NAMES, min_size=1, max_size=20), chunk=st.integers(1, 64))
def test_a_windows_1252_file_is_read_as_windows_1252(
    tmp_path: Path, names: list[str], chunk: int
) -> None:
    text = "worker_id,name\n" + "".join(f"E{i},{n}\n" for i, n in enumerate(names))
    data = text.encode("cp1252")
    path = _write(tmp_path, data)
    if UTF8_MULTIBYTE.search(data):  # e.g. "Ã©": two letters that also make one UTF-8 character
        with pytest.raises(UnreadableFileError, match="not UTF-8"):
            detect_encoding(path, "staff.csv", chunk)
        return
    expected = "utf-8-sig" if data.isascii() else "cp1252"
    assert detect_encoding(path, "staff.csv", chunk) == expected
    assert path.read_text(encoding=expected) == text


@SETTINGS
@given(rows=st.integers(0, 300), chunk=st.sampled_from([7, 4096, 1 << 20]))
def test_a_nul_byte_anywhere_is_refused_with_its_place(
    tmp_path: Path, rows: int, chunk: int
) -> None:
    lines = ["worker_id,name"] + [f"E{i},Sam Jones" for i in range(rows)]
    data = ("\n".join(lines) + "\nE9,Sam\x00Jones\n").encode()
    path = _write(tmp_path, data)
    position = data.index(b"\x00")
    with pytest.raises(UnreadableFileError) as refused:
        detect_encoding(path, "staff.csv", chunk)
    assert f"NUL byte (0x00) at position {position:,}, line {rows + 2:,}" in refused.value.reason
