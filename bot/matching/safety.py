"""Safety triggers: words and phrases that route a question to a doctor, before matching.

A trigger is matched against the question's words after the same normalisation as patterns,
and reduced the way its language's words are (`bot.text.word_reducer`): English and Russian
triggers meet stemmed words, a language without a stemmer meets the words as typed (letter
variants folded). Placeholders let one trigger cover many questions:

* `#` is any number ("took # pills" covers "took 20 pills");
* `{a-b}` is a whole number from a to b ("{1-17} year old" covers ages under 18); it may
  be part of a word ("{1-17}yo");
* `*` alone is any one word ("took {5-999} * pills" covers "took 20 k2 pills");
* a word ending in `*` is any word beginning so ("вагітн*" covers "вагітна", "вагітності"):
  how a language matched as typed survives inflection. At least three letters before it;
* a word starting with `*` is any word ending so, with at least two letters before the
  ending ("*xaban" covers apixaban and edoxaban, "*(pril|sartan)" lisinopril and losartan,
  not "april"): a class of medicines named by its stem;
* `(a|b c)` is any one of the words or phrases a or "b c", so one trigger covers a
  family ("took {5-999} (pills|capsules|tablets)"); it may be part of a word
  ("#(mcg|mg)");
* `$` at the end means the question ends there ("can i take k2 $" is the whole question,
  not "can i take k2 with d3"), and `^` at the start that it starts there ("^should i
  take k2 $" is not "why should i take k2");
* `...` between two parts is up to GAP_WORDS other words, or none ("dolor ... pecho"
  covers "dolor de pecho" and "dolor muy fuerte en el pecho"). Like the words a `*` stood
  for, the words it skipped are the question's own: they add nothing to the trigger's
  specificity and do not make it stand alone.

A trigger holding German umlauts also matches them written out ("ü" as "ue"). In a
language matched as typed, a word with a French or Italian elided article glued on
("dellintervento", "lanesthesie") is also tried from where its own word begins.

A trigger starting with `!` is urgent (chest pain, passed out): it routes on its own, and
it wins over every other trigger in the question; one starting with `?` is general
personal advice ("should i take it"): every other trigger wins over it.

Any other trigger made of everyday English words (no word rarer than ALONE_RARITY in
general English: "child", "kidney", "surgery", "dose") routes only when the question is
about taking something: it names a domain term of the article (K2, vitamin, calcium,
supplement...) or an INTAKE_WORDS word (take, pill, safe...), holds a trigger that stands
alone, or says nothing but its triggers ("what about kids?"). So "kidney bean chili" and
"child process in python" are not sent to a doctor, while "kidney stones and k2" and "can
my kid take it" are. A trigger of another language nearly always holds a word English
does not use ("вагітн*", "embarazada"), so it stands alone; one that English shares
("operation") needs a reason like an English one, and so does one marked everyday in its
own language with a leading `~` ("~операция": "банковская операция" is not surgery). A
word a `*` stood for is the question's own: "~сколько * пить" says nothing of "воды".
The marks combine: "~!poisoning" is urgent, but only in a question about taking something
("food poisoning how long does it last" is not referred).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

# The parser `re` itself uses (no public API reads an expression's parts): `_first_character`
# reads where an expression's matches can begin from it. Typeshed has no stubs for it.
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any, NamedTuple, Protocol

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.content.cache import ContentCache, code_fingerprint
from bot.intents import Content, Intent, Kind, shared_cache
from bot.language import BASE_LANGUAGE, FUNCTION_WORDS, detect_language
from bot.matching.lexicon import english_zipf, zipf
from bot.matching.one_edit import OneEditIndex
from bot.matching.typos import REAL_WORD_ZIPF, is_real_word
from bot.text import (
    ALWAYS_ENGLISH_ZIPF,
    TRANSLIT_MARGIN,
    TRANSLIT_MIN_WORDS,
    TRANSLIT_RUSSIAN_ZIPF,
    TYPED,
    Normalizer,
    _transliterations,
    is_cyrillic,
    russian_reading,
    stem,
    word_reducer,
)


def _stems(words: str) -> frozenset[str]:
    """The English stems of space-separated `words`, as questions' words are stemmed."""
    return frozenset(stem(word) for word in words.split())


# A trigger's specificity: each word counts by how far below COMMON_ZIPF it is in general
# English ("for" nothing, "baby" 1.7, "warfarin" 4.4), at most MAX_WORD_RARITY (a word
# wordfreq has never seen is rare, but may be a typo or another language). In another
# language nearly every word is "never seen", so there a tie in specificity goes to the
# match with more letters outside function words: "se tomo un frasco entero" outweighs
# "hijo".
COMMON_ZIPF = 7.0
MAX_WORD_RARITY = 5.0
# An English trigger holding a word at least this rare routes with no word about taking
# something ("warfarin", "dialysis", "conceive"); made of everyday words, only with one.
ALONE_RARITY = 3.5
# Words saying a question is about taking something, or about its safety, besides the
# article's domain terms: with one, "pregnant" or "my kid" is a medical question.
INTAKE_WORDS = _stems(
    "interact interacts interacting interaction interactions interfere interferes "
    "interfering "
    "take taking takes took taken give giving gave given swallow swallowed ate eaten "
    "pill pills capsule capsules cap caps tablet tablets tab tabs softgel softgels "
    "gummy gummies drops supplement supplements supplementing "
    "safe safely safety ok okay alright allowed harmful harm risk risks risky dangerous bad"
)
# "Take" in a sense other than swallowing something ("take up chess", "take care",
# "take a photo"): a word right after it that says so, or the noun after "a"/"an".
TAKE_WORDS = _stems("take taking takes took taken")
NOT_SWALLOWING_AFTER_TAKE = _stems(
    "up off over part place care turns notes apart after steps time photos pictures "
    "lessons classes offence offense advantage"
)
# "Take" followed by where or with whom: carrying, not swallowing ("snacks for kids to
# take to school", "things to take along").
TAKE_ELSEWHERE = _stems("to along at")
NOT_SWALLOWED_NOUNS = _stems(
    "look break photo picture nap walk class course test exam shower bath seat chance "
    "trip step hike selfie screenshot guess vote poll bus train taxi cab flight"
)
# An animal as the one that eats, is pregnant or "got into" something ("is it safe for my
# dog to eat peanut butter", "my cat is pregnant", "собака беременна"): a vet's matter, not
# a referral about K2, unless the question names something taken (a pill, K2, a
# vitamin, a medicine) - "my dog ate my k2 capsules" stays an emergency.
ANIMAL_WORDS = _stems(
    "dog dogs doggy puppy puppies pup pups cat cats kitten kittens kitty pet pets horse "
    "horses pony hamster hamsters rabbit rabbits bunny parrot parrots bird birds budgie "
    "goldfish fish ferret gerbil tortoise turtle lizard cow cows goat goats sheep"
)
# Russian animal words, as the stem reading begins them ("собака", "кошку", "щенок").
ANIMAL_PREFIXES = (
    "собак",
    "кошк",
    "котен",
    "котён",
    "котик",
    "щен",
    "хомяк",
    "попуга",
    "кролик",
    "питом",
)
ANIMAL_EXACT = frozenset({"кот", "кота", "коту", "котом", "коты", "пес", "пёс", "пса", "псу"})
SUBSTANCE_WORDS = _stems(
    "pill pills capsule capsules cap caps tablet tablets tab tabs softgel softgels gummy "
    "gummies drops supplement supplements vitamin vitamins meds medication medications "
    "medicine medicines drug drugs k2 mk7 mk4 d3"
)
SUBSTANCE_PREFIXES = ("капсул", "таблет", "лекарст", "витамин", "препарат", "пилюл", "добавк")
# "How much vitamin C is in an orange", "how much k2 does gouda have": the amount in a
# food, not an amount to take; the question names no intake word ("take", "safe"). A bare
# "in" is left out: "how much k2 in a day" asks a dose.
_CONTENT_QUESTION = re.compile(
    r"\bhow (?:much|many)\b(?: \S+){0,5}?"
    r"(?= (?:(?:is|are)(?: there)? in|(?:does|doe|do) (?:\S+ ){0,5}(?:have|contain))\b)"
)
_CARRY_DETERMINERS = frozenset("the my our your his her their".split())
# A word rarer than this in general English says what a question is about ("bean",
# "python", "salary"); "is", "what", "about" do not.
INFORMATIVE_ZIPF = 5.7
# Where the article's words are learnt about or soaked up, not swallowed: a child's
# homework or school project ("my kid's homework is about vitamins"), someone asking the
# user ("my daughter asked me what osteocalcin is"), sunlight ("a daily dose of sunshine for
# vitamin d"). There a domain word (vitamin, k2) does not make the question one about taking
# something; an INTAKE_WORDS word still does ("my son asked me if he can take k2").
NOT_TAKEN_CONTEXT = _stems(
    "homework homeworks assignment assignments essay essays project projects worksheet "
    "worksheets quiz quizzes coursework lesson lessons presentation presentations "
    "sun sunshine sunlight sunbathing sunbathe tanning daylight"
)
# Someone else's question relayed about what something is or does ("my daughter asked me
# what osteocalcin is"), or a class ("for my son's science class"), over the stemmed words.
# Not "his mom asked me if k2 would help him": whether it suits a child is a referral.
_NOT_TAKEN_PHRASE = re.compile(
    r"\b(?:(?:ask|asks|asked|asking) (?:me|us)|(?:want|wants) to know)"
    r" (?:what|where|how|why|which|who)\b"
    r"|\b(?:science|biology|chemistry|health|nutrition) (?:class|fair)\b"
)
# Asking what something costs ("how much does a colonoscopy cost without insurance"): a
# question about paying, not about K2 or taking anything, is no referral unless a trigger
# is urgent or the question names the article's domain or taking something.
PRICE_WORDS = _stems(
    "cost costs costing price prices priced pricing insurance insured uninsured copay "
    "copays afford affordable cheap cheaper cheapest expensive fee fees bill billed billing"
)
# Units of weight or volume: a question turning one into another ("convert 100 mcg to mg",
# "how many mcg in a mg") asks arithmetic, not an amount to take, unless it names K2, a
# vitamin or taking something (see `_unit_conversion`).
UNIT_WORDS = _stems(
    "mcg mcgs mg mgs ug µg iu g gram grams kg kilogram kilograms microgram micrograms "
    "milligram milligrams ml millilitre milliliter oz ounce ounces lb lbs pound pounds"
)
_UNIT_CONVERSION = re.compile(
    r"\b(?P<first>\S+) (?:to|in|into|equal|equals|is|are)"
    r" (?:a |an |one |1 |how many )?(?P<second>\S+)\b"
)
# Verbs of taking something, as stemmed: "is it ok for me to take it" asks about taking;
# "is it ok for me to leave work early" asks advice about something else (see
# `_advice_on_another_act`).
TAKING_VERBS = _stems(
    "take taking use using try trying start starting have having keep keeping continue "
    "continuing add adding combine combining mix mixing swallow drink give giving be stay "
    "stop stopping go begin switch chew eat"
)
# The article's own answer for an elderly person with osteoporosis (MK-7, which it calls
# very beneficial to them) already says whether it suits a particular person is for their
# doctor: a general referral ("can my 80 year old mum have mk7") yields to it when the
# question names old age and bone loss in someone else and asks no advice ("should", or
# the asker's own case: "is it right for me, i'm 67 with osteopenia" stays a referral).
ASKING_ADVICE = _stems("should shouldnt i im me ive myself")
BONE_LOSS_PREFIXES = ("osteopor", "osteopen", "остеопор", "остеопен")
FRAGILE_PREFIXES = ("brittl", "fragil", "хрупк", "ломк")
OLD_AGE_PREFIXES = ("elderly", "older", "senior", "pension", "пожил", "старик", "старуш", "пенсион")
# Adults named as whom a question is about ("my husband has epilepsy"): they weigh nothing
# in a trigger's specificity or length, so they decide which referral, never whether (see
# `SafetyTriggers.__init__`).
ADULT_RELATIVES = _stems(
    "husband wife partner spouse mum mom mother mam mama dad father papa grandma "
    "grandmother granny nan nana grandpa grandfather grandad granddad aunt uncle "
    "sister brother friend boyfriend girlfriend hubby"
)
# Everyday senses of medical-looking words, over a question's normalised words (any
# language): a visit booked, a duty pharmacy's hours, a care home, a heart that bleeds for
# someone, a broken screen. A trigger said only inside one of them is no referral, and a
# safety pattern does not refer the question, when the message names nothing taken (no
# K2, supplement, medicine or intake word, see `SafetyTriggers._names_something_taken`).
# Every trigger outside the phrase still counts ("dentist appointment tomorrow, i'm on
# warfarin"). Narrow exceptions, one per sense, each tested in tests/test_safety_classes.py;
# never a rule that drops a referral in general.
EVERYDAY_SENSES = tuple(
    re.compile(phrase)
    for phrase in (
        r"\b(?:dentist|dentists|dental|doctor|doctors|gp|hospital|clinic) "
        r"(?:appointment|appointments|checkup|check up)\b",
        r"\b(?:записатися|записатись|записати|запишіть|запиши|записаться|записать|запишите) "
        r"(?:мене |меня )?(?:до|к|на прийом до|на прием к) (?:стоматолог|зубн)\w*",
        r"\bfarmacias? de (?:guardia|turno)\b",
        r"\bnursing homes?\b",
        r"\bheart (?:is |was )?(?:bleed|bleeds|bleeding) (?:out )?for\b",
        r"\b(?:fractured|cracked|broken|shattered) (?:phone|screen|iphone|laptop|window|"
        r"windscreen|windshield|glass)\b",
    )
)
# A short question asking only how a word is said or spelt ("how do you pronounce
# apixaban", "comment prononcer apixaban", "how is eliquis spelled"): a question about the
# word, not about taking it, when the message names nothing taken and is at most
# WORD_QUESTION_WORDS long ("how do you pronounce apixaban, my dad is on it and his inr is
# high" keeps its referral), and says nothing of the asker or theirs ("how to pronounce
# warfarin? im on it" keeps it). Over the normalised words of any language.
WORD_QUESTION_WORDS = 7
_ASKER_WORDS = frozenset(
    "i im ive id me my mine we our us myself je j moi mon ma mes nous notre yo mi mis nos "
    "nuestro nuestra ich mein meine mir mich wir unser io mio mia eu meu minha".split()
)
_HOW_A_WORD_IS_SAID = re.compile(
    r"\bhow (?:do|does|would|should|can|to|is|are|you|i)(?: you| i| we| one| people)?"
    r" (?:pronounce|spell)\b"
    r"|\bhow (?:is|are|do you|do i) \S+(?: \S+)? (?:pronounced|spelled|spelt|pronounce|spell)\b"
    r"|\b(?:pronunciation|pronounciation|spelling) (?:of|for)\b"
    r"|\bcomment (?:on )?(?:prononcer|prononce|se prononce|s ecrit|epeler)\b"
    r"|\bprononciation (?:de|du|d)\b"
    r"|\bcomo se (?:pronuncia|escribe|deletrea)\b|\bcome si (?:pronuncia|scrive)\b"
    r"|\bwie (?:spricht|schreibt) man\b|\baussprache (?:von|des|der)\b"
)
# A word naming K2 in any script ("k2", "mk7", "к2"): something taken.
_K2_WORD = re.compile(r"(?:^|[^\w])(?:m?k|мк|к) ?[247](?:$|[^\w])")
# Tiers: an urgent trigger ("!") beats any other, a general one ("?": "should i take it")
# loses to any other; within a tier the most specific wins.
URGENT_MARK = "!"
GENERAL_MARK = "?"
# A trigger starting with "~" is an everyday word of its language ("операция", "hijo",
# "dose"): like an everyday English trigger it routes only when the question is about
# taking something, so "банковская операция" and "dose de café" are not sent to a doctor.
EVERYDAY_MARK = "~"
URGENT, PLAIN, GENERAL = 2, 1, 0
# Only trigger words this long (warfarin, pregnant, kidney) are matched despite a typo,
# and only when the misspelling is not an everyday word and keeps TYPO_WORD letters (a
# dropped letter is the commonest slip: "kidny", "statns"); a word of TWO_TYPOS_WORD
# letters may hold two.
TYPO_TARGET_WORD = 6
TYPO_WORD = 5
TWO_TYPOS_WORD = 10
# A short trigger word ("baby", "blood", "kids", "many", "every") is read despite one slip
# too ("bby", "blod", "kidz", "mnay", "evry"): a misspelling of SHORT_TYPO_WORD letters or
# more, rarer than REAL_WORD_ZIPF in general English and SHORT_TYPO_MARGIN below the
# word it misspells, one slip of a kind fingers make away: a letter left out, two
# neighbours swapped, a letter doubled or added beside a key next to it, or a key's
# neighbour hit instead (see `_slip`). So "doze" (2.6, a word of its own near "dose"
# 4.2) and "kidd" (3.3) stay as typed.
SHORT_TYPO_WORD = 3
SHORT_TYPO_MARGIN = 2.0
# Words typed without spaces ("canitakek2withwarfarin", "k2whilepregnant") are read apart
# when the run is RUN_TOGETHER_WORD letters or more, no English word of its own (rarer than
# RUN_TOGETHER_ZIPF), and splits into words common in English (REAL_WORD_ZIPF), the
# subject's terms or the triggers' own words, one of them a trigger's: the fewest such
# words, then the commonest. Only "i" and "a" may be one letter, and a word of two letters
# must be as common as TWO_LETTER_ZIPF ("on", "my", "is"; not "st", "cl"). A run the typo
# readings already read as a trigger word ("clopidogral") is that word misspelt.
RUN_TOGETHER_WORD = 8
RUN_TOGETHER_ZIPF = 1.0
# The search tries every piece of a run, so its cost grows with the square of the run's
# length: a run longer than RUN_TOGETHER_MAX_WORD letters is no question typed without
# spaces (one Telegram message may be a single word of 4,000), and no piece is longer than
# the longest word a piece may be (the triggers', the subject's, or LONGEST_COMMON_WORD,
# "telecommunications", in English as common as REAL_WORD_ZIPF) plus a plural's ending.
RUN_TOGETHER_MAX_WORD = 60
LONGEST_COMMON_WORD = 18
_STEM_ENDING = 3
TWO_LETTER_ZIPF = 5.0
_ONE_LETTER_WORDS = frozenset({"i", "a"})
# A function word of another language rarer than this in English tells a message is not
# English ("hai", "che", "nima"), so its words are not read as English slips.
FOREIGN_WORD_ZIPF = 4.0
_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Each row is set off from the one above by about a quarter and a half key.
_KEY_OFFSETS = (0.0, 0.25, 0.75)
# In other languages no word list says a word is real, so a misspelling is looked for
# only in words this long, with one typo ("jarrow" is no Uzbek "jarroh").
OTHER_LANGUAGE_TYPO_WORD = 8
# Misspelt-word lookups each reading remembers (see `_Reading.looked_up`).
MAX_LOOKED_UP = 50_000
# Words (and characters) each reading, and each matcher's triggers, remember what they were
# reduced to and what is tried at them (see `_Reading.tried_at`, `SafetyTriggers._reduced`):
# a few megabytes at most.
MAX_REMEMBERED_WORDS = 10_000
# A prefix trigger word needs this many letters before its `*` ("дит*" is too short to
# say); a prefix is looked up by that many first letters of a question's word.
MIN_PREFIX = 3
# French and Italian write an article or preposition onto a word beginning with a vowel
# ("l'opération", "dell'intervento", "j'allaite"); folding drops the apostrophe and glues
# them ("dellintervento"). In a language matched as typed, a word so glued is also read
# from where its own word begins, when that is ELIDED_WORD letters or more.
_ELIDED = re.compile(
    r"(?:dell|dall|nell|sull|coll|all|quest|quell|lorsqu|puisqu|jusqu|qu|un|l|d|j|m|t|s|n|c)"
    r"(?=[aeiouyh])"
)
ELIDED_WORD = 4
# The languages whose triggers, telling a referral's language, are also looked for with
# the elided articles read off (trying every language's would double the work).
ELIDING_LANGUAGES = frozenset({"fr", "it"})
# The language whose triggers also meet a Latin message read in Cyrillic.
RUSSIAN = "ru"
# How many words a `...` may skip: enough for "dolor muy fuerte en el pecho", "vor der
# geplanten OP", too few to join two sentences' words.
GAP_WORDS = 4
GAP_MARK = "..."
# In Chinese, written without spaces, a `...` is up to this many characters.
GAP_LETTERS = 2 * GAP_WORDS
# A family "(a|b c)": one of its words or phrases, held as "\x00N\x00" while a trigger is read.
_FAMILY = re.compile(r"\(([^()]*\|[^()]*)\)")
_END = re.compile(r"\s*\$$")
# `^` at a trigger's start: the question starts there ("^should i take k2 $" is not "why
# should i take k2", which asks for the benefits).
START_MARK = "^"
_SLOT = re.compile(r"#|\{(\d+)-(\d+)\}|\x00(\d+)\x00")
_DIGIT = re.compile(r"\d")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
# A `*` word is captured, so the word it matched is not counted as said by the trigger.
_ANY_WORD = r"(\S+)"
# A word-ending trigger ("*xaban", see `_ending`) needs ENDING_STEM letters before its
# ending. It reads the word's letters once (possessive: no backtracking) and then looks back
# at how it ended, one look-behind per length of ending, so a family of sixty endings
# costs a question's word about as much as one literal word. Not a group: the letters
# are the trigger's own word.
ENDING_STEM = 2
_LETTER = r"[^\W\d_]"
_ENDING_WORD = rf"{_LETTER}++"
_ENDING_LOOK = re.compile(re.escape(_ENDING_WORD) + r"\(\?:(?:\|?\(\?<=[^()]*\([^()]*\)\))+\)")
# A `...`: the skipped words are captured (each followed by its space), so they are not
# counted as said by the trigger; the space before the next part is the gap's own.
_GAP = rf"((?:\S+ ){{0,{GAP_WORDS}}})"
_GAP_JOINT = "\x01"
_WILDCARDS = (_ANY_WORD, "$", _GAP_JOINT)
_, _english_stem = word_reducer(BASE_LANGUAGE)

# Where a trigger can start: at a question word equal to a reduced word (WORD, "pregnant"),
# at a word beginning with a prefix's first MIN_PREFIX letters (START, "ваг" for
# "вагітн*"), or anywhere (a number or any word first).
WORD, START = "word", "start"
_Start = tuple[str, str] | None
# Triggers tried together: reading, "spaced" or "unspaced", start, tier, intent id,
# whether they are everyday words (see EVERYDAY_MARK).
_Place = tuple[str, str, _Start, int, str, bool]


class Folds(Protocol):
    """What reading a trigger needs of a `Normalizer`."""

    def normalize(self, text: str) -> str:
        """Text folded and with synonyms rewritten, as questions are."""
        ...


class _Entry(NamedTuple):
    """Triggers of one intent and tier, tried together where one of them could start."""

    tier: int
    intent: Intent
    expression: str
    # Marked everyday ("~"): never routes without a word about taking something.
    everyday: bool = False


class _Hit(NamedTuple):
    """One trigger found in a question."""

    tier: int
    specificity: float
    weight: int
    intent: Intent
    text: str
    # The question's words the trigger itself said (by position): wholly inside the
    # match, and not words a `*` stood for.
    covered: tuple[int, ...]
    # Whether it routes with no word about taking something (see `_stands_alone`).
    alone: bool


# A compiled trigger expression's `match`: the question's text and where to try it.
_Matcher = Callable[[str, int], "re.Match[str] | None"]


@dataclass(slots=True)
class _Reading:
    """The triggers of the languages whose words are reduced one way, and that reduction."""

    reduce: Callable[[str], str]
    # How a prefix or part of a word ("вагітн*", "#(mcg|mg)") is folded to meet the reduced
    # words: typed words fold letter variants; stemmed words take it as written.
    fold_part: Callable[[str], str]
    # Whether its words are other languages' than English (not stemmed as English is):
    # there a tie in specificity goes to the match with more letters outside function
    # words (every word is rare to English: "amamanto" beats "mi bebe") rather than to the
    # longer match as typed (English, as measured); and a word weighs no more than it
    # does read as English ("baby's", the German list's "babys", weighs as "baby").
    other_language: bool = False
    # Triggers are tried only where a word could start them (see `_Start`); Han and kana
    # (written without spaces) are searched for inside words.
    by_word: dict[str, list[_Entry]] = field(default_factory=dict)
    by_start: dict[str, list[_Entry]] = field(default_factory=dict)
    anywhere: list[_Entry] = field(default_factory=list)
    # What is tried where a question's word starts, by the word: its `by_word` and
    # `by_start` triggers and the `anywhere` ones that can begin with its first character
    # (most of those start with a number; see `_first_character`). Worked out when a word
    # is first met; a question's words are mostly ones met before.
    tried_at: dict[str, tuple[_Entry, ...]] = field(default_factory=dict)
    # The same, each trigger with its compiled expression's `match`: the hottest loop of
    # the safety reading then neither looks an expression up nor calls a method to.
    matchers_at: dict[str, tuple[tuple[_Entry, _Matcher], ...]] = field(default_factory=dict)
    # The `unspaced` triggers (by their place in it) that can begin with a character, by
    # that character: a question without Han or kana characters searches for none.
    unspaced_at: dict[str, frozenset[int]] = field(default_factory=dict)
    # The `anywhere` triggers that can begin with a character, by that character (what
    # `tried_at` adds to a word's own), so a new word does not look through them all.
    anywhere_at: dict[str, tuple[_Entry, ...]] = field(default_factory=dict)
    unspaced: list[_Entry] = field(default_factory=list)
    # A misspelt word is read as the long trigger word it is closest to.
    typo_targets: list[str] = field(default_factory=list)
    # Short Latin trigger words, filed by their one-letter deletions (see SHORT_TYPO_WORD):
    # English only, where a word list says whether the misspelling is a word of its own.
    # Each is filed as written and with a plural "s" ("kids" for "kid"), with the word it
    # stands for.
    short_targets: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    # Every plain word of the reading's triggers (never respelt as a short slip: "hrt").
    trigger_words: frozenset[str] = frozenset()
    # Words already looked up among the short targets, and what each was read as.
    short_looked_up: dict[str, str] = field(default_factory=dict)
    typo_target_set: frozenset[str] = frozenset()
    # Words already looked up among the typo targets, and what each was read as: the
    # lookup costs tens of microseconds, and questions keep bringing the same words.
    looked_up: dict[str, str] = field(default_factory=dict)
    # The typo targets filed for a one-edit lookup (built by `SafetyTriggers.warm_up`;
    # until then the targets are scanned, with the same result).
    near: OneEditIndex | None = None
    # Whether a word may hold an elided article glued on (see `_ELIDED`): typed words only.
    elided: bool = False

    def spelled(self, word: str, context: frozenset[str]) -> str:
        """`word`, or the long trigger word it misspells ("apixiban" -> "apixaban")."""
        if (
            len(word) < (OTHER_LANGUAGE_TYPO_WORD if self.other_language else TYPO_WORD)
            or word in self.typo_target_set
            or word in context
            or not self.typo_targets
            or is_real_word(word)
        ):
            return word
        known = self.looked_up.get(word)
        if known is not None:
            return known
        # Edits counted as the matcher's typo corrector counts them: two swapped neighbours
        # are one slip (optimal string alignment), so "apixbaan" is apixaban.
        edits = 2 if len(word) >= TWO_TYPOS_WORD and not self.other_language else 1
        near = self.near
        if edits == 1 and near is not None:
            found = near.closest(word) or word  # the scan's answer, without the scan
        else:
            hit = process.extractOne(
                word, self.typo_targets, scorer=OSA.distance, score_cutoff=edits
            )
            found = word if hit is None else hit[0]
        if len(self.looked_up) >= MAX_LOOKED_UP:
            self.looked_up.clear()  # bounded; threads may race here, and either result is right
        self.looked_up[word] = found
        return found

    def short_spelled(self, word: str, context: frozenset[str]) -> str:
        """`word`, or the short trigger word it is one slip from ("blod" -> "blood").

        See SHORT_TYPO_WORD. A word of a trigger, of the context (domain and intake
        words) or common in English is meant as typed ("hrt", "kidd").
        """
        if (
            len(word) < SHORT_TYPO_WORD
            or word in self.trigger_words
            or word in context
            or not word.isascii()
            or not word.isalpha()
        ):
            return word
        known = self.short_looked_up.get(word)
        if known is None:
            known = self._short_respelling(word)
            if len(self.short_looked_up) >= MAX_LOOKED_UP:
                self.short_looked_up.clear()  # bounded; threads may race, either result is right
            self.short_looked_up[word] = known
        return known

    def _short_respelling(self, word: str) -> str:
        frequency = zipf(word)
        if frequency >= REAL_WORD_ZIPF:
            return word
        candidates = {
            (_slip_likelihood(form, word), zipf(target), target)
            for variant in _deletions(word)
            for form, target in self.short_targets.get(variant, ())
            if form != word and _slip(form, word) and zipf(target) >= frequency + SHORT_TYPO_MARGIN
        }
        # The likeliest slip ("mnay" is "many" swapped before "may" with a letter added),
        # then the commonest word, then the last in order, so the choice is stable.
        return max(candidates)[2] if candidates else word


def _deletions(word: str) -> set[str]:
    """The word and every string one deleted letter makes of it."""
    return {word, *(word[:at] + word[at + 1 :] for at in range(len(word)))}


def _key_places() -> dict[str, tuple[float, float]]:
    return {
        letter: (column + _KEY_OFFSETS[row], float(row))
        for row, letters in enumerate(_KEY_ROWS)
        for column, letter in enumerate(letters)
    }


_KEY_PLACES = _key_places()


def _neighbour_keys(first: str, second: str) -> bool:
    """Whether two letters are keys side by side on a QWERTY keyboard ("s" and "z")."""
    a, b = _KEY_PLACES.get(first), _KEY_PLACES.get(second)
    if a is None or b is None:
        return False
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 < 1.7


def _slip(meant: str, typed: str) -> bool:
    """Whether `typed` is `meant` with one slip of the fingers.

    A letter left out ("blod"), two neighbours swapped ("mnay"), a letter doubled or added
    beside a neighbouring key ("babby", "kidsa"), or a neighbouring key hit instead
    ("kidz"): not any one edit ("bane" is no slip for "baby").
    """
    if len(typed) == len(meant) - 1:
        return any(meant[:at] + meant[at + 1 :] == typed for at in range(len(meant)))
    if len(typed) == len(meant) + 1:
        for at in range(len(typed)):
            if typed[:at] + typed[at + 1 :] == meant:
                added, beside = typed[at], typed[max(at - 1, 0) : at + 2].replace(typed[at], "", 1)
                if any(added == b or _neighbour_keys(added, b) for b in beside):
                    return True
        return False
    if len(typed) != len(meant):
        return False
    differ = [at for at in range(len(meant)) if meant[at] != typed[at]]
    if len(differ) == 1:
        return _neighbour_keys(meant[differ[0]], typed[differ[0]])
    if len(differ) == 2 and differ[1] == differ[0] + 1:
        first, second = differ
        return meant[first] == typed[second] and meant[second] == typed[first]
    return False


def _reads_as_another_language(words: list[str]) -> bool:
    """Whether a Latin message is told to be in another language than English.

    By its words (`detect_language`), or by a function word of another language rarer
    than FOREIGN_WORD_ZIPF in English ("hai", "nima", "che"; not "la" or "de").
    """
    if any(word in FUNCTION_WORDS and english_zipf(word) < FOREIGN_WORD_ZIPF for word in words):
        return True
    return detect_language(" ".join(words)) not in (None, BASE_LANGUAGE)


def _slip_likelihood(meant: str, typed: str) -> int:
    """How telling a slip is: a swap or a neighbour's key 2, a letter left out 1, one added 0."""
    if len(typed) == len(meant):
        return 2
    return 1 if len(typed) < len(meant) else 0


def _reading(language: str, readings: dict[str, _Reading]) -> tuple[str, _Reading]:
    """The reading of `language`'s words (created in `readings` when first needed), by key."""
    key, reduce = word_reducer(language)
    if key not in readings:
        fold_part = reduce if key == TYPED else _unchanged
        readings[key] = _Reading(
            reduce, fold_part, other_language=key != "stem", elided=key == TYPED
        )
    return key, readings[key]


def _unchanged(word: str) -> str:
    return word


def _triggers_by_language(intent: Intent) -> Iterable[tuple[str, tuple[str, ...]]]:
    yield BASE_LANGUAGE, intent.triggers
    for translation in intent.translations:
        yield translation.language, translation.triggers


def _spellings(trigger: str) -> list[str]:
    """The trigger, and with its umlauts written out when it has any."""
    written_out = trigger.translate(_UMLAUTS)
    return [trigger] if written_out == trigger else [trigger, written_out]


def _cautious_intents(safety: Iterable[Intent]) -> frozenset[str]:
    """Referrals that can be urgent (any trigger marked "!"): on an exact tie they win.

    The cautious reading: "ابني بلع كبسولات" (a son and swallowing, in a language where
    every word weighs the same) is the emergency, not advice about children.
    """
    return frozenset(
        intent.id
        for intent in safety
        for _, triggers in _triggers_by_language(intent)
        if any(trigger_tier(trigger) == URGENT for trigger in triggers)
    )


class SafetyTriggers:
    """The safety intents' triggers: the most specific one a question holds wins.

    So the order of intents and files decides nothing.

    A trigger is as specific as its words are rare in general English (see `specificity`):
    "trying for a baby" is pregnancy rather than children's "baby"; "my son swallowed a
    handful" is an emergency ("swallowed a") rather than children ("my son"); "I take
    levothyroxine every morning" is about a medicine rather than daily use. An urgent
    trigger (written with "!") wins over any other. A tie goes to the longer match, then
    to a referral that can be urgent (an intent with a "!" trigger: "my son" and
    "swallowed", equally rare in Arabic, are the emergency), then to the intent whose
    triggers the question holds more of, then to the intent id, never to file order.
    Everyday English triggers need a word about taking something (see the module
    docstring). Overlapping matches are all weighed: "mon fils a avale des gelules"
    holds "a avale" and the more specific "avale des gelules".
    """

    def __init__(
        self,
        content: Content,
        normalizer: Normalizer,
        *,
        subject: frozenset[str] = frozenset(),
        domain: frozenset[str] = frozenset(),
        pattern_words: frozenset[str] = frozenset(),
        like: SafetyTriggers | None = None,
    ) -> None:
        """Compile the triggers of `content`'s safety intents.

        Args:
            content: the intents.
            normalizer: the matcher's, so triggers and questions fold alike.
            subject: the terms naming the article's subject ("k2", "mk7"): they say a
                question is about K2, not which referral it needs, so they add nothing
                to a trigger's specificity ("can i take k2" is not more specific than
                "pregnant").
            domain: the article's domain terms (k2, vitamin, calcium, supplement...): a
                question naming one is about taking something, so its everyday triggers
                count.
            pattern_words: the words of the safety intents' patterns, as the matcher
                indexes them: with the triggers' words, what a question no trigger caught
                must be made of to be referred by a pattern (`patterns_may_refer`).
            like: triggers already compiled from the same safety intents with the same
                normaliser (the responder's other matcher): shared, not read again. Ignored
                when the intents or the normaliser differ.
        """
        self._subject = subject
        self._normalizer = normalizer
        # Other languages' function words weigh nothing in any reading: the English
        # list's "mio figlio" is no more specific than "ha ingerito" for its "mio".
        self._neutral = subject | FUNCTION_WORDS
        # Nor, in how specific or long a trigger is, do adults named as whose question it
        # is: "my husband has epilepsy" says which referral by "epilepsy", so "takes keppra"
        # (a medicine) is not outweighed by "husband". Children's words still count: they
        # are a referral of their own. Only the ranking reads this, so it changes which
        # referral a question gets, never whether it gets one.
        self._weightless = self._neutral | ADULT_RELATIVES
        self._context = frozenset(domain) | INTAKE_WORDS
        # Each word met, as every reading reduces and spells it (in `_readings` order):
        # questions keep bringing the same words. Per instance, as the context is.
        self._reduced: dict[str, tuple[str, ...]] = {}
        # Each long word met, and the words it was typed without spaces for (or ()).
        self._apart: dict[str, tuple[str, ...]] = {}
        safety = content.of_kind(Kind.SAFETY)
        self._cautious = _cautious_intents(safety)
        self.reader: TriggerReader
        self._readings: dict[str, _Reading]
        self._compiled: dict[str, re.Pattern[str]]
        self._trigger_vocabulary: frozenset[str]
        if like is not None and like.reader.reads(safety, normalizer):
            self._share_reading(like, pattern_words)
            return
        # Kept for `TriggerLanguages` and a matcher built `like` this one.
        self.reader = TriggerReader(safety, normalizer, cache=shared_cache())
        self._readings = {}
        grouped, intents, trigger_words = self._read_triggers(safety)
        self._file_entries(grouped, intents)
        self._file_typo_targets(trigger_words)
        # The words of every trigger and safety pattern, as an English question's words
        # are stemmed (see `patterns_may_refer`).
        self._trigger_vocabulary = frozenset(
            _english_stem(word) for words in trigger_words.values() for word in words
        )
        self._vocabulary = self._trigger_vocabulary | pattern_words
        self.reader.keep()
        # Expressions are compiled when first needed (most words start no trigger a
        # question will ever hold), so starting the bot stays quick.
        self._compiled = {}

    def _share_reading(self, like: SafetyTriggers, pattern_words: frozenset[str]) -> None:
        """Take what `like` read from the same triggers with the same normaliser.

        What is read from the triggers depends on them and the normaliser alone; the
        subject and domain are this matcher's own.
        """
        self.reader = like.reader
        self._readings, self._compiled = like._readings, like._compiled
        self._trigger_vocabulary = like._trigger_vocabulary
        self._vocabulary = self._trigger_vocabulary | pattern_words

    def _read_triggers(
        self, safety: Iterable[Intent]
    ) -> tuple[dict[_Place, list[str]], dict[str, Intent], dict[str, set[str]]]:
        """Read every trigger of `safety` into expressions grouped by where they may start.

        Returns:
            The expressions by place (reading, spaced or not, start, tier, intent id,
            everyday), the intents by id, and each reading's plain trigger words.
        """
        grouped: dict[_Place, list[str]] = {}
        intents: dict[str, Intent] = {}
        trigger_words: dict[str, set[str]] = {}
        for intent in safety:
            intents[intent.id] = intent
            for language, triggers in _triggers_by_language(intent):
                key, reading = _reading(language, self._readings)
                for trigger in triggers:
                    tier = trigger_tier(trigger)
                    everyday = is_everyday(trigger)
                    for spelling in _spellings(trigger):
                        read = self.reader.read(spelling, key, reading)
                        if read is None:
                            continue
                        expression, starts = read
                        if _UNSPACED.search(spelling):
                            place: _Place = (key, "unspaced", None, tier, intent.id, everyday)
                            grouped.setdefault(place, []).append(_unspaced_gaps(expression))
                            continue
                        trigger_words.setdefault(key, set()).update(_plain_words(expression))
                        for start in starts:
                            place = (key, "spaced", start, tier, intent.id, everyday)
                            grouped.setdefault(place, []).append(expression)
        return grouped, intents, trigger_words

    def _file_entries(self, grouped: dict[_Place, list[str]], intents: dict[str, Intent]) -> None:
        """File each group's expressions, as one entry, where a question's word may start it."""
        for (key, kind, start, tier, intent_id, everyday), expressions in sorted(
            grouped.items(), key=lambda item: _group_order(item[0])
        ):
            reading = self._readings[key]
            # Longest first, so a phrase is preferred to a word it starts with.
            ordered = sorted(set(expressions), key=len, reverse=True)
            if kind == "unspaced":
                text = f"(?:{'|'.join(ordered)})"
                reading.unspaced.append(_Entry(tier, intents[intent_id], text, everyday))
                continue
            entry = _Entry(tier, intents[intent_id], rf"(?:{'|'.join(ordered)})(?!\S)", everyday)
            if start is None:
                reading.anywhere.append(entry)
            else:
                table = reading.by_word if start[0] == WORD else reading.by_start
                table.setdefault(start[1], []).append(entry)

    def _file_typo_targets(self, trigger_words: dict[str, set[str]]) -> None:
        """Give each reading its trigger words long enough to be read despite a typo.

        The English reading also files its short Latin words (see SHORT_TYPO_WORD).
        """
        for key, words in trigger_words.items():
            reading = self._readings[key]
            targets = sorted(w for w in words if len(w) >= TYPO_TARGET_WORD)
            reading.typo_targets = targets
            reading.typo_target_set = frozenset(targets)
            if reading.other_language:
                continue
            reading.trigger_words = frozenset(words)
            short: dict[str, list[tuple[str, str]]] = {}
            for word in sorted(words):
                if SHORT_TYPO_WORD <= len(word) < TYPO_TARGET_WORD and word.isascii():
                    for form in (word, word + "s"):
                        for variant in _deletions(form):
                            short.setdefault(variant, []).append((form, word))
            reading.short_targets = {variant: tuple(ws) for variant, ws in short.items()}

    def find(self, words: list[str]) -> Intent | None:
        """The safety intent one of whose triggers the normalised words contain, if any."""
        hits: list[_Hit] = []
        base_words: list[str] | None = None
        words = self._run_together_read(words)
        forms = [self._reduced.get(w) or self._reduce(w) for w in words]
        for number, (key, reading) in enumerate(self._readings.items()):
            reduced = [form[number] for form in forms]
            if key == "stem":
                reduced = self._short_slips_read(reading, words, reduced)
                base_words = reduced
            hits.extend(self._hits(reading, reduced))
        hits.extend(self._transliterated_hits(words))
        if hits:
            if base_words is None:
                base_words = [_english_stem(w) for w in words]
            if _animal_without_substance(base_words):
                return None
            everyday = _everyday_sense_words(words)
            if everyday and not self._names_something_taken(words, base_words):
                # Only a hit said wholly inside the everyday phrase is dropped (a hit inside
                # a word of a script without spaces covers no word, and is kept).
                hits = [hit for hit in hits if not hit.covered or not set(hit.covered) <= everyday]
            hits = _without_content_amounts(base_words, hits)
            hits = [hit for hit in hits if not _advice_on_another_act(base_words, hit)]
            hits = _without_backstory(base_words, hits, datetime.date.today().year)
            if _elderly_with_bone_loss(base_words):
                hits = [hit for hit in hits if hit.tier != GENERAL]
            if _unit_conversion(base_words, self._context):
                hits = [hit for hit in hits if hit.tier == URGENT]
            if _asks_how_a_word_is_said(words) and not self._names_something_taken(
                words, base_words
            ):
                hits = [hit for hit in hits if hit.tier == URGENT]
        if any(not hit.alone for hit in hits):
            assert base_words is not None
            if not self._about_taking(base_words, hits):
                hits = [hit for hit in hits if hit.alone]
        if hits and any(hit.tier != URGENT for hit in hits):
            assert base_words is not None
            if self._asks_a_price(base_words):
                hits = [hit for hit in hits if hit.tier == URGENT]
        best: tuple[int, float, int, bool, int] | None = None
        chosen: Intent | None = None
        counts: dict[str, int] = {}
        for hit in hits:
            counts[hit.intent.id] = counts.get(hit.intent.id, 0) + 1
        for hit in hits:
            intent = hit.intent
            rank = (
                hit.tier,
                round(hit.specificity, 6),
                hit.weight,
                intent.id in self._cautious,
                counts[intent.id],
            )
            if best is None or rank > best or (rank == best and chosen and intent.id < chosen.id):
                best, chosen = rank, intent
        return chosen

    def _run_together_read(self, words: list[str]) -> list[str]:
        """The words, with words typed without spaces read apart (see RUN_TOGETHER_WORD)."""
        if not any(len(word) >= RUN_TOGETHER_WORD for word in words):
            return words
        read: list[str] = []
        for word in words:
            apart = self._apart.get(word) if len(word) >= RUN_TOGETHER_WORD else None
            if apart is None and len(word) >= RUN_TOGETHER_WORD:
                apart = self._split_run(word)
                if len(self._apart) >= MAX_REMEMBERED_WORDS:
                    self._apart.clear()  # threads may race here, and either result is right
                self._apart[word] = apart
            read.extend(apart or (word,))
        if len(read) == len(words) or _reads_as_another_language(words):
            return words
        return read

    def _split_run(self, word: str) -> tuple[str, ...]:
        """The words a run typed without spaces splits into, or () when it is no such run."""
        if (
            len(word) > RUN_TOGETHER_MAX_WORD
            or not word.isascii()
            or not word.isalnum()
            or english_zipf(word) >= RUN_TOGETHER_ZIPF
            or _english_stem(word) in self._vocabulary
            or any(
                form != reading.reduce(word)
                for form, reading in zip(self._reduce(word), self._readings.values(), strict=True)
            )
        ):
            return ()

        def known(piece: str) -> bool:
            if len(piece) == 1:
                return piece in _ONE_LETTER_WORDS
            if len(piece) == 2 and piece.isalpha():
                return english_zipf(piece) >= TWO_LETTER_ZIPF
            return (
                piece in self._subject
                or _english_stem(piece) in self._trigger_vocabulary
                or (piece.isalpha() and english_zipf(piece) >= REAL_WORD_ZIPF)
            )

        # best[end]: the fewest words the first `end` letters split into, then the most
        # common, as (words, -summed Zipf, the words).
        best: list[tuple[int, float, tuple[str, ...]] | None] = [None] * (len(word) + 1)
        best[0] = (0, 0.0, ())
        longest = self._longest_piece
        for end in range(1, len(word) + 1):
            for begin in range(max(0, end - longest), end):
                before = best[begin]
                piece = word[begin:end]
                if before is None or not known(piece):
                    continue
                found = (before[0] + 1, before[1] - english_zipf(piece), (*before[2], piece))
                current = best[end]
                if current is None or found[:2] < current[:2]:
                    best[end] = found
        split = best[-1]
        if split is None or len(split[2]) < 2:
            return ()
        pieces = split[2]
        if not any(_english_stem(piece) in self._trigger_vocabulary for piece in pieces):
            return ()
        return pieces

    @functools.cached_property
    def _longest_piece(self) -> int:
        """The most letters a piece of a run may have (see RUN_TOGETHER_MAX_WORD)."""
        named = max(map(len, self._trigger_vocabulary | self._subject), default=0)
        return max(named, LONGEST_COMMON_WORD) + _STEM_ENDING

    def _short_slips_read(
        self, reading: _Reading, words: list[str], reduced: list[str]
    ) -> list[str]:
        """The English reading's words with short slips respelt ("blod" -> "blood").

        Not in a message of another language ("cose la vitamina k2", "k2 kis kaam aata
        hai"): a word of it may be one slip from a short English trigger word.
        """
        if not reading.short_targets:
            return reduced
        respelt = [reading.short_spelled(word, self._context) for word in reduced]
        if respelt == reduced or _reads_as_another_language(words):
            return reduced
        return respelt

    def _reduce(self, word: str) -> tuple[str, ...]:
        """`word` as each reading reduces and spells it, remembered (see `_reduced`)."""
        forms = tuple(
            reading.spelled(reading.reduce(word), self._context)
            for reading in self._readings.values()
        )
        if len(self._reduced) >= MAX_REMEMBERED_WORDS:
            self._reduced.clear()  # threads may race here, and either result is right
        self._reduced[word] = forms
        return forms

    def patterns_may_refer(self, words: list[str]) -> bool:
        """Whether a question no trigger caught may still be referred by a safety pattern.

        Only when it is about taking something (a domain or INTAKE_WORDS word) or says
        nothing informative that the safety intents' own triggers and patterns don't
        ("is this an emergency?", "dizzy and sweating since i started it"): a pattern is
        matched loosely, so "emergency plumber near me", "what's a pregnant pause" or "the
        surgery simulator game" must not reach a doctor by sounding like "is this an
        emergency" or "k2 before surgery" ("plumber", "pause", "game" are no health words).
        The words of an everyday sense (EVERYDAY_SENSES) are set aside when nothing taken
        is named: the rest decides.

        Args:
            words: the question's normalised words.
        """
        stems = [_english_stem(w) for w in words]
        if _animal_without_substance(stems) or _unit_conversion(stems, self._context):
            return False
        if self._about_taking(stems, []):
            return True
        everyday = _everyday_sense_words(words)
        if everyday and not self._names_something_taken(words, stems):
            # An everyday sense ("nursing home", "dentist appointment") explains its own
            # words, so they neither count against a pattern nor for one ("nursing" is a
            # pattern's word): the rest of the message must say something to a safety
            # pattern ("nursing home, bleeding that wont stop" does; "nursing home visiting
            # hours" does not).
            stems = [stem for index, stem in enumerate(stems) if index not in everyday]
            if not any(
                stem in self._vocabulary and zipf(stem) < INFORMATIVE_ZIPF for stem in stems
            ):
                return False
        return not any(
            word not in self._vocabulary
            and word not in self._subject
            and not _DIGIT.search(word)
            and zipf(word) < INFORMATIVE_ZIPF
            for word in stems
        )

    def _transliterated_hits(self, words: list[str]) -> list[_Hit]:
        """Russian triggers found in the Cyrillic reading of a Latin message (see module)."""
        russian = self._readings.get("stem")
        read = latin_read_as_russian(words, self._normalizer, mixed=True)
        if russian is None or read is None:
            return []
        cyrillic, clearly_russian = read
        reduced = [russian.spelled(russian.reduce(w), self._context) for w in cyrillic]
        return [
            hit
            for hit in self._hits(russian, reduced)
            if any(index in clearly_russian for index in hit.covered)
        ]

    def _hits(self, reading: _Reading, reduced: list[str]) -> list[_Hit]:
        """Every trigger of one reading found in the question's words, as that reading has them."""
        haystack = " ".join(reduced)
        starts = []
        position = 0
        for word in reduced:
            starts.append(position)
            position += len(word) + 1
        hits: list[_Hit] = []

        def add(entry: _Entry, found: re.Match[str], in_word: int | None = None) -> None:
            text = found.group(0)
            begin, end = found.span()
            first = next((i for i, s in enumerate(starts) if s >= begin), len(starts))
            if in_word is not None:
                first = in_word  # found after an elided article: the glued word is said
            last = first
            while last < len(starts) and starts[last] + len(reduced[last]) <= end:
                last += 1
            # A word a `*` stood for, or a `...` skipped, is the question's own ("how much
            # *water* to drink"): the trigger did not say it.
            captured = [found.span(g) for g in range(1, found.re.groups + 1) if found.group(g)]
            covered = [
                i for i in range(first, last) if not any(a <= starts[i] < b for a, b in captured)
            ]
            # Words a `...` skipped (its capture ends with a space) weigh nothing either.
            skipped = [(a, b) for a, b in captured if found.string[b - 1] == " "]
            for a, b in reversed(skipped):
                text = text[: a - begin] + text[b - begin :]
            weight = len(text)
            rarity_of: Callable[[str], float] = rarity
            english_rarity_of: Callable[[str], float] = _english_rarity
            if reading.other_language:
                weight = self._content_length(text)
                rarity_of, english_rarity_of = _rarity_read_as_english_too, _english_rarity_too
            hits.append(
                _Hit(
                    entry.tier,
                    specificity(text, self._weightless, rarity_of),
                    weight,
                    entry.intent,
                    text,
                    tuple(covered),
                    not entry.everyday and self._stands_alone(entry.tier, text, english_rarity_of),
                )
            )

        tried_at = reading.tried_at
        matchers_at = reading.matchers_at
        for index, word in enumerate(reduced):
            at = starts[index]
            matchers = matchers_at.get(word)
            if matchers is None:
                entries = tried_at.get(word)
                if entries is None:
                    entries = _tried_at(reading, word, haystack[at : at + 1])
                matchers = tuple(
                    (entry, self._pattern(entry.expression).match) for entry in entries
                )
                if word:  # an empty word's next character is not its own (see `_tried_at`)
                    if len(matchers_at) >= MAX_REMEMBERED_WORDS:
                        matchers_at.clear()  # threads may race here, and either result is right
                    matchers_at[word] = matchers
            for entry, match in matchers:
                found = match(haystack, at)
                if found is not None:
                    add(entry, found)
            elided = _elision(word) if reading.elided else 0
            if elided:
                rest = word[elided:]
                tried = reading.by_word.get(rest, []) + reading.by_start.get(rest[:MIN_PREFIX], [])
                for entry in tried:
                    found = self._pattern(entry.expression).match(haystack, at + elided)
                    if found is not None:
                        add(entry, found, index)
        if reading.unspaced:
            for number in _unspaced_in(reading, haystack):
                entry = reading.unspaced[number]
                for found in _overlapping(self._pattern(entry.expression), haystack):
                    add(entry, found)
        return hits

    def warm_up(self) -> None:
        """Compile every trigger's expression now, and file the typo targets.

        Otherwise each is compiled when a question's word first reaches it (see
        `_pattern`), which spares a one-shot `k2bot ask` the 0.2 s but makes the first
        questions of a long-running bot pay it instead.
        """
        for expression in self._expressions():
            self._pattern(expression)
        for reading in self._readings.values():
            if reading.near is None:
                reading.near = OneEditIndex(reading.typo_targets, OSA.distance)
            # What may start where a word starts, for the characters most words start with.
            for first in WARM_CHARACTERS:
                if first not in reading.anywhere_at:
                    _anywhere_at(reading, first)
                if first not in reading.unspaced_at:
                    _unspaced_in(reading, first)

    @property
    def warm(self) -> bool:
        """Whether `warm_up` has nothing left: expressions compiled, typo targets filed."""
        return self.compiled == self.expressions and all(
            reading.near is not None for reading in self._readings.values()
        )

    @property
    def compiled(self) -> int:
        """How many trigger expressions are compiled so far (`warm_up` compiles them all)."""
        return len(self._compiled)

    @property
    def expressions(self) -> int:
        """How many distinct trigger expressions there are to compile."""
        return len(self._expressions())

    def _expressions(self) -> set[str]:
        """Every expression a question may try, in any reading."""
        found: set[str] = set()
        for reading in self._readings.values():
            tables = (*reading.by_word.values(), *reading.by_start.values())
            for entries in (*tables, reading.anywhere, reading.unspaced):
                found.update(entry.expression for entry in entries)
        return found

    def _pattern(self, expression: str) -> re.Pattern[str]:
        pattern = self._compiled.get(expression)
        if pattern is None:
            # Two threads may compile one expression at once; either result will do.
            pattern = self._compiled[expression] = re.compile(expression)
        return pattern

    def _stands_alone(self, tier: int, text: str, rarity_of: Callable[[str], float]) -> bool:
        """Whether a trigger found routes with no word about taking something.

        Urgent triggers do; others when one of their words, numbers aside, is rare enough
        in general English ("warfarin", "dialysis", any word of Cyrillic or another script;
        not "7 year old", "how many mg", nor another language's "operation").
        """
        if tier == URGENT:
            return True
        return any(
            rarity_of(word) >= ALONE_RARITY
            for word in text.split()
            if word not in self._subject and not _DIGIT.search(word)
        )

    def _about_taking(self, stems: list[str], hits: list[_Hit]) -> bool:
        """Whether everyday triggers count in a question.

        They do when it is about taking something (a domain or INTAKE_WORDS word), holds
        a trigger that stands alone, or says nothing but its triggers ("how much is too
        much", "what about kids?"): every informative word is inside a trigger found.
        "kidney bean chili recipe" says more ("bean", "chili", "recipe"), so it does not.
        """
        context = INTAKE_WORDS if _domain_not_taken(stems) else self._context
        if any(
            word in context and not _take_in_another_sense(stems, index)
            for index, word in enumerate(stems)
        ):
            return True
        if any(hit.alone for hit in hits):
            return True
        covered = {index for hit in hits for index in hit.covered}
        # Other languages' function words ("jaka", "cual") say nothing either.
        return not any(
            index not in covered
            and not _DIGIT.search(word)
            and word not in self._neutral
            and zipf(word) < INFORMATIVE_ZIPF
            for index, word in enumerate(stems)
        )

    def _names_something_taken(self, words: list[str], stems: list[str]) -> bool:
        """Whether a message names K2, a supplement, a medicine or taking (any script)."""
        return (
            any(word in self._context for word in stems)
            or any(word in SUBSTANCE_WORDS or word.startswith(SUBSTANCE_PREFIXES) for word in words)
            or _K2_WORD.search(" ".join(words)) is not None
        )

    def _asks_a_price(self, stems: list[str]) -> bool:
        """Whether a question asks what something costs and names nothing taken.

        "how much does a colonoscopy cost without insurance" is about paying; "k2 before a
        colonoscopy, what does it cost" names K2 and stays a referral.
        """
        return any(word in PRICE_WORDS for word in stems) and not any(
            word in self._context and not _take_in_another_sense(stems, index)
            for index, word in enumerate(stems)
        )

    def _content_length(self, matched: str) -> int:
        """The letters of a match outside the subject and function words ("mi bebe": 4)."""
        return sum(len(w) for w in matched.split() if w not in self._weightless)


def _tried_at(reading: _Reading, word: str, first: str) -> tuple[_Entry, ...]:
    """The triggers of `reading` that may match where `word` starts, in the order tried.

    Args:
        reading: the reading whose triggers are tried.
        word: the question's word, as the reading reduces it.
        first: the question's character where the word starts (a space, or nothing at
            the end, for an empty word): `anywhere` triggers that cannot begin with it
            are left out.
    """
    tried = reading.by_word.get(word, [])
    if len(word) >= MIN_PREFIX:
        tried = tried + reading.by_start.get(word[:MIN_PREFIX], [])
    anywhere = reading.anywhere_at.get(first)
    if anywhere is None:
        anywhere = _anywhere_at(reading, first)
    entries = (*tried, *anywhere)
    if word:  # an empty word's next character is not its own
        if len(reading.tried_at) >= MAX_REMEMBERED_WORDS:
            reading.tried_at.clear()  # threads may race here, and either result is right
        reading.tried_at[word] = entries
    return entries


def _anywhere_at(reading: _Reading, first: str) -> tuple[_Entry, ...]:
    """The `anywhere` triggers of `reading` that may begin with the character `first`.

    Remembered per character: a new word pays for looking through them only when it
    starts with a character no word started with before.
    """
    entries = tuple(entry for entry in reading.anywhere if _may_begin(entry, first))
    if len(reading.anywhere_at) >= MAX_REMEMBERED_WORDS:
        reading.anywhere_at.clear()  # threads may race here, and either result is right
    reading.anywhere_at[first] = entries
    return entries


def _unspaced_in(reading: _Reading, haystack: str) -> list[int]:
    """The places in `reading.unspaced` of the triggers that may be found in `haystack`.

    A match begins at one of the haystack's characters; in their order.
    """
    unspaced_at = reading.unspaced_at
    possible: set[int] = set()
    # "": the triggers that may match nothing or that `_first_character` cannot read.
    for character in {"", *haystack}:
        numbers = unspaced_at.get(character)
        if numbers is None:
            numbers = frozenset(
                number
                for number, entry in enumerate(reading.unspaced)
                if _may_begin(entry, character)
            )
            if len(unspaced_at) >= MAX_REMEMBERED_WORDS:
                unspaced_at.clear()  # threads may race here, and either result is right
            unspaced_at[character] = numbers
        possible |= numbers
    return sorted(possible)


def _may_begin(entry: _Entry, first: str) -> bool:
    """Whether a match of `entry` may begin with the character `first` ("": with nothing)."""
    test = _first_character(entry.expression)
    return test is None or test.match(first) is not None


@functools.lru_cache(maxsize=4096)
def _first_character(expression: str) -> re.Pattern[str] | None:
    """A character class every match of `expression` begins with (None: any, or unsure).

    Read from the parsed expression, and only for what trigger expressions are made of
    (literals, classes of ranges and digits, groups, alternatives, repeats): anything else
    says None, and the expression is tried everywhere, as before.
    """
    try:
        parsed = sre_parser.parse(expression)
    except re.error:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    found = _first_of(list(parsed))
    if found is None:
        return None
    members, may_be_empty = found
    if may_be_empty or not members:
        return None
    return re.compile("[" + "".join(sorted(members)) + "]")


_CATEGORIES = {sre_constants.CATEGORY_DIGIT: r"\d", sre_constants.CATEGORY_NOT_SPACE: r"\S"}


def _first_of(items: list[tuple[Any, Any]]) -> tuple[set[str], bool] | None:
    """The class members a sequence's match can begin with, and whether it can be empty.

    None when unsure (an operation not handled here).
    """
    members: set[str] = set()
    for op, argument in items:
        found = _first_of_item(op, argument)
        if found is None:
            return None
        more, may_be_empty = found
        members |= more
        if not may_be_empty:
            return members, False
    return members, True


def _first_of_item(op: Any, argument: Any) -> tuple[set[str], bool] | None:
    """`_first_of` for one parsed item."""
    if op is sre_constants.LITERAL:
        return {_class_member(argument)}, False
    if op is sre_constants.IN:
        members: set[str] = set()
        for kind, value in argument:
            if kind is sre_constants.LITERAL:
                members.add(_class_member(value))
            elif kind is sre_constants.RANGE:
                members.add(f"{_class_member(value[0])}-{_class_member(value[1])}")
            elif kind is sre_constants.CATEGORY and value in _CATEGORIES:
                members.add(_CATEGORIES[value])
            else:
                return None  # a negated class, another category: unsure
        return members, False
    if op is sre_constants.SUBPATTERN:
        _group, add_flags, del_flags, pattern = argument
        return None if add_flags or del_flags else _first_of(list(pattern))
    if op is sre_constants.BRANCH:
        members = set()
        may_be_empty = False
        for pattern in argument[1]:
            found = _first_of(list(pattern))
            if found is None:
                return None
            members |= found[0]
            may_be_empty = may_be_empty or found[1]
        return members, may_be_empty
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, _high, pattern = argument
        found = _first_of(list(pattern))
        if found is None:
            return None
        return found[0], found[1] or low == 0
    return None


def _class_member(code: int) -> str:
    """One character as a member of a character class, escaped."""
    return re.escape(chr(code))  # escapes "-", "]", "^" and "\\" too


def _without_content_amounts(stems: list[str], hits: list[_Hit]) -> list[_Hit]:
    """`hits` less the non-urgent ones inside a "how much X" asking what a food holds.

    "How much vitamin C is in an orange" asks the amount in a food, not one to take,
    unless the question also says it is about taking (a word of INTAKE_WORDS: "how much
    k2 is in natto, is it safe to eat daily").
    """
    joined = " ".join(stems)
    found = _CONTENT_QUESTION.search(joined)
    if found is None or any(
        word in INTAKE_WORDS and not _take_in_another_sense(stems, index)
        for index, word in enumerate(stems)
    ):
        return hits
    first = joined[: found.start()].count(" ")
    inside = range(first, first + found.group(0).count(" ") + 1)
    return [hit for hit in hits if hit.tier == URGENT or not set(hit.covered) <= set(inside)]


def _unit_conversion(stems: list[str], context: frozenset[str]) -> bool:
    """Whether a question turns one unit into another and names nothing taken.

    "convert 100 mcg to mg" and "how many mcg in a mg" are arithmetic; "how many mcg of
    k2 in a mg capsule" and "is 1000 iu of vitamin d too much" name what is taken.
    """
    joined = " ".join(stems)
    converts = any(
        found.group("first") in UNIT_WORDS and found.group("second") in UNIT_WORDS
        for found in _UNIT_CONVERSION.finditer(joined)
    )
    return converts and not any(
        word in context and not _take_in_another_sense(stems, index)
        for index, word in enumerate(stems)
    )


def _elderly_with_bone_loss(stems: list[str]) -> bool:
    """Whether a question names old age and bone loss, asking no advice (ASKING_ADVICE).

    Old age is a word or an age of 60 and over. "my dad is 78 with osteoporosis, would
    mk7 help him" is the article's elderly answer, which itself sends the reader to a
    doctor (see BONE_LOSS_PREFIXES).
    """
    bone_loss = any(word.startswith(BONE_LOSS_PREFIXES) for word in stems) or (
        any(word.startswith(FRAGILE_PREFIXES) for word in stems)
        and any(word.startswith(("bone", "кост")) for word in stems)
    )
    old = any(
        word.startswith(OLD_AGE_PREFIXES)
        or word == "old"
        or (word.isdecimal() and 60 <= int(word) <= 120)
        for word in stems
    )
    return bone_loss and old and not any(word in ASKING_ADVICE for word in stems)


def _advice_on_another_act(stems: list[str], hit: _Hit) -> bool:
    """Whether a general trigger ("ok for me") asks about doing something else.

    "is it ok for me to leave work early" asks about leaving work; "is it ok for me to
    take it" and "is it ok for me" alone stay the general referral.
    """
    if hit.tier != GENERAL or not hit.covered:
        return False
    after = hit.covered[-1] + 1
    return after + 1 < len(stems) and stems[after] == "to" and stems[after + 1] not in TAKING_VERBS


# Back-story (docs/matching.md, "Safety, round 9"): who bought, suggested or explained
# something, what the asker takes besides K2, and what happened long ago are not who
# takes K2 now. A non-urgent trigger said only there is dropped, and only in a question
# that asks nothing about taking (see `_asks_about_taking`): "my daughter bought me k2,
# what is it" is the article's answer; "my daughter bought me k2, is it ok for my 6 year
# old grandson" keeps the grandson's referral, and "... how many should i take" its dose.
# A person who does something other than take: the words that may follow the person
# ("in law", "who is", "keeps") and what they do (buys, says, sets up, is a nurse).
_PERSON_AS_AGENT = re.compile(
    r"^(?:in law |who ?s |who is |also |always |just |keep |keeps |kept |then )*"
    r"(?:bought|buy|buys|ordered|order|orders|picked (?:me |us )?up|got (?:me|us|it|this)"
    r"|get (?:me|us)|gave (?:me|us)|sent|send|set|sets|installed|install|helped|help|helps"
    r"|suggested|suggest|suggests|recommended|recommend|recommends|said|say|says|told|tell|tells"
    r"|telling|talking|thinks|think|thought|mentioned|mention|mentions|worry|worries"
    r"|worried|swears|swear|read|reads|asked me|asks me|sort|sorts|sorted|studying|works"
    r"|is a (?:doctor|nurse|pharmacist|dietitian|dietician|nutritionist|physician|gp"
    r"|chemist|scientist|biologist|student))\b"
)
# The people a children's or a relative's trigger names (stemmed as the stem reading has
# them): babies and toddlers buy nothing, so they are not here.
_AGENT_PEOPLE = (
    _stems(
        "son sons daughter daughters kid kids child children grandson grandsons granddaughter "
        "granddaughters grandkid grandkids grandchild grandchildren nephew nephews niece nieces"
    )
    | ADULT_RELATIVES
)
# Someone else as a taker: a pronoun for them as an object ("give him", "for her"), or as
# the one who takes ("he takes it too").
_ANOTHER_TAKER = re.compile(
    r"\b(?:for|to|give|giving|gave|let|lets|help|helps|with|get|buy) (?:him|her|them)\b"
    r"|\b(?:he|she|they|hes|shes) (?:\S+ ){0,2}(?:take|taking|takes|took|use|uses|using|have"
    r"|having|need|needs|start|try|swallow|swallowed|ate|eat)\b"
    r"|\b(?:himself|herself|themselves|themself)\b"
    r"|\b(?:he|she|hes|shes|they|is|are|aged|age|turned|turning) (?:is |s |just )?"
    r"(?:[1-9]|1[0-7])\b"
    r"|\b(?:[1-9]|1[0-7]) ?(?:year|years|yr|yrs|yo|month|months|week|weeks)\b"
    r"|\b(?:want|wants|wanted) (?:some|any|one|it|to)\b"
    r"|\b(?:give|gives|gave|giving) (?:\S+ )?(?:some|it|them|one|any) to\b"
    r"|\band (?:also |then )?(?:took|take|takes|taking|swallowed|swallow|ate|eat|eats|tried"
    r"|started|use|uses|used)\b"
)
# The asker's own childhood ("broke my ankle as a kid"), or children counted as someone's
# ("she had two kids"): not a child taking anything.
# The body of the person named ("k2 would help his bones"): they would be the one taking it.
_THEIR_BODY = re.compile(r"\b(?:his|her|their) (?:bone|bones|growth|teeth|health|joints)\b")
_OWN_CHILDHOOD = re.compile(
    r"(?:\b(?:as a|when i was a|since i was a|i was a)"
    r"|\b(?:have|had|has|raised) (?:a|one|two|three|four|five|six|\d{1,2}|grown|adult)) $"
)
# What the asker or a relative takes besides K2, and everyday activities: a frequency
# said of them ("calcium every day", "a walk every day") is a habit, not a K2 dose.
_OTHER_HABITS = _stems(
    "calcium d3 multivitamin multivitamins milk magnesium yoghurt yogurt walk walks walking "
    "swim swimming run running training exercise exercises gym yoga workout"
)
_K2_STEMS = _stems("k2 mk7 mk4")
_FREQUENCY_WORDS = _stems("day days daily morning mornings night nights week weekly time times")
HABIT_LOOKBACK = 5
# An event that ends (a course of medicine, a pregnancy, an operation) said with a time
# long past and nothing present: "antibiotics last year", "pregnant years ago", "had my
# gallbladder out in 2015". Within PAST_WINDOW words of the trigger.
PAST_EVENT_REFERRALS = frozenset({"safety_medicines", "safety_pregnancy", "safety_surgery"})
PAST_WINDOW = 6
_LONG_AGO = re.compile(
    r"\b(?:ago|back in|a while back|while back|year back|years back|used to"
    r"|last (?:year|years|winter|summer|spring|autumn|fall|decade)|in (?P<year>(?:19|20)\d\d))\b"
)
EVENT_LEAD = 4
_PAST_LEAD = _stems("had was were finished finish did after got once")
_PRESENT_LEAD = _stems("take takes taking use uses using im am currently still now")
_NOW_OR_SOON = re.compile(
    r"\b(?:now|currently|current|today|tonight|still|again|tomorrow|next|soon|upcoming"
    r"|coming up|this (?:week|month|morning|year)|(?:im|i m|am|i am|is|are) on)\b"
)
# A question about taking something: whether it is safe, how much or how often, or a
# modal verb, its subject and a verb of taking ("can i take", "should my mum keep", "do i
# need to stop"). "ok" counts as said of something ("is it ok", "ok to"), not "ok so...";
# "stop" of taking ("stop taking", "stop k2"), not "stop bone loss".
_ASKS_ABOUT_TAKING = re.compile(
    r"\b(?:safe|safely|safety|allowed|harmful|harm|dangerous|risky|bad|suitable|necessary"
    r"|worth|interact\S*|interfer\S*|dose|doses|dosage|dosing|overdose|mcg|mg|iu|much|many"
    r"|often|quit|avoid)\b"
    r"|\b(?:is|it|that|this|be|its|s|are|they|them) (?:ok|okay|alright|fine)\b"
    r"|\b(?:ok|okay|alright|fine) (?:to|for|with|if)\b"
    r"|\b(?:stop|stopping|stopped) (?:taking|using|giving|it|k2|mk7|mk4|them|my|the|before)\b"
    r"|\b(?:can|could|should|shall|may|might|must|need|needs|would|will|want|wants)"
    r"(?: (?:i|you|he|she|we|they|it|one|people|someone|\S+|my \S+|his \S+|her \S+"
    r"|our \S+|their \S+))??(?: also| still| just| really| not| safely| to| be able to)?"
    r" (?:take|taking|give|giving|use|using|add|adding|have|having|start|starting|stop"
    r"|keep|keeping|continue|combine|mix|swallow|try|eat|drink)\b"
)


def _asks_about_taking(stems: list[str]) -> bool:
    """Whether a question asks about taking something (see _ASKS_ABOUT_TAKING)."""
    return _ASKS_ABOUT_TAKING.search(" ".join(stems)) is not None


def _without_backstory(stems: list[str], hits: list[_Hit], this_year: int) -> list[_Hit]:
    """`hits` less the non-urgent ones said only in the question's back-story.

    Only in a question asking nothing about taking: a person who bought, suggested or
    explained K2 ("my daughter bought me k2, what is it"), the asker's own childhood ("as
    a kid"), a habit besides K2 ("my dad takes d3 every morning", "i walk every day"),
    and an event long past ("antibiotics last year", "pregnant years ago"). See
    _PERSON_AS_AGENT, _OTHER_HABITS and _LONG_AGO.
    """
    if not hits:
        return hits
    joined = " ".join(stems)
    another_taker = _ANOTHER_TAKER.search(joined) is not None
    their_body = _THEIR_BODY.search(joined) is not None
    if _asks_about_taking(stems):
        # Still a referral, but which one: "my daughter bought me k2, how many should i
        # take" asks a dose, not about a child; the buyer's hit yields to any other.
        if another_taker or their_body:
            return hits
        buyers = [hit for hit in hits if hit.tier != URGENT and _person_as_agent(stems, hit)]
        return [hit for hit in hits if hit not in buyers] if len(buyers) < len(hits) else hits
    now = _NOW_OR_SOON.search(joined) is not None

    def backstory(hit: _Hit) -> bool:
        if hit.tier == URGENT or not hit.covered:
            return False
        if _person_as_agent(stems, hit):
            return not another_taker and not their_body
        if _own_childhood(stems, hit):
            return not another_taker
        if _habit_not_k2(stems, hit):
            return True
        return (
            hit.intent.id in PAST_EVENT_REFERRALS
            and not now
            and _long_ago_near(stems, hit, this_year)
        )

    return [hit for hit in hits if not backstory(hit)]


def _person_as_agent(stems: list[str], hit: _Hit) -> bool:
    """Whether a hit names only a person who buys, says or sets up something (not takes)."""
    people = [stems[i] for i in hit.covered if stems[i] not in _CARRY_DETERMINERS]
    if not people or not all(word in _AGENT_PEOPLE for word in people):
        return False
    after = " ".join(stems[hit.covered[-1] + 1 :])
    return _PERSON_AS_AGENT.match(after) is not None


def _own_childhood(stems: list[str], hit: _Hit) -> bool:
    """Whether a hit's child word is the asker's own past ("as a kid", "when i was a child")."""
    people = [stems[i] for i in hit.covered if stems[i] not in _CARRY_DETERMINERS]
    if len(people) != 1 or people[0] not in _AGENT_PEOPLE:
        return False
    before = " ".join(stems[: hit.covered[0]]) + " "
    return _OWN_CHILDHOOD.search(before) is not None


def _habit_not_k2(stems: list[str], hit: _Hit) -> bool:
    """Whether a hit says someone takes, or does often, something other than K2.

    "my husband takes calcium", "600mg calcium", "i take d3 daily", "i walk every day":
    the thing taken or done is named right after "take" or an amount, or within
    HABIT_LOOKBACK words before the frequency, with no K2 word between.
    """
    last = hit.covered[-1]
    amount = _DIGIT.search(stems[last]) is not None or stems[last] in UNIT_WORDS
    if stems[last] in TAKE_WORDS or amount:
        # "my dad takes d3", "i take 600mg calcium": what is taken is named right after.
        return last + 1 < len(stems) and stems[last + 1] in _OTHER_HABITS
    if not any(stems[i] in _FREQUENCY_WORDS for i in hit.covered):
        return False
    for word in reversed(stems[max(0, hit.covered[0] - HABIT_LOOKBACK) : hit.covered[0]]):
        if word in _K2_STEMS:
            return False
        if word in _OTHER_HABITS:
            return True
    return False


def _long_ago_near(stems: list[str], hit: _Hit, this_year: int) -> bool:
    """Whether an event is said to be long past: a time long past near it, said in the past.

    The time (_LONG_AGO) is within PAST_WINDOW words of the hit, and the event is told in
    the past: a past word just before it ("had", "was", "finished", "after") or the time
    right after it ("antibiotics last year"). A present verb just before it keeps it
    present, whatever else is long past: "my son bought me k2 last year, i also take
    warfarin".
    """
    first, last = hit.covered[0], hit.covered[-1]
    before = stems[max(0, first - EVENT_LEAD) : first]
    if any(word in _PRESENT_LEAD for word in before):
        return False
    near = " ".join(stems[max(0, first - PAST_WINDOW) : last + PAST_WINDOW + 1])
    right_after = " ".join(stems[last + 1 : last + 1 + EVENT_LEAD])
    told_past = any(word in _PAST_LEAD for word in before) or any(
        _long_ago_year(found, this_year) for found in _LONG_AGO.finditer(right_after)
    )
    return told_past and any(_long_ago_year(found, this_year) for found in _LONG_AGO.finditer(near))


def _long_ago_year(found: re.Match[str], this_year: int) -> bool:
    """Whether a _LONG_AGO match is long past (a year named is before this one)."""
    year = found.group("year")
    return year is None or int(year) < this_year


def _everyday_sense_words(words: list[str]) -> set[int]:
    """The indices of the words inside an everyday sense of a medical word (EVERYDAY_SENSES)."""
    text = " ".join(words)
    spans = [found.span() for sense in EVERYDAY_SENSES for found in sense.finditer(text)]
    if not spans:
        return set()
    inside: set[int] = set()
    position = 0
    for index, word in enumerate(words):
        end = position + len(word)
        if any(a <= position and end <= b for a, b in spans):
            inside.add(index)
        position = end + 1
    return inside


def _asks_how_a_word_is_said(words: list[str]) -> bool:
    """Whether a short message asks only how a word is said or spelt (see WORD_QUESTION_WORDS)."""
    return (
        len(words) <= WORD_QUESTION_WORDS
        and not any(word in _ASKER_WORDS for word in words)
        and bool(_HOW_A_WORD_IS_SAID.search(" ".join(words)))
    )


def _domain_not_taken(stems: list[str]) -> bool:
    """Whether the article's words are learnt about or soaked up here (NOT_TAKEN_CONTEXT)."""
    if any(word in NOT_TAKEN_CONTEXT for word in stems):
        return True
    return _NOT_TAKEN_PHRASE.search(" ".join(stems)) is not None


def _animal_without_substance(stems: list[str]) -> bool:
    """Whether a question is about an animal and names nothing taken (see ANIMAL_WORDS)."""
    animal = any(
        word in ANIMAL_WORDS or word in ANIMAL_EXACT or word.startswith(ANIMAL_PREFIXES)
        for word in stems
    )
    return animal and not any(
        word in SUBSTANCE_WORDS or word.startswith(SUBSTANCE_PREFIXES) for word in stems
    )


def _take_in_another_sense(stems: list[str], index: int) -> bool:
    """Whether the word at `index` is "take" meaning anything but swallowing.

    "take up chess", "take a photo", "snacks to take along", "how long does it take".
    """
    if stems[index] not in TAKE_WORDS:
        return False
    if index > 0 and stems[index - 1] == "it":
        return True
    if index + 1 >= len(stems):
        return False
    following = stems[index + 1]
    if following in TAKE_ELSEWHERE:
        return True
    # "take the kids to the zoo", "take my daughter along": someone taken somewhere.
    if following in _CARRY_DETERMINERS and any(
        word in TAKE_ELSEWHERE for word in stems[index + 2 : index + 5]
    ):
        return True
    if following in NOT_SWALLOWING_AFTER_TAKE:
        return True
    return (
        following in ("a", "an")
        and index + 2 < len(stems)
        and stems[index + 2] in NOT_SWALLOWED_NOUNS
    )


def latin_read_as_russian(
    words: list[str], normalizer: Folds, *, mixed: bool = False
) -> tuple[list[str], frozenset[int]] | None:
    """A Latin message's words read in Cyrillic, and which of them tell it is Russian.

    A word tells when it is clearly Russian: its Cyrillic reading is a common Russian word
    (TRANSLIT_RUSSIAN_ZIPF), commoner by TRANSLIT_MARGIN than the word is in English
    ("skolko", "beremennym"; not "pit" or "den"). Beside TRANSLIT_MIN_WORDS such words, a
    word no English word at all (Zipf under UNENGLISH_ZIPF) tells too, read letter by
    letter when no Russian word form is listed ("kormyashchaya", "ksarelto"). None when a
    word is in another script or none tells. Words with figures ("k2") stay as they are; a
    reading is folded as triggers are ("витамин" is "vitamin"), word by word so the
    positions hold.

    Args:
        words: a normalised message's words.
        normalizer: folds the readings as triggers were folded.
        mixed: whether a message already read as Russian but for some words is read too
            ("ya kormyashchaya mama" is read "я kormyashchaya мама"): its Latin words
            that are Russian or no English words tell, the others stay as they are.
    """
    if not all(word.isascii() for word in words):
        if not mixed or not any(is_cyrillic(word) for word in words):
            return None
        read = [_cyrillic_reading(word) if word.isascii() else ("", _NOTHING) for word in words]
        clearly = {index for index, (_, kind) in enumerate(read) if kind != _NOTHING}
    else:
        read = [_cyrillic_reading(word) for word in words]
        clearly = {index for index, (_, kind) in enumerate(read) if kind == _CLEARLY_RUSSIAN}
    if not clearly:
        return None
    if len(clearly) >= TRANSLIT_MIN_WORDS:
        clearly.update(index for index, (_, kind) in enumerate(read) if kind == _NO_ENGLISH)
    readings = []
    for word, (reading, _) in zip(words, read, strict=True):
        folded = normalizer.normalize(reading) if reading else ""
        readings.append(folded if folded and " " not in folded else reading or word)
    return readings, frozenset(clearly)


# What a Latin word says of a message being Russian (see `latin_read_as_russian`).
_CLEARLY_RUSSIAN, _NO_ENGLISH, _NOTHING = 2, 1, 0
# A word rarer than this in English is no English word ("kormyashchaya", "ksarelto").
UNENGLISH_ZIPF = 1.5


@functools.lru_cache(maxsize=65_536)
def _cyrillic_reading(word: str) -> tuple[str, int]:
    """A Latin word's likeliest Cyrillic reading ("" if none), and what it says.

    See `latin_read_as_russian`: "skolko" is clearly Russian, "kormyashchaya" no English
    word, "pit" nothing.
    """
    if not word.isalpha() or zipf(word) >= ALWAYS_ENGLISH_ZIPF:
        return "", _NOTHING  # "the", "what" are never Russian; "k2" is kept as it is
    reading, frequency = russian_reading(word)
    in_english = zipf(word)
    if (
        reading
        and len(word) > 1
        and frequency >= TRANSLIT_RUSSIAN_ZIPF
        and frequency >= in_english + TRANSLIT_MARGIN
    ):
        return reading, _CLEARLY_RUSSIAN
    if in_english < UNENGLISH_ZIPF and len(word) > MIN_PREFIX:
        return reading or _transliterations(word, soft_signs=False)[0], _NO_ENGLISH
    return reading, _NOTHING


class TriggerLanguages:
    """Which languages' safety triggers a question holds: the referral's language.

    Each language's triggers are read with its own reduction (see `word_reducer`). The
    base language's triggers count too: an English "k2 and dialysis" also holds the French
    "dialys*", and must not be referred in French for it.
    """

    def __init__(
        self, content: Content, normalizer: Normalizer, *, reader: TriggerReader | None = None
    ) -> None:
        """Read, per language (the base one included), the safety triggers written in it.

        Args:
            content: the intents.
            normalizer: the matcher's, so triggers and questions fold alike.
            reader: a reader of the same safety intents with the same normaliser (see
                `SafetyTriggers.reader`), so triggers are not read again; ignored when
                they differ.
        """
        per_language: dict[str, tuple[list[str], list[str]]] = {}
        # Each language's expression, compiled on the first count: most questions need
        # none, so a start or a reload does not wait for them.
        self._sources: list[tuple[str, str, _Reading]] = []
        self._compiled_languages: list[tuple[re.Pattern[str], str, _Reading]] | None = None
        self._normalizer = normalizer
        readings: dict[str, _Reading] = {}
        safety = content.of_kind(Kind.SAFETY)
        if reader is None or not reader.reads(safety, normalizer):
            reader = TriggerReader(safety, normalizer)
        folding = reader.folding
        if not any(intent.translations for intent in safety):
            return  # one language: nothing to tell apart
        # The base list holds a few other languages' words too ("enfant"): a trigger
        # that exactly one other language lists is that language's word, and says nothing
        # for the base language; one several list is international ("coumadin", "dose").
        listed_by: dict[str, set[str]] = {}
        for intent in safety:
            for translation in intent.translations:
                for trigger in translation.triggers:
                    listed_by.setdefault(folding.normalize(trigger), set()).add(
                        translation.language
                    )
        for intent in safety:
            for language, triggers in _triggers_by_language(intent):
                if language == BASE_LANGUAGE:
                    triggers = tuple(
                        t
                        for t in triggers
                        if len(listed_by.get(folding.normalize(t.lstrip("!?")), ())) != 1
                    )
                key, reading = _reading(language, readings)
                alternatives, unspaced = per_language.setdefault(language, ([], []))
                for trigger in triggers:
                    for spelling in _spellings(trigger):
                        read = reader.read(spelling, key, reading)
                        if read is None:
                            continue
                        if _UNSPACED.search(spelling):
                            unspaced.append(_unspaced_gaps(read[0]))
                        else:
                            alternatives.append(read[0])
        for language, (alternatives, unspaced) in per_language.items():
            pattern = _alternation(alternatives, unspaced)
            if pattern is not None:
                self._sources.append((pattern, language, _reading(language, readings)[1]))
        reader.release()  # the readings are in the expressions now

    def __bool__(self) -> bool:
        return bool(self._sources)

    def warm_up(self) -> None:
        """Compile each language's expression now rather than on the first count."""
        _ = self._languages

    @property
    def compiled(self) -> bool:
        """Whether each language's expression is compiled (by `warm_up` or a count)."""
        return self._compiled_languages is not None

    @property
    def _languages(self) -> list[tuple[re.Pattern[str], str, _Reading]]:
        compiled = self._compiled_languages
        if compiled is None:
            # Two threads may compile at once; either list will do.
            compiled = [(re.compile(p), language, r) for p, language, r in self._sources]
            self._compiled_languages = compiled
        return compiled

    def count(self, words: list[str]) -> dict[str, float]:
        """How many triggers of each language the normalised words hold (none: absent).

        Another language's trigger found only on words a base-language trigger holds
        ("dialysis" for the French "dialys*", "dose") counts half for it: the base
        language wins on such words alone, and a second trigger of its own still tells.
        """
        haystacks: dict[int, str] = {}
        spans: dict[str, list[frozenset[int]]] = {}
        for pattern, language, reading in self._languages:
            haystack = haystacks.get(id(reading))
            if haystack is None:
                haystack = haystacks[id(reading)] = " ".join(reading.reduce(w) for w in words)
            found = [_word_span(haystack, m) for m in pattern.finditer(haystack)]
            if reading.elided and language in ELIDING_LANGUAGES:
                # Also with the French and Italian elided articles read off ("lanesthesie").
                key = -id(reading)
                bare = haystacks.get(key)
                if bare is None:
                    bare = haystacks[key] = " ".join(map(_without_elision, haystack.split(" ")))
                if bare != haystack:
                    found += [
                        span
                        for span in (_word_span(bare, m) for m in pattern.finditer(bare))
                        if span not in found
                    ]
            if found:
                spans[language] = found
        if RUSSIAN not in spans:
            # Russian typed in Latin letters, read in Cyrillic (see `latin_read_as_russian`).
            read = latin_read_as_russian(words, self._normalizer)
            russian = next((entry for entry in self._languages if entry[1] == RUSSIAN), None)
            if read is not None and russian is not None:
                cyrillic, clearly_russian = read
                pattern, _, reading = russian
                haystack = " ".join(reading.reduce(w) for w in cyrillic)
                found = [_word_span(haystack, m) for m in pattern.finditer(haystack)]
                found = [span for span in found if span & clearly_russian]
                if found:
                    spans[RUSSIAN] = found
        base = frozenset().union(*spans.get(BASE_LANGUAGE, []))
        hits: dict[str, float] = {}
        for language, found in spans.items():
            shared = 0 if language == BASE_LANGUAGE else sum(span <= base for span in found)
            hits[language] = len(found) - shared / 2
        return hits


def _unspaced_gaps(expression: str) -> str:
    """A trigger in a script written without spaces, its `...` as up to GAP_LETTERS letters.

    "胸口 ... 痛" covers "胸口痛" and "胸口一阵一阵地疼": there, a word is a letter or two.
    """
    return expression.replace(f" {_GAP}", rf"\S{{0,{GAP_LETTERS}}}")


@functools.lru_cache(maxsize=65_536)
def _elision(word: str) -> int:
    """How many letters of an elided article are glued onto a typed word (0: none)."""
    elided = _ELIDED.match(word)
    if elided is None or len(word) - elided.end() < ELIDED_WORD:
        return 0
    return elided.end()


def _without_elision(word: str) -> str:
    """A typed word without the elided article glued onto it ("dellintervento")."""
    return word[_elision(word) :]


def _word_span(haystack: str, found: re.Match[str]) -> frozenset[int]:
    """The positions of the words a match covers, in a haystack of words joined by spaces."""
    first = haystack.count(" ", 0, found.start())
    return frozenset(range(first, first + found.group().strip().count(" ") + 1))


def _group_order(key: _Place) -> tuple[str, str, str, int, str, bool]:
    reading, kind, start, tier, intent_id, everyday = key
    return (reading, kind, "" if start is None else ":".join(start), -tier, intent_id, everyday)


def _overlapping(expression: re.Pattern[str], haystack: str) -> list[re.Match[str]]:
    """Every match of `expression`, overlapping ones too (in-word triggers)."""
    found = []
    position = 0
    while (match := expression.search(haystack, position)) is not None:
        found.append(match)
        position = match.start() + 1
    return found


def _alternation(alternatives: list[str], unspaced: list[str]) -> str | None:
    """One expression for whole-word triggers and in-word (unspaced script) triggers."""
    if not alternatives and not unspaced:
        return None
    # Longest first, so a phrase is preferred to a word it starts with.
    alternatives = sorted(set(alternatives), key=len, reverse=True)
    unspaced = sorted(set(unspaced), key=len, reverse=True)
    parts = []
    if alternatives:
        parts.append(rf"(?<!\S)(?:{'|'.join(alternatives)})(?!\S)")
    if unspaced:
        parts.append(f"(?:{'|'.join(unspaced)})")
    return "|".join(parts)


def is_everyday(trigger: str) -> bool:
    """Whether a trigger is marked an everyday word of its language ("~операция")."""
    return trigger.lstrip().startswith(EVERYDAY_MARK)


def trigger_tier(trigger: str) -> int:
    """A trigger's tier: URGENT ("!chest pain"), GENERAL ("?should i take it") or PLAIN."""
    written = trigger.lstrip().lstrip(EVERYDAY_MARK).lstrip()
    if written.startswith(URGENT_MARK):
        return URGENT
    return GENERAL if written.startswith(GENERAL_MARK) else PLAIN


class _Memo:
    """A normaliser that remembers what it folded (triggers repeat words and families)."""

    def __init__(self, normalizer: Normalizer) -> None:
        self._normalizer = normalizer
        self._folded: dict[str, str] = {}

    def normalize(self, text: str) -> str:
        """The normaliser's reading of `text`."""
        folded = self._folded.get(text)
        if folded is None:
            # A trigger is in its own language's letters: never read as transliteration.
            folded = self._folded[text] = self._normalizer.normalize(text, transliterated=False)
        return folded


_Read = tuple[str, list[_Start]] | None


class TriggerReader:
    """The safety intents' triggers, each spelling read once per word reduction.

    A responder's two matchers (its base language's and every language's) and its
    `TriggerLanguages` read the same triggers with the same normaliser: sharing one reader
    spares reading them three times. With a `cache`, the readings of many triggers (as
    many as the shipped content's) are also kept between starts and reloads, keyed by the
    code that reads them and the synonyms: a start reads only the triggers it has not met.

    Args:
        safety: the safety intents whose triggers are read.
        normalizer: folds triggers as questions are folded.
        cache: where readings are kept (see `ContentCache.derived`); None: nowhere.
    """

    def __init__(
        self,
        safety: tuple[Intent, ...],
        normalizer: Normalizer,
        *,
        cache: ContentCache | None = None,
    ) -> None:
        self.safety = safety
        self.normalizer = normalizer
        self.folding = _Memo(normalizer)
        self._read: dict[tuple[str, str], _Read] = {}
        self._used: set[tuple[str, str]] = set()
        self._fresh = 0
        self._cache: ContentCache | None = None
        self._key = ""
        # Whether what the cache keeps is in `_read` (it is let go once kept, see `keep`).
        self._loaded = False
        if cache is not None and sum(len(i.all_triggers) for i in safety) >= KEPT_TRIGGERS:
            self._cache, self._key = cache, _readings_key(normalizer)
            self._load()

    def _load(self) -> None:
        self._loaded = True
        kept = self._cache.derived(KEPT_NAME, self._key) if self._cache is not None else None
        if kept is not None:
            self._read.update(_decoded_readings(kept))

    def reads(self, safety: tuple[Intent, ...], normalizer: Normalizer) -> bool:
        """Whether this reader reads exactly these intents (the same objects) so folded."""
        return (
            normalizer is self.normalizer
            and len(safety) == len(self.safety)
            and all(mine is theirs for mine, theirs in zip(self.safety, safety, strict=True))
        )

    def read(self, spelling: str, key: str, reading: _Reading) -> _Read:
        """`_read_trigger` of one spelling with the reduction named `key` (remembered)."""
        found = self._read.get((key, spelling), _UNREAD)
        if found is _UNREAD and not self._loaded:
            self._load()
            found = self._read.get((key, spelling), _UNREAD)
        if found is _UNREAD:
            found = _read_trigger(spelling, self.folding, reading.reduce, reading.fold_part)
            self._read[key, spelling] = found
            self._fresh += 1
        self._used.add((key, spelling))
        return found  # type: ignore[return-value]

    def keep(self) -> None:
        """Keep the readings used so far in the cache, if any are new or some went unused.

        Then they are let go (about 1 MB for the shipped triggers): a later reader (the
        first referral's `TriggerLanguages`) loads them from the cache again.
        """
        if self._cache is None:
            return
        kept = not self._fresh and len(self._used) == len(self._read)
        if not kept:
            used = {
                f"{key}\0{spelling}": self._read[key, spelling]
                for key, spelling in sorted(self._used)
            }
            kept = self._cache.keep_derived(KEPT_NAME, self._key, used)
        if kept:
            self.release()

    def release(self) -> None:
        """Let the readings go from memory when the cache keeps them (loaded again if read)."""
        if self._cache is not None:
            self._read.clear()
            self._used.clear()
            self._fresh, self._loaded = 0, False


_UNREAD = object()
# The characters a word most often starts with (and "" and a space, for an empty word):
# `SafetyTriggers.warm_up` works out what may start at each before any question.
WARM_CHARACTERS = ("", " ", *"abcdefghijklmnopqrstuvwxyz0123456789абвгдежзийклмнопрстуфхцчшщыэюя")
# Readings are kept between starts for content with at least this many triggers: reading
# the shipped content's takes about 70 ms, a test's handful nothing worth a file.
KEPT_TRIGGERS = 1_000
KEPT_NAME = "safety-triggers"


def _readings_key(normalizer: Normalizer) -> str:
    """What readings depend on: the reading code, this module, Python's `re`, the synonyms."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(Path(__file__).read_bytes())
    digest.update(sys.version.encode())
    digest.update(json.dumps(list(normalizer.synonyms.items()), ensure_ascii=False).encode())
    return digest.hexdigest()


def _decoded_readings(kept: dict[str, Any]) -> dict[tuple[str, str], _Read]:
    """Readings as `TriggerReader.keep` stored them; {} when anything is out of shape."""
    readings: dict[tuple[str, str], _Read] = {}
    for name, value in kept.items():
        key, _, spelling = name.partition("\0")
        if value is None:
            readings[key, spelling] = None
            continue
        if not isinstance(value, list) or len(value) != 2:
            return {}
        expression, starts = value
        if not isinstance(expression, str) or not isinstance(starts, list):
            return {}
        decoded: list[_Start] = []
        for start in starts:
            if start is None:
                decoded.append(None)
            elif (
                isinstance(start, list)
                and len(start) == 2
                and all(isinstance(part, str) for part in start)
            ):
                decoded.append((start[0], start[1]))
            else:
                return {}
        readings[key, spelling] = (expression, decoded)
    return readings


def _plain_words(expression: str) -> list[str]:
    """The literal words of a trigger expression, for typo correction."""
    # A word ending ("*xaban") is no word to correct a typo towards.
    expression = _ENDING_LOOK.sub(" ", expression)
    return re.findall(r"[^\W\d_]+", expression.replace(r"\S", " "))


def specificity(
    matched: str,
    neutral: frozenset[str] = frozenset(),
    rarity_of: Callable[[str], float] | None = None,
) -> float:
    """How specific a matched trigger is: the sum of its words' rarity in general English.

    Rarity is Zipf points below COMMON_ZIPF, each at most MAX_WORD_RARITY, so
    "levothyroxine" outweighs "every morning" and "trying for a baby" outweighs "baby".
    Words in `neutral` count nothing.

    Args:
        matched: the words a trigger matched, reduced.
        neutral: words that count nothing.
        rarity_of: a word's rarity (`rarity` when None).
    """
    weigh = rarity if rarity_of is None else rarity_of
    # A number says nothing about which referral a question needs ("warfarin 5mg").
    return sum(weigh(w) for w in matched.split() if w not in neutral and not _DIGIT.search(w))


def _english_rarity(word: str) -> float:
    """How rare a word is in general English, whatever its script."""
    return rarity(word, english_zipf)


def _rarity_read_as_english_too(word: str) -> float:
    """A word's rarity, but no more than that of its English stem in general English."""
    return min(rarity(word), _english_rarity(_english_stem(word)))


def _english_rarity_too(word: str) -> float:
    """How rare a word is in general English, as written or as an English stem."""
    return min(_english_rarity(word), _english_rarity(_english_stem(word)))


def rarity(word: str, frequency_of: Callable[[str], float] = zipf) -> float:
    """How rare a word is: Zipf points below COMMON_ZIPF, capped.

    Args:
        word: a reduced word.
        frequency_of: its Zipf figure; by default in its own language (a Cyrillic word in
            Russian, any other in English).
    """
    # wordfreq lists numbers with their digits as zeros ("20mg" as "00mg").
    frequency = frequency_of(_DIGIT.sub("0", word))
    if word.endswith("nt") and len(word) > 3:
        # Folding drops apostrophes: "shouldnt" is as everyday as "shouldn't" (wordfreq
        # lists it rarely), so "who shouldnt" is not rare enough to route on its own.
        frequency = max(frequency, frequency_of(f"{word[:-2]}n't"))
    return min(max(COMMON_ZIPF - frequency, 0.0), MAX_WORD_RARITY)


def trigger_expression(
    trigger: str,
    normalizer: Folds,
    reduce: Callable[[str], str] = stem,
    fold_part: Callable[[str], str] = _unchanged,
) -> str | None:
    """A regular expression for one trigger over reduced words (None if it has no words).

    Args:
        trigger: the trigger as written in the YAML.
        normalizer: folds it as questions are folded.
        reduce: how its language's words are reduced (`stem` for English and Russian).
        fold_part: how a prefix ("вагітн*") or part of a word is folded to meet the
            reduced words.
    """
    read = _read_trigger(trigger, normalizer, reduce, fold_part)
    return None if read is None else read[0]


def _read_trigger(
    trigger: str,
    normalizer: Folds,
    reduce: Callable[[str], str],
    fold_part: Callable[[str], str],
) -> tuple[str, list[_Start]] | None:
    """A trigger's expression, and where in a question it can start (see `_Start`)."""
    families: list[list[str]] = []

    def hold(found: re.Match[str]) -> str:
        families.append(found.group(1).split("|"))
        return f"\x00{len(families) - 1}\x00"

    body = _FAMILY.sub(hold, trigger.strip().lstrip(URGENT_MARK + GENERAL_MARK + EVERYDAY_MARK))
    body = _END.sub(" $", body)
    anchored = body.startswith(START_MARK)
    body = body.removeprefix(START_MARK)
    words: list[str] = []
    starts: list[_Start] | None = None
    for raw in body.split():
        if raw == GAP_MARK:
            if words and words[-1] != _GAP_JOINT:
                words.append(_GAP_JOINT)  # a gap before the first part would say nothing
            continue
        family = _SLOT.fullmatch(raw)
        if family is not None and family.group(3) is not None:
            # A family alone is words or phrases, reduced like the question's.
            choices = [
                _phrase(choice, normalizer, reduce, fold_part)
                for choice in families[int(family.group(3))]
            ]
            texts = sorted({text for text, _ in choices if text}, key=len, reverse=True)
            if not texts:
                continue
            word = "(?:" + "|".join(texts) + ")"
            word_starts: list[_Start] = [start for _, start in choices]
            if not all(text for text, _ in choices):
                word_starts = [None]  # a choice of no words: the next word may start it
        else:
            found = _word(raw, families, normalizer, reduce, fold_part)
            if found is None:
                continue
            word, start = found
            word_starts = [start]
        words.append(word)
        if starts is None and word != "$":
            starts = word_starts
    # Nor after the last one.
    words = [w for at, w in enumerate(words) if w != _GAP_JOINT or words[at + 1 :][:1] != ["$"]]
    while words and words[-1] == _GAP_JOINT:
        words.pop()
    if not any(w not in _WILDCARDS for w in words):
        return None  # a trigger of wildcards alone would catch every question
    expression = " ".join(words).replace(f" {_GAP_JOINT} ", f" {_GAP}").replace(" $", "$")
    if anchored:
        # A match is tried at a word's position: `^` there holds only at the question's start.
        expression = "^" + expression
    return expression, sorted(set(starts or [None]), key=lambda s: ("",) if s is None else s)


def _phrase(
    choice: str,
    normalizer: Folds,
    reduce: Callable[[str], str],
    fold_part: Callable[[str], str],
) -> tuple[str, _Start]:
    """One choice of a family alone ("b c" in "(a|b c)"): its expression and start."""
    if "*" not in choice:
        # Folded whole, so a multi-word synonym inside a family is rewritten as in questions.
        reduced = [reduce(w) for w in normalizer.normalize(choice).split()]
        if not reduced:
            return "", None
        return re.escape(" ".join(reduced)), (WORD, reduced[0])
    parts = [_word(raw, [], normalizer, reduce, fold_part) for raw in choice.split()]
    present = [part for part in parts if part is not None]
    if not present:
        return "", None
    return " ".join(text for text, _ in present), present[0][1]


def _word(
    raw: str,
    families: list[list[str]],
    normalizer: Folds,
    reduce: Callable[[str], str],
    fold_part: Callable[[str], str],
) -> tuple[str, _Start] | None:
    """The expression for one written word of a trigger and where it starts (None: no words)."""
    if raw == "*":
        return _ANY_WORD, None
    if raw == "$":
        return "$", None
    if raw.startswith("*") and len(raw) > 1 and "*" not in raw[1:]:
        return _ending(raw[1:], families, normalizer, fold_part)
    if raw.endswith("*") and "*" not in raw[:-1]:
        prefix = fold_part("".join(normalizer.normalize(raw[:-1]).split()))
        if len(prefix) >= MIN_PREFIX and not _SLOT.search(raw):
            return re.escape(prefix) + r"\S*", (START, prefix[:MIN_PREFIX])
        raw = raw[:-1]
    pieces = []
    position = 0
    for slot in _SLOT.finditer(raw):
        pieces.append(_literal(raw[position : slot.start()], normalizer, fold_part))
        if slot.group(3) is not None:
            # A family next to other characters ("#(mcg|mg)") is part of a word, folded only.
            pieces.append(_in_word_choices(families[int(slot.group(3))], normalizer, fold_part))
        elif slot.group(1) is None:
            pieces.append(r"\d+")
        else:
            low, high = int(slot.group(1)), int(slot.group(2))
            pieces.append(_number_range(low, high))
        position = slot.end()
    if position == 0:
        reduced = [reduce(w) for w in normalizer.normalize(raw).split()]
        if not reduced:
            return None
        return re.escape(" ".join(reduced)), (WORD, reduced[0])
    pieces.append(_literal(raw[position:], normalizer, fold_part))
    return "".join(pieces), None


def _ending(
    written: str, families: list[list[str]], normalizer: Folds, fold_part: Callable[[str], str]
) -> tuple[str, _Start] | None:
    """A word ending so ("*xaban", "*(xaban|parin)"): a class of words named by their ending.

    Medicines are named by stems that say their class (apixaban and rivaroxaban end in
    "xaban", metoprolol and bisoprolol in "olol"): one trigger covers a class, names never
    written down included. At least ENDING_STEM letters must come before the ending, so
    "*pril" is lisinopril and ramipril but not "april".
    """
    family = _SLOT.fullmatch(written)
    if family is not None and family.group(3) is not None:
        choices = families[int(family.group(3))]
    elif not _SLOT.search(written):
        choices = [written]
    else:
        return None
    endings = {fold_part("".join(normalizer.normalize(choice).split())) for choice in choices}
    endings.discard("")
    if not endings:
        return None
    by_length: dict[int, list[str]] = {}
    for ending in sorted(endings):
        by_length.setdefault(len(ending), []).append(re.escape(ending))
    looks = "|".join(
        rf"(?<={_LETTER}{{{ENDING_STEM}}}(?:{'|'.join(same)}))"
        for _, same in sorted(by_length.items())
    )
    return rf"{_ENDING_WORD}(?:{looks})", None


def _in_word_choices(choices: list[str], normalizer: Folds, fold_part: Callable[[str], str]) -> str:
    """An expression for a family that is part of a word: any one of its folded choices."""
    texts = {fold_part("".join(normalizer.normalize(choice).split())) for choice in choices}
    texts.discard("")
    ordered = sorted(texts, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(text) for text in ordered) + ")"


def _literal(text: str, normalizer: Folds, fold_part: Callable[[str], str]) -> str:
    """Part of a word next to a number slot, folded but not reduced or split."""
    return re.escape(fold_part("".join(normalizer.normalize(text).split())))


def _number_range(low: int, high: int) -> str:
    """A compact regular expression for the whole numbers low..high (no leading zeros)."""
    parts: list[str] = []
    for length in range(len(str(low)), len(str(high)) + 1):
        start = max(low, 10 ** (length - 1) if length > 1 else 0)
        end = min(high, 10**length - 1)
        if start <= end:
            parts.extend(_same_length(str(start), str(end)))
    return "(?:" + "|".join(parts) + ")"


def _same_length(low: str, high: str) -> list[str]:
    """Alternatives matching every number from low to high, both of one length."""
    if low == high:
        return [low]
    if len(low) == 1:
        return [f"[{low}-{high}]"]
    if low[0] == high[0]:
        return [low[0] + rest for rest in _group(_same_length(low[1:], high[1:]))]
    rest = len(low) - 1
    parts = [low[0] + tail for tail in _group(_same_length(low[1:], "9" * rest))]
    first, last = int(low[0]) + 1, int(high[0]) - 1
    if first <= last:
        parts.append(f"[{first}-{last}]" + r"\d" * rest)
    parts.extend(high[0] + tail for tail in _group(_same_length("0" * rest, high[1:])))
    return parts


def _group(alternatives: list[str]) -> list[str]:
    return alternatives if len(alternatives) == 1 else ["(?:" + "|".join(alternatives) + ")"]
