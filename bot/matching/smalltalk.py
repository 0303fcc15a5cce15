"""Whether a small-talk pattern fits the whole message, not just some of its words.

"who built you" shares its words with "who built the pyramids", "good afternoon" with
"this afternoon": a small-talk intent answers only a message that is small talk as a
whole. `bot.matching.scoring` asks this of each small-talk candidate.
"""

from __future__ import annotations

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
      nor in a message naming the article's domain ("k2 in the evening?").

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
    if not addresses and not pattern_words & formulas:
        if not pattern_words <= question_words:
            return "only part of a phrase of ordinary words"
        if opener in ASKING_OPENERS and not pattern.startswith(opener + " "):
            return "the message asks, and the pattern says something"
        if names_domain:
            return "the message names the article's domain"
    return None
