r"""Decoding files and normalising the text read from them.

Files saved by Excel on Chinese Windows are GB18030/GBK; others are UTF-8,
with or without a byte-order mark. :func:`decode` tries them in that order,
without the user saying which, and raises :class:`~zeren_graph.errors.DecodeError`
when none fits.

Examples
--------
>>> decode("序号,职责".encode("gbk"), "清单.csv")
('序号,职责', 'gb18030')
>>> Normalizer()("\u3000乙镇党委 ")
'乙镇党委'
"""

from __future__ import annotations

import sys
import unicodedata

from zeren_graph.errors import DecodeError, Problem

__all__ = ["Normalizer", "clean", "decode"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes, file: str) -> tuple[str, str]:
    r"""Decode ``data`` as UTF-8 (with or without BOM), UTF-16 (with BOM) or GB18030.

    Parameters
    ----------
    data : bytes
        The whole content of the file.
    file : str
        The file's name, for the error message.

    Returns
    -------
    tuple of (str, str)
        The text and the name of the encoding that decoded it.

    Raises
    ------
    DecodeError
        When the bytes are binary or in none of these encodings.

    Examples
    --------
    >>> decode("\ufeff单位".encode(), "a.csv")
    ('单位', 'utf-8-sig')
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
        raise _undecodable(file, "it contains NUL bytes (a binary file?)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        reason = f"byte {exc.start} is neither UTF-8 nor GB18030/GBK"
        raise _undecodable(file, reason) from exc


def _undecodable(file: str, reason: str) -> DecodeError:
    return DecodeError(
        [
            Problem(
                "undecodable-file",
                f"the file is not text in UTF-8, UTF-16 or GB18030/GBK: {reason}",
                file=file,
                hint="save it as CSV UTF-8 (or as .xlsx) and try again",
            )
        ]
    )


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
