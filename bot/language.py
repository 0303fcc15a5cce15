"""Which language a message is written in, told from its letters alone (offline, instant).

Only what the script makes clear is told: Cyrillic is Russian unless it holds letters only
Uzbek, Kazakh or Ukrainian use (see `_UZBEK`, `_KAZAKH`, `_UKRAINIAN`) or, without letters
only Russian uses, a word only Ukrainian or Uzbek uses ("чи", "можна"; "керак"); Arabic
script is Persian when it holds letters only Persian uses (pe, che, zhe, gaf, Farsi yeh and
kaf) or, typed with Arabic yeh and kaf, a Persian word ("است", "داره"), else Arabic;
Devanagari is Hindi; Han, kana and Hangul are Chinese, Japanese and Korean. Latin text is
not told apart by script (English, Spanish, German and transliterated Russian share it):
`detect_script_language` returns None, and `detect_language` tells it by words (function
words, everyday English, or Russian typed in Latin letters). Short
messages made of figures and Latin names ("MK-7 or MK-4?") therefore never change the
language.
"""

from __future__ import annotations

import re
import sys
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Protocol

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
# keyboard). None may be an everyday Russian word too ("хочу", "тому" in "год тому назад"):
# one would tell a Russian message Ukrainian.
_CYRILLIC_WORDS = {
    "uk": frozenset(
        "що чи як яке який яка які можна треба дуже мене мені це цей ця його вже ще або "
        "але коли також можу пити приймаю приймати видаляти видалити".split()
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


# Function words common in one Latin-script language and rare in the others (and in
# English): two of them in a message tell its language. Light and offline; a message too
# short to hold two keeps the chat's language.
_FUNCTION_WORDS = {
    "es": "que el los las para por con una puedo tomar es esta estoy tengo mi hijo hija sirve "
    "hoy hace como del cual donde cuanto cuanta debo pero muy mis doy le tu",
    "pt": "que os para com uma posso tomar estou tenho meu minha filho serve nao voce pra vou "
    "faco devo quantos tem",
    "de": "ist und der die das ich nicht mit fur was wie kann darf ein eine mein meine bin hab "
    "habe soll nehme nehmen welche",
    "fr": "est le les des je pour avec une que qu ce puis peut mon ma quoi quelle quel suis "
    "faut peux jai par sous dans mais au aux sur cest",
    "it": "il lo gli che per con sono posso cosa una mio mia della serve fa ho devo quanta "
    "quanto fare alla nel prendo prendere dopo",
    "tr": "ve bir bu mi ne nedir icin miyim mu nasil ben var olur kac alabilir kullaniyorum "
    "ile birlikte",
    "id": "apa yang dan itu untuk saya bisa adalah apakah boleh ini minum ga gak tidak lagi berapa",
    "pl": "jest czy co nie sie jak dla moge mam ten brac jestem jaka ile mozna",
    "uz": "va bu nima uchun mumkin qanday ichsam boladimi mumkinmi kerak kerakmi qancha ichaman",
    # Hindi as typed in Latin letters (Hinglish): its referral is the Hindi one.
    "hi": "hai kya hu hoon ko mein nahi kaise kitna kitni chahiye sakta sakte sakti raha rahi",
}
# Every listed function word, folded: in a trigger of another language than English they
# say nothing about which referral is needed ("mi" in "mi bebe").
FUNCTION_WORDS = frozenset(w for words in _FUNCTION_WORDS.values() for w in words.split())
_FUNCTION_WORD_LANGUAGES: dict[str, tuple[str, ...]] = {}
for _language, _words in _FUNCTION_WORDS.items():
    for _word in _words.split():
        _FUNCTION_WORD_LANGUAGES[_word] = (*_FUNCTION_WORD_LANGUAGES.get(_word, ()), _language)


def _latin_language(words: list[str]) -> str | None:
    counts: dict[str, int] = {}
    for word in words:
        for language in _FUNCTION_WORD_LANGUAGES.get(word, ()):
            counts[language] = counts.get(language, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    leaders = [language for language, count in counts.items() if count == best]
    return leaders[0] if best >= 2 and len(leaders) == 1 else None


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
    # Apostrophes join ("bo'ladimi", "c'est"), as in matching.
    words = _LATIN_WORD.findall(_APOSTROPHES.sub("", _fold_accents(text.lower())))
    english = sum(word in _ENGLISH_WORDS for word in words)
    other = _latin_language(words)
    if other is not None and sum(w in _FUNCTION_WORD_LANGUAGES for w in words) >= english:
        return other
    if english >= 2 or _mostly_common_english(words):
        return BASE_LANGUAGE
    # A function word of another Latin language ("para") makes it that language's, if any.
    if (
        not any(w in _FUNCTION_WORD_LANGUAGES for w in words)
        and not has_accented_letters(text)
        and _transliterated_russian(_LATIN_TOKEN.findall(text.lower()))
    ):
        return "ru"
    if english == 0 and len(words) <= SHORT_MESSAGE_WORDS:
        return _distinctive_word_language(words)
    return None


def has_accented_letters(text: str) -> bool:
    """Whether `text` holds a letter outside plain ASCII (see `bot.text`)."""
    from bot.text import has_accented_letters as accented

    return accented(text)


def _transliterated_russian(words: list[str]) -> bool:
    """Whether Latin words are Russian typed on a Latin keyboard ("chto daet k2 dlya kostey").

    Told as the matcher reads them (`bot.text.transliterated_russian`): common Russian
    words once transliterated, clearly rarer as English.
    """
    from bot.text import transliterated_russian  # the word lists load only when needed

    return transliterated_russian(words) is not words


# A short message ("k2 vitamini nedir") may hold one function word only: it tells the
# language when no other language lists it and English hardly uses it (Zipf below this:
# "nedir", "nima", but not "serve" or "fare").
SHORT_MESSAGE_WORDS = 6
RARE_IN_ENGLISH_ZIPF = 3.0


def _distinctive_word_language(words: list[str]) -> str | None:
    from bot.matching.lexicon import zipf  # the word list loads only when needed

    told = {
        _FUNCTION_WORD_LANGUAGES[word][0]
        for word in words
        if len(_FUNCTION_WORD_LANGUAGES.get(word, ())) == 1
        and len(word) >= 4
        and zipf(word) < RARE_IN_ENGLISH_ZIPF
    }
    return told.pop() if len(told) == 1 else None


# A Latin message none of whose function words decide is English when nearly all its words
# are everyday English by general-language frequency ("yo does k2 even work lol"), not by a
# hand list: at least this many such words, and this share of the message's words.
COMMON_ENGLISH_ZIPF = 4.0
MIN_COMMON_ENGLISH_WORDS = 3
COMMON_ENGLISH_SHARE = 0.75


def _mostly_common_english(words: list[str]) -> bool:
    from bot.matching.lexicon import zipf  # the word list loads only when needed

    real = [word for word in words if len(word) > 1]
    common = sum(zipf(word) >= COMMON_ENGLISH_ZIPF for word in real)
    return common >= MIN_COMMON_ENGLISH_WORDS and common >= COMMON_ENGLISH_SHARE * len(real)


def _fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
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
