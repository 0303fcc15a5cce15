"""Normalise user questions and intent patterns into one comparable form.

Both sides of every comparison go through the same `Normalizer`, so a synonym or a
spelling rule added here helps patterns and questions alike.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
import threading
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import snowballstemmer  # type: ignore[import-untyped]

# Matching reads this much of a long message, its start and its end (people ask last, and
# an emergency told after a long story must still be read); the middle adds only cost.
MAX_MATCHED_CHARS = 1500
# A normaliser remembers this many recent results: answering one message normalises it
# several times (choosing the matcher, matching, telling its language, its sentences).
RECENTLY_NORMALIZED = 32
# Single words normalised alone (a decline reads each word of the question on its own to
# name what the article leaves out) recur across questions: this many are remembered.
REMEMBERED_WORDS = 8192
# How many times a text is scanned for synonym variants at most (see `Normalizer._normalize`).
REWRITE_PASSES = 3

# Words that say nothing about which intent is meant. Question words (what, why, where, how)
# are not here: the IDF over the intents decides how much they count.
STOPWORDS = frozenset(
    """
    a about above actually after again all also am an and any anybody anyone anything
    are aren arent as at be because been before being below between bit both but by can
    cant could couldnt did didnt do does doesnt doing dont down during each else even
    ever every for from further get gets getting go goes going gone got guys had hadnt
    haha has hasnt have havent having he hed hell her here hers herself hes him himself
    his hmm i id if ill im in into is isnt it its itself ive just kind know let lets
    like lol lot lots may maybe me might mine more most much must my myself need no nor
    not now of off oh ok okay on once one only or other our ours ourselves out over own
    please pls plz quite rather really said same say says she shed shes should shouldnt
    so some somebody someone something sort still stuff such take takes taking tell than
    that thats the their theirs them themselves then there theres these they theyre
    thing things this those though through to too took u uh umm under until up upon ur
    us use used using very wanna want was wasnt we well were werent when while whom will
    with wont would wouldnt yeah yes yet you youd youll your youre yours yourself
    yourselves
    """.split()
)

# Russian function words and fillers, after folding: a question such as "what is k2, in
# general" written in Russian loses them. Cyrillic, so they never meet an English word.
# Pronouns in every case ("моей маме", "неё", "ей поможет"), as English lists "her",
# "him", "mine": in a long story about a relative they outweighed the question.
RUSSIAN_STOPWORDS = frozenset(
    """
    а и в во на с со к ко по о об обо от до для из у за же ли ль бы то это этот эта эти
    этого вообще просто простыми словами мне меня мой моя мои я ты вы он она они оно его
    ее их нам нас вам вас ну вот да так тоже еще уже очень ведь разве или но тогда там
    тут здесь был была были быть есть пожалуйста пж подскажите скажите подскажи скажи
    расскажи расскажите объясни объясните обьясните хочу хотел хотела знать интересно
    такои такая такое такие таком такую такого все типа
    моеи моего моему моим моих моем мою мое твои твоя твоего твоеи твоему твоим твоих
    свои своя своего своеи своему своим своих свою свое наш наша наши нашего нашеи нашим
    наших ваш ваша ваши вашего вашеи ему еи им ими ним ними него нее неи нему нем них
    тебе тебя тобои мнои мною нами вами себе себя собои
    """.split()
)
# Fillers that close a question ("what's k2 anyway", "so does it work anyhow"): they
# carry no topic, yet general English finds them common enough to weigh against a match.
FILLER_WORDS = frozenset(("anyway", "anyways", "anyhow"))
# Chat shorthand and ways of addressing someone that open or close a typed question ("bro
# does k2 actually do anything", "dude what is k2", "whats mk7 rn", "k2 bones tbh"): like
# "lol" and "pls" above they carry no topic, yet as rare words they weighed against every
# pattern and sank a plain question to a suggestion or the fallback. Not "btw": a
# conversation reads "where is it made btw" after a referral on the topic before it only
# because "btw" holds the standalone reading back (`Dialogue`, after a referral aside).
CHAT_FILLERS = frozenset("bro bruh dude rn tbh ngl idk imo imho omg lmao lmfao smh fyi".split())
# How a web post's asker searched and how sure they are ("vitamin k2 benefits? googled it
# and got confused", "honestly what does k2 do", "genuinely asking"): the asker's state,
# not what is asked. As rare words they weighed against every answer; a pattern holding
# one ("im confused what is vit k2") pulled any question with it to that intent.
ASKER_ASIDES = frozenset(
    """
    googled googling googles searched searching confused confusing honestly genuinely
    seriously frankly
    """.split()
)
FILLER_WORDS = FILLER_WORDS | CHAT_FILLERS | ASKER_ASIDES
STOPWORDS = STOPWORDS | RUSSIAN_STOPWORDS | FILLER_WORDS

# Question words tell apart "what is" from "where is", but they are not evidence of a topic:
# the matcher caps their weight and never answers on them alone. The matcher reads Russian
# words as Snowball stems ("почему" is "поч", "откуда" "откуд"), openers are read as typed:
# both forms are listed, or "почему" weighed as a rare topic word against every pattern
# without it ("кальциевые добавки малоэффективны почему"). "Зачем" asks a purpose ("what
# for"), which is the benefit frame ("зачем пьют к2"): its stem "зач" keeps its weight.
QUESTION_WORDS = frozenset(
    [
        *("what", "why", "how", "where", "who", "which", "when", "whose"),
        *"как почему зачем где когда откуда кто".split(),
        *"поч когд откуд".split(),
    ]
)

# Auxiliary verbs that open a yes/no question ("does k2 help", "is mk7 better", "am i
# low"). Per-language dialogue cues keep their own list (`bot/data/dialogue/*.yaml`).
AUXILIARY_VERBS = frozenset(
    "am is are was were do does did can could should would will has have".split()
)

# Everyday words that appear in some patterns but say little about the topic on their own:
# they still count toward a match, but lightly, and never as its only evidence.
GENERIC_WORDS = frozenset(
    """
    actually basically best better body day exactly explain explained false good health
    help keep know life make mean meaning need needs new okay old people point precisely
    question real really right simply start stop stuff tell thing time times today true
    way work world worth wrong year
    """.split()
)

# The same for Russian, as the matcher reads words (folded Snowball stems): "нужен"/"нужно"
# (need), "помогает"/"поможет" (help), "работает" (work), "лучше" (best, better),
# "хорошо" (good), "делает" (make), "значит" (mean), "правда" (true), "новый" (new),
# "здоровье" (health), "тело" (body), "время" (time), "жизнь" (life), "люди" (people).
# Russian patterns are few, so without this cap such words weigh as much as a topic
# ("мужчинам нужен к2" looked like "для чего нужен к2").
RUSSIAN_GENERIC_WORDS = frozenset(
    """
    нуж нужн помога поможет помоч помогут работа лучш хорош дела знач правд новы здоров
    тел врем жизн люд
    """.split()
)
GENERIC_WORDS = GENERIC_WORDS | RUSSIAN_GENERIC_WORDS

# Apostrophes join the word they are in ("don't", Uzbek "o'g'il" in any of its spellings).
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bb\u02bc`\u00b4]")
# Anything but a letter or digit separates words. The vowel signs of the Indic and South-east
# Asian scripts (Devanagari's "ि", "ू", "ं"...) are marks, not letters, to `\w`: inside their
# blocks every character except the danda punctuation belongs to the word, or "मैं" would
# fall apart into consonants.
_NON_WORD = re.compile(
    r"(?:[^\w\u0900-\u0963\u0966-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff]|_)+"
)
# A word made of names with figures typed without spaces ("k2mk7", "d3k2mk4", "vitk2mk7"):
# candidates for `Normalizer._split_glued_names`, which splits one only when every part is
# a name the synonyms know. Amounts ("500mcg", "2000iu") begin with a figure and are left.
_GLUED_NAMES = re.compile(r"\b(?:[a-z]{1,5}[0-9]{1,2}){2,}\b")
_NAME_WITH_FIGURE = re.compile(r"[a-z]{1,5}[0-9]{1,2}")
# A name with figures and an "s": a plural ("d3s and k2s") or a possessive whose apostrophe
# folding dropped ("d3's partner", "mk7's half"). Read as the name by
# `Normalizer._name_without_s` when the synonyms know it; "ps4s" and "mp3s" are left.
_NAME_WITH_S = re.compile(r"\b([a-z]{1,5}[0-9]{1,2})s\b")
# A figure followed by a letter: without one no word holds two names (one scan, a few
# microseconds, where `_GLUED_NAMES` tried every word).
_FIGURE_THEN_LETTER = re.compile(r"[0-9][a-z]")
# Three letters beside a figure: without them no word holds a name glued to a word (one
# search; "600mg", "1000iu", "d3" and years pass it, and `_NAME_AND_WORD`, ~30 us on a
# long message with figures, is not tried).
_LETTERS_BY_FIGURE = re.compile(r"[a-z]{3}[0-9]|[0-9][a-z]{3}")
# A word with a figure in it and at least three more letters before or after the name it
# may hold: "k2calcium", "mk7bones", "calciumk2" (typed without a space, or a voice
# keyboard joining them). Candidates for `Normalizer._split_name_from_word`.
_NAME_AND_WORD = re.compile(r"\b(?:[a-z]{1,5}[0-9]{1,2}[a-z]{3,}|[a-z]{4,}[0-9]{1,2})\b")
# How common in general English the word glued to a name must be to be split off: a word
# people use ("bones" 4.4, "calcium" 3.6, "dose" 3.6), not a code's letters ("xq" 0).
GLUED_WORD_ZIPF = 3.0
# "heyyy", "sooo": three or more of one letter are one letter typed with feeling.
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")
# The two above as they read plain ASCII text, where `\w` is a letter, a digit or "_":
# a class of a few ranges is tried at each character faster than one of scripts.
_ASCII_NON_WORD = re.compile(r"[^a-zA-Z0-9]+")
_ASCII_STRETCHED = re.compile(r"([a-zA-Z])\1{2,}")
# A stretched letter's replacement, its one letter: `m[1]`, called in C, where the
# template r"\1" had `re` call its Python helper on every text folded (14 a long message).
_THE_LETTER = operator.itemgetter(1)


# Letters with no decomposition that people also type without their mark: Turkish dotless
# i, Polish l with stroke, Scandinavian o with stroke.
_UNDECOMPOSED = str.maketrans(
    {
        **{"ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d"},
        # Arabic and Persian type one letter with several code points: Arabic yeh and alef
        # maksura and Farsi yeh, Arabic and Farsi kaf, ta marbuta and heh (informal "الرضاعه").
        **{"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ـ": ""},
        # Persian writes a zero-width non-joiner inside words ("می‌خورم"); many type none.
        "\u200c": "",
        # Other zero-width characters inside a word ("swal\u200blowed", pasted or typed to
        # dodge filters) leave the word whole: read as a space they would split it.
        **{"\u200b": "", "\u200d": "", "\u2060": "", "\ufeff": ""},
        # Devanagari's candrabindu and anusvara are written interchangeably ("हूँ", "हूं").
        "\u0901": "\u0902",
        # Arabic-Indic and Persian digits are digits (a child's age is a number).
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)


# An emoji typed for a thing is its word ("k2 for my 🦴", "🤰 can i take mk7", "🧀 has
# k2?"): people write them in chats in a noun's place, and as punctuation they were dropped
# with the question's subject. Only emoji that name one thing the bot tells apart: not
# faces or hearts, which say a feeling, not a topic.
_THING_EMOJI = {
    "🦴": " bone ",
    "🦷": " tooth ",
    "💊": " pill ",
    "🥛": " milk ",
    "🧀": " cheese ",
    "🥚": " egg ",
    "🫀": " heart ",
    "🧠": " brain ",
    "🩸": " blood ",
    "🤰": " pregnant ",
    "🫄": " pregnant ",
    "🤱": " breastfeeding ",
    "👶": " baby ",
    "🍼": " baby ",
}
_THING_WORDS = str.maketrans(_THING_EMOJI)
_HAS_THING_EMOJI = re.compile("[" + "".join(_THING_EMOJI) + "]")
# A run of different emoji is decoration ("vitamin k2 benefits 🦴💪 #wellness"), not a
# noun: dropped, as any emoji is. One emoji repeated ("my 🦴🦴") still names its thing.
# Variation selectors, joiners and skin tones belong to the emoji before them ("👶🏽").
_EMOJI_MARKS = re.compile("[\ufe0f\u200d\U0001f3fb-\U0001f3ff]")
_EMOJI_RUN = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]{2,}")


def _emoji_run(found: re.Match[str]) -> str:
    run = _EMOJI_MARKS.sub("", found.group(0))
    return found.group(0) if len(set(run)) <= 1 else " "


def _things_named(text: str) -> str:
    """`text` with each emoji that names a thing written as its word (see `_THING_EMOJI`)."""
    return _EMOJI_RUN.sub(_emoji_run, text).translate(_THING_WORDS)


# A message is folded by several readers of it (the normaliser, the safety readings as
# typed, the reaction and language checks): about 5 folds a message, 1.5 of them of a
# text folded already. `fold` depends on its arguments alone.
FOLDED_REMEMBERED = 1_024


@functools.lru_cache(maxsize=FOLDED_REMEMBERED)
def fold(text: str, *, limit: int | None = MAX_MATCHED_CHARS) -> str:
    """Lowercase, strip accents and punctuation, and collapse whitespace.

    Emoji and control characters become spaces and zero-width ones vanish, so nothing a
    user can type survives into matching except letters and digits.

    Args:
        text: the text to fold.
        limit: how many characters of it to read (a long message's first and last halves
            of it); None for all of it, as for the source article, whose every word counts.
    """
    if limit is not None and len(text) > limit:
        # Cut at spaces where there are some, so no word is read as half a word.
        head, tail = text[: limit // 2], text[-(limit - limit // 2) :]
        head = head.rsplit(maxsplit=1)[0] if " " in head.strip() else head
        tail = tail.split(maxsplit=1)[-1] if " " in tail.strip() else tail
        text = f"{head} {tail}"
    if text.isascii():  # plain ASCII is already in both normal forms, without accents
        text = _APOSTROPHES.sub("", text.casefold())
        return _ASCII_NON_WORD.sub(" ", _ASCII_STRETCHED.sub(_THE_LETTER, text)).strip()
    if _HAS_THING_EMOJI.search(text):
        text = _things_named(text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFKC", text).translate(_UNDECOMPOSED)
    text = text.casefold()
    text = _APOSTROPHES.sub("", text)
    text = _STRETCHED.sub(_THE_LETTER, text)
    return _NON_WORD.sub(" ", text).strip()


# Cyrillic words are stemmed with Snowball's Russian stemmer, so "переломов", "переломы" and
# "перелом" meet; English words keep the light stemmer below, which the English figures
# were measured with.
_RUSSIAN = snowballstemmer.stemmer("russian")
# A Snowball stemmer keeps the word it works on in itself: two threads stemming with one
# (a reply on the event loop, a reload's index in a worker thread) get each other's stems,
# or an IndexError. Each stemmer is used under this lock.
_STEMMING = threading.Lock()


# "-еться" is the commonest Russian misspelling of the "-ется" of a verb's third person
# ("отличаеться", "образуеться"); Snowball stems the two apart, so it is read as "-ется".
_MISSPELT_ENDING, _ENDING = "еться", "ется"


@functools.lru_cache(maxsize=65_536)
def _russian_stem(word: str) -> str:
    if word.endswith(_MISSPELT_ENDING) and len(word) > len(_MISSPELT_ENDING) + 2:
        word = word[: -len(_MISSPELT_ENDING)] + _ENDING
    with _STEMMING:
        return str(_RUSSIAN.stemWord(word))


def is_cyrillic(word: str) -> bool:
    """Whether a (folded) word is written in Cyrillic, told from its first letter."""
    return bool(word) and "\u0400" <= word[0] <= "\u04ff"


def stem(word: str) -> str:
    """Reduce a word to a light stem so plurals meet their singulars ("bones" -> "bone").

    A Cyrillic word gets its Russian Snowball stem.
    """
    if is_cyrillic(word):
        return _russian_stem(word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "os")):
        return word[:-1]
    return word


def _inside_one(written: list[int], begin: int, end: int) -> bool:
    """Whether words `begin` to `end` lie inside one replacement, short of all of it.

    See `Normalizer._rewrite`: "vessel wall" inside "blood vessel wall". A replacement
    read whole is a term written as another's variant ("што" -> "что" -> "what").
    """
    first = written[begin]
    if first == 0 or any(w != first for w in written[begin + 1 : end]):
        return False
    return (begin > 0 and written[begin - 1] == first) or (
        end < len(written) and written[end] == first
    )


def _match_form(word: str) -> str:
    """How a word is looked up among synonym variants: a Russian word by its stem.

    Russian inflects every noun six ways ("витамин д", "витамина д", "витамином д"): a
    variant written in one form matches them all.
    """
    return _russian_stem(word) if is_cyrillic(word) else word


# Transliterated Russian ("chto daet k2 dlya kostey"), as Russians type it on a Latin
# keyboard: Latin letter groups to Cyrillic, longest first, in folded form (no "й", "ё").
_TRANSLIT_GROUPS = (
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"),
    ("tsya", "тся"), ("ts", "ц"), ("tz", "ц"), ("ya", "я"), ("ja", "я"), ("yu", "ю"), ("ju", "ю"),
    ("yo", "е"), ("jo", "е"), ("ye", "е"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"),
    ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("j", "и"), ("k", "к"), ("l", "л"),
    ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("u", "у"), ("f", "ф"), ("h", "х"), ("c", "ц"), ("x", "кс"), ("w", "в"), ("q", "к"),
)  # fmt: skip
_TRANSLIT_VOWELS = frozenset("аеиоуыэюя")
# The groups as one expression, tried in their order (the first that matches wins, as the
# order says), so a letter costs one match rather than a try of every group; without "ye"
# after a consonant.
_TRANSLIT_GROUP = re.compile("|".join(re.escape(latin) for latin, _ in _TRANSLIT_GROUPS))
_TRANSLIT_AFTER_CONSONANT = re.compile(
    "|".join(re.escape(latin) for latin, _ in _TRANSLIT_GROUPS if latin != "ye")
)
_TRANSLIT_CYRILLIC = dict(_TRANSLIT_GROUPS)
# Consonants after which people leave out the soft sign ("kalciy" for "кальций").
_SOFTENED = frozenset("лнтдсзрмвбп")
# Before these vowels the sign is often left out too ("pyu" for "пью").
_IOTATED = frozenset("яюе")
# Vowels before which no soft sign is put.
_PLAIN_VOWELS = _TRANSLIT_VOWELS - _IOTATED
_MAX_SOFT_SIGNS = 3
# A Latin word is Russian written in Latin letters when its transliteration is a common
# Russian word form (Zipf) and clearly commoner in Russian than the word is in English
# ("chem" -> "чем": 6.1 against 3.0; "no" -> "но" is English too).
TRANSLIT_RUSSIAN_ZIPF = 2.5
TRANSLIT_MARGIN = 1.5
# A message is transliterated Russian when at least this many of its words are, more of
# them than plain English words, and at least two thirds of the words that are neither
# English nor names: Portuguese "posso dar k2 para uma crianca" holds three
# Russian-looking words and two others.
TRANSLIT_MIN_WORDS = 2
# An English word this common is never Russian: no Russian word is TRANSLIT_MARGIN
# commoner ("the", "what", "is" are not even transliterated).
ALWAYS_ENGLISH_ZIPF = 6.2
# A keyword query of one word beside names with figures ("perelomy k2", "k2 i kalcii") has
# no second word to tell it: its word alone tells it when its reading is one of the
# content's own Russian terms (a synonym's one-word variant, by stem), the word is no English
# word at all (rarer than this), and the reading is a common Russian form by a wider margin
# than a word among others needs. Polish "dawka" ("давка") and Spanish "huesos" stay as
# typed, and so the safety triggers of their language still see them.
TRANSLIT_LONE_ENGLISH_ZIPF = 2.0
TRANSLIT_LONE_MARGIN = 2.5
# Readings with a left-out soft sign are tried only for words rarer than this in English
# whose plain reading is no Russian word this common either.
SOFT_SIGN_ENGLISH_ZIPF = 3.0


def _transliterations(word: str, *, soft_signs: bool = True) -> list[str]:
    """The Cyrillic readings of a Latin word, the plain one first.

    "y" after a vowel is "й" (folded "и"), elsewhere "ы"; a leading "e" may be "э"; a soft
    sign may follow a consonant before another consonant, an iotated vowel or at the end
    (at most three places).
    """
    letters = _translit_letters(word)
    plain = "".join(letters)
    readings = [plain]
    if plain.startswith("е"):
        readings.append("э" + plain[1:])
    if not soft_signs:
        return readings
    # Where a soft sign may have been left out, as offsets into `plain`, right to left so
    # an insertion never moves the offsets still to come.
    ends = list(itertools.accumulate(len(letter) for letter in letters))
    last = len(letters) - 1
    soft = [
        ends[n]
        for n, letter in enumerate(letters)
        if letter in _SOFTENED and (n == last or letters[n + 1][0] not in _PLAIN_VOWELS)
    ]
    plain_readings = len(readings)
    # The word's end is where the sign is most often left out ("plotnost", "pit"), so it
    # is tried first whatever the count.
    if soft and soft[-1] == len(plain):
        soft = [soft[-1], *soft[:-1]]
    for offset in sorted(soft[:_MAX_SOFT_SIGNS], reverse=True):
        readings += [reading[:offset] + "ь" + reading[offset:] for reading in readings]
    return readings[plain_readings:]


# A word's letters are read twice when its plain readings are no Russian word (see
# `russian_reading`): the last few words' are remembered.
@functools.lru_cache(maxsize=256)
def _translit_letters(word: str) -> tuple[str, ...]:
    """A Latin word's Cyrillic letters (or letter groups), one per transliterated group."""
    letters: list[str] = []
    at = 0
    while at < len(word):
        after_consonant = bool(letters) and letters[-1][-1] not in _TRANSLIT_VOWELS
        # "ye" after a consonant is two letters ("pobochnye"), else one ("yest", "moye").
        group = (_TRANSLIT_AFTER_CONSONANT if after_consonant else _TRANSLIT_GROUP).match(word, at)
        if group is not None:
            letters.append(_TRANSLIT_CYRILLIC[group.group()])
            at = group.end()
        else:
            if word[at] == "y":
                after_vowel = bool(letters) and letters[-1][-1] in _TRANSLIT_VOWELS
                letters.append("и" if after_vowel else "ы")
            else:
                letters.append(word[at])
            at += 1
    return tuple(letters)


@functools.lru_cache(maxsize=65_536)
def russian_reading(word: str) -> tuple[str, float]:
    """The likeliest Cyrillic reading of a Latin word, and how common it is in Russian.

    The plain readings are tried first; those with a left-out soft sign only when none is
    a common Russian word and the word is no English one ("pyu" -> "пью"; "bone" is not
    tried).
    ("", 0.0) when no reading is a Russian word.
    """
    from bot.matching.lexicon import russian_word_zipf, zipf  # loaded only when needed

    best, best_zipf = "", 0.0
    for reading in _transliterations(word, soft_signs=False):
        frequency = russian_word_zipf(reading)
        if frequency > best_zipf:
            best, best_zipf = reading, frequency
    if best_zipf >= SOFT_SIGN_ENGLISH_ZIPF or zipf(word) >= SOFT_SIGN_ENGLISH_ZIPF:
        return best, best_zipf
    for reading in _transliterations(word):
        frequency = russian_word_zipf(reading)
        if frequency > best_zipf:
            best, best_zipf = reading, frequency
    return best, best_zipf


@functools.lru_cache(maxsize=8_192)
def _read_as_russian(folded: str, keep: frozenset[str], terms: frozenset[str]) -> str:
    """`folded` in Cyrillic when it is transliterated Russian, else itself.

    Remembered: one message is normalised several times (language, matcher, sentences).
    """
    words = folded.split(" ")
    read = transliterated_russian(words, keep, terms)
    return folded if read is words else " ".join(read)


def has_accented_letters(text: str) -> bool:
    """Whether `text` holds a letter outside plain ASCII ("criança", "ciąży", "что").

    Russian typed in Latin letters holds none, so such a message is never read as it.
    """
    return not text.isascii() and any(ord(c) > 127 and c.isalpha() for c in text)


def transliterated_russian(
    words: list[str],
    keep: frozenset[str] = frozenset(),
    terms: frozenset[str] = frozenset(),
) -> list[str]:
    """`words` in Cyrillic when they are Russian typed in Latin letters, else unchanged.

    Only an all-Latin message is read so: in a Cyrillic one, Latin words are names ("E.
    coli", "MK-7"). Words with figures ("k2") and the words of `keep` stay as they are.

    Args:
        words: a folded message's words.
        keep: Latin words never transliterated (the synonyms' own, such as "vitamin").
        terms: stems of the content's Russian terms, which a lone keyword must read as
            (none: a message of one candidate word is never read as Russian).
    """
    from bot.matching.lexicon import english_zipf

    # (A word of plain ASCII is not Cyrillic: most messages are, and are not looked at
    # word by word.)
    if not all(map(str.isascii, words)) and any(is_cyrillic(word) for word in words):
        return words
    # Letters followed by a figure ("mk" of "mk-4", folded to "mk 4") are a name, not a word.
    names = {word for word, after in itertools.pairwise(words) if after.isdigit()}
    english_of = {
        word: english_zipf(word)  # `zipf` of an ASCII word, without telling its script
        for word in words
        if len(word) > 1
        and word.isalpha()
        and word.isascii()
        and word not in keep
        and word not in names
    }
    english = sum(value >= ALWAYS_ENGLISH_ZIPF for value in english_of.values())
    if len(english_of) - english < TRANSLIT_MIN_WORDS and not _lone_russian_keyword(
        words, english_of, terms
    ):
        return words  # too few words could be Russian: no reading needed
    russian = other = 0
    if len(english_of) == 1:
        russian = TRANSLIT_MIN_WORDS  # the lone keyword, told Russian above
        english_of = {}
    unread = [(word, value) for word, value in english_of.items() if value < ALWAYS_ENGLISH_ZIPF]
    for done, (word, in_english) in enumerate(unread):
        # The counts only grow, so once even every word still unread reading as Russian
        # could not make the message Russian, the rest need not be read: a new word's
        # reading costs about 20 µs, and a long English message has a dozen of them.
        # (`_reads_as_transliterated` negated, written out: this runs once per word.)
        most = russian + len(unread) - done
        if most < TRANSLIT_MIN_WORDS or most <= english or most < 2 * other:
            return words
        frequency = russian_reading(word)[1]
        if frequency >= TRANSLIT_RUSSIAN_ZIPF and frequency >= in_english + TRANSLIT_MARGIN:
            russian += 1
        elif in_english >= TRANSLIT_RUSSIAN_ZIPF:
            english += 1
        else:
            other += 1
    if not _reads_as_transliterated(russian, english, other):
        return words
    read = []
    for word in words:
        reading = ""
        if word.isalpha() and word.isascii() and word not in keep:
            reading = russian_reading(word)[0]  # "i", "v", "s" too, once the message is Russian
        read.append(reading or word)
    return read


def _reads_as_transliterated(russian: int, english: int, other: int) -> bool:
    """Whether words counted so are Russian typed in Latin letters (see `TRANSLIT_MIN_WORDS`).

    Args:
        russian: words whose Cyrillic reading is a common Russian word.
        english: words that are plainly English.
        other: words that are neither.
    """
    return (
        russian >= TRANSLIT_MIN_WORDS and russian > english and 3 * russian >= 2 * (russian + other)
    )


def _lone_russian_keyword(
    words: list[str], english_of: Mapping[str, float], terms: frozenset[str]
) -> bool:
    """Whether a keyword query's one Latin word beside a name with figures is Russian.

    "perelomy k2" is; "k2 dosage", "k2 natto", "k2 pro" and "k2 dawka" are not (English, no
    common Russian reading, common English too, or no term of the content).
    """
    if len(english_of) != 1 or not any(any(c.isdigit() for c in word) for word in words):
        return False
    ((word, in_english),) = english_of.items()
    if in_english >= TRANSLIT_LONE_ENGLISH_ZIPF:
        return False
    reading, frequency = russian_reading(word)
    return (
        bool(reading)
        and _match_form(reading) in terms
        and frequency >= TRANSLIT_RUSSIAN_ZIPF
        and frequency >= in_english + TRANSLIT_LONE_MARGIN
    )


# How a language's words are reduced before its safety triggers are compared with a question
# (`word_reducer`). English and Russian go through `stem` (the English light stemmer, and
# Snowball's Russian stemmer for Cyrillic words), which the figures of both were measured
# with. A language named in SNOWBALL_STEMMERS gets that Snowball stemmer: adding one is adding
# its name here (see `snowballstemmer.algorithms()`). Every other language is matched as
# typed, after folding: its trigger words are whole words or prefixes ("вагітн*"). Ukrainian,
# Kazakh and Uzbek are deliberately among these: Snowball has no stemmer for them, and the
# Russian one cuts their endings wrongly (it leaves "вагітності" whole).
STEM_LANGUAGES = frozenset({"en", "ru"})
# Arabic is stemmed: its article and prepositions are written onto the word ("للحامل", for
# the pregnant woman), which prefixes cannot strip.
SNOWBALL_STEMMERS: dict[str, str] = {"ar": "arabic"}
# What a Snowball stemmer needs its words written with, where folding changed it: folding
# writes Arabic yeh and kaf as the Persian letters, which the Arabic stemmer does not know.
_SNOWBALL_INPUT = {"arabic": str.maketrans({"ی": "ي", "ک": "ك"})}
TYPED = "typed"

# Letters of Ukrainian, Kazakh and Uzbek Cyrillic that people without the keyboard type as
# their Russian look-alikes ("жүкті" as "жукти", "вагітна" as "вагитна"): typed words and
# triggers fold them alike. (Ukrainian yi has already lost its diaeresis to folding.)
_CYRILLIC_VARIANTS = str.maketrans(
    {
        **{"і": "и", "є": "е", "ґ": "г"},
        **{"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х"},
        "ҳ": "х",
    }
)


def typed_word(word: str) -> str:
    """A folded word with its letter variants folded too, for matching as typed."""
    return word.translate(_CYRILLIC_VARIANTS)


# The letters a Snowball stemmer's rules are written in: a word with none of them comes back
# as it is, so it skips the stemmer (0.1 ms a word for Arabic, which every safety check ran
# on every new word of every question). Every rule of the Arabic stemmer starts by finding
# Arabic letters (its suffix and prefix tables hold nothing else), and over wordfreq's
# English and Russian lists (674,000 words) not one word without them changes.
_SNOWBALL_LETTERS = {"arabic": re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufeff]")}


@functools.lru_cache(maxsize=64)
def _snowball(name: str) -> Callable[[str], str]:
    stemmer = snowballstemmer.stemmer(name)
    letters = _SNOWBALL_INPUT.get(name, {})
    script = _SNOWBALL_LETTERS.get(name)

    def reduce(word: str) -> str:
        if script is not None and script.search(word) is None:
            return word
        with _STEMMING:
            return str(stemmer.stemWord(word.translate(letters)))

    return functools.lru_cache(maxsize=65_536)(reduce)


def word_reducer(language: str) -> tuple[str, Callable[[str], str]]:
    """How `language`'s words are reduced to meet its safety triggers.

    Args:
        language: a language code ("en", "ru", "uk").

    Returns:
        A key naming the reduction (languages with the same key share it) and the function
        applied to each folded word.
    """
    if language in STEM_LANGUAGES:
        return "stem", _stem_once
    name = SNOWBALL_STEMMERS.get(language)
    if name is not None:
        return f"snowball:{name}", _snowball(name)
    return TYPED, typed_word


@dataclass(frozen=True, slots=True)
class Normalizer:
    """Fold text and rewrite domain synonyms to one canonical form.

    Args:
        synonyms: canonical form -> its variants ("mk7" -> ["mk 7", "menaquinone 7"]).
    """

    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    _variant_to_canonical: dict[str, str] = field(init=False, repr=False)
    # First word of a variant -> the variants' lengths in words, longest first.
    _lengths_by_first_word: dict[str, tuple[int, ...]] = field(init=False, repr=False)
    # First word of a variant of several words -> the second words such variants have.
    _second_words: dict[str, frozenset[str]] = field(init=False, repr=False)
    # Latin words of the synonyms, which a transliterated message keeps ("vitamin").
    _latin_words: frozenset[str] = field(init=False, repr=False)
    # Stems of the synonyms' one-word Russian variants (see `transliterated_russian`).
    _russian_terms: frozenset[str] = field(init=False, repr=False)
    # (text, limit, transliterated) -> its normal form, for the last few texts (bounded:
    # emptied when full; threads may race on it, and every result is right).
    _recent: dict[tuple[str, int | None, bool], str] = field(init=False, repr=False, compare=False)
    # text -> `reads_as_russian(text)`, the same way (the matcher and the responder both ask).
    _recent_russian: dict[str, bool] = field(init=False, repr=False, compare=False)
    # (folded text, read as transliterated Russian or not) -> its normal form, the same
    # way: a message's parts often fold alike ("...older people?" as a safety sentence,
    # "...older people" as a ranked sentence), and all after folding depends on no more.
    _recent_folded: dict[tuple[str, bool], str] = field(init=False, repr=False, compare=False)
    # word -> its normal form, for `normalize_word` (bounded the same way).
    _words: dict[str, str] = field(init=False, repr=False, compare=False)
    # One-word Latin names with a figure the synonyms know ("k2", "mk7", "d3", "vitk2"):
    # the parts a word typed without spaces may be split into.
    _names_with_figures: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_recent", {})
        object.__setattr__(self, "_recent_russian", {})
        object.__setattr__(self, "_recent_folded", {})
        object.__setattr__(self, "_words", {})
        table: dict[str, str] = {}
        latin: set[str] = set()
        russian: set[str] = set()
        for canonical, variants in self.synonyms.items():
            target = fold(canonical)
            latin.update(w for w in target.split() if len(w) > 2 and not is_cyrillic(w))
            for variant in variants:
                folded = fold(variant)
                latin.update(w for w in folded.split() if len(w) > 2 and not is_cyrillic(w))
                key = " ".join(_match_form(w) for w in folded.split(" ")) if folded else ""
                if key and folded != target:
                    table.setdefault(key, target)
                if key and " " not in key and is_cyrillic(key):
                    russian.add(key)
        object.__setattr__(self, "_latin_words", frozenset(latin))
        object.__setattr__(
            self,
            "_names_with_figures",
            frozenset(
                word for word in (*table, *table.values()) if _NAME_WITH_FIGURE.fullmatch(word)
            ),
        )
        object.__setattr__(self, "_russian_terms", frozenset(russian))
        object.__setattr__(self, "_variant_to_canonical", table)
        lengths: dict[str, set[int]] = {}
        second_words: dict[str, set[str]] = {}
        for variant in table:
            words = variant.split(" ")
            lengths.setdefault(words[0], set()).add(len(words))
            if len(words) > 1:
                second_words.setdefault(words[0], set()).add(words[1])
        object.__setattr__(
            self,
            "_lengths_by_first_word",
            {word: tuple(sorted(counts, reverse=True)) for word, counts in lengths.items()},
        )
        object.__setattr__(
            self, "_second_words", {word: frozenset(s) for word, s in second_words.items()}
        )

    def reads_as_russian(self, text: str) -> bool:
        """Whether `text`, typed in Latin letters, is read as transliterated Russian.

        Args:
            text: the message as typed.
        """
        recent = self._recent_russian
        known = recent.get(text)
        if known is None:
            folded = fold(text)
            known = bool(folded) and (
                not has_accented_letters(text)
                and not any(map(is_cyrillic, folded.split()))
                and _read_as_russian(folded, self._latin_words, self._russian_terms) != folded
            )
            if len(recent) >= RECENTLY_NORMALIZED:
                recent.clear()
            recent[text] = known
        return known

    def words_as_typed(self, text: str) -> list[str] | None:
        """`text`'s words without the Russian reading, when it is read as transliterated Russian.

        Latin letters read as Russian may still be Polish or Uzbek typed without their
        letters ("jaka dawka witaminy k2"): what the Russian reading finds nothing in is
        looked at again as typed. None when the message is not read as Russian.

        Args:
            text: the message as typed.
        """
        if not self.reads_as_russian(text):
            return None
        return self.normalize(text, transliterated=False).split()

    def normalize(
        self, text: str, *, limit: int | None = MAX_MATCHED_CHARS, transliterated: bool = True
    ) -> str:
        """Return the folded text with every synonym replaced by its canonical form.

        Args:
            text: the text to normalise.
            limit: how many characters of it to read (see `fold`); None for all.
            transliterated: whether Latin letters may be read as transliterated Russian
                (questions and patterns); safety triggers are written in their own
                language's letters, so they are not.
        """
        key = (text, limit, transliterated)
        recent = self._recent
        normalized = recent.get(key)
        if normalized is None:
            folded = fold(text, limit=limit)
            read_key = (folded, transliterated and not has_accented_letters(text))
            alike = self._recent_folded
            normalized = alike.get(read_key)
            if normalized is None:
                normalized = self._normalize_folded(folded, read_key[1])
                if len(alike) >= RECENTLY_NORMALIZED:
                    alike.clear()
                alike[read_key] = normalized
            if len(recent) >= RECENTLY_NORMALIZED:
                recent.clear()
            recent[key] = normalized
        return normalized

    def normalize_word(self, word: str) -> str:
        """`normalize(word)`, remembered across questions: for words read one at a time."""
        words = self._words
        normalized = words.get(word)
        if normalized is None:
            normalized = self._normalize(word, limit=MAX_MATCHED_CHARS, transliterated=True)
            if len(words) >= REMEMBERED_WORDS:
                words.clear()
            words[word] = normalized
        return normalized

    def _normalize(self, text: str, *, limit: int | None, transliterated: bool) -> str:
        return self._normalize_folded(
            fold(text, limit=limit), transliterated and not has_accented_letters(text)
        )

    def _normalize_folded(self, folded: str, transliterated: bool) -> str:
        """`_normalize` of a text folded to `folded` (`transliterated`: and read as such).

        Args:
            folded: the text, folded.
            transliterated: whether it may be read as transliterated Russian (asked for,
                and the text as typed has no accented letter).
        """
        if not folded:
            return folded
        if self._names_with_figures and _FIGURE_THEN_LETTER.search(folded):
            folded = _GLUED_NAMES.sub(self._split_glued_names, folded)
            folded = _NAME_WITH_S.sub(self._name_without_s, folded)
        if self._names_with_figures and _LETTERS_BY_FIGURE.search(folded):
            folded = _NAME_AND_WORD.sub(self._split_name_from_word, folded)
        if transliterated:
            folded = _read_as_russian(folded, self._latin_words, self._russian_terms)
        if not self._lengths_by_first_word:
            return folded
        # A variant may be written around another term's canonical form ("what k2 does"
        # is the benefit frame): the rewritten text is scanned again, so the frame is read
        # however the term inside it was written ("what vit k2 does", "what does
        # menaquinone do"). A few passes suffice; the bound keeps a cycle from looping.
        # A later pass reads no variant inside a term the pass before wrote, short of the
        # whole term: "vessel wall" is written "blood vessel wall", which holds "vessel
        # wall" again, and each pass would put another "blood" in front.
        written: list[int] | None = None
        for _ in range(REWRITE_PASSES):
            rewritten, written = self._rewrite(folded, written)
            if rewritten == folded:
                break
            folded = rewritten
        return folded

    def _split_glued_names(self, found: re.Match[str]) -> str:
        """A word of names with figures typed together, spaced when every part is a name.

        "k2mk7" is "k2 mk7" and "d3k2mk4" is "d3 k2 mk4": people type product names as they
        see them on a label ("K2MK7"), and as one word no part of it was read. A word with
        any part the synonyms don't know ("ab1cd2", a model number) is left as typed.
        """
        word = found.group(0)
        parts = _NAME_WITH_FIGURE.findall(word)
        if "".join(parts) == word and all(part in self._names_with_figures for part in parts):
            return " ".join(parts)
        return word

    def _name_without_s(self, found: re.Match[str]) -> str:
        """A known name with figures and an "s" read as the name: "d3s" is "d3".

        Folding drops apostrophes, so "d3's partner" arrives as "d3s partner", a word no
        intent uses, weighed against the question; a plural ("k2s and d3s") is the same
        name. A word the synonyms list whole is theirs to read, any other left as typed.
        """
        word, name = found.group(0), found.group(1)
        if name in self._names_with_figures and word not in self._variant_to_canonical:
            return name
        return word

    def _split_name_from_word(self, found: re.Match[str]) -> str:
        """A name with a figure typed together with a word, spaced: "k2calcium" is "k2 calcium".

        As one word neither part was read: the typo corrector took "k2calcium" two edits
        from "calcium" and dropped the K2, "mk7bones" matched nothing. Split only when the
        name is one the synonyms know and the rest is a common English word or a word of
        the synonyms; a word the synonyms list whole ("vitamink2") is theirs to read, and
        a code ("abc12", "covid19vaccine") is left as typed.
        """
        from bot.matching.lexicon import english_zipf  # loaded only when needed

        word = found.group(0)
        names = self._names_with_figures
        if word in names or word in self._variant_to_canonical:
            return word

        def is_word(letters: str) -> bool:
            return letters in self._latin_words or english_zipf(letters) >= GLUED_WORD_ZIPF

        figure_at = next(i for i, letter in enumerate(word) if letter.isdigit())
        figure_end = figure_at + 1 + word[figure_at + 1 : figure_at + 2].isdigit()
        if figure_end < len(word):  # name first: "k2calcium", "mk7bones"
            name, rest = word[:figure_end], word[figure_end:]
            if name in names and is_word(rest):
                return f"{name} {rest}"
            return word
        # Name last: the longest known name ending the word, after a word ("calciumk2",
        # "bonesmk7", not "calciu mk2").
        for start in range(max(3, figure_at - 5), figure_at):
            name, before = word[start:], word[:start]
            if name in names and is_word(before):
                return f"{before} {name}"
        return word

    def _rewrite(self, folded: str, written: list[int] | None = None) -> tuple[str, list[int]]:
        """One left-to-right pass replacing the longest variant that starts at each word.

        Args:
            folded: the text, folded.
            written: per word, the number of the replacement the pass before wrote it in
                (0: a word as it was); a variant inside one replacement is kept.

        Returns:
            The text, and per word of it the replacement it was written in (0 for none).
        """
        # Folded text is words joined by single spaces, and so is every variant: scanning
        # the words left to right and replacing the longest variant that starts at each
        # is what one regex of all variants (longest first, whole words) would do, without
        # trying 600 alternatives at every character (a third of a cold start at 100,000
        # patterns).
        words = folded.split(" ")
        # Variants are keyed by each word's match form (a Russian word's stem).
        keys = [_match_form(w) for w in words] if not folded.isascii() else words
        lengths_by_first_word = self._lengths_by_first_word
        # The words a variant begins with, found in C (no bytecode per word: this runs for
        # every word of every text normalised, twice when a pass rewrote something).
        starts = list(
            itertools.compress(itertools.count(), map(lengths_by_first_word.__contains__, keys))
        )
        if not starts:
            return folded, [0] * len(words)
        table = self._variant_to_canonical
        second_words = self._second_words
        out: list[str] = []
        out_written: list[int] = []
        done, count = 0, len(words)  # words[:done] are in `out`
        for start in starts:
            if start < done:  # inside a variant already replaced
                continue
            first = keys[start]
            lengths = lengths_by_first_word[first]
            following = keys[start + 1] if start + 1 < count else None
            if lengths[0] > 1 and following not in second_words[first]:
                # No variant of several words goes on with the next word: only the word
                # alone may be one (most starts: "what", "is" and "k2" begin many variants).
                lengths = lengths[-1:] if lengths[-1] == 1 else ()
            for length in lengths:
                if start + length > count:
                    continue
                if written is not None and _inside_one(written, start, start + length):
                    continue
                canonical = table.get(" ".join(keys[start : start + length]))
                if canonical is not None:
                    out.extend(words[done:start])
                    out_written.extend([0] * (start - done))
                    out.append(canonical)
                    out_written.extend([start + 1] * (canonical.count(" ") + 1))
                    done = start + length
                    break
        out.extend(words[done:])
        out_written.extend([0] * (count - done))
        return " ".join(out), out_written

    def cyrillic_aliases(self) -> dict[str, str]:
        """Each one-word Cyrillic synonym variant's stem -> its canonical form.

        What a misspelt Russian word may be corrected to: "остиопороз" is one letter from
        "остеопороз", which means "osteoporosis".
        """
        return {
            key: canonical
            for key, canonical in self._variant_to_canonical.items()
            if " " not in key and is_cyrillic(key) and " " not in canonical
        }

    def tokens(self, text: str) -> tuple[str, ...]:
        """Return the content words of `text`: normalised, without stopwords, stemmed."""
        return content_tokens(self.normalize(text))


# Content repeats its words: 100,000 patterns hold about 470,000 words but a few thousand
# distinct ones, so each is stemmed once (bounded, as questions bring new words).
_stem_once = functools.lru_cache(maxsize=65_536)(stem)


def content_tokens(normalized: str) -> tuple[str, ...]:
    """Split already-normalised text into stemmed content words."""
    return tuple(_stem_once(w) for w in normalized.split() if w not in STOPWORDS)
