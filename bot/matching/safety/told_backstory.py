"""Back-story told in statements: what the asker takes, said around a question of the article.

Web posts tell the asker's habits and circumstances, then ask: "I take 2000 IU of D3 every
winter. What are the different forms of K2?", "Had antibiotics last month. Is it true gut
bacteria make K2?". The amount or the medicine is told in a statement and the question
asks nothing about it: the article answers the question, and a referral would answer the
back-story. So a dose told as an amount or a frequency ("2000 iu", "90mcg", "mk7 daily";
not "upped my dose", "took it twice", nor ten pills or more), or a medicine that does not
act on clotting (`_interacting`), told only in statements, is dropped when:

* the question names the article's domain, or points back at K2 named before ("what are
  the forms of it"): a bare "related?" asks about the statements;
* the question holds no trigger of its own (a risk asked is a risk: "is 90mcg too much?");
* it asks nothing about taking, amounts, safety or advice (`_asks_about_taking`,
  `_ADVICE_ASKED`: "should I", "is it ok", "is mk7 alright", "how much", "enough",
  "what happens") and does not judge what was told ("is that crazy high": `_JUDGED`);
* the statements neither ask nor doubt ("not sure it's safe to add k2") nor tell a
  symptom ("now getting headaches");
* after a medicine, the question asks nothing about K2 with it (`_COMBINING_ASKED`: "with
  it", "together", "compatible", "affect"), about the asker ("my bones") or about what
  blood thinners act on ("clot risk"), and the medicine's own sentence does not take K2
  with it ("synthroid and k2 together").

Never dropped: an urgent trigger; a referral other than the dose or medicines one
(pregnancy, a child, kidneys, surgery, a condition); a blood thinner, a bleeding or
clotting disorder, a stroke or the heart, cancer treatment or a transplant, named in the
hit or in its sentence (vitamin K acts on clotting: anyone on those is referred whatever
they ask); anything when the message has no question. Where the sentences, normalised one
by one, are not the message's words, nothing is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

from bot.matching.safety.backstory import _asks_about_taking
from bot.matching.safety.context import ADULT_RELATIVES, UNIT_WORDS, _stems
from bot.matching.safety.expressions import _DIGIT, GENERAL, URGENT
from bot.matching.safety.readings import _Hit

# The referrals a statement's back-story may be: an amount taken, or a medicine.
DOSE_REFERRAL = "safety_dose"
MEDICINES_REFERRAL = "safety_medicines"

# Where a message's sentences end: end punctuation before a space, or a line break. A
# decimal point ("2.5 mg") or a web address ends none.
_SENTENCE_END = re.compile(r"(?<=[.!?;…])\s+|\s*\n\s*")
# Where a sentence's clauses start: a comma, colon or dash between words ("I take 2000 IU
# every winter, what are the forms?"; "Vitamin K2: MK-4 vs MK-7, which form...").
_CLAUSE_END = re.compile(r"\s*[,:]\s+|\s+[-–—]+\s+")
# The words a sentence that asks opens with, after a filler (`_FILLERS`), once normalised:
# English, Russian, German and Spanish question words and verbs that open a question.
_QUESTION_OPENERS = frozenset(
    "what whats how hows why where wheres which who whos whose when does do did is are was "
    "were can could should will would has have may might shall isnt arent doesnt dont didnt "
    "cant wont wouldnt couldnt shouldnt hasnt havent "
    "что какой какая какое какие как почему зачем где откуда когда кто сколько правда разве "
    "неужели ли чем чего для "
    "was wie warum wieso weshalb wo woher wann wer welche welcher welches ist sind kann "
    "konnen darf hilft gibt macht stimmt "
    "que como por donde de cual cuales quien cuando es son puede ayuda sirve hay".split()
)
_FILLERS = frozenset(
    "so and but ok okay also now then well hey hi hello anyway anyways just quick question "
    "one random thought q ps edit pls please и а но так ну und aber also y pero entonces".split()
)
# A clause opening so is a condition or a time, not back-story ("if i take 200mcg daily,
# what happens?").
_CONDITIONS = frozenset(
    "if when whenever while unless suppose supposing assuming say what whatif если когда "
    "wenn falls si cuando".split()
)
# The words of a dose trigger that say only an amount or how often something is taken
# ("2000 iu", "90mcg", "mk7 daily", "once a week", "al dia"); numbers count too. "took",
# "again", "extra", "too", "max", "dose" are not here: an extra, a double or a changed dose
# ("upped my dose"), too much or the most one may take is a risk however it is told.
_AMOUNT_WORDS = UNIT_WORDS | _stems(
    "μg µg ug mcg iu ui мкг мг ме day days daily everyday morning mornings night nights week "
    "weeks weekly month months once a an per every each of my the time times other k2 mk7 "
    "mk4 vitamin d3 d k capsule capsules cap caps pill pills tablet tablets supplement supplements "
    "softgel softgels gummy gummies drop drops tab tabs take takes taking "
    "al dia diario diaria por cada taglich tag jeden pro в день ден сутки ежедневно каждый "
    "кажд раз"
)
# Pills, capsules and the like (the normaliser reads most as "supplement"): a count of
# them above MOST_PILLS_TOLD a day is no habit to pass over.
_PILL_WORDS = _stems(
    "supplement supplements capsule capsules cap caps pill pills tablet tablets tab tabs "
    "softgel softgels gummy gummies"
)
MOST_PILLS_TOLD = 9
# Words of a medicine trigger that keep it whatever the question asks: blood thinners and
# what they are taken for (clots, strokes, the heart, valves and stents), and treatments
# no supplement is added to without the specialist (cancer, transplants). A word is such
# when it is one of `_INTERACTING_WORDS`, begins with one of `_INTERACTING_STARTS` (a
# misspelling the typo reading mended, another language's inflection) or ends with one of
# `_INTERACTING_ENDINGS` (the classes the triggers name by ending: "*xaban", "*parin").
_INTERACTING_WORDS = frozenset(
    "tia inr thin thins thinner thinners thinning dvt afib fib pe".split()
)
_INTERACTING_STARTS = (
    *"warfar coumad coumar cumad marcum marcoum sintrom marevan jantoven falithrom coagul".split(),
    *"anticoag antico clot bleed bruis blood aspirin eliquis eloquis elequis xarelto".split(),
    *"xeralto xarleto zarelto pradaxa plavix clexane lovenox fragmin brilinta effient".split(),
    *"lixiana savaysa arixtra bevyxxa aggrenox dipyridamol cilostazol ticlopidin".split(),
    *"vorapaxar fondaparinux doac noac stroke heart thromb embol valve stent cardi".split(),
    *"chemo cancer oncolog radiat radiother immunother transplant reject tamoxifen".split(),
    *"blut gerinn sangre варфар антикоаг разжиж кров ксарелт эликвис прадакс".split(),
    *"клопидогр плавикс гепарин синкумар маркумар кардиомагн инсульт инфаркт".split(),
)
_INTERACTING_ENDINGS = tuple(
    "xaban parin gatran dogrel sugrel grelor coumarol tinib platin rubicin taxel trexate "
    "trozole mab".split()
)


def _interacting(word: str) -> bool:
    """Whether a word names a blood thinner, what it is for, or a specialist's treatment."""
    return (
        word in _INTERACTING_WORDS
        or word.startswith(_INTERACTING_STARTS)
        or word.endswith(_INTERACTING_ENDINGS)
    )


# A question asking for advice to the asker, or what their amount does: "is that enough",
# "what happens", "would you recommend", "side effects", "for me", "do i need".
_ADVICE_ASKED = re.compile(
    r"\b(?:enough|happen\S*|recommend\S*|advice|advis\S*|suggest\S*|side effect\S*|worr\S*"
    r"|concern\S*|danger\S*|toxic\S*|need|needs|needed"
    r"|personally|in my case|for someone like)\b"
    # "is mk7 ok", "is k2 alright": whether it is fine to take ("ok so..." opens a question).
    r"|(?<=\S )(?:ok|okay|alright|fine)\b"
)
# A question weighing what the statements told ("is that a problem", "is that crazy high",
# "is this normal"): a word pointing back and a judgement. "Too" judges only before what
# it qualifies ("is that too much"); last in the question it means "also" ("the study
# slowed bone loss. does it help bone strength too?").
_POINTING_BACK = _stems("that this these those it")
_JUDGED = re.compile(
    r"\b(?:problem\S*|issue\S*|crazy|high|higher|normal|excessive|overkill|a lot|lot"
    r"|reasonable|sensible|wise|healthy|correct|wrong|weird|strange|fine|alright|ok|okay"
    r"|good idea|bad idea|smart|stupid|dumb|silly|overdoing|too(?= \S))\b"
)
# After a medicine: a question about K2 together with it ("does k2 work with it", "can
# they be taken together", "while on it", "does it affect").
_COMBINING_ASKED = re.compile(
    r"\b(?:with (?:it|them|that|this|those|these|my|his|her|their|our|the)|alongside|together"
    r"|combin\S*|mix\S*|along with|plus|on top|while|whilst|during|same time|affect\S*"
    r"|interfer\S*|interact\S*|cancel\S*|block\S*|counteract\S*|clash\S*|conflict\S*"
    r"|react\S*|absorb\S*|absorption|apart|spac\S*|separat\S*|gap|timing|hours|compatib\S*"
    r"|incompatib\S*|go together)\b"
)


# The asker in a question: after a medicine, a question about their own case.
# "We", "us" and "our" are mostly everyone ("do our gut bacteria make k2").
_FIRST_PERSON = re.compile(r"\b(?:i|im|ive|id|ill|me|my|mine|myself)\b")
# A pronoun standing for K2 named before ("been reading about k2 - what are the forms of it").
_PRONOUNS = _stems("it its they them this that these those")
# A question this long, with such a pronoun, is about K2 named before; "is it related?" may
# be about the statements' symptom or medicine.
ABOUT_K2_BEFORE = 4
# A symptom told ("now getting headaches", "since i started it"): the question may be
# about it, however it is worded. Leg cramps are the article's own subject.
_SYMPTOM_TOLD = re.compile(
    r"\b(?:headach\S*|migrain\S*|dizz\S*|nause\S*|vomit\S*|rash\S*|itch\S*|palpitat\S*"
    r"|racing|insomnia|sick|swell\S*|swollen|tingl\S*|numb\S*|hives|diarrh\S*|bleed\S*"
    r"|bruis\S*|faint\S*|symptom\S*|reaction\S*|side effect\S*)\b"
    r"|\bsince (?:i )?(?:start\S*|began|begin\S*|taking|switch\S*|up\S*)"
)
_K2_WORDS = _stems("k2 mk7 mk4 menaquinone")


def _sentence_of(stems: list[str], hit: _Hit, sentences: list[Sentence]) -> list[str]:
    """The words of the sentence or clause a hit starts in."""
    for sentence in sentences:
        if sentence.start <= hit.covered[0] < sentence.end:
            return stems[sentence.start : sentence.end]
    return []


def _k2_beside(stems: list[str], hit: _Hit, sentences: list[Sentence]) -> bool:
    """Whether the medicine's own sentence or clause takes K2 with it.

    K2 named there with a word of combining: "synthroid and k2 together", "i take k2 with
    my metformin".
    """
    said = _sentence_of(stems, hit, sentences)
    return any(word in _K2_WORDS for word in said) and (
        _COMBINING_ASKED.search(" ".join(said)) is not None
    )


class Sentence(NamedTuple):
    """A sentence or clause of a message, as word positions of the normalised message."""

    start: int
    end: int
    asks: bool
    typed: str = ""


def sentence_pieces(text: str) -> list[str]:
    """The sentences and lines of `text`, as typed, without empty ones."""
    return [piece for piece in _SENTENCE_END.split(text) if piece.strip()]


def told_sentences(
    text: str, words: list[str], normalize: Callable[[str], str]
) -> list[Sentence] | None:
    """The message's sentences and clauses, each marked as asking or telling.

    A sentence asks when it holds "?", opens with "¿" or a question word (after fillers:
    "so", "random thought:"); in a sentence that asks, clauses before the first clause
    opening with a question word tell, unless one opens with a condition ("if", "when")
    or itself asks. None when the sentences, normalised one by one, are not the message's
    words in order (a synonym or a number read across a sentence end): then nothing in the
    message is read as back-story.

    Args:
        text: the message as typed.
        words: its normalised words, as the triggers were found in them.
        normalize: the matcher's normaliser (text -> normalised text).
    """
    sentences: list[Sentence] = []
    read_words: list[str] = []
    for piece in _SENTENCE_END.split(text):
        clauses = [clause for clause in _CLAUSE_END.split(piece) if clause.strip()]
        if not clauses:
            continue
        read = [normalize(clause).split() for clause in clauses]
        # Whether a clause opens as a question is read from its words as typed: the
        # normaliser may rewrite the opener away ("what does k2 do" -> "k2 benefit").
        typed = [_typed_words(clause) for clause in clauses]
        asks = (
            "?" in piece
            or piece.lstrip().startswith("¿")
            or any(_opens_as_question(clause) for clause in typed)
        )
        # The question starts at the first clause after the first that opens as one, or
        # holds the "?" after a question word of its own ("Been taking calcium for 2 years
        # (600mg, the chewable ones) and still getting cramps, why isn't it working??":
        # the first clause tells).
        first_question = next(
            (
                i
                for i, (clause, raw) in enumerate(zip(typed, clauses, strict=True))
                if i > 0 and (_opens_as_question(clause) or _asks_within(clause, raw))
            ),
            None,
        )
        if (
            first_question is None
            or not asks
            or any(
                _opens_as_question(clause) or _opens_with(clause, _CONDITIONS) or "?" in raw
                for clause, raw in zip(typed[:first_question], clauses, strict=False)
            )
        ):
            first_question = 0  # the whole sentence asks, or tells
        for number, clause_words in enumerate(read):
            if clause_words:
                start = len(read_words)
                read_words.extend(clause_words)
                sentences.append(
                    Sentence(
                        start,
                        len(read_words),
                        asks and number >= first_question,
                        clauses[number],
                    )
                )
    return sentences if read_words == words else None


# English question words that begin a question inside a clause ("... and still cramps, why
# isn't it working?"); the other languages' openers count only at a clause's start.
_ENGLISH_QUESTION_WORDS = frozenset("why what how where when which who".split())


def _typed_words(clause: str) -> list[str]:
    """A clause's words as typed, lower-cased, without accents or punctuation."""
    folded = unicodedata.normalize("NFKD", clause.lower())
    folded = (
        "".join(c for c in folded if not unicodedata.combining(c)).replace("'", "").replace("’", "")
    )
    return re.findall(r"\w+", folded)


def _opens_with(words: list[str], openers: frozenset[str]) -> bool:
    """Whether the first word after any fillers (`_FILLERS`) is one of `openers`."""
    first = next((word for word in words if word not in _FILLERS), None)
    return first in openers


def _opens_as_question(words: list[str]) -> bool:
    return _opens_with(words, _QUESTION_OPENERS)


def _asks_within(words: list[str], raw: str) -> bool:
    """Whether a clause ends in a question begun after its start ("... and still cramps, why?")."""
    return "?" in raw and any(
        word in _ENGLISH_QUESTION_WORDS and _opens_as_question(words[index:])
        for index, word in enumerate(words)
        if index > 0
    )


def may_be_told(stems: list[str], hit: _Hit) -> bool:
    """Whether a hit could be back-story told in a statement: an amount, or a medicine.

    An amount is a dose trigger whose own words all say how much or how often
    (`_AMOUNT_WORDS`, numbers); a medicine, a medicines trigger naming nothing that acts
    on clotting or needs a specialist (`_interacting`). Urgent triggers never are.
    """
    if hit.tier == URGENT or not hit.covered:
        return False
    said = [stems[i] for i in hit.covered]
    if hit.intent.id == DOSE_REFERRAL:
        # "My husband takes statins": a relative's habit told, like the asker's own.
        allowed = _AMOUNT_WORDS | ADULT_RELATIVES if hit.tier == GENERAL else _AMOUNT_WORDS
        if any(word in _PILL_WORDS for word in said) and any(
            word.isdigit() and int(word) > MOST_PILLS_TOLD for word in said
        ):
            return False  # "50 pills a day" is a risk however it is told
        if _dose_kept(stems, hit):
            return True  # "I never miss a dose": faithfully taken, no amount asked
        return all(word in allowed or _DIGIT.search(word) for word in said)
    if hit.intent.id == MEDICINES_REFERRAL:
        return not any(_interacting(word) for word in (*said, *hit.text.split()))
    return False


# A dose told as kept faithfully ("I never miss a dose", "haven't skipped a single dose",
# "rarely forget my doses"): how regularly the asker takes something, as "every day" is,
# not a dose asked about. A missed dose made up for ("missed a dose, take two?") is the
# trigger's own case: there the miss is told without a negation.
_DOSE_KEPT = re.compile(
    r"(?:^| )(?:never|not|dont|didnt|doesnt|havent|hasnt|rarely|seldom|hardly ever|barely"
    r"|without) (?:ever )?(?:miss|missed|missing|skip|skipped|skipping|forget|forgot"
    r"|forgotten|forgetting) (?:a |any |one |my |a single |single |even one )*$"
)


def _dose_kept(stems: list[str], hit: _Hit) -> bool:
    """Whether a dose hit is only the word "dose" told as kept faithfully (`_DOSE_KEPT`)."""
    said = [stems[i] for i in hit.covered]
    if not said or any(word not in ("dose", "doses") for word in said):
        return False
    before = " ".join(stems[max(0, hit.covered[0] - 6) : hit.covered[0]])
    return _DOSE_KEPT.search(before + " ") is not None


def without_told_backstory(
    stems: list[str], hits: list[_Hit], sentences: list[Sentence], domain: frozenset[str]
) -> list[_Hit]:
    """`hits` less the amounts and medicines told only in statements around a question.

    See the module docstring: the question must name the article's domain (a bare
    "related?" or "is that bad?" asks about the statements), hold no trigger and ask
    nothing about taking, amounts, advice or (after a medicine) taking K2 with it, nor
    about the asker; the statements must not ask, doubt or tell a symptom.

    Args:
        stems: the message's words, stemmed as the triggers were found in them.
        hits: the triggers found.
        sentences: the message's sentences (`told_sentences`).
        domain: the article's domain terms (k2, calcium, bone...).
    """
    asked = [
        i for sentence in sentences if sentence.asks for i in range(sentence.start, sentence.end)
    ]
    told = [
        i
        for sentence in sentences
        if not sentence.asks
        for i in range(sentence.start, sentence.end)
    ]
    if not asked or not told:
        return hits
    asked_set = set(asked)
    if any(asked_set.intersection(hit.covered) for hit in hits):
        return hits  # a risk in the question itself
    question = [stems[i] for i in asked]
    question_text = " ".join(question)
    about_k2_before = (
        len(question) >= ABOUT_K2_BEFORE
        and any(word in _PRONOUNS for word in question)
        and any(stems[i] in _K2_WORDS for i in told)
    )
    if (
        not (about_k2_before or any(word in domain for word in question))
        or _asks_about_taking(question)
        or _ADVICE_ASKED.search(question_text) is not None
        or (
            any(word in _POINTING_BACK for word in question)
            and _JUDGED.search(question_text) is not None
        )
    ):
        return hits
    statements = [stems[i] for i in told]
    if _statements_ask(statements) or _SYMPTOM_TOLD.search(" ".join(statements)) is not None:
        return hits
    told_set = set(told)
    # After a medicine, K2 asked about with it, the asker's own case or what the
    # medicine acts on ("does k2 raise my clot risk") keeps the referral, and so does K2
    # named in the medicine's own sentence ("synthroid and k2 d3 together").
    medicine_asked = (
        _COMBINING_ASKED.search(question_text) is not None
        or _FIRST_PERSON.search(question_text) is not None
        or any(_interacting(word) for word in question)
    )

    def dropped(hit: _Hit) -> bool:
        if not set(hit.covered) <= told_set or not may_be_told(stems, hit):
            return False
        if hit.intent.id == DOSE_REFERRAL:
            return True
        return (
            not medicine_asked
            and not _k2_beside(stems, hit, sentences)
            and not any(_interacting(word) for word in _sentence_of(stems, hit, sentences))
        )

    return [hit for hit in hits if not dropped(hit)]


# What `_asks_about_taking` reads as asking but a statement says of a habit: its amounts
# ("i take 600mg calcium"), "much" ("neither of us knows much": "too much" and "how much"
# are triggers of their own) and the other languages' dose words.
_AMOUNT_ASKED = re.compile(r"dose|doses|dosage|dosing|mcg|mg|iu|often|much|many")
_DOSE_WORDS_ELSEWHERE = _stems("доза дозировка dosis dose")
# A statement unsure about taking: "not sure it's safe", "i worry about mixing".
_DOUBT_TOLD = re.compile(
    r"\b(?:worr\S*|concern\S*|not sure|unsure|scared|afraid|nervous|hesitant"
    r"|careful|cautious|doubt\S*)\b"
)


def _statements_ask(stems: list[str]) -> bool:
    """Whether statements ask about taking all the same ("not sure it's safe to add k2")."""
    without_amounts = [
        word
        for word in stems
        if not _AMOUNT_ASKED.fullmatch(word) and word not in _DOSE_WORDS_ELSEWHERE
    ]
    return (
        _asks_about_taking(without_amounts)
        or _DOUBT_TOLD.search(" ".join(without_amounts)) is not None
    )
