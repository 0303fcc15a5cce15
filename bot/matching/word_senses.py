"""Domain words said in an everyday sense: "colon vs semicolon", "how to gut a fish".

Some of the article's terms are also everyday words with another sense. The synonyms read
"colon" and "gut" as the intestine, "fracturing" as a fracture and "mk7" as the vitamin's
form, so "colon vs semicolon" was offered "Where does vitamin K2 come from?" and "mk4 vs
mk7 golf" was answered with the forms. Each sense here is read from the message as typed,
by the words around the term (punctuation beside a colon, an object after "gut", rock or
glass beside a fracture, a car or a game beside an "Mk" number, paint or rock beside
calcium or mineralisation), never from a whole
question. The matcher uses it only when the question names no other domain term: "does k2
help my gut, my gut feeling says yes" still names K2 (`Matcher.said_otherwise`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EverydaySense:
    """A domain word said in an everyday sense.

    Attributes:
        word: the word as typed ("colon", "gut", "mk7"), which the matcher reads through
            its normaliser to find the domain term it stands for.
        sense: what it means here, for `k2bot ask --explain` ("punctuation").
    """

    word: str
    sense: str


# Words that say a colon is punctuation: other marks, writing, code.
_PUNCTUATION_WORDS = (
    r"semi ?-?colons?|commas?|punctuat\w*|grammar|grammatical|sentences?|clauses?|"
    r"full stops?|periods?|dash(?:es)?|hyphens?|apostrophes?|quotation|quotes?|"
    r"ratios?|python|slic\w+|syntax|keyboard|typing|symbols?|characters?|essays?|"
    r"writing|bullet|mla|apa"
)
_COLON_AS_PUNCTUATION = re.compile(
    rf"\bcolons?\b.*\b(?:{_PUNCTUATION_WORDS})\b|\b(?:{_PUNCTUATION_WORDS})\b.*\bcolons?\b"
    r"|\b(?:use|using|put|type|insert|add) (?:a|the) colon\b"
)
# "Gut" as a verb with its object ("gut a fish", "gut the kitchen", "how to gut"), and the
# idioms ("gut feeling", "trust your gut", "gutted", "the guts to").
_GUT_AS_VERB_OR_IDIOM = re.compile(
    r"\bgut (?:a|an|the|this|that|these|those|my|your|his|her|our|their|it|them)\b"
    r"|\b(?:how|want|need|going|have|had|learn) to gut\b"
    r"|\bgut (?:feelings?|instincts?|reactions?|checks?|says|said|tells|told|punch\w*|"
    r"wrench\w*|renovation|renovations|rehab|job|remodel)\b"
    r"|\b(?:trust|follow|go with|listen to) (?:your|my|ur|his|her|their|the) gut\b"
    r"|\bguts to\b|\bspill(?:ed|ing)? (?:your|my|his|her|their) guts\b"
    r"|\bhates? (?:your|my|his|her|their) guts\b|\bbust a gut\b|\bgutt(?:ed|ing)\b"
)
# A fracture of rock, glass or a screen, or hydraulic fracturing ("fracking"), unless a
# body part is named ("stress fracture from running on concrete" is a bone's).
_FRACTURE = re.compile(r"\bfractur\w*|\bfrack\w*")
_NOT_A_BONE = re.compile(
    r"\b(?:hydraulic|fracking|geolog\w*|rocks?|shale|glass|screens?|windshield|windscreen|"
    r"phones?|ice|concrete|ceramics?|pipes?|mechanics|toughness|crystals?|faults?|"
    r"tectonic|porcelain|metal|steel|wells?)\b"
)
_BODY = re.compile(
    r"\b(?:bones?|hips?|wrists?|ribs?|legs?|arms?|ankles?|foot|feet|toes?|spine|"
    r"vertebra\w*|skeleton|skull|stress fractures?|osteo\w*|pelvis|femur|shin|heel)\b"
)
# An "Mk" number names a car's or a game's generation beside a make, a model or a car's
# parts ("mk4 vs mk7 golf", "mk7 gti tire pressure", "mk4 fatalities").
_MARK_NUMBER = re.compile(r"\bmk ?-?(?:[0-9]+|i{1,3}|iv|vi{0,3})\b")
_CARS_AND_GAMES = re.compile(
    r"\b(?:golf|gti|gtd|jetta|passat|polo|scirocco|vw|volkswagen|supra|toyota|fiesta|"
    r"escort|mondeo|focus|transit|ford|cortina|capri|astra|vauxhall|opel|corsa|audi|"
    r"mx ?5|miata|mazda|jaguar|cars?|engines?|turbo|mpg|tires?|tyres?|exhaust|clutch|"
    r"gearbox|transmission|dsg|tdi|tsi|horsepower|hp|mileage|headlights?|bumper|"
    r"coilovers|rims|sedan|hatchback|hatch|mortal|kombat|fatalit\w*|gameplay|ps1|n64|"
    r"xbox|playstation|tier list)\b"
)

# Calcium and mineralisation as materials: paint, cement, scale on a kettle, ore in rock
# ("what calcium carbonate is used for in paint", "mineralization in geology"). Calcium in
# arteries, bones or a supplement is the article's.
_CALCIUM = re.compile(r"\bcalcium\b|\bmineral(?:is|iz)\w*")
_MATERIALS = re.compile(
    r"\b(?:paints?|cement|concrete|chalk|limestone|marble|plaster|pools?|hardness|showers?|"
    r"shower ?heads?|kettles?|limescale|taps?|faucets?|pipes?|plastics?|paper|"
    r"industr\w*|geolog\w*|ores?|rocks?|veins?|soil|fertili[sz]ers?|aquariums?|reef)\b"
)


def everyday_senses(question: str) -> tuple[EverydaySense, ...]:
    """The domain words `question` says in an everyday sense, if any.

    Args:
        question: the message as typed.

    Returns:
        Each such word with its sense; empty when the message says none (most messages:
        a cheap look for the words first).
    """
    text = question.lower().replace("\u2019", "'")
    found: list[EverydaySense] = []
    if "colon" in text and _COLON_AS_PUNCTUATION.search(text) is not None:
        found.append(EverydaySense("colon", "punctuation"))
    if "gut" in text and _GUT_AS_VERB_OR_IDIOM.search(text) is not None:
        found.append(EverydaySense("gut", "a verb or an idiom"))
    if "fract" in text or "frack" in text:
        fracture = _FRACTURE.search(text)
        if (
            fracture is not None
            and _NOT_A_BONE.search(text) is not None
            and _BODY.search(text) is None
        ):
            found.append(EverydaySense(fracture.group(0), "rock, glass or drilling"))
    if "mk" in text and _CARS_AND_GAMES.search(text) is not None:
        found.extend(
            EverydaySense(mark.group(0), "a car's or a game's generation")
            for mark in _MARK_NUMBER.finditer(text)
        )
    if ("calcium" in text or "mineral" in text) and _MATERIALS.search(text) is not None:
        found.extend(
            EverydaySense(word.group(0), "a material")
            for word in _CALCIUM.finditer(text)
            if _BODY.search(text) is None
        )
    return tuple(found)
