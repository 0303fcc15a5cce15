"""Hypothesis strategies for what users can send: any text Telegram would deliver."""

from __future__ import annotations

from hypothesis import strategies as st

from bot.markup import utf16_length
from builders import SHIPPED_INTENTS

MESSAGE_LIMIT = 4096

# Telegram delivers valid Unicode only: no lone surrogates (they cannot be sent as UTF-8).
_any_char = st.characters(exclude_categories=("Cs",))
# Words the bot knows, so that inputs reach the matcher's deeper paths, not only fallbacks.
_VOCABULARY = (
    "k2 vitamin mk7 mk4 mk-7 d3 calcium bone osteocalcin fracture warfarin pregnant dose "
    "kidney natto hello thanks bye what is why does how the and vs ?? ! & < > <b> </i> &amp; "
    "@k2_test_bot /start /help /topics /source 🙂 👍🏽 \u200b \u202e ١٢٣ ß İ ﬁ \n \t"
).split(" ")
_word = st.one_of(st.sampled_from(_VOCABULARY), st.text(_any_char, min_size=1, max_size=12))


def _clip(text: str, limit: int) -> str:
    """The longest prefix of `text` within `limit` UTF-16 units."""
    if utf16_length(text) <= limit:
        return text
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return text[:index]
    return text


def message_texts(max_size: int = MESSAGE_LIMIT) -> st.SearchStrategy[str]:
    """Text a user can send: 1 to 4096 UTF-16 units, any script, emoji, controls, markup."""
    words = st.lists(_word, min_size=1, max_size=60).map(" ".join)
    raw = st.text(_any_char, min_size=1, max_size=max_size)
    # A long message made of a repeated piece reaches the 4096 limit cheaply.
    long = st.tuples(st.text(_any_char, min_size=1, max_size=40), st.integers(1, 4096)).map(
        lambda piece_count: piece_count[0] * piece_count[1]
    )
    return st.one_of(words, raw, long).map(lambda t: _clip(t, max_size)).filter(bool)


def intent_ids() -> st.SearchStrategy[str]:
    """Strings that look like intent ids, real ones and anything else."""
    real = sorted(
        line.split("id:", 1)[1].strip()
        for path in SHIPPED_INTENTS.glob("*.yaml")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("- id:")
    )
    return st.one_of(st.sampled_from(real), st.text(_any_char, max_size=80))


def callback_data() -> st.SearchStrategy[str]:
    """Callback data a (forged) client can send: 1 to 64 bytes of UTF-8."""
    shaped = st.tuples(
        st.sampled_from(["a", "s", "t", "", "x", "a:", "t:"]), st.text(_any_char)
    ).map(lambda pair: f"{pair[0]}:{pair[1]}")
    return st.one_of(shaped, st.text(_any_char, min_size=1)).filter(
        lambda d: 1 <= len(d.encode("utf-8")) <= 64
    )


def inline_queries() -> st.SearchStrategy[str]:
    """Inline query text: 0 to 256 characters."""
    return st.one_of(
        st.lists(_word, max_size=20).map(" ".join), st.text(_any_char, max_size=256)
    ).map(lambda q: _clip(q, 256))
