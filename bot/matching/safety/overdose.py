"""An overdose named as a topic, not told as having happened (pass 13, safetransfer).

"Can vitamin K2 be overdosed?", "k2 overdose symptoms", "Передозировка витамина к2 — чем
опасна?", "dá sa predávkovať?" ask whether too much is possible and what it does: the
dose referral's question ("what counts as too much"). The emergency triggers that name an
overdose ("overdose", "передозировка", "sobredosis", "!overdosed") made them an
emergency ("call your local emergency number now"), in every real-web batch. An overdose
told as having happened ("i overdosed on k2", "took an overdose", "my son overdosed"), asked
what to do about, or said beside anyone or anything else is left to the emergency.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.matching.safety.context import names_an_animal
from bot.matching.safety.readings import _Hit
from bot.matching.safety.specificity import _english_stem
from bot.matching.safety.told_backstory import DOSE_REFERRAL

EMERGENCY_REFERRAL = "safety_emergency"

# An overdose named: the noun, or the verb as an infinitive, after accents are folded
# (not the past forms "передозировал", "przedawkowałem", "überdosiert", "predávkoval",
# which tell one). English "overdosed" only as a passive possibility ("can it be
# overdosed"): after "be" (`_named_at`).
_NAMED = re.compile(
    r"overdose|overdoses|overdosage|передозировк\w*|передозировать|sobredosis"
    r"|sobredosificar|surdose|surdoses|surdosage|overdosis|sovradosaggio|sovradosare"
    r"|передозуванн?я|передозувати|superdosagem|sobredosagem|overdosering|overdoseren"
    r"|overdosera"
    r"|u?e?berdosierung(?:en)?|u?e?berdosieren|przedawkowani[ae]|przedawkowac"
    r"|predavkovani[ea]?|predavkovat"
)
# Words before an English "overdose" that ask whether it can happen ("can you overdose",
# "possible to overdose", "what happens if you overdose"), not whether it did.
_POSSIBILITY = frozenset(
    "can could would will might may if to cant cannot possible whether".split()
)
# Someone doing it, right before the word: "i overdose", "did he overdose" tell one
# unless a possibility word comes before them ("can i overdose").
_PERSON = frozenset("i he she we they you u ive hes shes weve theyve".split())
# Asking what to do about it now, in the referral languages' words: the emergency's
# question ("k2 overdose what do i do", "Передозировка к2 — что делать?").
_WHAT_TO_DO = re.compile(
    r"\b(?:help|what (?:do|should|can) (?:i|we|you) do|what now|now what|right now|urgent"
    r"|(?:что|what) (?:делать|теперь)|помогите|que hago|que hacer|ayuda|was tun|was soll ich"
    r"|hilfe|que faire|aidez|au secours|co robic|pomocy|co robit|co delat|pomoc"
    r"|cosa faccio|cosa fare|aiuto|o que fazer|socorro)\b"
)


# Told as having happened: a past taking, a swallowing, or when, in the listed languages
# as folded ("ik heb een overdosis genomen", "tomé una sobredosis", "j'ai pris une surdose",
# "я выпил", "wziąłem", "k2 overdose yesterday"). A present "tomo" keeps it urgent too:
# the cautious side, as before this rule.
_TOLD = re.compile(
    r"\b(?:took|taken|had|ate|eaten|swallowed|drank|just|yesterday|tonight|today|ago"
    r"|last night|this morning|accidentally|by accident|tome|tomo|tomei|tomou|pris|prise"
    r"|avale|avalee|preso|presa|ingerito|genommen|nahm|geschluckt|genomen|nam|ingenomen"
    r"|geslikt|выпил|выпила|выпили|принял|приняла|приняли|съел|съела|проглотил"
    r"|проглотила|випив|випила|прийняв|прийняла|wzialem|wzielam|wzial|wziela|zazylem"
    r"|zazylam|polknal|vzal|vzala|uzil|uzila|вчера|сегодня|вчора|сьогодні|ayer|anoche|hoy"
    r"|hier|aujourdhui|gestern|heute|wczoraj|dzis|ieri|oggi|gisteren|vandaag|ontem|hoje)\b"
)


# Someone it may be happening to, in the listed languages as folded: the asker or
# anyone close ("k2 overdose, i feel sick", "my husband is confused", "me siento
# mareado"). Only "can/if i/you ..." asks whether it could happen (`_POSSIBILITY`).
_SOMEONE = frozenset(
    "i im ive me my mine he she his her him hes shes we us our they them their husband wife"
    " mom mum mother dad father son daughter kid kids child baby toddler friend partner"
    " yo mi mis je mon ma mes moi ich mir mich mein meine meinen io mio mia eu meu"
    " minha ik mij mijn ja mnie moj moja я мне меня мой моя мою сын дочь муж жена мама"
    " папа ребенок мені мене мій моя син донька чоловік дружина".split()
)
# A symptom told beside the overdose, by its stem, in the listed languages: "overdose of
# k2, vomiting", "тошнит", "mareado", "übel", "zawroty".
_SYMPTOM = re.compile(
    r"\b(?:vomit|throw|threw|sick|nause|dizz|faint|confus|rash|hives|swell|pain|bleed"
    r"|chest|breath|palpitat|shak|seiz|unconscious|passed out|тошн|рвет|рвот|кружит"
    r"|головокруж|слабост|боль|болит|сып|отек|mare|dolor|sangr|ubel|schwindel"
    r"|erbrech|schmerz|vertig|douleur|malaise|saign|dolore|sangu|tontur"
    r"|enjo|misselijk|duizel|braak|pijn|mdl|wymiot|zawrot|bol|krwaw|нудит|блю|запамороч)"
)


def _named_at(words: Sequence[str], index: int) -> bool:
    """Whether the word at `index` names an overdose rather than telling one."""
    word = words[index]
    if word == "overdosed":
        return index > 0 and words[index - 1] == "be"
    if _NAMED.fullmatch(word) is None:
        return False
    before = words[max(0, index - 2) : index]
    if before and before[-1] in _PERSON:
        return len(before) == 2 and before[0] in _POSSIBILITY
    return True


def only_named(words: Sequence[str], hits: Sequence[_Hit]) -> bool:
    """Whether a message's emergency triggers name an overdose and nothing more.

    Every emergency trigger must have said one overdose word named as a topic, no
    referral but the dose's may have a trigger (a child, a medicine or a pregnancy
    beside an overdose is left to the emergency), nothing tells it happened (`_TOLD`), no
    symptom is told (`_SYMPTOM`), nobody it may be happening to is named (`_SOMEONE`; "can
    i overdose" only asks) and nothing asks what to do now.
    """
    emergency = [hit for hit in hits if hit.intent.id == EMERGENCY_REFERRAL]
    if not emergency or any(
        hit.intent.id not in (EMERGENCY_REFERRAL, DOSE_REFERRAL) for hit in hits
    ):
        return False
    if not all(
        hit.covered and all(_named_at(words, index) for index in hit.covered) for hit in emergency
    ):
        return False
    if any(names_an_animal(_english_stem(word)) or names_an_animal(word) for word in words):
        return False  # "mk7 overdose in my dog": a pet that had too much, a vet's emergency
    said = " ".join(words)
    if _WHAT_TO_DO.search(said) or _TOLD.search(said) or _SYMPTOM.search(said):
        return False
    return not any(
        word in _SOMEONE and not (index and words[index - 1] in _POSSIBILITY)
        for index, word in enumerate(words)
    )
