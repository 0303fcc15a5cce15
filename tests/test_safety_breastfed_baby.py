"""A breastfed child's vitamin K is the child's question (pass 13, branch breastfed).

"how much vitamin k does my breastfed baby need", "¿cuántas gotas necesita mi bebé
amamantado?" or "малышу на грудном вскармливании" ask for the child, but the breastfeeding
trigger, more specific than the child's word, gave the mother's referral (pregnancy and
breastfeeding). A participle of breastfeeding describing the child's word ("breastfed
baby", "bébé allaité", "bimbo allattato", "ребенок на грудном вскармливании") now yields to
the children's referral; the mother's own breastfeeding ("i'm breastfeeding", "j'allaite mon
bébé", "кормящей маме") keeps hers. The questions are written for these tests, not copied
from any question set.
"""

from __future__ import annotations

import pytest

from bot.responder import Responder


def _referral(responder: Responder, question: str) -> str | None:
    reply = responder.respond(question)
    return reply.intent.id if reply.intent is not None else None


@pytest.mark.parametrize(
    "question",
    [
        "how much vitamin k does my breastfed baby need",
        "does a breastfed infant need extra vitamin k drops",
        "my exclusively breastfed newborn skipped the vitamin k shot, should she get drops?",
        "should my nursing baby get k2 too",
        "¿cuántas gotas de vitamina K necesita mi bebé amamantado?",
        "mon bébé allaité doit-il reprendre de la vitamine K",
        "il mio bimbo allattato al seno ha bisogno di vitamina k?",
        "грудничку на грудном вскармливании нужен витамин к?",
        "сколько витамина к давать малышу на грудном вскармливании",
    ],
)
def test_a_breastfed_childs_vitamin_k_gets_the_childrens_referral(
    responder: Responder, question: str
) -> None:
    """The participle describes the child: the children's referral, not the mother's."""
    assert _referral(responder, question) == "safety_children"


@pytest.mark.parametrize(
    "question",
    [
        "i'm breastfeeding, can i take k2",
        "can a nursing mother take mk7",
        "is k2 safe while breastfeeding my baby",
        "estou amamentando, posso tomar k2?",
        "estoy dando el pecho, ¿puedo tomar vitamina k2?",
        "j'allaite mon bébé, puis-je prendre de la k2 ?",
        "ich stille noch, darf ich Vitamin K2 nehmen?",
        "sto allattando, posso prendere la k2?",
        "стою на грудном вскармливании, можно к2?",
        "кормящей маме можно пить к2?",
        "karmię piersią, czy mogę brać k2?",
    ],
)
def test_the_mother_breastfeeding_keeps_the_pregnancy_referral(
    responder: Responder, question: str
) -> None:
    """The mother's own breastfeeding, even beside her baby, is still hers to ask."""
    assert _referral(responder, question) == "safety_pregnancy"


@pytest.mark.parametrize(
    ("question", "referral"),
    [
        ("my baby is breastfed, can i take k2?", "safety_pregnancy"),
        ("ребенок на грудном вскармливании, мне можно к2?", "safety_pregnancy"),
        ("mi bebé amamantado, yo puedo tomar k2?", "safety_pregnancy"),
        ("should i give my breastfed baby vitamin k drops?", "safety_children"),
        ("do i need vitamin k for my breastfed baby", "safety_children"),
        ("puis-je donner de la vitamine k à mon bébé allaité ?", "safety_children"),
        ("нужен ли мне витамин к для малыша на грудном вскармливании", "safety_children"),
    ],
)
def test_the_asker_speaking_of_herself_beside_a_breastfed_child(
    responder: Responder, question: str, referral: str
) -> None:
    """ "Can I take" beside a breastfed baby is the mother's; giving it, or for him, the child's."""
    assert _referral(responder, question) == referral
