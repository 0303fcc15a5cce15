"""What a question is mainly about, when the article doesn't address it: no article answer.

Three readings of a question hold an article answer back to a suggestion at most
(`bot.matching.scoring.gate` asks them of each article candidate that would be answered):

* **A decline explains the main word.** "is k2 good for my hair" shares "k2" and "good"
  with the benefits overview, but "hair" weighs more than every word that answer explains,
  no article intent uses it, and a near-miss intent ("heart and other conditions") that
  does explain "hair" scores close behind: the question is about hair, which the article
  doesn't address. The words
  that count are the question's topic words (not the subject's common name, question words,
  generic words, small talk or people); how much each weighs is the index's weight (how few
  intents use it).
* **Another nutrient named beside the subject.** "k2 d3 and zinc together?", "collagen and
  k2 for bone health": a word only near-miss intents use (another nutrient, a food, a
  product, see `bot.matching.scoring.near_miss_terms`) joined to a domain term by "and",
  "with", "plus" or "or", or listed right beside one ("k2 d3 magnesium stack"), asks
  about the pair, which the article doesn't cover (K2 with D3 alone is a domain pair, and
  stays answered).
* **The subject set aside.** "what should she take besides k2", "can i take k1 instead of
  k2": a question about something other than the subject is not answered by what the
  article says about the subject.
* **The subject made from something else.** "is K1 converted into MK-4 in the body?",
  "MK-4 gets made from K1 in the testes?", "can your body make K2 out of K1": a near-miss
  term (vitamin K1, a food, another nutrient) named as what the subject is made from asks
  about that conversion, which the article never describes (it says where MK-4 and MK-7
  are formed, not from what); the place or the bacteria it does name are offered under
  the decline (`bot.matching.runner_up`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from bot.intents import Kind
from bot.text import AUXILIARY_VERBS, GENERIC_WORDS, QUESTION_WORDS, content_tokens, stem

if TYPE_CHECKING:
    from bot.matching.decide import Candidate
    from bot.matching.index import Index

# Words that join two things asked about together ("k2 and zinc", "magnesium with d3",
# "collagen plus k2": the synonyms read "plus" and "along with" as "together").
CONNECTORS = frozenset("and with plus or together alongside combined combine".split())
# How many words may stand between a near-miss term and the domain term it is joined to:
# a list such as "k2 d3 and zinc" or "zinc, magnesium and k2".
MAX_LIST_GAP = 3
# Terms listed without "and" make a list from this many on ("k2 d3 magnesium").
MIN_LIST = 3
# Phrases that set a topic aside and add to it ("besides bones, what else"): what they
# set aside is left out of the question (`without_topics_set_aside`).
_ADDING_PHRASES = (
    ("besides",),
    ("beside",),
    ("other", "than"),
    ("apart", "from"),
    ("aside", "from"),
    ("except",),
)
ADDING_ASIDES = frozenset(_ADDING_PHRASES)
# Phrases that set the subject aside: what follows them is what the question is NOT about.
# Those that exchange it ("instead of k2") ask about the exchange, and are kept.
ASIDE_PHRASES = (
    *_ADDING_PHRASES,
    ("instead", "of"),
    ("rather", "than"),
    ("alternative", "to"),
    ("alternatives", "to"),
)
# The last word of a clause that sets its topic aside ("leaving d3 aside").
ASIDE_LAST = "aside"
# A question with none of these words sets no topic aside (a cheap first test).
ASIDE_WORDS = frozenset({ASIDE_LAST, *(phrase[0] for phrase in ADDING_ASIDES)})
# The phrases by their first word (in `ASIDE_PHRASES` order): a question's word is
# compared with the few phrases it can begin, not every phrase at every word.
_ASIDE_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {
    first: tuple(p for p in ASIDE_PHRASES if p[0] == first) for first, *_ in ASIDE_PHRASES
}
# Words that may stand between such a phrase and the subject ("besides taking vitamin k2").
ASIDE_FILLERS = frozenset(
    "a an the my your taking take using vitamin supplement supplements".split()
)


# Words that make one thing of another, as `content_tokens` reads them: the synonyms bring
# "convert", "turn into" and "transform" to "form", and "made" to "make"; Russian as
# Snowball stems ("превращается", "образуется", "сделать").
MAKING_WORDS = frozenset(
    content_tokens(
        "form make made turn turned transform transformed change changed produce produced"
        " synthesize synthesized convert converted conversion create created"
        " превращается превращать образуется образовываться сделать синтезируется"
        " вырабатывается конвертируется"
    )
)
# Of those, the words that change one thing into another: after the term without "into"
# ("K1 is turned into MK-4" arrives as "k1 form mk4") only these say it is the source;
# "bacteria in yogurt make k2" says where the makers live.
TURNING_WORDS = frozenset(
    content_tokens(
        "form turn turned transform transformed change changed convert converted conversion"
        " превращается превращать конвертируется"
    )
)
# What the thing made comes after ("K1 into MK-4", "к1 в мк4") or before ("MK-4 from
# K1", "K2 out of K1", "мк4 из к1").
INTO_WORDS = frozenset({"into", "to", "в", "во"})
FROM_WORDS = frozenset({"from", "out", "из", "изо"})
# Words that may stand between the parts of such a phrase ("K1 gets converted to MK-4",
# "the conversion of K1 to MK-4", "make K2 out of K1", "образуется ли мк4 из к1").
MAKING_FILLERS = frozenset(
    "a an the my your our their its of get gets got getting be is are was were been being"
    " vitamin ли".split()
)
# How many other words may stand between the source term and "into" when the making
# word comes first ("turn the K1 from spinach into K2").
MAX_SOURCE_ASIDE = 3


def _cyrillic(token: str) -> bool:
    return bool(token) and "\u0400" <= token[0] <= "\u04ff"


def _topic_word(index: Index, token: str) -> bool:
    """Whether `token` may be what a question is about (not phrasing, people or small talk)."""
    return not (
        token in GENERIC_WORDS
        or token in QUESTION_WORDS
        or token in index.chatter
        or token in index.people
        or token.isdigit()
        or len(token) == 1
    )


def decline_explains_main_word(
    index: Index, tokens: list[str], candidate: Candidate, ranked: list[Candidate], reach: float
) -> str | None:
    """A main word of the question that `candidate` leaves out and a close decline explains.

    Args:
        index: the matcher's index (weights, each intent's words).
        tokens: the question's content words.
        candidate: an article candidate about to be answered.
        ranked: every candidate of the question.
        reach: how many points behind `candidate` the decline may score.

    Returns:
        The word, or None: every word the question weighs most on is one the candidate
        explains, or no out-of-scope intent within `reach` explains one it leaves out.
    """
    # A core term of the intent beyond the subject's names ("d3" for K2 with D3, "bone" for
    # bone density) makes the question about that intent's topic, whatever else it names:
    # "should i take k2 with my d3 drops" asks about the pair, not about drops.
    if index.core.get(candidate.intent.id, frozenset()) & (set(tokens) - index.anchors):
        return None
    vocabulary = index.intent_vocab.get(candidate.intent.id, frozenset())
    weights = index.weights
    # The subject's specific names ("osteocalcin", "mk7") explain a question; its common
    # name "k2" weighs little anyway.
    explained = max(
        (
            weights.get(t, 0.0)
            for t in tokens
            if t in vocabulary and (t in index.anchors or _topic_word(index, t))
        ),
        default=0.0,
    )
    article = index.article_words
    left_out = [
        t
        for t in tokens
        # Russian patterns are few: that none of them uses a Russian word says little
        # (Russian near misses are read by `scoring._russian_near_miss_words`).
        if not _cyrillic(t)
        and t not in vocabulary
        and t not in article
        and t not in index.anchors
        and _topic_word(index, t)
        and weights.get(t, 0.0) > explained
    ]
    if not left_out:
        return None
    for rival in ranked:
        if rival.intent.kind is not Kind.OUT_OF_SCOPE or candidate.score - rival.score > reach:
            continue
        theirs = index.intent_vocab.get(rival.intent.id, frozenset())
        for word in left_out:
            if word in theirs:
                return word
    return None


def joined_near_miss(index: Index, words: list[str], terms: frozenset[str]) -> str | None:
    """A near-miss term (`terms`) the question joins to a domain term ("k2 d3 and zinc").

    Args:
        index: the matcher's index (its domain terms).
        words: the normalised question's words, stopwords kept.
        terms: the question's near-miss terms (`bot.matching.scoring.near_miss_terms`).
    """
    if not terms:
        return None
    domain = index.domain
    for position, word in enumerate(words):
        if word not in terms:
            continue
        for step in (-1, 1):
            joined = False
            at = position + step
            while 0 <= at < len(words) and abs(at - position) <= MAX_LIST_GAP + 1:
                other = words[at]
                if other in CONNECTORS:
                    joined = True
                elif other in domain and other not in terms and other not in index.people:
                    # "with arthritis" after "older adults" says who asks, not what is
                    # taken together: people are no partner. In a list of three or more
                    # terms, right beside a domain term that is not a name of the subject,
                    # no "and" is needed ("k2 d3 magnesium stack"); beside "k2" or "mk7"
                    # the term may only qualify it ("k2 natto mk7 difference": the forms),
                    # and two words may be a verb and its object ("dissolve bone").
                    if joined or (
                        abs(at - position) == 1
                        and other not in index.anchors
                        and _run_length(words, position, domain | terms) >= MIN_LIST
                    ):
                        return word
                elif other not in terms:
                    break
                at += step
    return None


def read_as_tokens(said: list[str], correct: Callable[[str], str]) -> list[str]:
    """Each of the question's words as the matcher reads it: stemmed and typos corrected.

    Stopwords stay as said ("into", "from", "в"): they tell how the words are joined.
    """
    read = []
    for word in said:
        tokens = content_tokens(word)
        read.append(correct(tokens[0]) if tokens else word)
    return read


def made_from_near_miss(index: Index, read: list[str], terms: frozenset[str]) -> str | None:
    """A near-miss term (`terms`) named as what the subject is made from, or None.

    "does the body convert K1 into MK-4", "is K1 turned into MK-4", "MK-4 gets made from
    K1", "can your body make K2 out of K1", "превращается ли к1 в мк4", "образуется ли мк4
    из к1": a making word (`MAKING_WORDS`) joins the term to a name of the subject, the
    term on the side it is made from. Only `MAKING_FILLERS` may stand between the parts, so
    "do bacteria make k2 or only k1" (a choice, not a source) and "does magnesium help
    make k2 work" are not read so; a term before the subject needs "into" or a word of
    changing (`TURNING_WORDS`): "which bacteria in yogurt make k2" asks about the bacteria.

    Args:
        index: the matcher's index (the subject's names).
        read: the question's words as `read_as_tokens` gives them.
        terms: the question's near-miss terms (`bot.matching.scoring.near_miss_terms`).
    """
    if not terms or MAKING_WORDS.isdisjoint(read):
        return None
    anchors = index.anchors
    for position, word in enumerate(read):
        if word not in terms:
            continue
        if _made_into_subject(read, position, anchors) or _subject_made_from(
            read, position, anchors
        ):
            return word
    return None


def _made_into_subject(read: list[str], position: int, anchors: frozenset[str]) -> bool:
    """Whether the term at `position` is made into the subject.

    "K1 is converted to MK-4", "convert K1 into MK-4", "turn the K1 from spinach into K2".
    """
    made = turned = into = reached = False
    at = position + 1
    while at < len(read):
        word = read[at]
        if word in anchors:
            reached = True
            break
        if word in MAKING_WORDS:
            made = True
            turned = turned or word in TURNING_WORDS
        elif word in INTO_WORDS:
            into = True
        elif word not in MAKING_FILLERS:
            break
        at += 1
    if reached and made and (turned or into):
        return True
    # The making word first: "form k1 into mk4", "the conversion of k1 to mk4".
    before = position - 1
    while before >= 0 and read[before] in MAKING_FILLERS:
        before -= 1
    if before < 0 or read[before] not in MAKING_WORDS:
        return False
    if reached:
        return into
    # What the term came from may stand before "into": "turn the k1 from spinach into k2".
    for at in range(position + 1, min(len(read), position + 2 + MAX_SOURCE_ASIDE)):
        if read[at] in INTO_WORDS:
            after = at + 1
            while after < len(read) and read[after] in MAKING_FILLERS:
                after += 1
            return after < len(read) and read[after] in anchors
        if read[at] in anchors or read[at] in MAKING_WORDS:
            return False
    return False


def _subject_made_from(read: list[str], position: int, anchors: frozenset[str]) -> bool:
    """Whether the subject is made from the term at `position`.

    "MK-4 gets made from K1", "make K2 out of K1", "образуется ли мк4 из к1".
    """
    at = position - 1
    while at >= 0 and read[at] in MAKING_FILLERS:
        at -= 1
    if at < 0 or read[at] not in FROM_WORDS:
        return False
    at -= 1
    # The subject and the making word, in either order, with only fillers around them.
    subject = made = False
    while at >= 0 and not (subject and made):
        word = read[at]
        if word in anchors:
            subject = True
        elif word in MAKING_WORDS:
            made = True
        elif word not in MAKING_FILLERS:
            break
        at -= 1
    return subject and made


def _run_length(words: list[str], position: int, members: frozenset[str]) -> int:
    """How many consecutive words around `position` are `members` (a list of terms)."""
    start = position
    while start > 0 and words[start - 1] in members:
        start -= 1
    end = position
    while end + 1 < len(words) and words[end + 1] in members:
        end += 1
    return end - start + 1


def subject_set_aside(index: Index, words: list[str]) -> str | None:
    """The phrase that sets the subject aside ("besides k2", "instead of k2"), or None.

    Args:
        index: the matcher's index (the subject's names).
        words: the normalised question's words, stopwords kept.
    """
    for position, end in _aside_phrases(words):
        at = end
        while at < len(words) and words[at] in ASIDE_FILLERS:
            at += 1
        if at < len(words) and words[at] in index.anchors:
            return " ".join(words[position : at + 1])
    return None


def topic_set_aside(index: Index, words: list[str], candidate: Candidate) -> str | None:
    """The phrase setting aside the topic `candidate` answers ("besides bone health"), or None.

    The phrase runs from "besides", "other than"... to the next question word or auxiliary
    (the normalised words have no commas) or the end. When every word of the question that
    the candidate's patterns use, the subject's names aside, stands inside it, the
    candidate answers what the asker has already set aside.

    Args:
        index: the matcher's index.
        words: the normalised question's words, stopwords kept.
        candidate: the article candidate to answer.
    """
    vocabulary = index.intent_vocab.get(candidate.intent.id, frozenset())
    for position, end, stop in _aside_spans(words):
        # The intents' words are stems ("bone"); the question's as said ("apart from bones").
        inside = {
            t for t in map(stem, words[end:stop]) if t in vocabulary and t not in index.anchors
        }
        outside = {
            t
            for t in map(stem, words[:position] + words[stop:])
            if t in vocabulary and t not in index.anchors and t in index.domain
        }
        if inside and not outside:
            return " ".join(words[position:stop])
    return None


def _aside_spans(words: list[str]) -> Iterator[tuple[int, int, int]]:
    """Each "besides", "other than"... phrase: where it and what it sets aside start, and stop.

    What it sets aside stops at the next question word or auxiliary, or the end (the
    normalised words have no commas).
    """
    for position, end in _aside_phrases(words):
        stop = end
        while stop < len(words) and not (
            words[stop] in QUESTION_WORDS or words[stop] in AUXILIARY_VERBS
        ):
            stop += 1
        yield position, end, stop


def without_topics_set_aside(clause: list[str]) -> list[str]:
    """The clause's words without the topics an adding aside sets aside.

    "besides calcium absorption what else does k2 do" asks what else K2 does: "besides"
    (and "other than", "apart from", "aside from", "except") sets a topic aside up to the
    next question word or auxiliary, and the rest is the question. A clause that ends in
    "aside" ("leaving d3 aside") is all set aside. "Instead of", "rather than" and
    "alternative to" are kept: they ask about the exchange.

    Args:
        clause: one clause's normalised words, stopwords kept.

    Returns:
        The words left (the clause itself when it sets nothing aside).
    """
    if clause and clause[-1] == ASIDE_LAST:
        return []
    for position, end, stop in _aside_spans(clause):
        if tuple(clause[position:end]) in ADDING_ASIDES:
            return clause[:position] + without_topics_set_aside(clause[stop:])
    return clause


def _aside_phrases(words: list[str]) -> Iterator[tuple[int, int]]:
    """Where each "besides", "other than"... phrase starts and ends, in the question's order."""
    for position, word in enumerate(words):
        for phrase in _ASIDE_BY_FIRST.get(word, ()):
            end = position + len(phrase)
            if tuple(words[position:end]) == phrase:
                yield position, end


def mainly_elsewhere(
    index: Index,
    tokens: list[str],
    said: list[str],
    terms: frozenset[str],
    candidate: Candidate,
    ranked: list[Candidate],
    reach: float,
    correct: Callable[[str], str] | None = None,
) -> str | None:
    """Why the question is mainly about something `candidate` doesn't address, or None.

    Args:
        index: the matcher's index.
        tokens: the question's content words.
        said: the normalised question's words, stopwords kept.
        terms: the question's near-miss terms (`bot.matching.scoring.near_miss_terms`).
        candidate: the article candidate to answer.
        ranked: every candidate of the question.
        reach: how far behind `candidate` a decline may score and still explain its main word.
        correct: the matcher's typo corrector, so a misspelt term ("филохинон") is read
            where it stands; without it, words are read as stemmed.

    Returns:
        A short reason for `k2bot ask --explain`, or None.
    """
    joined = joined_near_miss(index, said, terms)
    if joined is not None:
        return f"{joined!r} is asked about beside the subject"
    if terms:
        source = made_from_near_miss(
            index, read_as_tokens(said, correct or (lambda token: token)), terms
        )
        if source is not None:
            return f"{source!r} is asked about as what the subject is made from"
    aside = subject_set_aside(index, said)
    if aside is not None:
        return f"{aside!r} sets the subject aside"
    aside = topic_set_aside(index, said, candidate)
    if aside is not None:
        return f"{aside!r} sets aside what {candidate.intent.id} answers"
    word = decline_explains_main_word(index, tokens, candidate, ranked, reach)
    if word is not None:
        return f"{word!r} outweighs what {candidate.intent.id} explains, and a decline explains it"
    return None


# Phrases asking whether one thing is another, or just another name for it ("is k2 just
# another name for vitamin k", "is vitamin k the same thing as k2"). Normalised words;
# "what's the difference between" compares, and is none of them.
IDENTITY_PHRASES = (
    ("same", "as"),
    ("same", "thing", "as"),
    ("another", "name", "for"),
    ("different", "name", "for"),
    ("difference", "name", "for"),
    ("other", "name", "for"),
    ("fancy", "name", "for"),
    ("new", "name", "for"),
    ("name", "for"),
    ("another", "word", "for"),
    ("form", "of"),
    ("type", "of"),
    ("kind", "of"),
)
# What stands for "what is it" in the synonyms' reading (`whatitis`, synonyms.yaml).
WHAT_IT_IS = "whatitis"


def identity_asked(words: list[str], subject: str, family: str) -> str | None:
    """The question read as "what is `subject`", when it asks whether it is `family`.

    "is k2 just another name for vitamin k", "is k2 a kind of vitamin k": the asker wants
    to know what K2 is, by the family it might belong to; the family's name would
    otherwise carry the other-vitamins decline. The subject is named first and the family
    after one of `IDENTITY_PHRASES`, each once; "is vitamin k the same as k2" asks about
    vitamin K.

    Args:
        words: the normalised question's words, stopwords kept.
        subject: the article's subject term ("k2").
        family: the word the synonyms make of the family's name ("vitk").

    Returns:
        The question without the family and the phrase, with `whatitis` after the subject
        ("is k2 just whatitis"), or None.
    """
    if words.count(subject) != 1 or words.count(family) != 1:
        return None
    first, last = words.index(subject), words.index(family)
    if last < first:
        # "is vitamin k the same as k2" asks about vitamin K: the other-vitamins decline.
        return None
    for start in range(first + 1, last):
        for phrase in IDENTITY_PHRASES:
            end = start + len(phrase)
            if end <= last and tuple(words[start:end]) == phrase:
                kept: list[str] = []
                for i, word in enumerate(words):
                    if word == subject:
                        kept += (subject, WHAT_IT_IS)
                    elif not start <= i < end and word != family:
                        kept.append(word)
                return " ".join(kept)
    return None
