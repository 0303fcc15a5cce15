"""Whether a small-talk pattern fits the whole message, not just some of its words.

"who built you" shares its words with "who built the pyramids", "good afternoon" with
"this afternoon": a small-talk intent answers only a message that is small talk as a
whole. `bot.matching.scoring` asks this of each small-talk candidate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from bot.text import content_tokens

if TYPE_CHECKING:
    from bot.matching.index import Index

# Words that address the bot or name it. A small-talk pattern that does ("who built you",
# "what do you cover") fits only a message that does too: "who built the pyramids" and
# "what does my health insurance cover" ask about something else.
ADDRESSING_THE_BOT = frozenset("you your yours yourself youre u ur bot robot chatbot ai".split())
# Words that open a question by asking ("will it be a good day", "is it good night
# already"): a message opening so asks something, and a pattern of ordinary words that says
# something ("have a good day", "good night") is not what it says.
ASKING_OPENERS = frozenset(
    "will would is are was were do does did can could should shall may might".split()
)
# Words that open a question about something ("where do you get your info"): a message
# opening so, without the formula a thanks or greeting pattern says, asks rather than
# thanks or greets ("thanks for the info" shares only "info" with it).
QUESTION_OPENERS = frozenset("what where who whom whose how why when which".split())

# What a message of emoji alone says: Telegram users wave, thank and approve with one tap.
# Only emoji whose meaning is small talk whatever the chat ("🙂" or "😂" could follow
# anything, and a lone "✌" says hello as often as goodbye): a message of these alone is
# read as their words, so the small-talk patterns answer it.
EMOJI_WORDS = {
    "\N{WAVING HAND SIGN}": "hello",
    "\N{HAPPY PERSON RAISING ONE HAND}": "hello",
    "\N{PERSON WITH FOLDED HANDS}": "thank you",
    "\N{THUMBS UP SIGN}": "thanks",
    "\N{OK HAND SIGN}": "thanks",
    "\N{HEAVY BLACK HEART}": "thanks",
}
# Marks that only change how an emoji looks: skin tones, the emoji presentation selector and
# the joiner of a sequence.
_EMOJI_MODIFIERS = frozenset(
    "\N{VARIATION SELECTOR-16}\N{ZERO WIDTH JOINER}"
    + "".join(chr(c) for c in range(0x1F3FB, 0x1F400))
)


# Emoji that say yes to a "did you mean" (`bot.dialogue`): after an offer, 👍 is assent.
ASSENT_EMOJI_WORDS = {
    "\N{THUMBS UP SIGN}": "yes",
    "\N{OK HAND SIGN}": "yes",
    "\N{WHITE HEAVY CHECK MARK}": "yes",
    "\N{HEAVY CHECK MARK}": "yes",
}


def emoji_meaning(text: str, meanings: Mapping[str, str] = EMOJI_WORDS) -> str | None:
    """The words a message of small-talk emoji alone says, or None.

    "👋" and "👋🏽" say hello, "🙏" and "👍👍" thank you; a message with any letter, digit
    or other emoji is left to its words (None), as is one with no emoji.

    Args:
        text: the message as typed.
        meanings: what each emoji says (`ASSENT_EMOJI_WORDS` after an offer).
    """
    words: list[str] = []
    for char in text:
        # Invisible marks ("Cf": zero-width spaces, direction marks) come with copied text.
        if char in _EMOJI_MODIFIERS or char.isspace() or unicodedata.category(char) == "Cf":
            continue
        meaning = meanings.get(char)
        if meaning is not None:
            if meaning not in words:
                words.append(meaning)
        elif unicodedata.category(char)[0] != "P":  # "!" and "..." add nothing
            return None
    return " ".join(words) or None


# A message's first clause (up to its first comma or end mark) and what follows it.
_OPENING_CLAUSE = re.compile(r"\s*([^.!?;,\n]+)[.!?;,\n]+\s*(.*\S)", re.DOTALL)
# Words a question may open with after a courtesy ("thanks! and does it help?").
_FILLERS = frozenset("and but so also ok okay oh wait well then one more".split())
# The last index's small-talk words (see `_opening_words`): one slot, swapped whole.
_OPENING_WORDS: tuple[Index | None, frozenset[str], frozenset[str]] = (
    None,
    frozenset(),
    frozenset(),
)


def _opening_words(index: Index) -> tuple[frozenset[str], frozenset[str]]:
    """Every word of the small-talk patterns as normalised, and the formulas among them.

    Formulas are the words only small talk uses that are a whole pattern ("thanks", "hi").
    """
    global _OPENING_WORDS
    cached = _OPENING_WORDS
    if cached[0] is index:
        return cached[1], cached[2]
    patterns = [index.patterns[p] for p in index.smalltalk_positions]
    # Both as typed after normalising ("there") and as the index keeps them ("thank").
    words = frozenset(w for p in patterns for w in (*p.normalized.split(), *p.tokens))
    formulas = frozenset(
        word for p in patterns if len(p.tokens) == 1 for word in p.tokens if word in index.chatter
    )
    _OPENING_WORDS = (index, words, formulas)
    return words, formulas


def after_opening_smalltalk(
    question: str, index: Index, normalize: Callable[[str], str]
) -> str | None:
    """What a message says after opening with small talk alone, or None.

    "thanks! and does it help with bone density?" and "hi, what is mk7" open with a
    courtesy and then ask: the question is what follows ("does it help with bone
    density?"), read on its own as if the courtesy weren't there. Only a first clause of
    small-talk words with a formula among them ("thanks", "ok thanks", "hello there")
    counts; "morning or evening, when should i take k2" opens with no formula.

    Args:
        question: the message as typed.
        index: the content's index (its small-talk patterns).
        normalize: the normaliser the index was built with.
    """
    found = _OPENING_CLAUSE.match(question)
    if found is None:
        return None
    normalized = normalize(found.group(1))
    opening = set(normalized.split())
    tokens = set(content_tokens(normalized))
    words, formulas = _opening_words(index)
    if not opening or not (opening | tokens) <= words or not tokens & formulas:
        return None
    rest = found.group(2).split()
    while rest and rest[0].lower() in _FILLERS:
        rest = rest[1:]
    said = " ".join(rest)
    return said if normalize(said) else None


def smalltalk_misfit(
    pattern: str,
    pattern_words: frozenset[str],
    question_words: set[str],
    topics: frozenset[str],
    formulas: frozenset[str],
    opener: str = "",
    *,
    names_domain: bool = False,
) -> str | None:
    """Why a small-talk pattern does not fit a message, or None when it may.

    Small talk must be the whole message:

    * a pattern that addresses the bot needs a message that addresses it too: "who built
      the pyramids" and "what does my insurance cover" are not "who built you" and "what
      do you cover" (a message to the bot may name a topic: "what article do you use");
    * a message with a topic of its own (`topics`: "restaurants" in "good restaurants for
      a date night", "meeting" in "any meetings this afternoon") is about that topic,
      unless it also says a small-talk formula ("thanks, that helped": `formulas`, the
      words only small talk uses that make a pattern on their own, such as "thanks");
    * a pattern of ordinary words ("until next time", "good afternoon") fits only whole:
      "next please" and "this afternoon" are not goodbyes or greetings; nor when the
      message asks and the pattern says ("will it be a good day" is no "have a good day"),
      nor in a message naming the article's domain ("k2 in the evening?");
    * a message that asks ("where do you get your info") without the formula of a pattern
      that has one ("thanks for the info") asks something else.

    Args:
        pattern: the small-talk pattern, normalised.
        pattern_words: its content words.
        question_words: the message's words after normalising (stopwords kept) and its
            content words.
        topics: the message's topic words that no small-talk pattern uses.
        formulas: the words that make a small-talk pattern on their own.
        opener: the message's first word, normalised.
        names_domain: whether the message names a term of the article's domain: then a
            pattern of ordinary words ("morning", "evening") is when to take K2, not a
            greeting ("k2 in the evening?").
    """
    addresses = bool(set(pattern.split()) & ADDRESSING_THE_BOT)
    addressed = bool(question_words & ADDRESSING_THE_BOT)
    if addresses and not addressed:
        return "the pattern addresses the bot and the message doesn't"
    if topics and not question_words & formulas and not addresses:
        return f"the message is about {', '.join(sorted(topics))}"
    said_formulas = pattern_words & formulas
    if not addresses and said_formulas and not said_formulas & question_words:
        asks = opener in ASKING_OPENERS or opener in QUESTION_OPENERS
        if asks and not pattern.startswith(opener + " "):
            return "the message asks, without the pattern's formula"
    if not addresses and not said_formulas:
        if not pattern_words <= question_words:
            return "only part of a phrase of ordinary words"
        if opener in ASKING_OPENERS and not pattern.startswith(opener + " "):
            return "the message asks, and the pattern says something"
        if names_domain:
            return "the message names the article's domain"
    return None
