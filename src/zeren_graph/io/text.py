r"""Reading files, decoding them and normalising the text read from them.

Files saved by Excel on Chinese Windows are GB18030/GBK; others are UTF-8,
with or without a byte-order mark. :func:`decode` tells them apart without the
user saying which. When the bytes are not UTF-8 it weighs the evidence for
GB18030 (simplified Chinese), Big5 (traditional Chinese, as Excel on Taiwanese
or Hong Kong Windows saves) and Shift-JIS (Japanese): each decoding is scored
by the share of its characters that are common in that script, so one CJK
encoding is never read as another. A file read as anything but UTF-8 or
GB18030 gets a warning naming the encoding (:func:`encoding_note`); a file in
none of them raises :class:`~zeren_graph.errors.DecodeError`.

:func:`read_input` reads a file after checking that it is a file and not above
the ``file_bytes`` limit.

Examples
--------
>>> decode("序号,职责".encode("gbk"), "清单.csv")
('序号,职责', 'gb18030')
>>> decode("職責,責任單位".encode("big5"), "清單.csv")
('職責,責任單位', 'big5')
>>> Normalizer()("\u3000乙镇党委 ")
'乙镇党委'
"""

from __future__ import annotations

import functools
import os
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from zeren_graph._display import excerpt
from zeren_graph.errors import DecodeError, Problem
from zeren_graph.limits import current, exceeded

__all__ = [
    "ENCODING_NAMES",
    "Normalizer",
    "checked_size",
    "clean",
    "clean_column",
    "decode",
    "encoding_note",
    "file_size",
    "read_input",
]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

#: The encodings :func:`decode` returns, with the names messages use.
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "gb18030": "GB18030/GBK (simplified Chinese)",
    "big5": "Big5 (traditional Chinese)",
    "shift_jis": "Shift-JIS (Japanese)",
}
#: Python codecs of the legacy CJK candidates: the Windows variants Excel writes.
_CODECS = {"gb18030": "gb18030", "big5": "cp950", "shift_jis": "cp932"}
#: How many bytes from the start are scored (the whole file is decoded afterwards).
_SAMPLE_BYTES = 1 << 16
#: Fewer non-ASCII characters than this are too little evidence to refuse a file.
_MIN_EVIDENCE = 8


def read_input(path: str | Path) -> bytes:
    """Return the bytes of ``path`` after checking it is a file within the size limit.

    Raises
    ------
    IsADirectoryError
        When ``path`` is a directory (an :class:`OSError`, as for a missing file).
    LimitError
        When the file is larger than the ``file_bytes`` limit; nothing is read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from zeren_graph.limits import override
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "清单.csv"
    >>> _ = f.write_bytes(b"x" * 100)
    >>> len(read_input(f))
    100
    >>> with override(file_bytes=10):
    ...     read_input(f)
    Traceback (most recent call last):
    ...
    zeren_graph.errors.LimitError: ...清单.csv: the file is 100 bytes, above the limit of 10; ...
    """
    file = str(path)
    size = checked_size(path, file)
    limit = current().file_bytes
    with open(path, "rb") as stream:
        # read(n) allocates n bytes up front: ask for the size stat gave, not for the limit
        data = stream.read(size + 1)
        if len(data) > size:  # the file grew, or a pipe or device: read on in bounded chunks
            parts, total = [data], len(data)
            while total <= limit and (chunk := stream.read(min(1 << 20, limit + 1 - total))):
                parts.append(chunk)
                total += len(chunk)
            data = b"".join(parts)
    if len(data) > limit:
        raise exceeded("file_bytes", f"the file is over {limit} bytes", file=file)
    return data


def checked_size(path: str | Path, file: str | None = None) -> int:
    """Return the size of the file ``path``, refusing it beyond the ``file_bytes`` limit.

    Every reader calls this before it reads a byte (``file`` names the file in messages).

    Raises
    ------
    IsADirectoryError
        When ``path`` is a directory.
    LimitError
        When the file is larger than the ``file_bytes`` limit.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "清单.xlsx"
    >>> _ = f.write_bytes(b"x" * 100)
    >>> checked_size(f)
    100
    """
    size = file_size(path)
    if size > current().file_bytes:
        raise exceeded("file_bytes", f"the file is {size} bytes", file=file or str(path))
    return size


def file_size(path: str | Path) -> int:
    """Return the size of the file ``path``; raise :class:`IsADirectoryError` for a folder.

    Examples
    --------
    >>> import tempfile
    >>> file_size(tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    IsADirectoryError: [Errno 21] Is a directory, not a file: ...
    """
    st = os.stat(path)
    if os.path.isdir(path):
        raise IsADirectoryError(21, "Is a directory, not a file", str(path))
    return st.st_size


def decode(data: bytes, file: str) -> tuple[str, str]:
    r"""Decode ``data`` as UTF-8, UTF-16 (with BOM), GB18030, Big5 or Shift-JIS.

    Parameters
    ----------
    data : bytes
        The whole content of the file.
    file : str
        The file's name, for the error message.

    Returns
    -------
    tuple of (str, str)
        The text and the encoding that decoded it, a key of :data:`ENCODING_NAMES`.
        Callers show :func:`encoding_note` of it as a warning.

    Raises
    ------
    DecodeError
        When the bytes are binary, in none of these encodings, or the evidence
        does not tell which CJK encoding they are in.

    Examples
    --------
    >>> decode("\ufeff单位".encode(), "a.csv")
    ('单位', 'utf-8-sig')
    >>> decode("職務,担当者,ふりがな".encode("shift_jis"), "a.csv")
    ('職務,担当者,ふりがな', 'shift_jis')
    >>> decode(b"\x80\xff\x00", "a.csv")
    Traceback (most recent call last):
    ...
    zeren_graph.errors.DecodeError: a.csv: the file is not text ...
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                why = f"it starts with a {encoding} mark but {exc.reason}"
                raise _undecodable(file, why) from exc
    if b"\x00" in data:
        raise _undecodable(file, f"it contains NUL bytes (byte {data.index(0)}; a binary file?)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    for encoding in _ranked(data, file):  # the one the evidence is for
        try:
            return data.decode(_CODECS[encoding]), encoding
        except UnicodeDecodeError:
            continue
    reason = f"byte {utf8_error.start} is not UTF-8, and the file is in none of the others"
    raise _undecodable(file, reason)


def encoding_note(encoding: str) -> str | None:
    """Return the warning for a file read in ``encoding``, or ``None`` if it needs none.

    Examples
    --------
    >>> encoding_note("gb18030") is None
    True
    >>> encoding_note("big5")
    'read as Big5 (traditional Chinese): the bytes are not UTF-8 and read as GB18030 ...'
    """
    if encoding not in ("big5", "shift_jis"):
        return None
    return (
        f"read as {ENCODING_NAMES[encoding]}: the bytes are not UTF-8 and read as GB18030 they "
        "give unusual characters; check the names, or save the file as CSV UTF-8"
    )


def _prefix(data: bytes, codec: str) -> str | None:
    """Decode the sample at the start of ``data``; ``None`` if it is not in ``codec``."""
    sample = data[:_SAMPLE_BYTES]
    try:
        return sample.decode(codec)
    except UnicodeDecodeError as exc:
        if len(data) > _SAMPLE_BYTES and exc.start >= len(sample) - 4:
            return sample[: exc.start].decode(codec, "ignore")  # a character cut by the sample
        return None


def _gb_class(ch: str) -> float:
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        if unicodedata.category(ch) == "Lo" and "\u4e00" <= ch <= "\u9fff":
            return 0.5  # a GBK hanzi outside GB2312: traditional forms, rare names
        return 0.0
    # GB2312 rows 1-3 (punctuation, numbers, full-width ASCII) and 16-87 (hanzi); not the
    # kana, Greek, Cyrillic, pinyin and box rows 4-9 that mis-decoded Big5 turns into
    return 1.0 if b[0] >= 0xB0 or b[0] <= 0xA3 else 0.0


def _big5_class(ch: str) -> float:
    try:
        b = ch.encode("cp950")
    except UnicodeEncodeError:
        return 0.0
    # Big5 punctuation rows, and the 5401 frequent hanzi (A440-C67E); not bopomofo/Greek
    return 1.0 if len(b) == 2 and (0xA4 <= b[0] <= 0xC6 or b[0] <= 0xA2) else 0.0


def _sjis_class(ch: str) -> float:
    if "\u3041" <= ch <= "\u30fe":
        return 1.0  # hiragana, katakana
    try:
        b = ch.encode("cp932")
    except UnicodeEncodeError:
        return 0.0
    # JIS punctuation and level-1 kanji; not half-width katakana (one byte A1-DF)
    return 1.0 if len(b) == 2 and (0x88 <= b[0] <= 0x98 or b[0] == 0x81) else 0.0


_CLASSES: dict[str, Callable[[str], float]] = {
    "gb18030": _gb_class,
    "big5": _big5_class,
    "shift_jis": _sjis_class,
}


def _score(text: str, encoding: str) -> tuple[float, int]:
    """Return the share of common characters among the non-ASCII ones, and their count."""
    counts = Counter(ch for ch in text if ch > "\x7f")
    total = sum(counts.values())
    if not total:
        return 1.0, 0
    judge = _CLASSES[encoding]
    return sum(n * judge(ch) for ch, n in counts.items()) / total, total


def _ranked(data: bytes, file: str) -> list[str]:
    """Return the legacy CJK encoding the evidence is for (in a list); raise if it is unclear.

    GB18030 decodes almost any bytes, so it is taken unless another encoding
    clearly gives more common characters; the others are never tried as a
    fallback, which would turn GB18030's errors into another script's nonsense.
    """
    texts = {e: _prefix(data, c) for e, c in _CODECS.items()}
    scores = {e: _score(t, e) for e, t in texts.items() if t is not None}
    gb, evidence = scores.get("gb18030", (0.0, 0))
    best = max((e for e in scores if e != "gb18030"), key=lambda e: scores[e][0], default=None)
    if best is not None and scores[best][0] >= 0.8 and scores[best][0] - gb >= 0.15:
        return [best]
    if gb < 0.3 and evidence >= _MIN_EVIDENCE:
        shown = "; ".join(
            f"as {ENCODING_NAMES[e]}: '{excerpt(_sample_text(t), 24)}'"
            for e, t in texts.items()
            if t is not None
        )
        raise _undecodable(
            file,
            "it is not UTF-8, and no Chinese or Japanese encoding gives ordinary text "
            f"(read {shown})",
        )
    return ["gb18030"]


def _sample_text(text: str) -> str:
    start = next((i for i, ch in enumerate(text) if ch > "\x7f"), 0)
    return text[start : start + 40]


def _undecodable(file: str, reason: str) -> DecodeError:
    return DecodeError(
        [
            Problem(
                "undecodable-file",
                f"the file is not text in UTF-8, UTF-16, GB18030/GBK, Big5 or Shift-JIS: {reason}",
                file=file,
                hint="save it as CSV UTF-8 (or as .xlsx) and try again",
            )
        ]
    )


_nfkc = functools.partial(unicodedata.normalize, "NFKC")


def clean(value: str) -> str:
    r"""NFKC-normalise and trim ``value``, including full-width spaces (U+3000).

    Examples
    --------
    >>> clean("\u3000ＡＢ　镇 ")
    'AB 镇'
    """
    if value.isascii():
        return value.strip()
    return unicodedata.normalize("NFKC", value).strip()


def clean_column(values: list[str]) -> list[str]:
    r"""Return :func:`clean` of each of ``values``, interned: the column of a table at once.

    Each distinct cell is normalised once, and the column mapped through the
    result, all in C: :func:`unicodedata.normalize` returns a cell that is
    normalised already at the cost of a quick check.

    Examples
    --------
    >>> clean_column(["\u3000乙镇党委 ", "（牵头）", "", "ＡＢ", "（牵头）"])
    ['乙镇党委', '(牵头)', '', 'AB', '(牵头)']
    """
    distinct = list(dict.fromkeys(values))  # columns repeat their cells
    cleaned = map(sys.intern, map(str.strip, map(_nfkc, distinct)))
    found = dict(zip(distinct, cleaned, strict=True))
    return list(map(found.__getitem__, values))


class Normalizer:
    r"""A memoising :func:`clean` that also interns what it returns.

    Responsibility lists repeat the same unit, post, role and duty names on
    many rows; caching them makes normalisation cost one dictionary lookup per
    cell and shares one string object per distinct name.

    Examples
    --------
    >>> n = Normalizer()
    >>> n("乙镇党委\u3000") is n(" 乙镇党委")
    True
    """

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def __call__(self, value: str) -> str:
        """Return the normalised, interned ``value``."""
        try:
            return self._cache[value]
        except KeyError:
            result = sys.intern(clean(value))
            self._cache[value] = result
            return result
