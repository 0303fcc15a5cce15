"""Context rules that keep a trigger found from referring.

The words that say a question is about taking something, and the senses in which it is
not: an everyday sense of a medical word ("nursing home"), "take" in another sense, an
animal, a price, a unit turned into another, a food's content, advice about another act,
how a word is said, the elderly with bone loss the article answers itself.
"""

from __future__ import annotations

import re

from bot.language import detect_language
from bot.matching.lexicon import zipf
from bot.matching.safety.expressions import GENERAL, URGENT
from bot.matching.safety.readings import _Hit
from bot.text import (
    fold,
    stem,
)


def _stems(words: str) -> frozenset[str]:
    """The English stems of space-separated `words`, as questions' words are stemmed."""
    return frozenset(stem(word) for word in words.split())


# Words saying a question is about taking something, or about its safety, besides the
# article's domain terms: with one, "pregnant" or "my kid" is a medical question.
INTAKE_WORDS = _stems(
    "interact interacts interacting interaction interactions interfere interferes "
    "interfering "
    "take taking takes took taken give giving gave given swallow swallowed ate eaten "
    "pill pills capsule capsules cap caps tablet tablets tab tabs softgel softgels "
    "gummy gummies drops supplement supplements supplementing "
    "safe safely safety ok okay alright allowed harmful harm risk risks risky dangerous bad "
    "капель "
    "таблетка таблетки капсула капсулы капли добавка добавки витамин витамины безопасно "
    "безопасен вредно опасно"
)
# "Vitamin K" and its other members as the synonyms write them ("vitamin k", "vit k",
# "vitamina k", "витамин к" -> "vitk"; "K1", "phylloquinone" -> "k1"). Not the article's
# subject, so no domain term, but a vitamin taken all the same: "vitamin K for my baby"
# is as much about taking something as "k2 for my baby". Real web pages and parents
# name the family (newborns get K1), and without these words every everyday trigger of
# such a question was vetoed ("vitamin K for kidney patients", "vitamin K and blood
# thinners": `SafetyTriggers._about_taking`).
VITAMIN_K_FAMILY = _stems("vitk k1 k3")
# Words that make a task for an assistant ask about a risk ("remind me whether it's safe
# to take k2 with warfarin", "find out if ibuprofen interacts"): such a clause still refers
# (`SafetyTriggers._without_task_clauses`).
TASK_ASKS_RISK = _stems(
    "safe safely safety dangerous risk risks risky harmful interact interacts interaction "
    "interactions interfere should whether if"
)
# How strong or how much an amount is ("is 200mg too strong", "1000 mcg, is that too
# high"): said of an amount a dose trigger found (a number with its unit), the question is
# about taking that amount, as an intake word would say (`SafetyTriggers._about_taking`).
# Never alone: "how many mg of caffeine in an espresso" says no such word.
STRENGTH_WORDS = _stems(
    "strong stronger strongest potent excessive excess much high higher highest lot overkill enough"
)
# "Take" in a sense other than swallowing something ("take up chess", "take care",
# "take a photo"): a word right after it that says so, or the noun after "a"/"an".
TAKE_WORDS = _stems("take taking takes took taken")
# "Gummy" naming sweets ("gummy bear recipe for a kids party"), not gummy vitamins: the
# word after it says so (`_intake_in_another_sense`).
GUMMY_WORDS = _stems("gummy gummies")
SWEETS_AFTER_GUMMY = _stems(
    "bear bears worm worms candy candies sweets shark sharks ring rings frog frogs snake "
    "snakes cola colas"
)
# "Safety" naming a kind of thing ("child safety seats", "baby safety gates"), not asking
# whether something is safe: see `_safety_as_a_kind`.
SAFETY_AS_A_KIND = _stems("safety")
NOT_SWALLOWING_AFTER_TAKE = _stems(
    "up off over part place care turns notes apart after steps time photos pictures "
    "lessons classes offence offense advantage"
)
# "Take" followed by where or with whom: carrying, not swallowing ("snacks for kids to
# take to school", "things to take along").
TAKE_ELSEWHERE = _stems("to along at")
# Things taken after "my", "the" or "his" that are carried off, not swallowed ("my kid
# took my phone").
CARRIED_THINGS = _stems(
    "phone phones iphone laptop ipad car keys key wallet purse bag bike charger money card "
    "remote seat spot place toy toys controller headphones"
)
NOT_SWALLOWED_NOUNS = _stems(
    "look break photo picture nap walk class course test exam shower bath seat chance "
    "trip step hike selfie screenshot guess vote poll bus train taxi cab flight"
)
# An animal as the one that eats, is pregnant or "got into" something ("is it safe for my
# dog to eat peanut butter", "my cat is pregnant", "собака беременна"): a vet's matter, not
# a referral about K2, unless the question names something taken (a pill, K2, a
# vitamin, a medicine) - "my dog ate my k2 capsules" stays an emergency.
ANIMAL_WORDS = _stems(
    "dog dogs doggy puppy puppies pup pups cat cats kitten kittens kitty pet pets horse "
    "horses pony hamster hamsters rabbit rabbits bunny parrot parrots bird birds budgie "
    "goldfish fish ferret gerbil tortoise turtle lizard cow cows goat goats sheep "
    # Farm animals fed a mineral ("how much calcium should a laying hen get"). Not
    # "chicken", "duck" or "pig": foods too ("can i eat chicken on warfarin").
    "hen hens poultry livestock cattle heifer heifers broiler broilers"
)
# The same pets in the other languages the bot refers in, as typed and stemmed ("combien de
# temps dure la grossesse d'une chienne", "mi perra esta embarazada"). Not words English
# uses otherwise ("chat", "cane", "pies"), which would drop "chat with my pregnant wife".
ANIMAL_WORDS_ELSEWHERE = _stems(
    "chien chienne chiens chiennes chiot chiots chaton chatons chatte "
    "perro perra perros perras perrito perrita cachorro cachorra cachorros gato gata gatos "
    "gatas gatito gatita cadela cadelas gatinho gatinha "
    "hund hunde hundin katze katzen kater welpe welpen katzchen "
    "gatto gatta gatti gatte cagna cagnolina cucciolo cuccioli "
    "kopek kopegim kopegi kedi kedim kedisi "
    "hond honden teef katten poes "
    "kotka kotki szczeniak szczeniaki piesek suczka"
)
# A tablet computer, not a pill (`tablet_as_a_device`): words that only ever name the
# device, in any language ("ipad", "планшет", "planshet", Persian "تبلت", Arabic "لوحي",
# Chinese "平板"); or "tablet" itself beside a word only a device goes with ("screen time",
# "apps", "cartoons", "charger"), or in a message that reads as a language whose pills have
# another name (Spanish "tableta", Portuguese "comprimido", German "Tablette", Italian
# "compressa", Polish "tabletka": there "tablet" is the device).
TABLET_WORDS = frozenset({"tablet", "tablets"})
DEVICE_WORDS = frozenset(
    fold(word, limit=None) for word in ("ipad", "ipads", "تبلت", "لوحي", "لوحية")
)
DEVICE_PREFIXES = ("планшет", "planshet")
DEVICE_INSIDE_WORDS = ("平板",)
DEVICE_CUES = frozenset(
    "screen screens app apps game games gaming play plays playing played watch watching "
    "cartoon cartoons youtube netflix tiktok roblox minecraft video videos movie movies "
    "charger charging battery keyboard stylus wifi internet online android samsung lenovo "
    "kindle download downloads streaming bildschirm pantalla juegos jogos giochi gry".split()
)
TABLET_IS_A_DEVICE_IN = frozenset({"es", "pt", "de", "it", "pl"})
# Russian animal words, as the stem reading begins them ("собака", "кошку", "щенок").
ANIMAL_PREFIXES = (
    "собак",
    "кошк",
    "котен",
    "котён",
    "котик",
    "щен",
    "хомяк",
    "попуга",
    "кролик",
    "питом",
)
ANIMAL_EXACT = frozenset({"кот", "кота", "коту", "котом", "коты", "пес", "пёс", "пса", "псу"})
SUBSTANCE_WORDS = _stems(
    "pill pills capsule capsules cap caps tablet tablets tab tabs softgel softgels gummy "
    "gummies drops supplement supplements vitamin vitamins meds medication medications "
    "medicine medicines drug drugs k2 mk7 mk4 d3 vitk k1 k3"
)
SUBSTANCE_PREFIXES = ("капсул", "таблет", "лекарст", "витамин", "препарат", "пилюл", "добавк")
# "How much vitamin C is in an orange", "how much k2 does gouda have": the amount in a
# food, not an amount to take; the question names no intake word ("take", "safe"). A bare
# "in" is left out: "how much k2 in a day" asks a dose. Nor is "how much does k2 cost" or
# "how much would a bottle of mk7 cost me" an amount to take: it asks a price.
_CONTENT_QUESTION = re.compile(
    r"\bhow (?:much|many)\b(?: \S+){0,5}?"
    r"(?= (?:(?:is|are)(?: there)? in|in (?:a|an|one)"
    r"|(?:does|doe|do) (?:\S+ ){0,5}(?:have|contain))\b"
    r"| (?:cost|costs|price|prices|pay|charg\S*)\b)"
)
_CARRY_DETERMINERS = frozenset("the my our your his her their".split())
# A word rarer than this in general English says what a question is about ("bean",
# "python", "salary"); "is", "what", "about" do not.
INFORMATIVE_ZIPF = 5.7
# Where the article's words are learnt about or soaked up, not swallowed: a child's
# homework or school project ("my kid's homework is about vitamins"), someone asking the
# user ("my daughter asked me what osteocalcin is"), sunlight ("a daily dose of sunshine for
# vitamin d"). There a domain word (vitamin, k2) does not make the question one about taking
# something; an INTAKE_WORDS word still does ("my son asked me if he can take k2").
NOT_TAKEN_CONTEXT = _stems(
    "homework homeworks assignment assignments essay essays project projects worksheet "
    "worksheets quiz quizzes coursework lesson lessons presentation presentations "
    "sun sunshine sunlight sunbathing sunbathe tanning daylight"
)
# Someone else's question relayed about what something is or does ("my daughter asked me
# what osteocalcin is"), or a class ("for my son's science class"), over the stemmed words.
# Not "his mom asked me if k2 would help him": whether it suits a child is a referral.
_NOT_TAKEN_PHRASE = re.compile(
    r"\b(?:(?:ask|asks|asked|asking) (?:me|us)|(?:want|wants) to know)"
    r" (?:what|where|how|why|which|who)\b"
    r"|\b(?:science|biology|chemistry|health|nutrition) (?:class|fair)\b"
)
# Asking what something costs ("how much does a colonoscopy cost without insurance"): a
# question about paying, not about K2 or taking anything, is no referral unless a trigger
# is urgent or the question names the article's domain or taking something.
PRICE_WORDS = _stems(
    "cost costs costing price prices priced pricing insurance insured uninsured copay "
    "copays afford affordable cheap cheaper cheapest expensive fee fees bill billed billing "
    # The same in the other languages referred in ("wie viel kostet", "cuánto cuesta",
    # "combien coûte", "quanto custa"); not the Russian "стоит", also "should", nor the
    # Spanish "seguro", also "safe".
    "kostet kosten kostest preis preise versicherung precio precios cuesta cuestan coste "
    "costo prix coute coutent tarif assurance preco custa custam цена цены цену "
    "стоимость"
)
# Asking an amount to take, whatever else a message asks: a dose named ("is that dose too
# high"), too much of something ("too expensive or too much"), or an amount per day or
# week ("how much k2 per day is the price worth it"). A price asked beside one is no
# reason to drop the referral.
_DOSE_WORDS = _stems("dose doses dosage dosages dosing overdose overdosed overdosing")
_PER_TIME_WORDS = _stems("day days daily week weeks weekly")
_TOO_MUCH = re.compile(r"\btoo (?:much|many|high|strong)\b")


def _asks_an_amount_to_take(stems: list[str]) -> bool:
    """Whether a question asks a dose: names one, too much, or an amount per day or week."""
    return (
        not _DOSE_WORDS.isdisjoint(stems)
        or not _PER_TIME_WORDS.isdisjoint(stems)
        or _TOO_MUCH.search(" ".join(stems)) is not None
    )


# Units of weight or volume: a question turning one into another ("convert 100 mcg to mg",
# "how many mcg in a mg") asks arithmetic, not an amount to take, unless it names K2, a
# vitamin or taking something (see `_unit_conversion`).
UNIT_WORDS = _stems(
    "mcg mcgs mg mgs ug µg iu g gram grams kg kilogram kilograms microgram micrograms "
    "milligram milligrams ml millilitre milliliter oz ounce ounces lb lbs pound pounds"
)
_UNIT_CONVERSION = re.compile(
    r"\b(?P<first>\S+) (?:(?:is|are) )?(?:to|in|into|equal|equals|is|are)"
    r" (?:a |an |one |1 |how many )?(?P<second>\S+)\b"
)
# Arithmetic on numbers ("how much is 12 times 25 mg", "what's 3 x 500 mg"): a sum, not
# an amount to take, when nothing taken is named (`_unit_conversion`).
_ARITHMETIC = re.compile(
    r"\b\d[\d.,]* (?:time|times|x|plus|minus|multiplied by|divided by|over) \d[\d.,]*\b"
)
# Verbs of taking something, as stemmed: "is it ok for me to take it" asks about taking;
# "is it ok for me to leave work early" asks advice about something else (see
# `_advice_on_another_act`).
TAKING_VERBS = _stems(
    "take taking use using try trying start starting have having keep keeping continue "
    "continuing add adding combine combining mix mixing swallow drink give giving be stay "
    "stop stopping go begin switch chew eat"
)
# The article's own answer for an elderly person with osteoporosis (MK-7, which it calls
# very beneficial to them) already says whether it suits a particular person is for their
# doctor: a general referral ("can my 80 year old mum have mk7") yields to it when the
# question names old age and bone loss in someone else and asks no advice ("should", or
# the asker's own case: "is it right for me, i'm 67 with osteopenia" stays a referral).
ASKING_ADVICE = _stems("should shouldnt i im me ive myself")
BONE_LOSS_PREFIXES = ("osteopor", "osteopen", "остеопор", "остеопен")
FRAGILE_PREFIXES = ("brittl", "fragil", "хрупк", "ломк")
OLD_AGE_PREFIXES = ("elderly", "older", "senior", "pension", "пожил", "старик", "старуш", "пенсион")
# Adults named as whom a question is about ("my husband has epilepsy"): they weigh nothing
# in a trigger's specificity or length, so they decide which referral, never whether (see
# `SafetyTriggers.__init__`).
ADULT_RELATIVES = _stems(
    "husband wife partner spouse mum mom mother mam mama dad father papa grandma "
    "grandmother granny nan nana grandpa grandfather grandad granddad aunt uncle "
    "sister brother friend boyfriend girlfriend hubby"
)
# Everyday senses of medical-looking words, over a question's normalised words (any
# language): a visit booked, a duty pharmacy's hours, a care home, a heart that bleeds for
# someone, a broken screen. A trigger said only inside one of them is no referral, and a
# safety pattern does not refer the question, when the message names nothing taken (no
# K2, supplement, medicine or intake word, see `SafetyTriggers._names_something_taken`).
# Every trigger outside the phrase still counts ("dentist appointment tomorrow, i'm on
# warfarin"). Narrow exceptions, one per sense, each tested in tests/test_safety_classes.py;
# never a rule that drops a referral in general.
EVERYDAY_SENSES = tuple(
    re.compile(phrase)
    for phrase in (
        r"\b(?:dentist|dentists|dental|doctor|doctors|gp|hospital|clinic) "
        r"(?:appointment|appointments|checkup|check up)\b",
        r"\b(?:записатися|записатись|записати|запишіть|запиши|записаться|записать|запишите) "
        r"(?:мене |меня )?(?:до|к|на прийом до|на прием к) (?:стоматолог|зубн)\w*",
        r"\bfarmacias? de (?:guardia|turno)\b",
        r"\bnursing homes?\b",
        r"\bheart (?:is |was )?(?:bleed|bleeds|bleeding) (?:out )?for\b",
        r"\b(?:fractured|cracked|broken|shattered) (?:phone|screen|iphone|laptop|window|"
        r"windscreen|windshield|glass)\b",
        # Too much of something watched, played or felt ("overdosed on netflix this weekend").
        r"\b(?:overdosed|overdose|overdoses|overdosing) on (?:the |my |some |all the )?"
        r"(?:netflix|tv|television|youtube|tiktok|instagram|facebook|twitter|reddit|social media"
        r"|anime|movies|films|series|shows|tv shows|cartoons|music|podcasts|video games|games"
        r"|gaming|christmas movies|christmas|love|news|memes|cuteness|nostalgia|drama|reality tv"
        r"|books|reading|work|homework|studying|sunshine"
        # Sweets eaten to excess, as people joke (round 12): not caffeine, which can
        # really poison ("overdosed on coffee" stays urgent), nor chocolate (a dog's).
        r"|sugar|candy|sweets|cake|cookies|junk food|carbs|pizza|halloween candy)\b",
        # A day of something else missed ("missed a day of school", "skipped a day at
        # work"): a missed dose names what is taken ("missed a day of my k2").
        r"\b(?:missed|skipped|missing|skipping|miss|skip) (?:a|one|the|two|three|a couple of"
        r"|a few|\d+) days? (?:of|at|from) \S+",
        # INR, the Indian rupee's code, among money words ("inr to usd", "what does inr
        # stand for in finance"), not the blood test of someone on warfarin.
        r"\binr\b(?: \S+){0,4}? (?:finance|financial|banking|bank|currency|currencies|forex"
        r"|exchange|rupee|rupees|usd|eur|gbp|aed|dollar|dollars|euro|euros|stock|stocks"
        r"|trading|crypto|salary|lakh|lakhs|crore|crores)\b"
        r"|\b(?:usd|eur|gbp|aed|dollar|dollars|euro|euros|rupee|rupees) (?:to|in|into|vs) inr\b",
        # Rooms, furniture and clothes for nursing mothers, leave and pay: where or what,
        # not whether something is safe to take ("breastfeeding room at the airport").
        r"\b(?:breastfeeding|breast feeding|lactation|nursing|pumping) (?:room|rooms|pod|pods"
        r"|station|stations|area|areas|pillow|pillows|cover|covers|bra|bras|top|tops|chair"
        r"|chairs|cafe|cafes)\b",
        r"\b(?:maternity|pregnancy) (?:leave|pay|benefit|benefits|clothes|clothing|jeans"
        r"|leggings|dress|dresses|photoshoot|photo shoot|photos|pillow|pillows)\b",
        # A job or a course in a medical field ("dialysis technician salary in texas").
        r"\b(?:dialysis|renal|kidney|surgical|surgery|theatre|operating room|or|emergency room"
        r"|er|emergency department|pediatric|paediatric|maternity|obstetric|pharmacy"
        r"|anticoagulation) (?:technician|technicians|tech|techs|nurse|nurses|assistant"
        r"|assistants|job|jobs|salary|salaries|pay|wage|wages|career|careers|course|courses"
        r"|certification|certificate|training|degree|school|program|programme|vacancy"
        r"|vacancies|interview)\b",
        # "Enceinte" is also a loudspeaker in French ("enceinte bluetooth pas chère").
        r"\benceintes? (?:bluetooth|connectee|connectees|portable|portables|sans fil|wifi"
        r"|jbl|sonos|marshall|bose|hifi|amplifiee|amplifiees|pc|tv)\b",
    )
)
# Any of them, one pass over a text: most texts hold none, and one search with every phrase
# as an alternative is several times quicker than a pass per phrase (56 -> 9 µs a message).
# A phrase matches somewhere exactly when it does as an alternative: none refers back to a
# group or sets a flag.
_ANY_EVERYDAY_SENSE = re.compile("|".join(f"(?:{sense.pattern})" for sense in EVERYDAY_SENSES))
# A short question asking only how a word is said or spelt ("how do you pronounce
# apixaban", "comment prononcer apixaban", "how is eliquis spelled"): a question about the
# word, not about taking it, when the message names nothing taken and is at most
# WORD_QUESTION_WORDS long ("how do you pronounce apixaban, my dad is on it and his inr is
# high" keeps its referral), and says nothing of the asker or theirs ("how to pronounce
# warfarin? im on it" keeps it). Over the normalised words of any language.
WORD_QUESTION_WORDS = 7
_ASKER_WORDS = frozenset(
    "i im ive id me my mine we our us myself je j moi mon ma mes nous notre yo mi mis nos "
    "nuestro nuestra ich mein meine mir mich wir unser io mio mia eu meu minha".split()
)
_HOW_A_WORD_IS_SAID = re.compile(
    r"\bhow (?:do|does|would|should|can|to|is|are|you|i)(?: you| i| we| one| people)?"
    r" (?:pronounce|spell)\b"
    r"|\bhow (?:is|are|do you|do i) \S+(?: \S+)? (?:pronounced|spelled|spelt|pronounce|spell)\b"
    r"|\b(?:pronunciation|pronounciation|spelling) (?:of|for)\b"
    r"|\bcomment (?:on )?(?:prononcer|prononce|se prononce|s ecrit|epeler)\b"
    r"|\bprononciation (?:de|du|d)\b"
    r"|\bcomo se (?:pronuncia|escribe|deletrea)\b|\bcome si (?:pronuncia|scrive)\b"
    r"|\bwie (?:spricht|schreibt) man\b|\baussprache (?:von|des|der)\b"
)
# A web address as the normaliser leaves it ("www.vitaminsforkids.com" is "w vitaminsforkids
# com", "https://kids-vitamins.com" "https kids vitamin com"): from its scheme or "www" to
# its top-level domain, at most ADDRESS_WORDS words. It names a shop or a page, not what is
# asked (see `_web_address_words`).
ADDRESS_STARTS = frozenset({"w", "www", "http", "https"})
TOP_LEVEL_DOMAINS = frozenset(
    "com org net info biz shop store health io co uk de fr es it ru ua pt br ca au us eu".split()
)
ADDRESS_WORDS = 8
# A word naming K2 in any script ("k2", "mk7", "к2"): something taken.
_K2_WORD = re.compile(r"(?:^|[^\w])(?:m?k|мк|к) ?[247](?:$|[^\w])")


# How many pills a package holds ("how many tablets are in a bottle of advil", "how many
# pills are left in my bottle"): a count, not an amount to take, though pills are named.
_PACKAGE_COUNT = re.compile(
    r"\bhow many\b(?: \S+){0,3}? (?:(?:are|is) )?(?:there )?(?:left )?in"
    r" (?:a|an|the|my|this|one|each|per) (?:\S+ )?"
    r"(?:bottle|pack|packet|box|jar|container|tub|blister|sachet|carton|tube)\b"
    r"(?: of \S+)?"
)


def _content_asked(stems: list[str]) -> re.Match[str] | None:
    """The "how much X is in..." of a question asking what a food holds or what it costs.

    None when there is none, or when the question also asks an amount to take or says a
    word about taking (INTAKE_WORDS: "how much k2 is in natto, is it safe to eat daily").
    """
    joined = " ".join(stems)
    counted = _PACKAGE_COUNT.search(joined)
    if counted is not None and not _asks_an_amount_to_take(stems):
        return counted
    found = _CONTENT_QUESTION.search(joined)
    if (
        found is None
        or _asks_an_amount_to_take(stems)
        or any(
            word in INTAKE_WORDS and not _intake_in_another_sense(stems, index)
            for index, word in enumerate(stems)
        )
    ):
        return None
    return found


def _without_content_amounts(stems: list[str], hits: list[_Hit]) -> list[_Hit]:
    """`hits` less the non-urgent ones inside a "how much X" asking what a food holds or costs.

    "How much vitamin C is in an orange" asks the amount in a food, and "how much does k2
    cost" a price, not one to take, unless the question also says it is about taking (a
    word of INTAKE_WORDS: "how much k2 is in natto, is it safe to eat daily").
    """
    joined = " ".join(stems)
    found = _content_asked(stems)
    if found is None:
        return hits
    first = joined[: found.start()].count(" ")
    inside = range(first, first + found.group(0).count(" ") + 1)
    return [hit for hit in hits if hit.tier == URGENT or not set(hit.covered) <= set(inside)]


# "How much" or "how many" asking the size of an effect or a count of kinds, not an
# amount to take: "how much does k2 cut fracture risk", "how much can mk7 improve bone
# density", "k2 how many forms" (which the synonyms read "how much k2 form"). The verb of
# effect follows its subject directly ("how much does taking k2 reduce"); with the asker
# or a need in between ("how much k2 do i need to reduce fracture risk") it asks a dose.
# Over stemmed words.
_EFFECT_VERBS = (
    "reduce|cut|lower|decrease|lessen|drop|increase|improve|help|raise|boost|strengthen"
    "|prevent|slow|affect|change|protect|benefit|matter|work|do"
)
_CHANGE_VERBS = "reduce|cut|lower|decrease|increase|improve|raise|boost|affect|change|limit"
_TAKEN_AFTER = "take|taking|need|use|should|must|get"
_NOT_AN_EFFECT_SUBJECT = "i|you|we|he|she|they|need|take|use|should|must|have|get"
_EFFECT_OR_KINDS_QUESTION = re.compile(
    r"\bhow much\b(?: \S+){0,3}? (?:doe|does|do|can|could|will|would|did|might|may)"
    rf"(?: (?!(?:{_NOT_AN_EFFECT_SUBJECT})\b)\S+){{1,3}}? (?:{_EFFECT_VERBS})\b"
    r"|\bhow (?:much|many)\b(?: \S+){0,2}? (?:form|type|kind|sort|variety|version)\b"
    # "does it increase how much calcium i absorb": the amount an effect changes, not
    # one taken ("does it matter how much k2 i take" asks a dose).
    rf"|\b(?:{_CHANGE_VERBS}) how (?:much|many)\b(?: \S+){{1,2}}"
    rf"(?!(?: \S+){{0,3}} (?:{_TAKEN_AFTER})\b)"
)


def _without_effect_sizes(stems: list[str], hits: list[_Hit]) -> list[_Hit]:
    """`hits` less the non-urgent ones inside a "how much" asking an effect's size or kinds.

    "How much does k2 cut fracture risk" asks what the article's figures say, and "k2 how
    many forms" how many forms there are; neither is an amount to take, unless the
    question also asks one ("too much", a dose, per day: `_asks_an_amount_to_take`).
    """
    if _asks_an_amount_to_take(stems):
        return hits
    joined = " ".join(stems)
    spans: list[range] = []
    for found in _EFFECT_OR_KINDS_QUESTION.finditer(joined):
        first = joined[: found.start()].count(" ")
        spans.append(range(first, first + found.group(0).count(" ") + 1))
    if not spans:
        return hits
    return [
        hit
        for hit in hits
        if hit.tier == URGENT
        or not hit.covered
        or not any(set(hit.covered) <= set(span) for span in spans)
    ]


# Stopping, as a trigger's last word: "my doctor told me to stop" refers, "my doctor told
# me to stop wasting money on supplements" is advice to stop doing something else.
STOPPING_WORDS = _stems("stop stopped stopping quit quitting")


def _stopping_another_act(stems: list[str], hit: _Hit) -> bool:
    """Whether a non-urgent trigger ending in "stop" goes on to stop another act.

    The next word is a verb in -ing that is not taking something ("stop wasting money",
    "stop worrying"); "stop taking k2", "stop eating greens" and "stop" alone keep it.
    """
    if hit.tier == URGENT or not hit.covered or stems[hit.covered[-1]] not in STOPPING_WORDS:
        return False
    after = hit.covered[-1] + 1
    if after >= len(stems):
        return False
    word = stems[after]
    return (
        word.endswith("ing")
        and word not in TAKING_VERBS
        and stem(word[: -len("ing")]) not in TAKING_VERBS
        and stem(word[: -len("ing")] + "e") not in TAKING_VERBS
    )


# Words that make K2 the mountain, not the vitamin ("what surgery did the k2 climbers
# need", "k2 base camp trek"): climbing and expeditions, as stemmed word starts.
MOUNTAIN_PREFIXES = (
    "climb",
    "summit",
    "expedition",
    "everest",
    "mountain",
    "sherpa",
    "alpinis",
    "himalay",
    "karakoram",
    "basecamp",
)


def _k2_the_mountain(stems: list[str]) -> bool:
    """Whether a message speaks of mountaineering, so K2 in it is the mountain."""
    joined = " ".join(stems)
    return any(word.startswith(MOUNTAIN_PREFIXES) for word in stems) or "base camp" in joined


def _unit_conversion(stems: list[str], context: frozenset[str]) -> bool:
    """Whether a question turns one unit into another and names nothing taken.

    "convert 100 mcg to mg" and "how many mcg in a mg" are arithmetic; "how many mcg of
    k2 in a mg capsule" and "is 1000 iu of vitamin d too much" name what is taken.
    """
    joined = " ".join(stems)
    converts = (
        any(
            found.group("first") in UNIT_WORDS and found.group("second") in UNIT_WORDS
            for found in _UNIT_CONVERSION.finditer(joined)
        )
        or _ARITHMETIC.search(joined) is not None
    )
    return converts and not any(
        word in context and not _intake_in_another_sense(stems, index)
        for index, word in enumerate(stems)
    )


def _elderly_with_bone_loss(stems: list[str]) -> bool:
    """Whether a question names old age and bone loss, asking no advice (ASKING_ADVICE).

    Old age is a word or an age of 60 and over. "my dad is 78 with osteoporosis, would
    mk7 help him" is the article's elderly answer, which itself sends the reader to a
    doctor (see BONE_LOSS_PREFIXES).
    """
    bone_loss = any(word.startswith(BONE_LOSS_PREFIXES) for word in stems) or (
        any(word.startswith(FRAGILE_PREFIXES) for word in stems)
        and any(word.startswith(("bone", "кост")) for word in stems)
    )
    old = any(
        word.startswith(OLD_AGE_PREFIXES)
        or word == "old"
        or (word.isdecimal() and 60 <= int(word) <= 120)
        for word in stems
    )
    return bone_loss and old and not any(word in ASKING_ADVICE for word in stems)


def _advice_on_another_act(stems: list[str], hit: _Hit) -> bool:
    """Whether a general trigger ("ok for me") asks about doing something else.

    "is it ok for me to leave work early" asks about leaving work; "is it ok for me to
    take it" and "is it ok for me" alone stay the general referral.
    """
    if hit.tier != GENERAL or not hit.covered:
        return False
    after = hit.covered[-1] + 1
    return after + 1 < len(stems) and stems[after] == "to" and stems[after + 1] not in TAKING_VERBS


# "Blood" as the first half of a compound noun ("blood vessel", "blood pressure"): "does k2
# thin the blood vessel wall" asks about the vessel, not about thinning the blood.
BLOOD_COMPOUNDS = _stems("vessel vessels pressure sugar sugars cell cells type group orange")


def _blood_in_a_compound(stems: list[str], hit: _Hit) -> bool:
    """Whether a hit ending in "blood" goes on into a compound noun (BLOOD_COMPOUNDS).

    The synonyms may write the compound again ("vessel wall" is "blood vessel wall"), so
    one repeated "blood" is passed over.
    """
    if not hit.covered or stems[hit.covered[-1]] != "blood":
        return False
    after = stems[hit.covered[-1] + 1 : hit.covered[-1] + 3]
    if after[:1] == ["blood"]:
        after = after[1:]
    return bool(after) and after[0] in BLOOD_COMPOUNDS


# "Thinner" as a comparative after a verb of becoming ("my bones are getting thinner with
# age", "hair growing thinner and"): the adjective, not a blood thinner, whatever follows.
BECOMING_WORDS = _stems(
    "get gets getting got gotten become becomes becoming became grow grows growing grew "
    "go goes going went gone turn turns turning turned seem seems seemed look looks looked "
    "much even bit lot little way slightly"
)


def _thinner_as_adjective(stems: list[str], hit: _Hit) -> bool:
    """Whether a hit's "thinner" comes right after a verb of becoming (BECOMING_WORDS)."""
    for index in hit.covered:
        if stems[index] in _THINNER_FORMS and index > 0 and stems[index - 1] in BECOMING_WORDS:
            return True
    return False


_THINNER_FORMS = _stems("thinner")


def _everyday_sense_words(
    words: list[str], typed: list[str] | None = None, typed_inside: set[int] | None = None
) -> set[int]:
    """The indices of the words inside an everyday sense of a medical word (EVERYDAY_SENSES).

    Args:
        words: the message's normalised words.
        typed: the same message folded with no synonym rewritten, when known. A synonym
            may swallow the words that show the everyday sense ("overdosed on youtube" is
            normalised "overdosed tell": "on youtube" is a variant of "tell"), so the
            senses are also read there: a word of `words` counts as inside one when every
            time it is typed it is typed inside one ("overdosed on netflix, and dad
            overdosed last night" keeps the second "overdosed").
        typed_inside: `_sense_indices(typed)`, when the caller already has it (the same
            message is read for every text the matcher ranks).
    """
    inside = _sense_indices(words)
    if typed is None or typed == words:
        return inside
    if typed_inside is None:
        typed_inside = _sense_indices(typed)
    if not typed_inside:
        return inside
    outside = {word for index, word in enumerate(typed) if index not in typed_inside}
    only_inside = {typed[index] for index in typed_inside} - outside
    return inside | {index for index, word in enumerate(words) if word in only_inside}


def _sense_indices(words: list[str]) -> set[int]:
    """The indices of `words` inside a phrase of EVERYDAY_SENSES."""
    text = " ".join(words)
    if _ANY_EVERYDAY_SENSE.search(text) is None:
        return set()
    spans = [found.span() for sense in EVERYDAY_SENSES for found in sense.finditer(text)]
    if not spans:
        return set()
    inside: set[int] = set()
    position = 0
    for index, word in enumerate(words):
        end = position + len(word)
        if any(a <= position and end <= b for a, b in spans):
            inside.add(index)
        position = end + 1
    return inside


def _asks_how_a_word_is_said(words: list[str]) -> bool:
    """Whether a short message asks only how a word is said or spelt (see WORD_QUESTION_WORDS)."""
    return (
        len(words) <= WORD_QUESTION_WORDS
        and not any(word in _ASKER_WORDS for word in words)
        and bool(_HOW_A_WORD_IS_SAID.search(" ".join(words)))
    )


# "did i take my medicine today", "have i taken my pills yet": the asker asks their own
# record of taking, what a diary or a reminder app answers, not whether it is safe. The
# whole message is that question: one more word of a risk ("did i take my warfarin twice
# today") or an amount is read as usual.
_OWN_RECORD_ASKED = re.compile(
    r"^(?:did|have|had) i (?:already )?(?:take|taken|took|had|have)"
    r" (?:my|the|all my|all of my|both my|all the) (?:\S+ ){0,2}?"
    r"(?:medicine|medicines|medication|medications|meds|med|pill|pills|tablet|tablets"
    r"|supplement|supplements|vitamin|vitamins|capsule|capsules|dose|doses)"
    r"(?: (?:today|tonight|yet|already|this morning|this evening|this afternoon|last night"
    r"|earlier|yesterday|or not))*$"
)


def _asks_own_record(words: list[str]) -> bool:
    """Whether a message asks only whether the asker took their pills (`_OWN_RECORD_ASKED`)."""
    return _OWN_RECORD_ASKED.search(" ".join(words)) is not None


def _domain_not_taken(stems: list[str]) -> bool:
    """Whether the article's words are learnt about or soaked up here (NOT_TAKEN_CONTEXT)."""
    if any(word in NOT_TAKEN_CONTEXT for word in stems):
        return True
    return _NOT_TAKEN_PHRASE.search(" ".join(stems)) is not None


def names_an_animal(word: str) -> bool:
    """Whether `word` (stemmed, or as typed) names a pet or farm animal, in any language."""
    return (
        word in ANIMAL_WORDS
        or word in ANIMAL_WORDS_ELSEWHERE
        or word in ANIMAL_EXACT
        or word.startswith(ANIMAL_PREFIXES)
    )


def _animal_without_substance(stems: list[str]) -> bool:
    """Whether a question is about an animal and names nothing taken (see ANIMAL_WORDS)."""
    animal = any(names_an_animal(word) for word in stems)
    return animal and not any(
        word in SUBSTANCE_WORDS or word.startswith(SUBSTANCE_PREFIXES) for word in stems
    )


def _intake_in_another_sense(stems: list[str], index: int) -> bool:
    """Whether the intake word at `index` means anything but taking something.

    "take" meaning anything but swallowing ("take up chess", "take a photo", "snacks to
    take along", "how long does it take"), and "safety" naming a kind of thing (see
    `_safety_as_a_kind`).
    """
    if stems[index] in SAFETY_AS_A_KIND:
        return _safety_as_a_kind(stems, index)
    if stems[index] in GUMMY_WORDS:
        # "gummy bears", "gummy worms": sweets, not gummy vitamins.
        return index + 1 < len(stems) and stems[index + 1] in SWEETS_AFTER_GUMMY
    if stems[index] not in TAKE_WORDS:
        return False
    if index > 0 and stems[index - 1] == "it":
        return True
    if index + 1 >= len(stems) and "long" in stems[max(0, index - 8) : index]:
        # "how long does a transfer to my mum take": a duration, ending the question.
        return True
    if index + 1 >= len(stems):
        return False
    following = stems[index + 1]
    if following in TAKE_ELSEWHERE:
        return True
    # "take the kids to the zoo", "take my daughter along": someone taken somewhere.
    if following in _CARRY_DETERMINERS and any(
        word in TAKE_ELSEWHERE for word in stems[index + 2 : index + 5]
    ):
        return True
    if following in NOT_SWALLOWING_AFTER_TAKE:
        return True
    # "my kid took my phone", "take the car": a thing carried off, not swallowed.
    if (
        following in _CARRY_DETERMINERS
        and index + 2 < len(stems)
        and stems[index + 2] in CARRIED_THINGS
    ):
        return True
    return (
        following in ("a", "an")
        and index + 2 < len(stems)
        and stems[index + 2] in NOT_SWALLOWED_NOUNS
    )


def _safety_as_a_kind(stems: list[str], index: int) -> bool:
    """Whether "safety" at `index` names a kind of thing: a word of its own follows it.

    "child safety seats", "baby safety gates", "kids safety tips": the words after it say
    what is meant, as common English words do not ("safety of k2", "safety for kids",
    "k2 safety?"); nor do a word about taking something or the article's subject.
    """
    if index + 1 >= len(stems):
        return False
    following = stems[index + 1]
    return (
        following.isalpha()
        and zipf(following) < INFORMATIVE_ZIPF
        and following not in INTAKE_WORDS
        and following not in SUBSTANCE_WORDS
    )


def _web_address_words(words: list[str]) -> set[int]:
    """The indices of the words of web addresses (see ADDRESS_STARTS), the run-together read apart.

    Both ends are needed, so a Portuguese "com" ("with") or an English "w" ("with") alone
    starts or ends nothing.
    """
    inside: set[int] = set()
    for start, word in enumerate(words):
        if word not in ADDRESS_STARTS:
            continue
        ends = [
            end
            for end in range(start + 2, min(len(words), start + ADDRESS_WORDS + 1))
            if words[end] in TOP_LEVEL_DOMAINS
        ]
        if ends:
            inside.update(range(start, ends[-1] + 1))
    return inside


# Asking who found or made something, or its history ("who discovered penicillin", "when
# was aspirin invented", "history of insulin"), names no one taking it
# (`_asks_a_history`).
_FOUND_VERBS = _stems("discovered invented developed discover invent develop found created")
_HISTORY_WORDS = _stems("history")
# Counting a body's parts ("how many bones does a baby have", "how many teeth do kids
# have") asks about anatomy, not how many of something to take (`_counts_body_parts`).
_BODY_PARTS = _stems("bone bones teeth tooth muscles muscle joints joint vertebrae ribs")
# A machine that "swallowed" a card or a coin ("the atm swallowed my card"): nothing was
# eaten (`_machine_swallowed`).
_MACHINES = _stems("atm atms machine machines cashpoint vending reader slot meter terminal")
_SWALLOWED_THINGS = _stems("card cards coin coins money cash ticket tickets note notes bill")
_SWALLOW_WORDS = _stems("swallow swallowed swallows swallowing ate eat eats")


def _asks_a_history(stems: list[str]) -> bool:
    """Whether a question asks who found or made something, or its history.

    "who discovered penicillin", "when was aspirin invented", "history of insulin"; not
    when it also says a word about taking something ("who discovered it, and is it safe
    with k2": an INTAKE_WORDS word).
    """
    if any(word in INTAKE_WORDS for word in stems):
        return False
    for index, word in enumerate(stems[:-1]):
        if word == "who" and stems[index + 1] in _FOUND_VERBS:
            return True
        if word == "when" and any(w in _FOUND_VERBS for w in stems[index + 1 : index + 6]):
            return True
        if word in _HISTORY_WORDS and stems[index + 1] == "of":
            return True
    return False


def _counts_body_parts(stems: list[str]) -> bool:
    """Whether a question counts a body's parts ("how many bones does a baby have").

    "how many" right before a body part ("how many bones baby"), or a body part "in a/an"
    someone ("bones in a baby"), with nothing about taking nor any substance named
    ("weak bones in a baby, is it a vitamin deficiency" names one).
    """
    if any(
        word in INTAKE_WORDS or word in SUBSTANCE_WORDS or word.startswith(SUBSTANCE_PREFIXES)
        for word in stems
    ):
        return False
    for index in range(len(stems) - 2):
        if stems[index] == "how" and stems[index + 1] == "many" and stems[index + 2] in _BODY_PARTS:
            return True
        if (
            stems[index] in _BODY_PARTS
            and stems[index + 1] == "in"
            and stems[index + 2]
            in (
                "a",
                "an",
            )
        ):
            return True
    return False


def _machine_swallowed(stems: list[str]) -> bool:
    """Whether a machine swallowed a card, coin or money ("the atm swallowed my card").

    A machine named just before the swallowing, and a card, coin or money just after it:
    "my toddler swallowed a coin" names no machine and stays an emergency.
    """
    for index, word in enumerate(stems):
        if (
            word in _SWALLOW_WORDS
            and any(w in _MACHINES for w in stems[max(0, index - 3) : index])
            and any(w in _SWALLOWED_THINGS for w in stems[index + 1 : index + 4])
        ):
            return True
    return False


# A medicine named only as what K2 is compared with ("does it slow bone loss like
# bisphosphonates do", "does k2 work better than fosamax does"): nobody takes it
# (`_medicine_compared`).
_COMPARING_WORDS = frozenset("like than as way".split())
_COMPARED_ENDINGS = _stems("do does did doe work works")


def _medicine_compared(stems: list[str], hit: _Hit) -> bool:
    """Whether a hit is a medicine K2 is compared with, at the end of its clause.

    "like bisphosphonates do", "than fosamax does", "the way statins do": "like", "than",
    "as" or "way" just before the medicine, and "do"/"does"/"work" just after it, ending
    the question. "can i take k2
    like my warfarin" ends otherwise and stays a referral.
    """
    if not hit.covered or hit.intent.id != "safety_medicines":
        return False
    first, last = min(hit.covered), max(hit.covered)
    if first == 0 or stems[first - 1] not in _COMPARING_WORDS:
        return False
    return last + 2 == len(stems) and stems[last + 1] in _COMPARED_ENDINGS


# Taking it with a meal or on an empty stomach ("do i need to take k2 with a fatty meal",
# "should i take mk7 with food"): how it is absorbed, which the article's absorption
# answers tell, not personal advice (`_with_a_meal`).
_MEAL_WORDS = _stems("meal meals food breakfast lunch dinner supper snack fat fats fatty")
_MEAL = re.compile(
    r"\b(?:with|without|before|after) (?:a |an |my |some |the |any )?(?:\S+ )?(?:"
    + "|".join(sorted(_MEAL_WORDS))
    + r")\b|\bon an empty stomach\b"
)


def _with_a_meal(stems: list[str]) -> bool:
    """Whether a question asks about taking something with a meal, and asks no amount."""
    return not _asks_an_amount_to_take(stems) and _MEAL.search(" ".join(stems)) is not None


# Why two things are taken together (Ukrainian "чому їх потрібно приймати разом?",
# "k2 and d3, why take them together"): the reason for the pair, which the article's
# K2-with-D3 answer gives, not whether it suits the asker (`_why_together`; 2026-11-30,
# realsafety17). Read on the normalised words: "вместе" reads "together".
_WHY_WORDS = frozenset(
    "why чому почему зачем навіщо нащо warum wieso weshalb pourquoi porque porqué perche "
    "perché dlaczego czemu neden niye".split()
)
_TOGETHER_WORDS = frozenset(
    "together разом вместе zusammen juntos juntas junto razem insieme ensemble birlikte".split()
)


def _why_together(words: list[str]) -> bool:
    """Whether a question asks why two things are taken together (see `_WHY_WORDS`)."""
    said = set(words)
    return not said.isdisjoint(_WHY_WORDS) and not said.isdisjoint(_TOGETHER_WORDS)


def tablet_as_a_device(typed: list[str]) -> set[int]:
    """The indices of the words of `typed` naming a tablet computer or such a device.

    `typed` is the message folded with no synonym rewritten (a synonym reads "tablet" as a
    supplement). See DEVICE_WORDS: "best tablet for a 7 year old to watch cartoons", "kids
    fighting over the tablet, how do i split screen time", "qual o melhor tablet para
    criancas", "скільки коштує планшет для дитини"; "k2 tablets for kids" names no device.
    """
    found = {
        index
        for index, word in enumerate(typed)
        if word in DEVICE_WORDS
        or word.startswith(DEVICE_PREFIXES)
        or any(inside in word for inside in DEVICE_INSIDE_WORDS)
    }
    tablets = {index for index, word in enumerate(typed) if word in TABLET_WORDS}
    if tablets and (
        any(word in DEVICE_CUES for word in typed)
        or detect_language(" ".join(typed)) in TABLET_IS_A_DEVICE_IN
    ):
        found |= tablets
    return found
