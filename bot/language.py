"""Which language a message is written in, told from its letters alone (offline, instant).

Only what the script makes clear is told: Cyrillic is Russian unless it holds letters only
Ukrainian or Kazakh use (see `_UKRAINIAN`, `_KAZAKH`); Arabic script is Persian when it
holds letters only Persian uses (pe, che, zhe, gaf, Farsi yeh and kaf), else Arabic;
Devanagari is Hindi; Han, kana and Hangul are Chinese, Japanese and Korean. Latin text is
not told apart (English, Spanish, German and transliterated Russian share it):
`detect_script_language` returns None, and the caller keeps the language it had. Short
messages made of figures and Latin names ("MK-7 or MK-4?") therefore never change the
language.
"""

from __future__ import annotations

import re

BASE_LANGUAGE = "en"

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_KAZAKH = re.compile(r"[әғқңөұүһӘҒҚҢӨҰҮҺ]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_PERSIAN = re.compile(r"[پچژگیک]")
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Fewer letters of a script than this and the message is not clearly in it (a lone
# Cyrillic "K" in "K2?" is not).
_MIN_LETTERS = 2


def detect_script_language(text: str) -> str | None:
    """The language `text` is clearly written in, from its script; None when unclear.

    Args:
        text: what the user typed.

    Returns:
        A language code ("ru", "uk", "kk", "fa", "ar", "hi", "zh", "ja", "ko"), or None for
        Latin text, figures and anything too short to tell.
    """
    if len(_CYRILLIC.findall(text)) >= _MIN_LETTERS:
        # Kazakh writes the dotted Cyrillic i too, so its own letters are looked for first.
        if _KAZAKH.search(text):
            return "kk"
        if _UKRAINIAN.search(text):
            return "uk"
        return "ru"
    if len(_ARABIC.findall(text)) >= _MIN_LETTERS:
        return "fa" if _PERSIAN.search(text) else "ar"
    if len(_DEVANAGARI.findall(text)) >= _MIN_LETTERS:
        return "hi"
    if _KANA.search(text):
        return "ja"
    if _HANGUL.search(text):
        return "ko"
    if _HAN.search(text):
        return "zh"
    return None


def normalize_language_code(code: str | None) -> str | None:
    """Telegram's `language_code` ("pt-br", "en-US", "ru") as a language of the content.

    Args:
        code: an IETF language tag, or None.

    Returns:
        The lowercase primary tag ("pt", "en", "ru"), or None when `code` is empty.
    """
    if not code:
        return None
    return code.strip().lower().replace("_", "-").split("-")[0] or None
