"""Which language a message is written in, told from its letters alone (offline, instant).

Only what the script makes clear is told: Cyrillic is Russian unless it holds letters only
Uzbek, Kazakh or Ukrainian use (see `_UZBEK`, `_KAZAKH`, `_UKRAINIAN`) or, without letters
only Russian uses, a word only Ukrainian or Uzbek uses ("чи", "можна"; "керак"); Arabic
script is Persian when it holds letters only Persian uses (pe, che, zhe, gaf, Farsi yeh and
kaf) or, typed with Arabic yeh and kaf, a Persian word ("است", "داره"), else Arabic. Every
other script (Greek, Hebrew, Thai, Devanagari, Han...) is listed with its language in
`bot/data/languages/detection.yaml`, so adding one is adding YAML. Latin text is not told
apart by script (English, Spanish, German and transliterated Russian share it):
`detect_script_language` returns None, and `detect_language` tells it by words (the
function words listed per language in the same file, words typed with accents that tell
one language ("é", "qué"), words joined after a hyphen ("raconte-moi"), everyday English,
or Russian typed in Latin letters) and by letters only one listed language writes ("ñ",
"ł"). Short
messages made of figures and Latin names ("MK-7 or MK-4?") therefore never change the
language.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

from bot import data

BASE_LANGUAGE = "en"

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
# Uzbek Cyrillic shares gha and qa with Kazakh; short u and ha are its own.
_UZBEK = re.compile(r"[ўҳЎҲ]")
_KAZAKH = re.compile(r"[әғқңөұүһӘҒҚҢӨҰҮҺ]")
_RUSSIAN_ONLY_IN = {
    "uk": re.compile(r"[ыэъЫЭЪ]"),
    "uz": re.compile(r"[ыэЫЭ]"),
    "kk": re.compile(r"[ъЪ]"),
}
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
# Everyday words of one Cyrillic language that Russian does not use, for messages written
# without the letters that would tell (a Ukrainian "яке дозування", an Uzbek on a Russian
# keyboard). Never a word Russian shares ("хочу", "тому"): a Russian "я хочу знать..." would
# be told Ukrainian and get no answer.
_CYRILLIC_WORDS = {
    "uk": frozenset(
        "що чи як яке який яка які можна треба дуже мене мені це цей ця його вже ще або "
        "але коли також можу пити приймаю приймати видаляти видалити дякую добрий побачення бувай "
        "бувайте спасибі".split()
    ),
    "kk": frozenset(
        "ма бола беруге ішуге жаста болады болама керек мен жатыр жатырмын ауырып".split()
    ),
    "uz": frozenset(
        "керак керакми мумкин мумкинми неча учун нима кунига ичсам ичиш ичаман бўладими "
        "булади буладими болади қанча қандай".split()
    ),
}
_KAZAKH_WORDS = frozenset("ма ме ба бе па пе бола болады болама ішемін ішуге ішсем керек".split())
_ARABIC_WORD = re.compile(r"[\u0620-\u065f\u0671-\u06d3]+")
_ARABIC_VARIANTS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u200c": ""})
# Persian words, spelled as after folding Arabic yeh and kaf to Farsi: one of them in a
# message with no Persian-only letter says it is Persian typed on an Arabic keyboard.
_PERSIAN_WORDS = frozenset(
    "است هست هستم هستی داره دارم میشه میتونم میخوام برای رو را که چی چیه چه خوبه چطور "
    "بخورم میخورم میکنم نمیدونم آیا ایا".split()
)
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_PERSIAN = re.compile(r"[پچژگیک]")
# Fewer letters of a script than this and the message is not clearly in it (a lone
# Cyrillic "K" in "K2?" is not).
_MIN_LETTERS = 2
# Punctuation around a word of a script without Latin letters, for its `words`.
_PUNCTUATION = "?!.,;:()[]{}\"'«»“”„‘’…।॥-–—/"


@dataclass(frozen=True, slots=True)
class _Script:
    """A script of `detection.yaml`: its letters, language, and the languages sharing it."""

    language: str
    letters: re.Pattern[str]
    min_letters: int
    # Per other language written in the script, words that tell it.
    words: tuple[tuple[str, frozenset[str]], ...]


def _code_points(ranges: list[str]) -> str:
    spans = []
    for span in ranges:
        first, _, last = str(span).partition("-")
        spans.append(f"\\U{int(first, 16):08x}-\\U{int(last or first, 16):08x}")
    return "".join(spans)


def _read_detection(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as file:
        loaded: dict[str, Any] = yaml.load(
            file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    return loaded


_DETECTION = _read_detection(data.LANGUAGE_DETECTION)


@functools.cache
def _scripts() -> tuple[re.Pattern[str], tuple[_Script, ...]]:
    """Any listed script's letters, and each script, compiled once.

    Compiled on the first message that is not plain ASCII: their wide ranges would cost
    every start-up tens of milliseconds.
    """
    scripts = tuple(
        _Script(
            entry["language"],
            re.compile(f"[{_code_points(entry['ranges'])}]"),
            int(entry.get("min_letters", _MIN_LETTERS)),
            tuple(
                (language, frozenset(str(words).split()))
                for language, words in (entry.get("words") or {}).items()
            ),
        )
        for entry in _DETECTION["scripts"]
    )
    # Any letter of a listed script: most messages (Latin) hold none and skip the list.
    listed = "".join(_code_points(entry["ranges"]) for entry in _DETECTION["scripts"])
    return re.compile(f"[{listed}]"), scripts


def warm_up() -> None:
    """Compile the scripts' letter ranges now rather than on the first non-ASCII message."""
    _scripts()


def _script_language(text: str) -> str | None:
    if text.isascii():
        return None
    any_listed, scripts = _scripts()
    if not any_listed.search(text):
        return None
    for script in scripts:
        if len(script.letters.findall(text)) >= script.min_letters:
            if script.words:
                words = {word.strip(_PUNCTUATION) for word in text.split()}
                for language, told in script.words:
                    if words & told:
                        return language
            return script.language
    return None


def detect_script_language(text: str) -> str | None:
    """The language `text` is clearly written in, from its script; None when unclear.

    Args:
        text: what the user typed.

    Returns:
        A language code ("ru", "uk", "kk", "fa", "ar", or one of `detection.yaml`'s scripts:
        "el", "he", "hi", "zh"...), or None for Latin text, figures and anything too short
        to tell.
    """
    if len(_CYRILLIC.findall(text)) >= _MIN_LETTERS:
        # Uzbek shares two letters with Kazakh, and Kazakh writes the dotted Cyrillic i
        # too, so the letters only one language has are looked for first.
        if _UZBEK.search(text):
            return "uz"
        if _KAZAKH.search(text):
            return "kk"
        words = set(_CYRILLIC_WORD.findall(text.lower()))
        if _UKRAINIAN.search(text):
            # Kazakh typed without its own letters still has its dotted i and its particles.
            return "kk" if words & _KAZAKH_WORDS else "uk"
        for language, known in _CYRILLIC_WORDS.items():
            # Ukrainian has none of the letters only Russian uses; Uzbek none but the hard
            # sign; Kazakh writes the Russian yery too.
            if words & known and not _RUSSIAN_ONLY_IN[language].search(text):
                return language
        return "ru"
    if len(_ARABIC.findall(text)) >= _MIN_LETTERS:
        if _PERSIAN.search(text):
            return "fa"
        words = {w.translate(_ARABIC_VARIANTS) for w in _ARABIC_WORD.findall(text)}
        return "fa" if words & _PERSIAN_WORDS else "ar"
    return _script_language(text)


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


# Common English words: a Latin message holding two of them is clearly English, so it
# switches a Russian chat back; "MK-7 or MK-4?" holds none and switches nothing.
_ENGLISH_WORDS = frozenset(
    "what which who why how when where is are was does do did can could should would will "
    "the this that these those about tell me my you your it its with and for from take "
    "taking much many good bad vitamin help helps there any".split()
)
_LATIN_WORD = re.compile(r"[A-Za-z]+")
# Words with their figures ("mk7" is a name, not the English-looking "mk").
_LATIN_TOKEN = re.compile(r"[a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bb\u02bc`\u00b4]")


# Per Latin-script language (`detection.yaml`), its function words and everyday words:
# two of them in a message tell its language. Light and offline; a message too short to
# hold two keeps the chat's language.
_LATIN = _DETECTION["latin"]
# Every listed function word, folded: in a trigger of another language than English they
# say nothing about which referral is needed ("mi" in "mi bebe").
FUNCTION_WORDS = frozenset(
    word for entry in _LATIN.values() for word in str(entry.get("function_words", "")).split()
)
# Each language's commonest words rare in English, generated from wordfreq's lists
# (`python -m benchmarks.language_words`): they tell a language as its listed words do.
_COMMON_WORDS: dict[str, str] = _read_detection(
    data.LANGUAGE_DETECTION.with_name("common_words.yaml")
)
# Every Latin-script language's commonest words (rare in English): a trigger of another
# language made only of such words is as everyday there as "my child" or "dose" is in
# English, so it needs a word about taking something to route ("juegos para ninos",
# "film per bambini" are no questions about K2).
EVERYDAY_WORDS_ELSEWHERE = frozenset(
    word for words in _COMMON_WORDS.values() for word in str(words).split()
)
_FUNCTION_WORD_LANGUAGES: dict[str, tuple[str, ...]] = {}
for _language, _entry in _LATIN.items():
    _listed = f"{_entry.get('function_words', '')} {_entry.get('words', '')}"
    for _word in dict.fromkeys(f"{_listed} {_COMMON_WORDS.get(_language, '')}".split()):
        _FUNCTION_WORD_LANGUAGES[_word] = (*_FUNCTION_WORD_LANGUAGES.get(_word, ()), _language)
# Words as typed with their accents (`marked_words`): folded, "é" and "qué" are words other
# languages share ("e", "que"); typed with the accent they are one language's ("é": is, in
# Portuguese). Each found in a message counts as one more of that language's words, under a
# key no folded word can have.
_MARKED = "="
for _language, _entry in _LATIN.items():
    _typed = unicodedata.normalize("NFC", str(_entry.get("marked_words", "")))
    for _word in dict.fromkeys(_typed.split()):
        _key = _MARKED + _word
        _FUNCTION_WORD_LANGUAGES[_key] = (*_FUNCTION_WORD_LANGUAGES.get(_key, ()), _language)
# Words joined after a hyphen (`joined_words`: French "-moi" in "raconte-moi", "-ce" in
# "est-ce"): each counts as one more word of its language besides the word itself.
_JOINED = "-"
for _language, _entry in _LATIN.items():
    for _word in dict.fromkeys(str(_entry.get("joined_words", "")).split()):
        _key = _JOINED + _word
        _FUNCTION_WORD_LANGUAGES[_key] = (*_FUNCTION_WORD_LANGUAGES.get(_key, ()), _language)
_TYPED_WORD = re.compile(r"[^\W\d_]+")
# Per language, the closely related language a tie between them goes to (`yields_to`).
_YIELDS_TO = {
    language: str(entry["yields_to"])
    for language, entry in _LATIN.items()
    if entry.get("yields_to")
}
# Letters only one listed language writes; one listed by two tells neither.
_LETTER_LANGUAGES: dict[str, set[str]] = {}
for _language, _entry in _LATIN.items():
    for _letter in str(_entry.get("letters", "")):
        _LETTER_LANGUAGES.setdefault(_letter, set()).add(_language)
_LETTER_LANGUAGE = {
    letter: languages.pop()
    for letter, languages in _LETTER_LANGUAGES.items()
    if len(languages) == 1
}
_OWN_LETTERS = re.compile(f"[{re.escape(''.join(_LETTER_LANGUAGE))}]")


def _latin_words(text: str) -> list[str]:
    """The message's words as languages are told by them.

    Each word folded (lowercase, no accents; apostrophes join, "bo'ladimi", "c'est", as in
    matching), except a marked word typed with its accents ("qué"), which counts as that
    language's only, not as its folded twin others share ("que"), and a word joined after a
    hyphen that a language writes so ("raconte-moi"), which counts as that language's too.
    """
    lowered = _APOSTROPHES.sub("", text.lower())
    if text.isascii():
        if "-" not in lowered:
            return _LATIN_WORD.findall(lowered)
        return _ascii_words(lowered)
    words: list[str] = []
    for found in _TYPED_WORD.finditer(unicodedata.normalize("NFC", lowered)):
        typed = found.group()
        if _MARKED + typed in _FUNCTION_WORD_LANGUAGES:
            words.append(_MARKED + typed)
            continue
        folded = _LATIN_WORD.findall(_fold_accents(typed))
        words += folded
        start = found.start()
        if start and found.string[start - 1] == "-" and folded:
            joined = _JOINED + folded[0]
            if joined in _FUNCTION_WORD_LANGUAGES:
                words.append(joined)
    return words


def _ascii_words(lowered: str) -> list[str]:
    """`_latin_words` of a lowercased ASCII message with a hyphen ("mk-7"), word by word.

    The same words as the general loop: in ASCII a typed word is a run of letters, already
    in NFC and without accents to fold, so the Unicode normalisations (about 5 µs a word,
    150 µs for a long message naming "mk-7") are left out.
    """
    words: list[str] = []
    for found in _LATIN_WORD.finditer(lowered):
        typed = found.group()
        if _MARKED + typed in _FUNCTION_WORD_LANGUAGES:
            words.append(_MARKED + typed)
            continue
        words.append(typed)
        start = found.start()
        if start and lowered[start - 1] == "-" and _JOINED + typed in _FUNCTION_WORD_LANGUAGES:
            words.append(_JOINED + typed)
    return words


def _latin_leaders(words: list[str]) -> tuple[list[str], int]:
    """The languages whose listed words `words` hold most, best first, and how many they hold.

    Ties on the count go to the language whose words fewer other languages list, then from
    a language to the one it `yields_to` (Malay to Indonesian); languages still tied are
    all leaders, in the order of `detection.yaml`. A marked word ("é") counts for its
    language only, so "o que é vitamina" is Portuguese, not Spanish.
    """
    counts: dict[str, int] = {}
    weights: dict[str, float] = {}
    distinct: dict[str, set[str]] = {}
    for word in words:
        languages = _FUNCTION_WORD_LANGUAGES.get(word, ())
        for language in languages:
            distinct.setdefault(language, set()).add(word)
            counts[language] = counts.get(language, 0) + 1
            weights[language] = weights.get(language, 0.0) + 1.0 / len(languages)
    if not counts:
        return [], 0
    best = max(counts.values())
    tied = [language for language, count in counts.items() if count == best]
    heaviest = max(weights[language] for language in tied)
    leaders = [language for language in tied if weights[language] >= heaviest - 1e-9]
    # A language still tied with the one it yields to (Malay with Indonesian, which share
    # most words) leaves the message to that one: it needs a word of its own to be told.
    kept = [language for language in leaders if _YIELDS_TO.get(language) not in leaders]
    # How many words tell it: each word once, so a word said twice is no second word of
    # its language ("em kay four versus em kay seven" is "M K" dictated, not Portuguese).
    return kept, min((len(distinct[language]) for language in kept), default=0)


def _latin_language(words: list[str]) -> str | None:
    leaders, count = _latin_leaders(words)
    return leaders[0] if count >= 2 and len(leaders) == 1 else None


def _letter_language(text: str) -> str | None:
    """The one listed language whose own letters `text` holds ("ñ": Spanish), if only one."""
    told = {_LETTER_LANGUAGE[letter] for letter in _OWN_LETTERS.findall(text)}
    return told.pop() if len(told) == 1 else None


# Each message is told once: the responder asks for the matcher and for the reply's language.
@functools.lru_cache(maxsize=4096)
def detect_language(text: str) -> str | None:
    """The language `text` is clearly in: from its script, or English from its words.

    Args:
        text: what the user typed.

    Returns:
        A language code, or None when the message does not tell (figures, names, a word
        or two of Latin letters, transliteration).
    """
    told = detect_script_language(text)
    if told is not None:
        return told
    words = _latin_words(text)
    english = sum(word in _ENGLISH_WORDS for word in words)
    other = _latin_language(words)
    if other is not None and sum(w in _FUNCTION_WORD_LANGUAGES for w in words) >= english:
        return other
    if english >= 2 or _mostly_common_english(words):
        return BASE_LANGUAGE
    # A letter only one language writes tells it when no English word says otherwise
    # ("k2 from Łódź?" is English).
    lettered = _letter_language(unicodedata.normalize("NFC", text.lower()))
    if lettered is not None and english == 0:
        return lettered
    # Russian typed in Latin letters, unless a function word of another Latin language
    # ("para") may make it that language's (below).
    if not any(w in _FUNCTION_WORD_LANGUAGES for w in words) and _transliterated_russian(text):
        return "ru"
    if (
        english == sum(w in INTERNATIONAL_WORDS for w in words)
        and len(words) <= SHORT_MESSAGE_WORDS
    ):
        return _distinctive_word_language(words)
    return None


@functools.lru_cache(maxsize=4096)
def likely_languages(text: str) -> tuple[str, ...]:
    """The languages `text` may be in when `detect_language` cannot tell which.

    A Latin message holding two words of each of several languages and no English
    ("o que é vitamina k2": Portuguese or Spanish) is in one of them, not in English; the
    reply takes the chat's usual language when it is one of them, else the first.

    Args:
        text: what the user typed.

    Returns:
        The tied languages in `detection.yaml`'s order; empty when the message tells its
        language, is English, or holds fewer than two words of any listed language.
    """
    if detect_language(text) is not None:
        return ()
    words = _latin_words(text)
    if any(word in _ENGLISH_WORDS for word in words) or _mostly_common_english(words):
        return ()
    leaders, count = _latin_leaders(words)
    return tuple(leaders) if count >= 2 else ()


def leaning_languages(text: str) -> tuple[str, ...]:
    """The listed Latin languages `text` leans to, when it holds one of their words and no English.

    Too weak to tell a message's language (one listed word: "k2 com varfarina", "ist k2
    fuer babys geeignet"), strong enough to choose among the languages something else has
    already narrowed it to: the languages a referral is written in, or whose safety
    triggers the message holds (`Responder.language_for`).

    Args:
        text: what the user typed.

    Returns:
        The languages whose listed words the message holds most, in `detection.yaml`'s
        order; empty when it holds an English word (besides "vitamin"), is told by
        `detect_language`, or holds no listed word.
    """
    if detect_language(text) is not None:
        return ()
    words = _latin_words(text)
    if any(word in _ENGLISH_WORDS and word not in INTERNATIONAL_WORDS for word in words):
        return ()
    leaders, count = _latin_leaders(words)
    return tuple(leaders) if count >= 1 else ()


def word_evidence(text: str) -> dict[str, int]:
    """How many words of each language a message holds, as its language is told.

    Per listed Latin language, its distinct listed words the message holds (function
    words, everyday and common words, accented and joined ones); for English, its common
    words (`_ENGLISH_WORDS`). Weighed against the safety triggers a message holds when the
    language it was told in has none of them (`Responder.language_for`): "Vitamin K2 in
    der Schwangerschaft ok?" holds one German word and no English one.

    Args:
        text: what the user typed.

    Returns:
        Language code to count of words; languages with none are absent.
    """
    words = _latin_words(text)
    distinct: dict[str, set[str]] = {}
    for word in words:
        for language in _FUNCTION_WORD_LANGUAGES.get(word, ()):
            distinct.setdefault(language, set()).add(word)
    counts = {language: len(told) for language, told in distinct.items()}
    english = len({word for word in words if word in _ENGLISH_WORDS})
    if english:
        counts[BASE_LANGUAGE] = english
    return counts


# A message told in a language of a script besides Latin, by letters or no letter that the
# others here lack, may be in one of these instead: Cyrillic with no letter of its own is
# told Russian, and Ukrainian by the dotted i Kazakh writes too; Arabic script with no Persian
# letter is told Arabic. A Kazakh or Persian message, told by its own letters or words, is
# never another language for a word only another language's triggers list.
MAY_BE_INSTEAD = {
    "ru": frozenset({"uk", "kk", "uz"}),
    "uk": frozenset({"kk"}),
    "ar": frozenset({"fa"}),
}
# The Latin-script languages `detection.yaml` tells by their words.
LATIN_LANGUAGES = frozenset(str(language) for language in _LATIN)


def may_be_instead(told: str, other: str) -> bool:
    """Whether a message told `told` by its script's letters may be in `other` instead.

    "к2 ден кейін бетім ісіп кетті" is told Ukrainian by its dotted i and may be Kazakh; a Kazakh
    message is never Russian or Ukrainian for a medicine name only their triggers list.
    """
    return other in MAY_BE_INSTEAD.get(told, frozenset())


# Whole messages asking for the answer in a language (`requests.yaml`): per language, one
# expression over the folded message.
_REQUESTS = {
    language: re.compile("^(?:" + "|".join(f"(?:{item})" for item in items) + ")$")
    for language, items in _read_detection(
        data.LANGUAGE_DETECTION.with_name("requests.yaml")
    ).items()
}
_NOT_REQUEST_CHARACTER = re.compile(r"[^\w\s-]")


def requested_language(text: str) -> str | None:
    """The language the whole message asks the answer in ("in english please": "en").

    Args:
        text: what the user typed.

    Returns:
        The language code, or None when the message is not such a request.
    """
    folded = " ".join(_NOT_REQUEST_CHARACTER.sub(" ", text.lower().replace("ё", "е")).split())
    if not folded or len(folded) > MAX_REQUEST_CHARS:
        return None
    return next((code for code, asks in _REQUESTS.items() if asks.match(folded)), None)


# A request for another language is a few words; a longer message is a question of its own.
MAX_REQUEST_CHARS = 60


def _transliterated_russian(text: str) -> bool:
    """Whether a message is Russian typed on a Latin keyboard ("chto daet k2 dlya kostey").

    Told as the matcher reads it (`bot.text.transliterated_russian`): no accented letter
    ("criança" is not), and common Russian words once transliterated, clearly rarer as
    English.
    """
    # The word lists load only when needed.
    from bot.text import has_accented_letters, transliterated_russian

    if has_accented_letters(text):
        return False
    words = _LATIN_TOKEN.findall(text.lower())
    return transliterated_russian(words) is not words


# A short message ("k2 vitamini nedir", "mk7 czy mk4?") may hold one listed word only: it
# tells the language when no other language lists it, it has at least
# DISTINCTIVE_WORD_LETTERS letters ("mi", "la" tell nothing) and English hardly uses it
# (Zipf below RARE_IN_ENGLISH_ZIPF: "nedir", "czy", but not "serve" or "fare").
SHORT_MESSAGE_WORDS = 6
# English words most of the languages told here spell the same way: beside such a word
# ("Vitamin K2 nedir?") a short message's one listed word still tells its language.
INTERNATIONAL_WORDS = frozenset({"vitamin"})
RARE_IN_ENGLISH_ZIPF = 3.0
DISTINCTIVE_WORD_LETTERS = 3


def _distinctive_word_language(words: list[str]) -> str | None:
    from bot.matching.lexicon import zipf  # the word list loads only when needed

    own = [word for word in words if len(_FUNCTION_WORD_LANGUAGES.get(word, ())) == 1]
    told = {
        _FUNCTION_WORD_LANGUAGES[word][0]
        for word in own
        if len(word) >= DISTINCTIVE_WORD_LETTERS and zipf(word) < RARE_IN_ENGLISH_ZIPF
    }
    # Another word only another language lists says the message is not clearly either
    # (Indonesian "yang" beside a word Czech lists too).
    if len(told) != 1 or {_FUNCTION_WORD_LANGUAGES[word][0] for word in own} != told:
        return None
    return told.pop()


# A Latin message none of whose function words decide is English when nearly all its words
# are everyday English by general-language frequency ("yo does k2 even work lol"), not by a
# hand list: at least this many such words, and this share of the message's words.
COMMON_ENGLISH_ZIPF = 4.0
MIN_COMMON_ENGLISH_WORDS = 3
COMMON_ENGLISH_SHARE = 0.75


def _mostly_common_english(words: list[str]) -> bool:
    from bot.matching.lexicon import zipf  # the word list loads only when needed

    real = [word for word in words if len(word) > 1 and word[0] not in (_MARKED, _JOINED)]
    common = sum(zipf(word) >= COMMON_ENGLISH_ZIPF for word in real)
    return common >= MIN_COMMON_ENGLISH_WORDS and common >= COMMON_ENGLISH_SHARE * len(real)


# Latin letters that do not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans(
    {"ı": "i", "ł": "l", "ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "þ": "th"}
)


def fold_latin(word: str) -> str:
    """`word` as Latin words are compared here: lowercase, no accents, no apostrophes."""
    return _APOSTROPHES.sub("", _fold_accents(word.lower()))


def _fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True, slots=True)
class LanguageHint:
    """What decides a reply's language besides the message itself.

    Attributes:
        chosen: the user's own choice (`/language`): always used.
        usual: used when the message does not tell: the chat's last language, else
            Telegram's `language_code`.
    """

    chosen: str | None = None
    usual: str | None = None


# The hint for the message being answered now, set by the dialogue around its turns so
# every reply composed for that message (follow-ups, "tell me more") uses it; a context
# variable, so concurrent messages in one event loop never see each other's.
_CURRENT_HINT: ContextVar[LanguageHint | None] = ContextVar("language_hint", default=None)
_NO_HINT = LanguageHint()


def current_hint() -> LanguageHint:
    """The language hint of the message being answered (empty outside one)."""
    return _CURRENT_HINT.get() or _NO_HINT


@contextmanager
def answering_with(hint: LanguageHint) -> Iterator[None]:
    """Compose the replies inside the block with `hint`."""
    token = _CURRENT_HINT.set(hint)
    try:
        yield
    finally:
        _CURRENT_HINT.reset(token)


class LanguageChoices(Protocol):
    """Where users' /language choices outlive a restart (the question log's database)."""

    def chosen_language(self, user_id: int) -> str | None:
        """`user_id`'s stored choice, or None."""
        ...

    def save_language(self, user_id: int, language: str | None) -> object:
        """Store (None: delete) `user_id`'s choice; may finish in the background."""
        ...


class LanguageMemory:
    """Each user's chosen language and each conversation's last language, bounded.

    Thread-safe; the least recently set entries are dropped past `max_entries`. A
    conversation's last language is kept in memory only: a restart forgets it, as it
    forgets conversations. A user's explicit choice is also written to `choices` when
    given (the Telegram bot passes its question log), so /language survives a restart.
    """

    def __init__(
        self, *, max_entries: int = 100_000, choices: LanguageChoices | None = None
    ) -> None:
        self.max_entries = max_entries
        self._choices = choices
        self._chosen: OrderedDict[Hashable, str] = OrderedDict()
        self._last: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()

    def choose(self, user: Hashable, language: str | None) -> None:
        """Remember `user`'s choice; None forgets it (back to telling per message)."""
        with self._lock:
            self._chosen.pop(user, None)
            if language is not None:
                self._put(self._chosen, user, language)
        if self._choices is not None and isinstance(user, int):
            self._choices.save_language(user, language)

    def chosen(self, user: Hashable | None) -> str | None:
        """`user`'s chosen language, or None."""
        if user is None:
            return None
        with self._lock:
            language = self._chosen.get(user)
        if language is None and self._choices is not None and isinstance(user, int):
            return self._choices.chosen_language(user)
        return language

    def forget_choice(self, user: Hashable) -> None:
        """Drop `user`'s choice from memory (its stored copy is the store's to delete)."""
        with self._lock:
            self._chosen.pop(user, None)

    def spoke(self, conversation: Hashable, language: str) -> None:
        """Remember the language the conversation was last written in."""
        with self._lock:
            self._last.pop(conversation, None)
            self._put(self._last, conversation, language)

    def last(self, conversation: Hashable) -> str | None:
        """The language the conversation was last written in, or None."""
        with self._lock:
            return self._last.get(conversation)

    def _put(self, table: OrderedDict[Hashable, str], key: Hashable, language: str) -> None:
        table[key] = sys.intern(language)
        while len(table) > self.max_entries:
            table.popitem(last=False)


def available_languages(intents: Iterable[HasLanguages]) -> list[str]:
    """The languages some of `intents` are answered in: English first, then the rest sorted."""
    others = {code for intent in intents for code in intent.languages} - {BASE_LANGUAGE}
    return [BASE_LANGUAGE, *sorted(others)]


class HasLanguages(Protocol):
    """Anything with the languages it is written in (an intent)."""

    @property
    def languages(self) -> tuple[str, ...]:
        """The language codes, the base language first."""
        ...
