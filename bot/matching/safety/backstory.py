"""Back-story: who bought, suggested or explained something is not who takes K2 now.

Nor the asker's childhood, a habit besides K2 or an event long past (docs/history.md,
"Safety, round 9").
"""

from __future__ import annotations

import re

from bot.matching.safety.context import (
    _CARRY_DETERMINERS,
    _EFFECT_VERBS,
    ADULT_RELATIVES,
    ASKING_ADVICE,
    TAKE_WORDS,
    UNIT_WORDS,
    _stems,
)
from bot.matching.safety.expressions import _DIGIT, URGENT
from bot.matching.safety.readings import _Hit

# Back-story (docs/history.md, "Safety, round 9"): who bought, suggested or explained
# something, what the asker takes besides K2, and what happened long ago are not who
# takes K2 now. A non-urgent trigger said only there is dropped, and only in a question
# that asks nothing about taking (see `_asks_about_taking`): "my daughter bought me k2,
# what is it" is the article's answer; "my daughter bought me k2, is it ok for my 6 year
# old grandson" keeps the grandson's referral, and "... how many should i take" its dose.
# A person who does something other than take: the words that may follow the person
# ("in law", "who is", "keeps") and what they do (buys, says, sets up, is a nurse).
_PERSON_AS_AGENT = re.compile(
    r"^(?:in law |who ?s |who is |also |always |just |keep |keeps |kept |then )*"
    r"(?:bought|buy|buys|ordered|order|orders|picked (?:me |us )?up|got (?:me|us|it|this)"
    r"|get (?:me|us)|gave (?:me|us)|sent|send|set|sets|installed|install|helped|help|helps"
    r"|suggested|suggest|suggests|recommended|recommend|recommends|said|say|says|told|tell|tells"
    r"|telling|talking|thinks|think|thought|mentioned|mention|mentions|worry|worries"
    r"|worried|swears|swear|read|reads|asked me|asks me|sort|sorts|sorted|studying|works"
    r"|is a (?:doctor|nurse|pharmacist|dietitian|dietician|nutritionist|physician|gp"
    r"|chemist|scientist|biologist|student))\b"
)
# What follows the person's act when the asker is the one it is for: "says (that) i",
# "told me", "got me", "thinks we". Only right after the act: "my son says his friend
# takes k2, can i give it to him" names no asker there.
_FOR_THE_ASKER = re.compile(r"^ ?(?:that |so )?(?:i|me|we|us|im|ive|id)\b")
# The people a children's or a relative's trigger names (stemmed as the stem reading has
# them): babies and toddlers buy nothing, so they are not here.
_AGENT_PEOPLE = (
    _stems(
        "son sons daughter daughters kid kids child children grandson grandsons granddaughter "
        "granddaughters grandkid grandkids grandchild grandchildren nephew nephews niece nieces"
    )
    | ADULT_RELATIVES
)
# The same in the other languages the bot refers in (Russian, Spanish, German, French,
# Portuguese), as their words are stemmed: a relative or a child named with a possessive
# ("моя дочь", "mi hija", "meine Tochter", "ma fille", "minha filha"), then what they did
# for the asker (bought, gave, recommended, said), the asker's pronoun allowed first ("мне
# купила", "me compró", "m'a acheté"); German says it at the end ("hat mir K2 gekauft").
_POSSESSIVES_ELSEWHERE = _stems(
    "моя мой мои моего моей моему наша наш наши mi mis nuestra nuestro mein meine meinem "
    "meiner unser unsere ma mon mes notre minha meu minhas meus nossa nosso"
)
_PEOPLE_ELSEWHERE = _stems(
    "дочь дочка сын сынок мама мать муж жена подруга друг бабушка дедушка папа внук внучка "
    "hija hijo madre mama esposo esposa marido amiga amigo abuela abuelo padre papa nieto "
    "nieta tochter sohn mutter mama mann frau freundin freund oma opa vater papa enkel "
    "fille fils mere maman mari femme amie ami pere papa filha filho mae esposa pai neto neta"
)
_FOR_THE_ASKER_ELSEWHERE = _stems("мне нам me nos mir uns m ma moi nous a ha")
_DID_ELSEWHERE = _stems(
    "купила купил купили подарила подарил подарили посоветовала посоветовал сказала сказал "
    "заказала заказал прислала прислал дала дал привезла привез принесла принес "
    "compro regalo recomendo dijo dio trajo pidio compraron regalaron "
    "kaufte schenkte empfahl sagte bestellte gab brachte "
    "achete offert conseille recommande dit donne apporte commande "
    "comprou deu recomendou disse trouxe pediu"
)
_GERMAN_PARTICIPLES = _stems(
    "gekauft geschenkt empfohlen bestellt gegeben mitgebracht gesagt besorgt"
)


def _alternation_of(words: frozenset[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_PERSON_AS_AGENT_ELSEWHERE = re.compile(
    rf"^(?:(?:{_alternation_of(_FOR_THE_ASKER_ELSEWHERE)}) ){{0,2}}"
    rf"(?:{_alternation_of(_DID_ELSEWHERE)})\b"
    rf"|^(?:hat|hatte|haben) (?:\S+ ){{0,4}}(?:{_alternation_of(_GERMAN_PARTICIPLES)})\b"
)
# Words asking about taking something in those languages (may I, take, give, safe, how
# much, dose, should): with one, a buyer's hit only yields to another referral, as in an
# English question that asks (see `_without_backstory`).
_ASKS_ELSEWHERE = _stems(
    "можно можна нельзя пить принимать давать безопасно безопасен сколько доза дозировка "
    "стоит нужно надо вредно puedo puede puedes podria tomar dar seguro segura cuanto "
    "cuanta dosis debo deberia kann darf durfen nehmen einnehmen geben sicher wieviel dosis "
    "soll sollte schadlich peux peut puis prendre donner sur combien dose dois devrait "
    "posso pode tomar dar seguro quanto quantos dose devo deveria faz mal"
)
# Someone else as the taker in those languages: a pronoun for her, him or them, or
# "herself" ("puede tomarlo ella", "für sich selbst", the Russian "to her", "herself"); not
# the Russian words for "him" and "her" that also say "it".
_ANOTHER_TAKER_ELSEWHERE = _stems(
    "ей ему им нее него них себе сама сам ella el ellos ellas misma mismo ihr ihm ihn sich "
    "selbst elle lui elles eux meme ela ele eles elas mesma mesmo"
)
# Someone else as a taker: a pronoun for them as an object ("give him", "for her"), or as
# the one who takes ("he takes it too").
_ANOTHER_TAKER = re.compile(
    r"\b(?:for|to|give|giving|gave|let|lets|help|helps|with|get|buy) (?:him|her|them)\b"
    r"|\b(?:he|she|they|hes|shes) (?:\S+ ){0,2}(?:take|taking|takes|took|use|uses|using|have"
    r"|having|need|needs|start|try|swallow|swallowed|ate|eat)\b"
    r"|\b(?:himself|herself|themselves|themself)\b"
    r"|\b(?:he|she|hes|shes|they|is|are|aged|age|turned|turning) (?:is |s |just )?"
    r"(?:[1-9]|1[0-7])\b"
    r"|\b(?:[1-9]|1[0-7]) ?(?:year|years|yr|yrs|yo|month|months|week|weeks)\b"
    r"|\b(?:want|wants|wanted) (?:some|any|one|it|to)\b"
    r"|\b(?:give|gives|gave|giving) (?:\S+ )?(?:some|it|them|one|any) to\b"
    r"|\band (?:also |then )?(?:took|take|takes|taking|swallowed|swallow|ate|eat|eats|tried"
    r"|started|use|uses|used)\b"
)
# The asker's own childhood ("broke my ankle as a kid"), or children counted as someone's
# ("she had two kids"): not a child taking anything.
# The body of the person named ("k2 would help his bones"): they would be the one taking it.
_THEIR_BODY = re.compile(r"\b(?:his|her|their) (?:bone|bones|growth|teeth|health|joints)\b")
_OWN_CHILDHOOD = re.compile(
    r"(?:\b(?:as a|when i was a|since i was a|i was a)"
    r"|\b(?:have|had|has|raised) (?:a|one|two|three|four|five|six|\d{1,2}|grown|adult)) $"
)
# What the asker or a relative takes besides K2, and everyday activities: a frequency
# said of them ("calcium every day", "a walk every day") is a habit, not a K2 dose.
_OTHER_HABITS = _stems(
    "calcium d3 multivitamin multivitamins milk magnesium yoghurt yogurt walk walks walking "
    "swim swimming run running training exercise exercises gym yoga workout"
)
_K2_STEMS = _stems("k2 mk7 mk4")
_FREQUENCY_WORDS = _stems("day days daily morning mornings night nights week weekly time times")
HABIT_LOOKBACK = 5
# An event that ends (a course of medicine, a pregnancy, an operation) said with a time
# long past and nothing present: "antibiotics last year", "pregnant years ago", "had my
# gallbladder out in 2015". Within PAST_WINDOW words of the trigger.
PAST_EVENT_REFERRALS = frozenset({"safety_medicines", "safety_pregnancy", "safety_surgery"})
# A stroke or a heart attack, however long ago, is why blood thinners are taken now: not
# an event that ends ("survived a heart attack in 2019" keeps the medicines referral).
LASTING_EVENTS = _stems("stroke strokes tia attack attacks инсульт микроинсульт инфаркт")
PAST_WINDOW = 6
_LONG_AGO = re.compile(
    r"\b(?:ago|back in|a while back|while back|year back|years back|used to"
    r"|last (?:year|years|winter|summer|spring|autumn|fall|decade)|in (?P<year>(?:19|20)\d\d))\b"
)
EVENT_LEAD = 4
_PAST_LEAD = _stems("had was were finished finish did after got once")
_PRESENT_LEAD = _stems("take takes taking use uses using im am currently still now")
_NOW_OR_SOON = re.compile(
    r"\b(?:now|currently|current|today|tonight|still|again|tomorrow|next|soon|upcoming"
    r"|coming up|this (?:week|month|morning|year)|(?:im|i m|am|i am|is|are) on)\b"
)
# A question about taking something: whether it is safe, how much or how often, or a
# modal verb, its subject and a verb of taking ("can i take", "should my mum keep", "do i
# need to stop"). "ok" counts as said of something ("is it ok", "ok to"), not "ok so...";
# "stop" of taking ("stop taking", "stop k2"), not "stop bone loss".
_ASKS_ABOUT_TAKING = re.compile(
    r"\b(?:safe|safely|safety|allowed|harmful|harm|dangerous|risky|bad|suitable|necessary"
    r"|worth|interact\S*|interfer\S*|dose|doses|dosage|dosing|overdose|mcg|mg|iu|much|many"
    r"|often|quit|avoid)\b"
    r"|\b(?:is|it|that|this|be|its|s|are|they|them) (?:ok|okay|alright|fine)\b"
    r"|\b(?:ok|okay|alright|fine) (?:to|for|with|if)\b"
    r"|\b(?:stop|stopping|stopped) (?:taking|using|giving|it|k2|mk7|mk4|them|my|the|before)\b"
    r"|\b(?:can|could|should|shall|may|might|must|need|needs|would|will|want|wants)"
    r"(?: (?:i|you|he|she|we|they|it|one|people|someone|\S+|my \S+|his \S+|her \S+"
    r"|our \S+|their \S+))??(?: also| still| just| really| not| safely| to| be able to)?"
    r" (?:take|taking|give|giving|use|using|add|adding|have|having|start|starting|stop"
    r"|keep|keeping|continue|combine|mix|swallow|try|eat|drink)\b"
)


def _asks_about_taking(stems: list[str]) -> bool:
    """Whether a question asks about taking something (_ASKS_ABOUT_TAKING, _ASKS_ELSEWHERE)."""
    if any(word in _ASKS_ELSEWHERE for word in stems):
        return True
    return _ASKS_ABOUT_TAKING.search(" ".join(stems)) is not None


def _without_backstory(stems: list[str], hits: list[_Hit], this_year: int) -> list[_Hit]:
    """`hits` less the non-urgent ones said only in the question's back-story.

    Only in a question asking nothing about taking: a person who bought, suggested or
    explained K2 ("my daughter bought me k2, what is it"), the asker's own childhood ("as
    a kid"), a habit besides K2 ("my dad takes d3 every morning", "i walk every day"),
    and an event long past ("antibiotics last year", "pregnant years ago"). See
    _PERSON_AS_AGENT, _OTHER_HABITS and _LONG_AGO.
    """
    if not hits:
        return hits
    joined = " ".join(stems)
    another_taker = _ANOTHER_TAKER.search(joined) is not None or any(
        word in _ANOTHER_TAKER_ELSEWHERE for word in stems
    )
    their_body = _THEIR_BODY.search(joined) is not None
    if _asks_about_taking(stems):
        # Still a referral, but which one: "my daughter bought me k2, how many should i
        # take" asks a dose, not about a child; the buyer's hit yields to any other.
        if another_taker or their_body:
            return hits
        buyers = [hit for hit in hits if hit.tier != URGENT and _person_as_agent(stems, hit)]
        # A child who advised or bought for the asker ("my daughter says i should also
        # take k2", "my son got me k2, should i take it") is not the one taking it: the
        # asker is, as when an adult says so ("my husband says i should take k2"), so the
        # child's hit goes even when it is the only one.
        for_the_asker = [hit for hit in buyers if _for_the_asker(stems, hit)]
        if for_the_asker:
            return [hit for hit in hits if hit not in for_the_asker]
        return [hit for hit in hits if hit not in buyers] if len(buyers) < len(hits) else hits
    now = _NOW_OR_SOON.search(joined) is not None

    def backstory(hit: _Hit) -> bool:
        if hit.tier == URGENT or not hit.covered:
            return False
        if _person_as_agent(stems, hit):
            return not another_taker and not their_body
        if _own_childhood(stems, hit):
            return not another_taker
        if _habit_not_k2(stems, hit):
            return True
        return (
            hit.intent.id in PAST_EVENT_REFERRALS
            and not any(word in LASTING_EVENTS for word in hit.text.split())
            and not now
            and _long_ago_near(stems, hit, this_year)
        )

    return [hit for hit in hits if not backstory(hit)]


def _person_as_agent(stems: list[str], hit: _Hit) -> bool:
    """Whether a hit names only a person who buys, says or sets up something (not takes)."""
    people = [stems[i] for i in hit.covered if stems[i] not in _CARRY_DETERMINERS]
    if people and all(word in _AGENT_PEOPLE for word in people):
        after = " ".join(stems[hit.covered[-1] + 1 :])
        return _PERSON_AS_AGENT.match(after) is not None
    # In another language, the possessive may be the word before the hit ("моя дочь").
    people = [stems[i] for i in hit.covered if stems[i] not in _POSSESSIVES_ELSEWHERE]
    if not people or not all(word in _PEOPLE_ELSEWHERE for word in people):
        return False
    after = " ".join(stems[hit.covered[-1] + 1 :])
    return _PERSON_AS_AGENT_ELSEWHERE.match(after) is not None


def _for_the_asker(stems: list[str], hit: _Hit) -> bool:
    """Whether a person who buys or says something does it for the asker (`_FOR_THE_ASKER`).

    "my daughter says i should take k2", "my son told me to", "my kid got me some".
    """
    after = " ".join(stems[hit.covered[-1] + 1 :])
    agent = _PERSON_AS_AGENT.match(after)
    return agent is not None and _FOR_THE_ASKER.match(after[agent.end() :]) is not None


def _advisers_for_the_asker(stems: list[str]) -> set[int]:
    """The indices of people who advised or bought K2 for the asker, and of what they did.

    "my daughter says i should also take k2": "daughter" says who advised, not who takes
    it. None when anyone else is named as taking it or their body is ("... give her some",
    "her bones").
    """
    joined = " ".join(stems)
    if _ANOTHER_TAKER.search(joined) or _THEIR_BODY.search(joined):
        return set()
    found: set[int] = set()
    for index, stem in enumerate(stems):
        if stem in _AGENT_PEOPLE:
            after = " ".join(stems[index + 1 :])
            agent = _PERSON_AS_AGENT.match(after)
            if agent is not None and _FOR_THE_ASKER.match(after[agent.end() :]) is not None:
                act = agent.group().split()
                found.update(range(index, index + 1 + len(act)))
    return found


def _own_childhood(stems: list[str], hit: _Hit) -> bool:
    """Whether a hit's child word is the asker's own past ("as a kid", "when i was a child")."""
    people = [stems[i] for i in hit.covered if stems[i] not in _CARRY_DETERMINERS]
    if len(people) != 1 or people[0] not in _AGENT_PEOPLE:
        return False
    before = " ".join(stems[: hit.covered[0]]) + " "
    return _OWN_CHILDHOOD.search(before) is not None


def _habit_not_k2(stems: list[str], hit: _Hit) -> bool:
    """Whether a hit says someone takes, or does often, something other than K2.

    "my husband takes calcium", "600mg calcium", "i take d3 daily", "i walk every day":
    the thing taken or done is named right after "take" or an amount, or within
    HABIT_LOOKBACK words before the frequency, with no K2 word between.
    """
    last = hit.covered[-1]
    amount = _DIGIT.search(stems[last]) is not None or stems[last] in UNIT_WORDS
    if stems[last] in TAKE_WORDS or amount:
        # "my dad takes d3", "i take 600mg calcium": what is taken is named right after.
        return last + 1 < len(stems) and stems[last + 1] in _OTHER_HABITS
    if not any(stems[i] in _FREQUENCY_WORDS for i in hit.covered):
        return False
    for word in reversed(stems[max(0, hit.covered[0] - HABIT_LOOKBACK) : hit.covered[0]]):
        if word in _K2_STEMS:
            return False
        if word in _OTHER_HABITS:
            return True
    return False


def _long_ago_near(stems: list[str], hit: _Hit, this_year: int) -> bool:
    """Whether an event is said to be long past: a time long past near it, said in the past.

    The time (_LONG_AGO) is within PAST_WINDOW words of the hit, and the event is told in
    the past: a past word just before it ("had", "was", "finished", "after") or the time
    right after it ("antibiotics last year"). A present verb just before it keeps it
    present, whatever else is long past: "my son bought me k2 last year, i also take
    warfarin".
    """
    first, last = hit.covered[0], hit.covered[-1]
    before = stems[max(0, first - EVENT_LEAD) : first]
    if any(word in _PRESENT_LEAD for word in before):
        return False
    near = " ".join(stems[max(0, first - PAST_WINDOW) : last + PAST_WINDOW + 1])
    right_after = " ".join(stems[last + 1 : last + 1 + EVENT_LEAD])
    told_past = any(word in _PAST_LEAD for word in before) or any(
        _long_ago_year(found, this_year) for found in _LONG_AGO.finditer(right_after)
    )
    return told_past and any(_long_ago_year(found, this_year) for found in _LONG_AGO.finditer(near))


def _long_ago_year(found: re.Match[str], this_year: int) -> bool:
    """Whether a _LONG_AGO match is long past (a year named is before this one)."""
    year = found.group("year")
    return year is None or int(year) < this_year


# A dose level describing what was studied or sold ("low-dose mk7", "high dose k2"), in a
# question asking what it does ("can low-dose mk7 slow bone loss after menopause"): the
# study's dose is its finding, not the asker's. A level word right before "dose" and a
# name of the subject right after it, with a verb of effect; the question read without
# the two words must ask nothing about taking, advice, enough, a time per day or "too".
_DOSE_LEVELS = _stems("low high lower higher small large")
_DOSE_ALONE = _stems("dose")
_SUBJECT_AFTER_DOSE = _stems("k2 mk7 mk4 vitamin")
_EFFECT_ASKED = re.compile(
    rf"\b(?:{_EFFECT_VERBS}|slowed|reduced|lowered|helped|prevented|improved|increased)\b"
)
_STILL_ASKS_AN_AMOUNT = _stems("enough day days daily week weekly too")


def _dose_level_described(stems: list[str], hit: _Hit) -> bool:
    """Whether a non-urgent trigger is only the "dose" of "low-dose mk7" asked as an effect.

    See `_DOSE_LEVELS`.
    """
    if hit.tier == URGENT or len(hit.covered) != 1:
        return False
    at = hit.covered[0]
    if (
        stems[at] not in _DOSE_ALONE
        or at == 0
        or at + 1 >= len(stems)
        or stems[at - 1] not in _DOSE_LEVELS
        or stems[at + 1] not in _SUBJECT_AFTER_DOSE
    ):
        return False
    rest = [word for i, word in enumerate(stems) if i not in (at - 1, at)]
    return (
        _EFFECT_ASKED.search(" ".join(rest)) is not None
        and not _asks_about_taking(rest)
        and ASKING_ADVICE.isdisjoint(rest)
        and _STILL_ASKS_AN_AMOUNT.isdisjoint(rest)
    )
