"""Whether a small-talk pattern fits the whole message, not just some of its words.

"who built you" shares its words with "who built the pyramids", "good afternoon" with
"this afternoon": a small-talk intent answers only a message that is small talk as a
whole. `bot.matching.scoring` asks this of each small-talk candidate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping

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


# A short remark on its own ("ok", "lol", "good bot", "useless", "test"), in the words the
# normaliser gives ("понятно" and "ясно" are "ok"), by what it says. Such remarks share no
# content word with a question (most are stopwords: "ok", "got it", "lol") or only one that
# tells nothing ("bot"), so the scorer cannot place them: "good bot" got the introduction,
# "you're not helpful" thanks (by "helpful"), "ok" and "lol" the article's fall-back.
# Acknowledging, laughing and praising say "thanks" (the reply invites the next question);
# a complaint asks, in effect, what the bot can do; poking it ("test", "anyone there?")
# checks that it is there, as "hello" does. Phrases are separated by commas.
_SAYS_THANKS, _SAYS_WHAT_CAN_YOU_DO, _SAYS_HELLO = "thanks", "what can you do", "hello"
_SAYS_WHO_ARE_YOU = "who are you"
# Each kind of remark: what it says, whether it may be asked ("are you there?") and its
# phrases. A remark of another kind that asks ("is it good?", "useful?", "evening?") asks
# about what was said, in a chat with a topic.
_REMARKS = (
    (
        _SAYS_THANKS,
        False,
        """
        ok, okay, okey, okie, dokie, k, kk, alright, allright, got it, gotcha, i see,
        understood, i understand, i get it, get it, noted, makes sense, make sense, fair,
        fair enough, sounds good, sound good, cool, nice, great, good, awesome, perfect,
        excellent, wonderful, fantastic, amazing, brilliant, super, neat, sweet, wow,
        interesting, oh, ah, hmm, clear, thanks, helpful, very helpful, useful, love, love it,
        smart, clever, genius, well done, good job, great job, nice job, nice work,
        good work, great work, rock, rocks, legend, best, not bad,
        хорошо, ладно, класс, классно, круто, супер, отлично, ага, угу, понял, поняла,
        молодец, умница, полезно
        """,
    ),
    (
        _SAYS_WHAT_CAN_YOU_DO,
        False,
        """
        useless, stupid, dumb, idiot, idiotic, sucks, suck, wtf, wth, wrong, incorrect,
        unhelpful, not helpful, not useful, no help, no good, bad, terrible, awful, horrible,
        rubbish, garbage, trash, crap, bs, nonsense, pointless, worthless, broken, no sense,
        makes no sense, make no sense, doesnt make sense, not what i asked, not what i meant,
        not my question, didnt answer, didnt answer my question, didnt help, doesnt help,
        not working, annoying, ugh,
        бесполезныи, бесполезно, тупои, глупыи, фигня, отстои, бред, ерунда, не помог, не то
        """,
    ),
    # A greeting by the time of day: alone, not as a pattern, since "evening" in "k2 in
    # the evening?" or "any meetings this afternoon" is when, not hello.
    (
        _SAYS_HELLO,
        False,
        """
        morning, afternoon, evening, good morning, good afternoon, good evening, good day,
        доброе утро, добрыи день, добрыи вечер
        """,
    ),
    (
        _SAYS_HELLO,
        True,
        """
        test, tests, testing, ping, anyone, anybody, someone, there, here, alive, awake,
        working, online, тест, проверка
        """,
    ),
    # Asking what the bot is: only with a word that addresses it ("are you real?", "ты
    # человек?"); "is it real?" asks about what was said.
    (
        _SAYS_WHO_ARE_YOU,
        True,
        """
        human, person, real, real person, ai, machine, program, computer, gpt, chatgpt,
        llm, openai, sentient, conscious, человек, живои человек, робот, нейросеть, ии,
        программа
        """,
    ),
)
# Words that only address the bot or point at its last answer ("good bot", "nice one",
# "that's wrong", "this is useless"): a remark is still one with them.
_ADDRESSING_WORDS = frozenset(
    """
    bot robot chatbot k2bot you u youre ur are is was this that thats it its so very
    really such the a an one answer reply response just totally pretty too at all me my mate
    man buddy dude bro бот ты это
    """.split()
)
# Words that negate the remark after them: "not very helpful", "wasn't great", "не круто"
# complain, though their last word praises ("not bad" and "not helpful" are phrases).
_NEGATIONS = frozenset("not isnt wasnt arent werent dont doesnt didnt never не".split())
# Greetings that go with a remark ("hello? is this working", "hi, useless bot") but are
# none alone: the small-talk patterns read a greeting, and "hello! are you a bot?" asks.
_WITH_A_REMARK = frozenset("hi hello hey привет".split())
# "You" in Russian, as the normaliser leaves it.
_RUSSIAN_YOU = frozenset("ты вы тебя тебе бот".split())
# Laughter, however long: "haha", "hahaha", "lol", "lmao", "xd", and the Russian ones.
_LAUGHTER = re.compile(r"a?(?:ha)+h?|(?:he){2,}|lo+l+|lmf?a+o+|rofl|xd+|а?(?:ха)+х?|лол")
# The remark phrases, as word tuples, and the longest.
_REMARK_PHRASES = {
    tuple(phrase.split()): (says, may_ask)
    for says, may_ask, phrases in _REMARKS
    for phrase in phrases.split(",")
    if phrase.strip()
}
_LONGEST_REMARK = max(len(words) for words in _REMARK_PHRASES)


def remark_meaning(text: str, normalize: Callable[[str], str]) -> str | None:
    """What a message that is only a short remark says, as small talk, or None.

    "ok", "got it", "lol", "good bot" and "nice one" say thanks; "useless", "you didn't
    answer my question" and "wtf" ask what the bot can do; "test" and "anyone there?" say
    hello ("?" or "..." alone already gets the greeting, as an empty message); "are you
    real?" and "ты человек?" ask who the bot is. Every word must belong to the remark (or
    only address the bot: "bot", "you", "this"), and all of one kind: "ok what is mk7",
    "good for bones?" and "useless, but thanks" are left to the scorer (None), as is a
    remark that asks ("is it good?", "wrong?"), unless it asks whether the bot is there or
    who it is. Praise negated ("not very helpful", "wasn't great") is a complaint.

    Args:
        text: the message as typed.
        normalize: the matcher's normaliser (it folds "понятно" to "ok", "ty" to "thanks").
    """
    words = normalize(text).split()
    said: set[str] = set()
    may_ask = True
    negated = False
    at = 0
    while at < len(words):
        if _LAUGHTER.fullmatch(words[at]):
            said.add(_SAYS_THANKS)
            may_ask = False
            at += 1
            continue
        for length in range(min(_LONGEST_REMARK, len(words) - at), 0, -1):
            remark = _REMARK_PHRASES.get(tuple(words[at : at + length]))
            if remark is not None:
                said.add(remark[0])
                may_ask = may_ask and remark[1]
                at += length
                break
        else:
            word = words[at]
            negated = negated or word in _NEGATIONS
            if (
                word not in _NEGATIONS
                and word not in _ADDRESSING_WORDS
                and word not in _WITH_A_REMARK
                and not word.isdigit()
            ):
                return None
            at += 1
    if len(said) != 1:
        return None
    says = said.pop()
    if negated:
        # Praise negated is a complaint; any other remark negated ("not real") is unclear.
        if says != _SAYS_THANKS:
            return None
        says = _SAYS_WHAT_CAN_YOU_DO
    if says == _SAYS_WHO_ARE_YOU and not set(words) & (ADDRESSING_THE_BOT | _RUSSIAN_YOU):
        return None
    if not may_ask and (text.rstrip().endswith("?") or words[0] in ASKING_OPENERS):
        return None
    return says


# Small talk around a question: opening courtesies ("hi, thanks, ok, what is mk7", "Good
# morning. ...") and closing ones ("... what is it? Thank you. Have a nice day."), each a
# few words. More are no courtesy around a question, and a message of nothing else ("hi,
# hi, hi, ...", 4,000 characters) must not be judged piece by piece.
MAX_OPENING_PIECES = 3
MAX_CLOSING_PIECES = 2
# A piece of a message, up to a comma or an end mark, with the marks that end it.
_PIECE = re.compile(r"([^.!?;,\n]+)([.!?;,\n]*)")
# Where a sentence ends: closing courtesies are whole sentences ("... what is it? Thank
# you."); "..., morning or night" and "..., please help" are part of the question.
_SENTENCE_END = re.compile(r"[.!?;\n]")
# Words a question may open with after a courtesy ("thanks! and does it help?").
_FILLERS = frozenset("and but so also ok okay oh wait well then one more".split())


def asks(text: str) -> bool:
    """Whether a message asks: a "?", or a question word or verb first ("what can you do")."""
    words = text.lower().split()
    return "?" in text or (bool(words) and words[0] in ASKING_OPENERS | QUESTION_OPENERS)


def without_smalltalk(question: str, is_smalltalk: Callable[[str], bool]) -> str:
    """The message without the small talk it opens or closes with.

    "thanks! and does it help with bone density?", "hey, thanks, what about mk4" and "Good
    morning. ... What is it? Thank you." ask what is left: "does it help with bone
    density?", "what about mk4", "What is it?". An opening piece ends at a comma or an end
    mark, a closing one is a sentence; at most `MAX_OPENING_PIECES` at the start and
    `MAX_CLOSING_PIECES` at the end are read, and at least one piece is kept. The message
    as it is when nothing is read away, or when what is left says nothing in words
    ("thanks! 🙏"). Whether what is left asks something is the caller's to tell
    (`bot.matching.Matcher.match`: "thanks, that helps" is small talk throughout).

    Args:
        question: the message as typed.
        is_smalltalk: whether a piece, read alone, is small talk (the matcher's reading).
    """
    pieces = [m.group() for m in _PIECE.finditer(question) if m.group(1).strip()]
    if len(pieces) < 2:
        return question
    start, end = 0, len(pieces)
    while end - start > 1 and start < MAX_OPENING_PIECES and is_smalltalk(pieces[start]):
        start += 1
    while (
        end - start > 1
        and len(pieces) - end < MAX_CLOSING_PIECES
        and _SENTENCE_END.search(pieces[end - 2])
        and is_smalltalk(pieces[end - 1])
    ):
        end -= 1
    if end - start == len(pieces):
        return question
    rest = "".join(pieces[start:end]).split()
    if start:
        while rest and rest[0].lower() in _FILLERS:
            rest = rest[1:]
    kept = " ".join(rest)
    return kept if any(c.isalnum() for c in kept) else question


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
