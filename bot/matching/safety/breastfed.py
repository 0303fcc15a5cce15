"""Whose a breastfeeding word is: the mother's, or a breastfed child's.

"i'm breastfeeding, can i take k2" asks for the mother (the pregnancy and breastfeeding
referral); "how much vitamin k does my breastfed baby need", "¿cuántas gotas necesita mi
bebé amamantado?" and "малышу на грудном вскармливании" ask for the child (the children's
referral). What tells them apart is the form: a participle describing the child's word
("breastfed baby", "bebé amamantado", "bébé allaité", "bimbo allattato", "ребенок на
грудном вскармливании"), against a verb the mother says ("j'allaite mon bébé", "while
breastfeeding my baby", "estoy amamantando").
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.matching.safety.expressions import URGENT
from bot.matching.safety.readings import _Hit

CHILDREN_REFERRAL = "safety_children"
PREGNANCY_REFERRAL = "safety_pregnancy"

# Beginnings of the words describing a breastfed child, by where they stand against the
# child's word. Before it: the English and German adjective ("breastfed baby", "nursing
# infant", "gestilltes Baby"). After it: the Romance participles, which follow their
# noun ("bebé amamantado", "bebê amamentado", "bébé allaité", "bimbo allattato"), the
# Russian phrase ("малыш на грудном вскармливании"), the Polish participle ("dziecko
# karmione piersią") and the English predicate ("a baby who is breastfed"). A gerund
# the mother says ("amamantando", "allattando", "breastfeeding") is none of them; the
# French "allaite" is also the mother's verb, but that stands before the child ("j'allaite
# mon bébé"), never after.
BEFORE_THE_CHILD = ("breastfed", "nursed", "nursing", "gestillt", "vollgestillt")
AFTER_THE_CHILD = (
    "breastfed",
    "nursed",
    "gestillt",
    "amamantad",
    "amamentad",
    "allaite",
    "allaitee",
    "allattat",
    "karmion",
    "грудн",
    "вскармлива",
)

# Words that may stand between the child's word and the participle: "exclusively",
# "fully", a copula or a relative ("a baby who is breastfed", "малыш на грудном
# вскармливании"). Never a possessive: "breastfeeding my baby" is the mother's.
LINKING_WORDS = frozenset(
    {
        "exclusively",
        "fully",
        "only",
        "partially",
        "mostly",
        "is",
        "was",
        "being",
        "who",
        "that",
        "exclusivamente",
        "exclusivement",
        "esclusivamente",
        "voll",
        "ausschliesslich",
        "que",
        "qui",
        "che",
        "est",
        "esta",
        "на",
        "исключительно",
        "который",
        "которыи",
        "находящемуся",
        "tylko",
        "wylacznie",
    }
)

# The asker as the subject ("can i take k2", "мне можно к2?", "posso prendere?"): beside
# a breastfed child with no word of giving, the mother asks for herself ("my baby is
# breastfed, can i take k2?"); with one, she asks for the child ("should i give my
# breastfed baby vitamin k").
ASKER_WORDS = frozenset(
    {"i", "im", "me", "ich", "mir", "je", "jai", "moi", "io", "yo", "eu", "ja", "mnie", "я", "мне"}
    # First-person verbs of languages that drop the pronoun: "posso prendere k2?".
    | {"posso", "puedo", "puis", "peux", "moge", "могу"}
)
GIVING_WORDS = (
    "give",
    "gave",
    "giving",
    "geben",
    "gebe",
    "donne",
    "donner",
    "dar",
    "darle",
    "darles",
    "darlo",
    "dou",
    "doy",
    "dare",
    "дава",
    "дать",
    "даю",
    "dawa",
    "podawa",
    "dac",
)

# Words saying whom something is for, before the child's word ("do i need vitamin k for
# my breastfed baby", "для малыша"): the child's question though the asker speaks.
FOR_WORDS = frozenset({"for", "para", "pour", "per", "fur", "dla", "для"})


def _asks_for_herself(words: Sequence[str], child: set[int]) -> bool:
    """Whether the asker speaks of herself, giving nothing and naming nothing for the child."""
    if not any(word in ASKER_WORDS for word in words):
        return False
    if any(
        word == giving or (len(giving) > 3 and word.startswith(giving))
        for word in words
        for giving in GIVING_WORDS
    ):
        return False
    return not any(
        words[before] in FOR_WORDS for index in child for before in range(max(0, index - 3), index)
    )


def _attached(words: Sequence[str], position: int, child: set[int], own: set[int]) -> bool:
    """Whether the participle at `position` describes a word in `child`.

    Between them may stand linking words and the participle's own phrase (`own`, the
    words its trigger said: "грудном" of "на грудном вскармливании").
    """

    def between(index: int) -> bool:
        return index not in child and (words[index] in LINKING_WORDS or index in own)

    word = words[position]
    if word.startswith(AFTER_THE_CHILD):
        index = position - 1
        while index >= 0 and between(index):
            index -= 1
        if index in child:
            return True
    if word.startswith(BEFORE_THE_CHILD):
        index = position + 1
        while index < len(words) and between(index):
            index += 1
        if index in child:
            return True
    return False


def child_is_breastfed(words: Sequence[str], hits: list[_Hit]) -> list[_Hit]:
    """`hits` less the pregnancy referral's where each says only a breastfed child.

    A pregnancy hit yields to a children's hit of its tier when every word it said that
    is not the child's own ("nursing" of "nursing baby") is a participle describing the
    child's word. Another pregnancy hit ("i'm breastfeeding my breastfed baby, can i take
    k2") keeps the mother's referral, and an urgent hit is never dropped.
    """
    child_tiers: dict[int, set[int]] = {}
    for hit in hits:
        if hit.intent.id == CHILDREN_REFERRAL:
            child_tiers.setdefault(hit.tier, set()).update(hit.covered)
    if not child_tiers:
        return hits
    pregnancy = [hit for hit in hits if hit.intent.id == PREGNANCY_REFERRAL]
    if not pregnancy:
        return hits
    if _asks_for_herself(words, set().union(*child_tiers.values())):
        return hits

    def childs(hit: _Hit) -> bool:
        child = child_tiers.get(hit.tier)
        if not child or not hit.covered:
            return False
        own = {index for index in hit.covered if index not in child}
        return (
            hit.tier != URGENT
            and bool(own)
            and all(index < len(words) and _attached(words, index, child, own) for index in own)
        )

    if not all(childs(hit) for hit in pregnancy if hit.tier in child_tiers):
        return hits
    return [
        hit for hit in hits if hit.intent.id != PREGNANCY_REFERRAL or hit.tier not in child_tiers
    ]
