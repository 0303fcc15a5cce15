"""What a question asks about that the article doesn't address, in the user's own words.

A decline is more honest when it names what it can't answer: "my source doesn't mention
“wrinkles”" rather than a bare "my source doesn't cover that". The words named are the
question's own topic words that no article intent uses (the same negative evidence that
holds an article answer back, see `bot.matching.scoring`): not the article's vocabulary,
small talk, question words, generic words ("best", "time"), the article's subject ("k2"),
and not everyday English ("could", "really"), measured by general-language frequency.

Neighbouring topic words are named together ("blood sugar", "empty stomach"), with a
domain word the article does use kept inside such a phrase ("blood" in "blood sugar").
A word no article intent uses but commoner than `NAMING_ZIPF` is no topic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.intents import Kind
from bot.matching.decide import Candidate
from bot.matching.lexicon import zipf
from bot.matching.scoring import DISTINCT_WORD
from bot.matching.typos import is_real_word
from bot.matching.web_posts import without_page_marks
from bot.text import GENERIC_WORDS, QUESTION_WORDS, STOPWORDS, content_tokens

if TYPE_CHECKING:
    from bot.matching import Matcher

# A word at least this common in general English is phrasing, not a topic the question
# asks about ("make", "long"; "heart" is 5.3, "performance" 5.2, "coffee" 4.9).
NAMING_ZIPF = 5.5
# A "did you mean" also names what the question asks that the article doesn't address, but
# only a clear topic: in-scope questions offered as suggestions bring phrasing words of their
# own ("nah", "anyway", "straight" are 4.5-5.2; "dementia" 3.9, "collagen" 3.3).
SUGGESTION_NAMING_ZIPF = 4.0
# At most this many phrases are named, each of at most this many words.
MAX_PHRASES = 2
MAX_PHRASE_WORDS = 4
# Words as typed in Latin letters and digits ("mk-7", "alzheimer's" kept whole).
_TYPED_WORD = re.compile(r"[a-z0-9][a-z0-9'\-]*[a-z0-9]|[a-z0-9]")
# ...or a mark between them that ends a phrase: a list or a heading joins its items with
# these ("K2 + magnesium + D3 stack", "natto, cheese", "(calcific tendonitis)"), and words
# on either side are not one name.
_WORD_OR_BREAK = re.compile(
    rf"(?P<word>{_TYPED_WORD.pattern})|(?P<mark>[+&,;:()\[\]/|!?.]|\s[-–—]+\s)"
)


def _by_length(words: Iterable[str]) -> dict[int, tuple[str, ...]]:
    """The words grouped by how many letters they have, each group sorted."""
    grouped: dict[int, list[str]] = {}
    for word in sorted(words):
        grouped.setdefault(len(word), []).append(word)
    return {length: tuple(same) for length, same in grouped.items()}


# English phrasing words long enough that one slip leaves them recognisable ("wher",
# "frm", "wich"): a typed word English hardly knows that is one of these with a letter
# left out or mistyped is that word misspelt, not a rare topic. Shorter ones are one slip
# from too much ("nad" is "had", but also a supplement), and a letter added is no slip
# this reads ("clots" is not "lots"), by their length.
_PHRASING_WORDS_BY_LENGTH = _by_length(
    w for w in STOPWORDS | QUESTION_WORDS if len(w) >= 4 and w.isascii()
)


def _misspelt_phrasing(typed: str) -> bool:
    """Whether `typed` is an everyday phrasing word with one slip ("wher" for "where")."""
    if len(typed) < 3 or is_real_word(typed):
        return False
    same_or_one_longer = (
        *_PHRASING_WORDS_BY_LENGTH.get(len(typed), ()),
        *_PHRASING_WORDS_BY_LENGTH.get(len(typed) + 1, ()),
    )
    return (
        process.extractOne(typed, same_or_one_longer, scorer=Levenshtein.distance, score_cutoff=1)
        is not None
    )


def uncovered_phrases(
    matcher: Matcher, question: str, *, rarer_than: float = NAMING_ZIPF
) -> tuple[str, ...]:
    """The question's phrases (as typed, lower-cased) that no article intent addresses.

    Args:
        matcher: the matcher whose intents say what the article addresses.
        question: what the user typed.
        rarer_than: only phrases with a topic word rarer than this in general English
            (a "did you mean" names only clear topics, `SUGGESTION_NAMING_ZIPF`).

    Returns:
        Up to `MAX_PHRASES` phrases, in the question's order; none when every topic word
        of the question is one the article's intents use, when the question names nothing
        of the article's domain (no K2 content), or when it is not in Latin letters.
    """
    roles, names_domain = _roles(matcher, without_page_marks(question))
    # Only a question with K2 content gets its other content named: "have a nice day"
    # is not about something the article leaves out.
    if not names_domain:
        return ()
    return _phrases(roles, rarer_than)


def names_uncovered_topic(matcher: Matcher, text: str, *, rarer_than: float = NAMING_ZIPF) -> bool:
    """Whether `text` names a topic word no article intent uses, K2 content or not.

    For one part of a message whose other parts name K2: the label of a heading ("Natto vs
    Cheese: Which Has More Vitamin K2?") names what its question is about.
    """
    roles, _ = _roles(matcher, without_page_marks(text))
    return bool(_phrases(roles, rarer_than))


def _roles(matcher: Matcher, question: str) -> tuple[list[tuple[str, str, float]], bool]:
    """Each typed word's role ("topic", "link" or "stop") and Zipf frequency, in order.

    Also whether the question names the article's domain at all.
    """
    index = matcher.index
    article_words = matcher.article_words
    # (typed word, "topic" | "link" | "stop", its Zipf frequency)
    roles: list[tuple[str, str, float]] = []
    seen: list[str] = []
    for found in _WORD_OR_BREAK.finditer(question.lower()):
        typed = found.group("word")
        if typed is None:
            roles.append(("", "stop", 0.0))
            continue
        normalized = matcher.normalizer.normalize_word(typed)
        tokens = content_tokens(normalized)
        if len(tokens) != 1:
            roles.append((typed, "stop", 0.0))
            continue
        token = tokens[0]
        seen.append(token)
        # The stem may not be a word ("diabete"): then the word as typed tells.
        frequency = zipf(token) or zipf(typed)
        if token in index.anchors:
            # A domain word just before the subject's name is part of it ("vitamin k2").
            if roles and roles[-1][1] == "link":
                roles[-1] = (roles[-1][0], "stop", roles[-1][2])
            roles.append((typed, "stop", frequency))
        elif (
            len(typed) == 1
            or token in index.chatter
            or token in index.people
            or token in GENERIC_WORDS
            or token in QUESTION_WORDS
            or token.isdigit()
        ):
            roles.append((typed, "stop", frequency))
        elif token in article_words or token in index.domain:
            # A word the synonyms rewrite ("vs" -> "difference") is phrasing, not a topic.
            rewritten = normalized != typed.strip("'-")
            roles.append((typed, "stop" if rewritten else "link", frequency))
        elif 0.0 < frequency < NAMING_ZIPF and not _misspelt_phrasing(typed):
            roles.append((typed, "topic", frequency))
        else:
            roles.append((typed, "stop", frequency))
    # A number the article uses ("87" in "what is 87 percent of 200") is no K2 content.
    return roles, any(
        (token in index.anchors or token in index.domain) and not token.isdigit() for token in seen
    )


def _phrases(roles: list[tuple[str, str, float]], rarer_than: float) -> tuple[str, ...]:
    """Runs of topic and link words that hold a topic word, the rarest first chosen.

    The phrases whose rarest topic word is rarest in general English are the most
    informative (`MAX_PHRASES` of them); they are returned in the question's order. A
    phrase whose topic words a phrase already chosen names ("magnesium needed" after
    "magnesium") is no second topic.
    """
    found: list[tuple[float, int, str, frozenset[str]]] = []
    run: list[tuple[str, str, float]] = []
    for item in [*roles, ("", "stop", 0.0)]:
        if item[1] != "stop":
            run.append(item)
            continue
        topic = [frequency for _, role, frequency in run if role == "topic"]
        phrase = " ".join(w for w, _, _ in run[:MAX_PHRASE_WORDS])
        if topic and min(topic) < rarer_than and phrase not in (f[2] for f in found):
            topic_words = frozenset(w for w, role, _ in run if role == "topic")
            found.append((min(topic), len(found), phrase, topic_words))
        run = []
    chosen: list[tuple[float, int, str, frozenset[str]]] = []
    for candidate in sorted(found, key=lambda f: (f[0], f[1])):
        if len(chosen) == MAX_PHRASES:
            break
        if not any(candidate[3] <= named[3] for named in chosen):
            chosen.append(candidate)
    return tuple(f[2] for f in sorted(chosen, key=lambda f: f[1]))


# An article answer within this many points of a decline that explains a topic the
# article never mentions ("k1", "natto", "magnesium") is held back to a suggestion, and
# the decline is given (see `hold_back_for_declined_topics`).
DECLINED_TOPIC_REACH = 20.0
# Such a topic word is a clear topic: rarer than this in general English ("k1" 2.8,
# "cheese" 4.57), so a decline's phrasing ("effect" 5.0, "lack" 4.9, "problem" 5.4) is none.
DECLINED_TOPIC_ZIPF = 4.6
# Words as the matcher reads English: a declined topic is an English word.
_LATIN_TOKEN = re.compile(r"[a-z][a-z0-9]*")


def declined_topic_words(
    matcher: Matcher, tokens: Iterable[str], decline_id: str
) -> frozenset[str]:
    """The question's words that a decline's patterns use and the article never does.

    Clear topics only (rarer than `DECLINED_TOPIC_ZIPF` in general English) and
    informative ones (used by few intents: an index weight of `DISTINCT_WORD` at least);
    never the subject's names, the words naming people, small talk, generic words or
    question words.
    """
    index = matcher.index
    vocabulary = index.intent_vocab.get(decline_id, frozenset())
    return frozenset(
        token
        for token in tokens
        if token in vocabulary
        and _LATIN_TOKEN.fullmatch(token)
        and token not in matcher.article_words
        and token not in index.anchors
        and token not in index.people
        and token not in index.chatter
        and token not in GENERIC_WORDS
        and token not in QUESTION_WORDS
        and index.weights.get(token, 0.0) >= DISTINCT_WORD
        and 0.0 < zipf(token) < DECLINED_TOPIC_ZIPF
    )


def hold_back_for_declined_topics(
    matcher: Matcher, tokens: list[str], ranked: list[Candidate], ceiling: float
) -> list[Candidate]:
    """`ranked`, with article answers held back when the question names a declined topic.

    "Does vitamin K1 help calcium absorption like K2?" is shaped like the calcium-absorption
    question, but K1 is what it asks about. The article never uses such a word, and a
    decline's patterns do (`declined_topic_words`). When that decline scores within
    `DECLINED_TOPIC_REACH` points of an article answer, and the word is rarer in general
    English than every word of the question the answer explains (so the most informative
    word is the declined topic: "k2 natto mk7 difference vs mk4" still asks about the
    forms), the answer is held back to `ceiling` (a suggestion at most): the decline, which
    names the topic, is given, and the article topic may be offered.
    """
    if not any(c.intent.kind is Kind.ARTICLE for c in ranked):
        return ranked
    declined: list[tuple[float, float]] = []  # (decline's score, its rarest topic's Zipf)
    for candidate in ranked:
        if candidate.intent.kind is Kind.OUT_OF_SCOPE:
            topics = declined_topic_words(matcher, tokens, candidate.intent.id)
            if topics:
                declined.append((candidate.score, min(map(zipf, topics))))
    if not declined:
        return ranked
    held = [
        replace(c, score=ceiling, guess=True)
        if c.intent.kind is Kind.ARTICLE
        and not c.exact
        and c.score > ceiling
        and any(
            c.score - score <= DECLINED_TOPIC_REACH
            and rarest < _rarest_explained(matcher, tokens, c.intent.id)
            for score, rarest in declined
        )
        else c
        for c in ranked
    ]
    held.sort(key=lambda c: (c.score, c.exact), reverse=True)
    return held


def _rarest_explained(matcher: Matcher, tokens: list[str], intent_id: str) -> float:
    """The Zipf frequency of the rarest question word the intent explains.

    The subject's main name ("k2", in every intent) aside; its forms' names ("mk7") count.
    A word the English list lacks counts as rarest of all (0.0).
    """
    vocabulary = matcher.index.intent_vocab.get(intent_id, frozenset())
    subject = matcher.subject()
    explained = [
        zipf(token)
        for token in tokens
        if token in vocabulary
        and token != subject
        and token not in GENERIC_WORDS
        and token not in QUESTION_WORDS
    ]
    return min(explained, default=0.0)
