"""How messages shaped like web pages and forum posts are cut up before they are scored.

People copy questions from where they met them: an SEO heading ("Vitamin K2 and
Osteocalcin: The Missing Link in Calcium Metabolism"), a forum title with its label
("Quick q - does K2 help bones?", "r/osteoporosis - has anyone tried K2?", "[Question] how
does K2 reduce bone loss?"), a product page's questions ("Does this help calcium absorb
better?"). Scored as one bag of words, the heading's hook and the label blur what is
asked, and "this" leaves the subject unnamed. These functions find the parts; the matcher
(`bot.matching.Matcher`) scores them.

Plain text in, plain text out: nothing here knows the intents.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from bot.text import AUXILIARY_VERBS, QUESTION_WORDS

# Where a heading's parts meet: a colon before a space ("K2 Deficiency: Why..."), a dash or
# a bar between spaces ("K2 - what is it?", "What Is K2? | Bone Health"), and a bracketed
# label at the start ("[Question] ..."). A hyphen inside a word (MK-7) or a colon inside a
# number (10:30) is no separator, nor is one inside brackets: "Why Your Calcium Isn't
# Working (Hint: Vitamin K2)" is one heading with an aside.
_HEADING_SEPARATOR = re.compile(r"(?::\s+|\s+[-–—|]+\s+)(?![^()\n]*\))|^\s*\[[^\]\n]{1,40}\]\s*")
# Where a part's sentences end (the mark stays with its sentence: "?" tells a question).
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
# More parts than this is a list or a paste, not a heading.
MAX_HEADING_PARTS = 6

# "this" on a product page, or in a message to a bot about one subject, points at that
# subject: "does this help calcium absorb better?", "can this be taken with vitamin d3?".
# Only in the place a subject takes (first, or after the auxiliary that opens a yes/no
# question), and with the product words that may follow it, so "this product" is read
# whole. "it" and "they" point back more loosely ("is it normal to..."): only before the
# verbs of the question whether something works ("does it help bones?").
_PRODUCT_WORDS = (
    "product|supplement|supplements|stuff|one|brand|formula|pill|pills|capsule|capsules"
    "|softgel|softgels|tablet|tablets|gummy|gummies|drop|drops|vitamin|vitamins"
)
# Anywhere else in the sentence, "this" points at the subject only with such a word:
# "can taking this vitamin lower my fracture risk", "so gut bacteria make this vitamin?"
# (a bare "this" there points at anything: "is this normal").
_POINTER_WITH_NOUN = re.compile(rf"\b(?:this|these)\s+(?:{_PRODUCT_WORDS})\b", re.IGNORECASE)
# The letter after "vitamin" names another vitamin ("this vitamin c", "this vitamin d3").
_VITAMIN_LETTER = re.compile(r"[a-z]\d{0,2}", re.IGNORECASE)
# Not `AUXILIARY_VERBS`: the modals "might" and "may" too ("might this help..."), and
# none of "were", "has", "have", "am", which were never tried before "this".
_AUXILIARY_BEFORE_POINTER = "does|do|did|can|could|will|would|is|are|was|should|might|may"
_POINTER_AS_SUBJECT = re.compile(
    rf"^(?P<before>\W*(?:(?:how|what|why)\s+)?(?:(?:{_AUXILIARY_BEFORE_POINTER})\s+)?)"
    rf"(?:(?:this|these)(?:\s+(?:{_PRODUCT_WORDS}))?\b"
    r"|(?:it|they)(?=\s+(?:really\s+|actually\s+|also\s+)?(?:help|helps|work|works)\b))",
    re.IGNORECASE,
)
_FIRST_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")

# A link says where the question was read, not what it asks; its words ("examine", "com",
# "supplements", "vitamin-k") would be read as the question's. With the word that
# introduces it ("source: https://...", "via www...").
_LINK = re.compile(
    r"(?:\b(?:source|sources|via|link|see|from|read|ref)\b\s*:?\s*)?"
    r"(?:https?://|www\.)[^\s)\]>]+",
    re.IGNORECASE,
)
# Where a post was made: a subreddit or a user ("r/osteoporosis", "u/someone"). The forum's
# name is its topic, not the question's ("r/osteoporosis: K2 and bone loss - does it help?").
_FORUM_NAME = re.compile(r"(?<![\w/])/?[ru]/[A-Za-z0-9_]+", re.IGNORECASE)
# Brackets a removal left empty, and the spaces it doubled.
_EMPTY_BRACKETS = re.compile(r"\(\s*[:,.;-]?\s*\)|\[\s*\]")
_SPACES = re.compile(r"[ \t]{2,}")


# A page's furniture around a post: the buttons and counts under it ("Like · Comment ·
# 23", "12 comments · share · save", "asked 3 years ago · viewed 2k times", "Reply ↓"),
# who posted it where and from what ("Posted in Osteoporosis Support Group", "Posted by
# u/someone · 4h", "Sent from my iPhone", "posted via the app"), its tags ("tags: vitamins
# microbiome") and a name signed under it ("-- Karen", "... welcome. — Tom"). The words
# are the page's, not the asker's: "osteoporosis" in a group's name, "comment" on a
# button, "iphone" in a signature would be read as what is asked, and count against the
# answer or carry another. Words a page's buttons and counters are made of:
_BUTTON_WORDS = frozenset(
    "like likes liked comment comments reply replies replied share shares shared save saved"
    " report permalink upvote upvotes upvoted downvote vote votes view views viewed answer"
    " answers answered asked posted edited follow follows followers following award awards"
    " helpful unhelpful see more less show hide translate points point".split()
)
# ... and the times printed beside them ("4h", "3 years ago", "just now").
_TIME_WORDS = frozenset(
    "ago just now second seconds minute minutes hour hours day days week weeks month months"
    " year years time times yesterday today min mins hr hrs sec secs h m d w y yr yrs mo".split()
)
# What separates a furniture line's items: a middle dot, bullet, bar or arrow.
_INTERFACE_SEPARATORS = re.compile(r"[·•|↓↑→←⬆⬇▲▼]+|\(|\)")
# A count or a time as a page prints it: "23", "2k", "1.2k", "4h", "3d", "2023".
_COUNT = re.compile(r"\d[\d.,]*[kmhdwy]?")
# A line that says who posted, where, when or with what, and asks nothing: "Posted in
# ...", "Posted by u/...", "Sent from my iPhone", "posted via r/Supplements app", "asked
# by Linda on 2 Feb", "Original post by ... »". At most a few words, or it is a sentence.
_POSTED_LINE = re.compile(
    r"^\W*(?:original\s+)?(?:posted|post|sent|shared|asked|answered|written|edited|commented"
    r"|submitted)\s+(?:by|in|to|from|via|with|on)\b[^?\n]*$",
    re.IGNORECASE,
)
MAX_POSTED_LINE_WORDS = 8
_ASKS_INSIDE = re.compile(
    r"\b(?:ask|asking|whether|if|what|how|why|does|do|is|are|can|should|k2|vitamin)\b",
    re.IGNORECASE,
)
# The same at the end of the post's last line: "... how that works? xx Sent from my
# iPhone", "(posted from mobile, sorry for formatting)": only what names a device or app.
_TRAILING_POSTED = re.compile(
    r"[\s(–—-]*\b(?:sent|posted)\s+(?:from|via|with)\s+(?:my\s+|the\s+)?"
    r"(?:iphone|ipad|android|phone|mobile|galaxy|samsung|pixel|app|[\w/]+\s+app)\b[^?\n]*$",
    re.IGNORECASE,
)
# A line of a page's labels: "tags: vitamins microbiome gut-health", "Filed under: ...".
_LABEL_LINE = re.compile(
    r"^\W*(?:tags?|tagged|tagged\s+with|filed\s+under|categor(?:y|ies)|flair|topics?)\s*:[^?\n]*$",
    re.IGNORECASE,
)
# A name signed at the end, after a dash, at the start of a line or after a sentence's
# end: "-- Karen", "welcome. — Tom", "~ Ann". One to three capitalised words of letters,
# nothing after them (emoji aside): "which is better for bones — MK-7" names no signer.
_SIGNED_NAME = re.compile(
    r"(?:^|(?<=[.!?\n]))\s*(?:--|—|–|~)\s*[A-Z][A-Za-z.']*(?:\s+[A-Z][A-Za-z.']*){0,2}[^\w?]*$"
)
# A video's or post's title promising how short it is: "K2 explained in 60 seconds",
# "vitamin K2 guide in under 5 minutes". The time is how long the page takes, not what it
# is about; "does k2 work in 5 minutes" keeps it (no title word before it).
_TITLE_LENGTH = re.compile(
    r"\b(explained|explainer|summar(?:y|ised|ized)|guide|overview|basics|breakdown|primer|"
    r"intro(?:duction)?|101)\s+(?:in\s+(?:under\s+|less\s+than\s+)?|under\s+)"
    r"(?:\d+|a|one|two|three|five|ten)\s+(?:seconds?|secs?|minutes?|mins?)\b",
    re.IGNORECASE,
)
# Hashtags: a run of them labels a post ("#wellness #k2 #guthealth"); its words glue
# several ("guthealth") and are read as unknown words against the answer. A tag a
# caller knows the word of ("#k2") is kept as that word.
_HASHTAG = re.compile(r"(?<![\w#&])#(\w+)")
_HASHTAG_RUN = re.compile(r"(?<![\w#&])#\w+(?:[\s,]+#\w+)+|(?<![\w#&])#\w+\W*$")


# A signature block: a line of dashes ("--", "---", "___"), then at most a few short lines
# that ask nothing, to the end ("--\nJohn D.\nRetired engineer").
_SIGNATURE_BLOCK = re.compile(r"\n[ \t]*(?:-{2,}|_{3,}|—+)[ \t]*(?:\n[^?\n]{0,60}){1,3}\s*$")


def _is_interface_line(line: str) -> bool:
    """Whether a line is only a page's buttons, counts and times ("Like · Comment · 23")."""
    items = [i for i in _INTERFACE_SEPARATORS.split(line) if i.strip()]
    buttons = 0
    for item in items:
        words = [w.strip(".,'") for w in re.findall(r"[\w.,']+", item.lower())]
        if not words or not all(
            w in _BUTTON_WORDS or w in _TIME_WORDS or _COUNT.fullmatch(w) for w in words
        ):
            return False
        buttons += sum(w in _BUTTON_WORDS for w in words)
    # A time alone ("2 years") may end the asker's own sentence on a line of its own.
    return buttons > 0


def _is_furniture_line(line: str) -> bool:
    """Whether a whole line is a page's furniture, not something the asker wrote."""
    stripped = line.strip()
    if not stripped:
        return False
    if _LABEL_LINE.match(stripped):
        return True
    if (
        _POSTED_LINE.match(stripped)
        and len(stripped.split()) <= MAX_POSTED_LINE_WORDS
        # "posted to ask whether k2 helps bones" is the asker's own line.
        and not _ASKS_INSIDE.search(stripped)
    ):
        return True
    return _is_interface_line(stripped)


def without_page_furniture(message: str, keeps_tag: Callable[[str], bool] = lambda _: False) -> str:
    """The message without its page's furniture: buttons, counts, posting lines, tags, names.

    "Posted in Osteoporosis Support Group", a question, then "Like · Comment · 23", each
    on a line of its own -> the question alone; "vitamin k2 benefits #wellness
    #k2 #guthealth" -> "vitamin k2 benefits k2" when `keeps_tag` knows "k2"; "Any
    experience welcome. — Tom" -> "Any experience welcome."; a title's promised length
    ("K2 explained in 60 seconds") goes too. A message that is nothing
    but furniture comes back unchanged, so it is still read as something.
    """
    cleaned = message
    if "\n" in cleaned or "·" in cleaned or "•" in cleaned:
        cleaned = "\n".join(line for line in cleaned.split("\n") if not _is_furniture_line(line))
    if "\n" in cleaned:
        cleaned = _SIGNATURE_BLOCK.sub("", cleaned)
    # A posting line may also end the post's last line: "...? Sent from my iPhone".
    cleaned = _TRAILING_POSTED.sub("", cleaned)
    if "#" in cleaned:
        cleaned = _HASHTAG_RUN.sub(
            lambda run: " ".join(t for t in _HASHTAG.findall(run.group()) if keeps_tag(t)),
            cleaned,
        )
    if "--" in cleaned or "—" in cleaned or "–" in cleaned or "~" in cleaned:
        cleaned = _SIGNED_NAME.sub("", cleaned.rstrip())
    cleaned = _TITLE_LENGTH.sub(r"\1", cleaned)
    cleaned = cleaned.strip()
    return cleaned if any(c.isalnum() for c in cleaned) else message


def without_page_marks(message: str, keeps_tag: Callable[[str], bool] = lambda _: False) -> str:
    """The message without the marks of the page it came from: links, forum names, furniture.

    "What does vitamin K2 do? (https://examine.com/supplements/vitamin-k/ was confusing)"
    -> "What does vitamin K2 do? (was confusing)"; "r/osteoporosis: K2 and bone loss"
    -> ": K2 and bone loss"; an HTML entity ("&amp;") is read as the character it stands
    for; the page's furniture goes too (`without_page_furniture`,
    which keeps a hashtag `keeps_tag` knows). What is left of the message is returned as
    it was typed otherwise (the caller normalises it); a message that is nothing but such
    marks comes back unchanged, so it is still read as something.
    """
    cleaned = without_page_furniture(message, keeps_tag)
    if "&" in cleaned and ";" in cleaned:
        # Copied from a page's source: "Thanks &amp; keep up", "don&#39;t" ("amp" and
        # "39" would be read as words).
        cleaned = html.unescape(cleaned)
    if "/" not in cleaned and "www." not in cleaned.lower():
        return cleaned
    unlinked = _FORUM_NAME.sub(" ", _LINK.sub(" ", cleaned))
    unlinked = _SPACES.sub(" ", _EMPTY_BRACKETS.sub(" ", unlinked)).strip()
    return unlinked if any(c.isalnum() for c in unlinked) else cleaned


def heading_parts(question: str) -> list[str]:
    """The parts of a message shaped like a heading or a labelled title, or [] if it isn't.

    "Vitamin K2: Benefits, Forms and How It Works" -> ["Vitamin K2", "Benefits, Forms and
    How It Works"]; "[Question] how does K2 reduce bone loss?" -> ["how does K2 reduce bone
    loss?"] (a label alone is no part). After a label a post may go on: its sentences are
    parts too. A message with no separator, or more than `MAX_HEADING_PARTS` parts, comes
    back as [].
    """
    if not _HEADING_SEPARATOR.search(question):
        return []
    parts = [
        sentence.strip()
        for part in _HEADING_SEPARATOR.split(question)
        for sentence in _SENTENCE_BREAK.split(part)
        if sentence and sentence.strip()
    ]
    if not 1 <= len(parts) <= MAX_HEADING_PARTS:
        return []
    if len(parts) == 1 and parts[0] == question.strip():
        return []
    return parts


def part_asks(part: str) -> bool:
    """Whether a heading's part is a question: it ends with "?" or opens as one.

    Stricter than `bot.dialogue.asks` for chat messages: a question word alone opens a
    heading's noun clause as often as a question ("How It Works").
    """
    if part.rstrip().endswith("?"):
        return True
    words = [w.lower().strip("'\"([") for w in part.split()[:2]]
    if not words:
        return False
    return words[0] in AUXILIARY_VERBS or (
        len(words) == 2 and words[0] in QUESTION_WORDS and words[1] in AUXILIARY_VERBS
    )


def pointer_read_as(
    question: str, subject: str, names_a_topic: Callable[[str], bool] = lambda _: False
) -> str | None:
    """The message's first sentence with the "this" it opens on read as `subject`.

    "Does this product actually help prevent broken bones?" -> "Does k2 actually help
    prevent broken bones?"; None when the first sentence does not point at its subject so,
    or when the word after the pointer names a topic of its own (`names_a_topic`: "does
    this calcium supplement help?" is about a calcium supplement). Whether the message
    names the subject already, or is about the article's domain at all, is for the caller
    to check.
    """
    found = _FIRST_SENTENCE.match(question.lstrip())
    if found is None:
        return None
    sentence = found.group()
    pointed = _POINTER_AS_SUBJECT.match(sentence)
    if pointed is not None:
        before, end = pointed.group("before"), pointed.end()
    else:
        named = _POINTER_WITH_NOUN.search(sentence)
        if named is None:
            return None
        before, end = sentence[: named.start()], named.end()
    rest = sentence[end:]
    following = rest.split(maxsplit=1)
    if following and names_a_topic(following[0]):
        return None
    if (
        following
        and sentence[:end].lower().rstrip().endswith(("vitamin", "vitamins"))
        and _VITAMIN_LETTER.fullmatch(following[0].strip("'\",.?!"))
    ):
        return None
    return f"{before}{subject}{rest}"


# Several questions in one message: a list ("1) what is it 2) where does it come from",
# "(1) ... (2) ...", "- ... - ..."), sentences that each ask, or questions joined by
# "and" ("What Is It and Where Does It Come From?"). A list item's mark stands at the start
# or after a space; "MK-7" and "1.5" are no marks.
_LIST_MARK = re.compile(r"(?:^|(?<=\s))(?:\(?\d{1,2}[.)]|[•*]|-{1,2})(?=\s)")
# Words that open a question (as typed; contractions too: "what's", "hows").
_QUESTION_OPENERS = (
    "what|whats|what's|where|wheres|where's|how|hows|how's|why|when|which|who|whose"
    "|does|do|did|is|are|was|can|could|should|would|will|might|may"
)
# "and" ("also", "plus") before a word that opens a question joins two questions: "what
# is k2 and where does it come from". Not before a noun ("mk4 and mk7"). "or" offers
# answers to one question ("does it work or is it marketing"): no join.
_JOINED_QUESTION = re.compile(
    rf"(?:,\s*|\s+)(?:and|also|plus|&)(?:\s+also)?\s+(?=(?:{_QUESTION_OPENERS})\b)",
    re.IGNORECASE,
)
_OPENS_AS_QUESTION = re.compile(
    rf"\W*(?:(?:so|and|but|also|ok|okay)\s+)?(?:{_QUESTION_OPENERS})\b", re.IGNORECASE
)
_SENTENCE_OR_LINE = re.compile(r"(?<=[.!?])\s+|\n+")
# A question has at least a word that asks and one asked about ("how and why does k2
# work" is one question).
MIN_QUESTION_WORDS = 2
# More questions than this is a questionnaire or a paste: read whole.
MAX_SEPARATE_QUESTIONS = 5


def separate_questions(message: str) -> list[tuple[int, str]]:
    """The questions a message asks one after another, each with where it starts.

    "Few questions: 1) what is K2 2) where does it come from?" -> [(16, "what is K2"),
    (30, "where does it come from?")]; "What Is It and Where Does It Come From?" ->
    [(0, "What Is It"), (15, "Where Does It Come From?")]. A piece asks when it ends with
    "?" or opens as a question; statements between the questions (back-story, a heading's
    head) are left out, and read by the caller from the message before each question. []
    when fewer than two questions are found, or more than `MAX_SEPARATE_QUESTIONS`.
    """
    pieces: list[tuple[int, str]] = []
    for cut in (_SENTENCE_OR_LINE, _HEADING_SEPARATOR, _LIST_MARK, _JOINED_QUESTION):
        source = pieces or [(0, message)]
        pieces = []
        for start, text in source:
            at = 0
            for found in cut.finditer(text):
                pieces.append((start + at, text[at : found.start()]))
                at = found.end()
            pieces.append((start + at, text[at:]))
    questions = [
        (start + len(text) - len(text.lstrip()), text.strip())
        for start, text in pieces
        if len(text.split()) >= MIN_QUESTION_WORDS
        and (text.rstrip().endswith("?") or _OPENS_AS_QUESTION.match(text))
    ]
    if not 2 <= len(questions) <= MAX_SEPARATE_QUESTIONS:
        return []
    return questions


# A question and the answers its asker offers, each a word or two asked on its own: "What
# is K2 good for? Bones? Calcium? Both?". At least two such offers: one alone narrows the
# question ("is k2 good? for bones?").
_OFFERED_ANSWER = re.compile(r"\s*[^\s?]+(?:\s+[^\s?]+)?\s*\?+")
MIN_OFFERED_ANSWERS = 2


def question_before_offers(message: str) -> str | None:
    """The question a message asks before offering its answers as short questions, or None.

    "What is K2 good for? Bones? Calcium? Both?" -> "What is K2 good for?": read whole,
    the offers ("bones calcium") outweigh the question and pick one topic of the several
    it asks about. None when the message does not end so.
    """
    head, mark, rest = message.strip().partition("?")
    # The question is longer than an offer (at most two words), or it is an offer too.
    if not mark or len(head.split()) <= 2:
        return None
    rest = rest.lstrip("?")
    offers = 0
    at = 0
    while at < len(rest):
        found = _OFFERED_ANSWER.match(rest, at)
        if found is None:
            break
        offers += 1
        at = found.end()
    if at < len(rest.rstrip()) or offers < MIN_OFFERED_ANSWERS:
        return None
    return f"{head}?"


# "MK-7 vs MK-4 for bone health: which is better?": the two things compared are what is
# asked; what they are compared for ("for bone health") is its purpose. Each side is a few
# words, up to a word that starts the purpose or the question, or a heading's separator.
_COMPARED = re.compile(r"\s+(?:vs\.?|versus)\s+", re.IGNORECASE)
_SIDE_STOP = frozenset(
    "for in on to when with which what who how why is are does do can should and or the a an"
    " if than".split()
)
MAX_SIDE_WORDS = 3
# What the rest of a message asks when the comparison is the question: a choice or the
# difference ("which is better", "what's the difference", "which should you choose"). A
# rest that asks something else ("where does the body make mk4 vs mk7") asks it of both.
_ASKS_TO_CHOOSE = re.compile(
    r"\b(?:which|better|best|difference|differences|differ|compare|compared|comparison"
    r"|choose|pick|prefer|preferable|superior|winner)\b",
    re.IGNORECASE,
)
# A word as typed, with the punctuation after it (a side ends at a comma, colon, "?"...).
_TYPED_WORD = re.compile(r"[\w'-]+(?P<mark>[^\w\s'-]*)")


def asks_to_choose(rest: str) -> bool:
    """Whether what surrounds a comparison asks for a choice, or nothing at all."""
    return not any(c.isalnum() for c in rest) or bool(_ASKS_TO_CHOOSE.search(rest))


def compared_pair(message: str) -> tuple[str, str, str] | None:
    """The two sides of the one comparison ("A vs B") a message makes, and the rest of it.

    "MK-7 vs MK-4 for bone health: which is better?" -> ("MK-7", "MK-4", "for bone
    health: which is better?"); a side is at most `MAX_SIDE_WORDS` words, and stops at a
    word that opens the purpose or the question ("for", "which") or at punctuation. None
    when the message compares nothing, or more than one pair ("a vs b vs c").
    """
    found = list(_COMPARED.finditer(message))
    if len(found) != 1:
        return None
    cut = found[0]
    left = list(_TYPED_WORD.finditer(message, 0, cut.start()))
    first = len(left)
    while first > 0 and len(left) - first < MAX_SIDE_WORDS:
        word = left[first - 1]
        if word.group().lower().strip("'-") in _SIDE_STOP or (
            first < len(left) and word.group("mark")
        ):
            break
        first -= 1
    right = list(_TYPED_WORD.finditer(message, cut.end()))
    last = 0
    while last < len(right) and last < MAX_SIDE_WORDS:
        word = right[last]
        if word.group().lower().strip("'-") in _SIDE_STOP:
            break
        last += 1
        if word.group("mark"):
            break
    if first == len(left) or last == 0 or left[-1].group("mark"):
        return None
    start, end = left[first].start(), right[last - 1].end() - len(right[last - 1].group("mark"))
    a = message[left[first].start() : left[-1].end()]
    b = message[cut.end() : end]
    rest = f"{message[:start]} {message[end:]}".strip()
    return a, b, rest


# "does k2 send calcium to the bones instead of the arteries": what a question contrasts
# its claim with, at the end of a clause ("instead of ...", "rather than ...", ", not ...").
_CONTRAST_TAIL = re.compile(
    r"(?:\s+(?:instead\s+of|rather\s+than)|,\s*not)\s+[^,.;:?!\n]*(?=[,.;:?!\n]|$)",
    re.IGNORECASE,
)


def contrast_tail(text: str) -> tuple[str, str] | None:
    """The text without the contrast that ends its clause, and the contrast, or None.

    "does k2 direct calcium into bone instead of elsewhere?" -> ("does k2 direct calcium
    into bone?", " instead of elsewhere"). Whether the contrast sets aside the subject
    ("eat natto instead of k2": that is the question) is for the caller to check.
    """
    found = _CONTRAST_TAIL.search(text)
    if found is None:
        return None
    kept = f"{text[: found.start()]}{text[found.end() :]}".strip()
    return (kept, found.group()) if any(c.isalnum() for c in kept) else None
