"""Write tests/data/dev_everyday_4.jsonl: a fourth, blind set of everyday requests, not CLINC150-shaped.

Written by hand before the bot was run on it (decline pass 5), after issue 12's
description of the 23,700 everyday requests, and in the styles of *other* public intent
corpora than CLINC150: Banking77 (card arrival, top-up, transfers, exchange-rate
complaints, long and chatty), HWU64 (a home assistant: iot, music, alarm, calendar, email,
recommendation, transport, takeaway, qa/factoid, quirky chat), SNIPS (book a restaurant,
add to playlist, rate a book, search a creative work or a screening, weather) and
MultiWOZ / Schema-guided dialogue user turns (hotels, trains, taxis, attractions,
restaurants, flights, rental cars). Templates with slot values give the variety of those
corpora (a fixed seed: the file regenerates byte-identical); the last part, everyday
health, fitness and food requests that share words with the article (bones, calcium,
vitamins, bacteria, gut, elderly, women, density, arteries, fractures, pancreas, colon,
"benefits", "forms", "type") but are not about K2, is written out by hand.
Small talk is labelled with the answer that fits (greeting, thanks, goodbye, about_bot).
A development set: tune on it, keep the held-out sets apart. Run from the repository root:
`python tests/data/gen/make_dev_everyday_4.py`.
"""

from __future__ import annotations

import random
from itertools import product
from pathlib import Path

from question_set import everyday_rows, write_question_set

SEED = 20261130
# Every intent's share of templated requests, against the count written at it.
SCALE = 1.5


def fill(
    templates: list[str], slots: dict[str, list[str]], count: int, rng: random.Random
) -> list[str]:
    """Up to `count` distinct requests: each template filled with every combination of its slots, sampled."""
    out: list[str] = []
    for template in templates:
        names = [name for name in slots if "{" + name + "}" in template]
        for values in product(*(slots[name] for name in names)):
            out.append(template.format(**dict(zip(names, values, strict=True))))
    out = sorted(set(out))
    rng.shuffle(out)
    return out[: round(count * SCALE)]


def templated(rng: random.Random) -> dict[str, list[str]]:
    """The corpus-styled requests, by intent."""
    money = ["20", "50", "100", "£40", "€250", "$75", "300 euros", "15 quid"]
    person = ["my mum", "john", "my landlord", "a friend", "my brother", "sarah", "my flatmate"]
    currency = ["euros", "dollars", "pounds", "yen", "swiss francs", "rupees", "zloty"]
    city = ["cambridge", "london", "paris", "boston", "berlin", "madrid", "chicago", "seattle"]
    day = ["monday", "friday", "tomorrow", "saturday", "next tuesday", "the 14th", "sunday"]
    time = ["7am", "6:30", "noon", "8 pm", "quarter past nine", "5:45 in the morning"]
    artist = [
        "taylor swift",
        "queen",
        "adele",
        "kendrick lamar",
        "the beatles",
        "daft punk",
        "abba",
    ]
    genre = ["jazz", "lo-fi", "classical", "80s rock", "country", "reggae", "k-pop"]
    playlist = [
        "chill vibes",
        "workout mix",
        "road trip",
        "sunday morning",
        "my favourites",
        "party hits",
    ]
    room = ["living room", "kitchen", "bedroom", "hallway", "bathroom", "office"]
    food = ["pizza", "sushi", "thai", "a burger", "chinese", "indian", "tacos", "pad thai"]
    book = [
        "the hobbit",
        "dune",
        "this novel",
        "the last chapter",
        "pride and prejudice",
        "the current book",
    ]
    work = [
        "the matrix",
        "breaking bad",
        "a song called yesterday",
        "the godfather",
        "frozen 2",
        "the album thriller",
    ]
    stars = ["5", "four", "3 out of 6", "2 stars", "1", "6 points"]
    area = ["centre", "north", "south", "east", "west"]
    price = ["cheap", "moderately priced", "expensive"]
    people = ["2", "4", "six", "3", "8"]
    cuisine = ["italian", "british", "chinese", "indian", "european", "modern european", "seafood"]
    attraction = [
        "museum",
        "college",
        "park",
        "theatre",
        "nightclub",
        "boat",
        "swimming pool",
        "architecture",
    ]
    station = [
        "cambridge",
        "london kings cross",
        "norwich",
        "ely",
        "stansted airport",
        "peterborough",
        "leicester",
    ]
    contact = ["mom", "my boss", "alex", "the team", "dad", "jenny from work"]
    return {
        # ---------------- Banking77 ----------------
        "card_arrival": fill(
            [
                "my card still hasn't arrived, it's been {n} days",
                "when will my new card get here?",
                "I ordered a card {n} days ago and nothing yet, what's going on",
                "how long does card delivery take to {c}",
                "is there a way to track my card delivery",
                "the card you sent never came",
            ],
            {"n": ["3", "5", "10", "12", "14"], "c": ["the uk", "spain", "the us", "my address"]},
            14,
            rng,
        ),
        "card_not_working": fill(
            [
                "my card got declined at {shop} even though I have money",
                "why was my card payment declined at {shop}",
                "the card doesn't work at {shop}",
                "contactless isn't working on my card",
                "my card was declined again, what is the problem?",
                "the atm swallowed my card",
                "my card is broken, the chip is {d}",
            ],
            {
                "shop": [
                    "the supermarket",
                    "a restaurant",
                    "the petrol station",
                    "amazon",
                    "a hotel in spain",
                ],
                "d": ["cracked", "not reading", "scratched"],
            },
            16,
            rng,
        ),
        "lost_card": fill(
            [
                "I lost my card {w}, what should I do",
                "someone stole my wallet with my card in it",
                "my card was stolen {w}, please help",
                "i think i left my card {w}, can you block it",
                "how do i report a lost card",
            ],
            {"w": ["yesterday", "at the bar", "on the train", "in a taxi", "abroad"]},
            12,
            rng,
        ),
        "top_up": fill(
            [
                "my top up of {m} failed",
                "why didn't my top-up go through",
                "top up is still pending after {h}",
                "how do I top up my account with {how}",
                "I topped up {m} but my balance hasn't changed",
                "is there a fee for topping up by {how}",
                "top up limit?",
                "my top up was reverted, why",
            ],
            {
                "m": money,
                "h": ["an hour", "two days", "all morning"],
                "how": ["bank transfer", "apple pay", "a cheque", "cash", "my credit card"],
            },
            26,
            rng,
        ),
        "exchange_rate": fill(
            [
                "the exchange rate you gave me for {cur} was wrong",
                "why was I charged extra when I paid in {cur}",
                "what exchange rate do you use for {cur}",
                "I got a terrible rate exchanging to {cur}, this is a rip off",
                "can I hold {cur} in my account",
                "is there a fee for exchanging {cur}",
                "the rate changed while my payment in {cur} was pending",
            ],
            {"cur": currency},
            24,
            rng,
        ),
        "transfer_issue": fill(
            [
                "my transfer to {p} hasn't arrived",
                "how long does a transfer to {p} take",
                "I sent {m} to {p} but they haven't received it",
                "cancel the transfer I made to {p}",
                "my transfer of {m} is still pending",
                "the beneficiary isn't allowed, why can't I send money to {p}",
                "I transferred {m} to the wrong account",
            ],
            {"p": person, "m": money},
            28,
            rng,
        ),
        "charges": fill(
            [
                "why was I charged a fee for {x}",
                "there's a charge on my statement I don't recognise from {s}",
                "I was charged twice for {s}",
                "extra fee for {x}??",
                "I got charged for {x} and I want my money back",
            ],
            {
                "x": [
                    "withdrawing cash",
                    "a transfer",
                    "card delivery",
                    "paying by card abroad",
                    "using an atm",
                ],
                "s": ["a shop", "uber", "netflix", "a hotel", "a merchant I never used"],
            },
            22,
            rng,
        ),
        "refund_pin_identity": fill(
            [
                "my refund from {s} isn't showing",
                "how do I request a refund for {s}",
                "I forgot my pin",
                "how do i change my pin at an atm",
                "my pin is blocked after three tries",
                "why do you need to verify my identity",
                "the identity check keeps failing",
                "what documents do i need to verify my identity",
                "can i use my {doc} to verify",
                "how do I set up {pay} with my card",
                "{pay} isn't working with your card",
                "can I get a virtual card",
                "how many disposable cards can i have",
                "what age do you have to be to open an account",
                "how do I close my account",
                "can I change my name on the account",
                "I moved house, how do i update my address",
                "can i get my salary paid into this account",
                "my payment to {s} is still pending",
                "cash withdrawal not recognised",
                "the atm gave me less cash than I asked for",
            ],
            {
                "s": ["amazon", "a restaurant", "ebay", "the airline"],
                "doc": ["driving licence", "passport", "national id"],
                "pay": ["apple pay", "google pay"],
            },
            40,
            rng,
        ),
        # ---------------- HWU64 home assistant ----------------
        "iot": fill(
            [
                "turn {onoff} the lights in the {r}",
                "dim the {r} lights to {pct}",
                "set the {r} lights to {col}",
                "olly make the lights {col}",
                "start the robot vacuum in the {r}",
                "make me a coffee",
                "switch {onoff} the smart plug",
                "turn the heating up to {deg}",
                "is the {r} light {onoff}",
                "clean the {r} floor",
                "turn {onoff} the wemo socket",
            ],
            {
                "onoff": ["on", "off"],
                "r": room,
                "pct": ["20 percent", "half", "30%"],
                "col": ["blue", "warm white", "red", "purple"],
                "deg": ["21 degrees", "70", "19"],
            },
            40,
            rng,
        ),
        "music": fill(
            [
                "play some {g}",
                "play {a}",
                "put on something by {a}",
                "shuffle my {pl} playlist",
                "what song is this",
                "who sings this song",
                "skip this track",
                "i like this song, remember it",
                "play the latest {a} album",
                "what's the name of this {g} track",
                "turn the music {ud}",
                "play {g} music in the {r}",
            ],
            {"g": genre, "a": artist, "pl": playlist, "ud": ["up", "down"], "r": room},
            40,
            rng,
        ),
        "alarm": fill(
            [
                "wake me up at {t} {d}",
                "set an alarm for {t}",
                "cancel my {t} alarm",
                "what alarms do i have set",
                "change my alarm to {t}",
                "remove all alarms for {d}",
                "set an alarm {d} at {t} for gym",
            ],
            {"t": time, "d": day},
            30,
            rng,
        ),
        "calendar": fill(
            [
                "what's on my calendar {d}",
                "add a meeting with {c} on {d} at {t}",
                "remind me to call {c} {d}",
                "delete my {d} appointment",
                "do i have anything {d}",
                "when is my next meeting with {c}",
                "put {c}'s birthday on {d} in my calendar",
                "set a reminder for the dentist {d}",
            ],
            {"d": day, "t": time, "c": contact},
            36,
            rng,
        ),
        "email": fill(
            [
                "check my email",
                "do i have new emails from {c}",
                "send an email to {c} saying i'll be late",
                "reply to {c}'s last email",
                "read me the latest email",
                "email {c} the report",
                "any unread mail?",
                "add {c} to my contacts",
                "what is {c}'s email address",
            ],
            {"c": contact},
            28,
            rng,
        ),
        "recommendation": fill(
            [
                "recommend a good {cu} restaurant near me",
                "what's a good movie to watch tonight",
                "any events in {city} this weekend",
                "suggest a {g} album",
                "where's a nice place to eat in {city}",
                "recommend a book like {b}",
                "what should i do in {city} this {d}",
            ],
            {
                "cu": cuisine,
                "city": city,
                "g": genre,
                "b": book[:2],
                "d": ["weekend", "evening", "saturday"],
            },
            30,
            rng,
        ),
        "transport": fill(
            [
                "book me a train ticket to {city} {d}",
                "call a taxi to {city} airport",
                "how's the traffic on the way to work",
                "when is the next train to {city}",
                "get me an uber home",
                "is there a delay on the {line} line",
                "how long to drive to {city}",
                "book a cab for {t}",
            ],
            {"city": city, "d": day, "line": ["northern", "district", "red", "central"], "t": time},
            30,
            rng,
        ),
        "takeaway": fill(
            [
                "order {f} from {place}",
                "i want to order {f} for delivery",
                "is {place} still delivering",
                "what's the status of my {f} order",
                "does {place} do takeaway",
                "order my usual from {place}",
            ],
            {
                "f": food,
                "place": ["dominos", "the chinese place", "just eat", "deliveroo", "wagamama"],
            },
            30,
            rng,
        ),
        "qa_factoid": fill(
            [
                "what is the capital of {country}",
                "how tall is {who}",
                "who is the president of {country}",
                "define {word}",
                "what does {word} mean",
                "what's {a} times {b}",
                "what is the square root of {a}",
                "convert {conv}",
                "how much is {a} {cur} in euros",
                "what's the population of {country}",
                "how far is the moon",
                "when was {who} born",
                "stock price of {co}",
            ],
            {
                "country": ["france", "peru", "kenya", "canada", "japan"],
                "who": ["barack obama", "the eiffel tower", "lebron james", "mount everest"],
                "word": ["serendipity", "ephemeral", "gaslighting", "ubiquitous", "quorum"],
                "a": ["12", "144", "37", "9"],
                "b": ["8", "17"],
                "conv": [
                    "26 miles to km",
                    "150 pounds to kilos",
                    "2 cups to ml",
                    "350 fahrenheit to celsius",
                    "5 feet 10 to cm",
                ],
                "cur": ["dollars", "pounds", "yen"],
                "co": ["apple", "tesla", "amazon"],
            },
            60,
            rng,
        ),
        "general_quirky": [
            "do you dream",
            "what's the meaning of life",
            "are you smarter than siri",
            "tell me a joke",
            "sing me a song",
            "do you like cats or dogs",
            "what's your favourite colour",
            "can you dance",
            "i'm bored",
            "i'm so tired today",
            "say something funny",
            "what are you wearing",
            "do you have feelings",
            "will it be a good day",
            "flip a coin",
            "roll a dice",
            "what's the best pizza topping",
            "i had a terrible day at work",
            "would you rather be a cat or a dog",
            "are aliens real",
            "olly you're hilarious",
            "i love you",
            "marry me",
            "you're useless",
            "do you sleep",
        ],
        "weather_news_lists_datetime": fill(
            [
                "what's the weather in {city} {d}",
                "will it rain {d}",
                "do i need an umbrella {d}",
                "what's the latest news",
                "any news about {topic}",
                "add {item} to my shopping list",
                "remove {item} from the list",
                "what's on my to do list",
                "create a list called {pl}",
                "what time is it in {city}",
                "what's the date {d}",
                "set the volume to {v}",
                "mute",
                "louder please",
            ],
            {
                "city": city,
                "d": day,
                "topic": ["the election", "football", "the stock market", "brexit"],
                "item": ["milk", "eggs", "bin bags", "bananas", "washing up liquid"],
                "pl": playlist[:3],
                "v": ["5", "max", "half"],
            },
            50,
            rng,
        ),
        # ---------------- SNIPS ----------------
        "book_restaurant": fill(
            [
                "book a table for {n} at a {cu} restaurant in {city}",
                "I need a reservation for {n} people at {t} {d}",
                "book a spot for {n} at a {p} restaurant",
                "reserve a table at the best {cu} place in {city} for {d}",
                "book a restaurant for me and {who} {d}",
            ],
            {
                "n": people,
                "cu": cuisine,
                "city": city,
                "t": time,
                "d": day,
                "p": price,
                "who": ["my wife", "my parents", "two colleagues"],
            },
            35,
            rng,
        ),
        "add_to_playlist": fill(
            [
                "add {a} to my {pl} playlist",
                "add this song to {pl}",
                "put this track onto {pl}",
                "add the album by {a} to {pl}",
                "please add {tune} to my {pl} list",
            ],
            {
                "a": artist,
                "pl": playlist,
                "tune": ["bohemian rhapsody", "a little jazz", "this tune", "dancing queen"],
            },
            35,
            rng,
        ),
        "rate_book": fill(
            [
                "rate {b} {s}",
                "give {b} {s} stars",
                "i would give {b} a {s}",
                "rate this essay {s} out of 6",
                "my rating for {b} is {s}",
            ],
            {"b": book, "s": stars},
            30,
            rng,
        ),
        "search_creative_work": fill(
            [
                "find the {kind} called {w}",
                "search for {w}",
                "i'm looking for the {kind} {w}",
                "where can i watch {w}",
                "show me {w} trailer",
                "look up the soundtrack of {w}",
            ],
            {"kind": ["movie", "tv show", "song", "book", "game", "picture"], "w": work},
            35,
            rng,
        ),
        "search_screening_event": fill(
            [
                "what movies are playing at {cin}",
                "show me the schedule at {cin} {d}",
                "when is {w} showing near me",
                "find movie times for {w} {d}",
                "is {w} on at {cin}",
            ],
            {
                "cin": ["the odeon", "vue", "amc", "the local cinema"],
                "d": day,
                "w": ["dune part two", "the new pixar film", "oppenheimer"],
            },
            30,
            rng,
        ),
        # ---------------- MultiWOZ / Schema-guided ----------------
        "hotel": fill(
            [
                "I'm looking for a {p} hotel in the {ar}",
                "I need a place to stay with free parking and wifi",
                "can you book it for {n} people for {k} nights starting {d}",
                "i want a guesthouse in the {ar} with {s} stars",
                "does the hotel have free breakfast",
                "is there a {p} guesthouse with internet",
                "please book the hotel for {n} people",
                "what's the address and postcode of the hotel",
            ],
            {
                "p": price,
                "ar": area,
                "n": people,
                "k": ["2", "3", "five"],
                "d": day,
                "s": ["4", "3", "2"],
            },
            40,
            rng,
        ),
        "train": fill(
            [
                "I need a train from {a} to {b} on {d}",
                "the train should leave after {t}",
                "I want to arrive by {t}",
                "book {n} tickets on that train please",
                "what's the travel time and price?",
                "is there a train from {a} to {b} that arrives before {t}",
                "can you give me the train id",
            ],
            {
                "a": station,
                "b": station[:4],
                "d": day,
                "t": ["10:15", "17:45", "09:00", "13:30"],
                "n": people,
            },
            40,
            rng,
        ),
        "taxi": fill(
            [
                "I need a taxi from {a} to {b}",
                "book me a taxi to leave at {t}",
                "I want to get to the restaurant by {t}",
                "what's the car type and contact number",
                "can you get me a taxi from the hotel to the {at}",
            ],
            {
                "a": ["the hotel", "the station", "the museum", "my college"],
                "b": ["the restaurant", "the airport", "the cinema"],
                "t": ["18:00", "quarter past 3", "7pm"],
                "at": attraction,
            },
            30,
            rng,
        ),
        "attraction": fill(
            [
                "I'm looking for a {at} in the {ar}",
                "are there any {at}s in town",
                "what's the entrance fee for the {at}",
                "I'd like something fun to do in the {ar}",
                "can i get the phone number and postcode of the {at}",
                "what type of attraction is it",
            ],
            {"at": attraction, "ar": area},
            35,
            rng,
        ),
        "restaurant_multiwoz": fill(
            [
                "I'm looking for a {p} restaurant serving {cu} food",
                "any {cu} restaurants in the {ar}?",
                "book a table for {n} on {d} at {t}",
                "what's the phone number of the restaurant",
                "I don't mind about the price range",
            ],
            {
                "p": price,
                "cu": cuisine,
                "ar": area,
                "n": people,
                "d": day,
                "t": ["18:30", "12:00", "19:45"],
            },
            35,
            rng,
        ),
        "sgd_misc": fill(
            [
                "find me a flight from {a} to {b} on {d}",
                "I want a one way economy ticket to {b}",
                "I need a rental car in {b} from {d}",
                "a compact car is fine",
                "find me a {cu} doctor",
                "I need a dentist in {b}",
                "find a hair stylist in {b}",
                "find me an apartment with {k} bedrooms in {b}",
                "any concerts in {b} {d}",
                "find me a bus to {b}",
                "check my savings balance please",
                "I want to make a payment of {m} to {p}",
            ],
            {
                "a": city[:4],
                "b": city[4:],
                "d": day[:4],
                "cu": ["family", "general practice", "ent"],
                "k": ["2", "3"],
                "m": money[:3],
                "p": person[:3],
            },
            40,
            rng,
        ),
    }


# Everyday health, fitness and food requests that share words with the article (bones,
# calcium, vitamins, bacteria, gut, elderly, women, density, arteries, fractures, pancreas,
# colon, "benefits", "forms", "type") but are not about K2. Written by hand.
SHARED_WORDS: dict[str, list[str]] = {
    "bones_elsewhere": [
        "how many bones are in the human body",
        "how many bones does a baby have",
        "what's the smallest bone in the body",
        "what's the longest bone in the human body",
        "can dogs eat chicken bones",
        "how long to simmer beef bones for broth",
        "bone broth recipe slow cooker",
        "where can i buy marrow bones for my dog",
        "is bone china dishwasher safe",
        "how to debone a chicken thigh",
        "what does it mean to have a bone to pick with someone",
        "funny bone why does it hurt",
        "how long does a broken wrist take to heal",
        "should i go to a&e for a broken toe",
        "how to tape a broken finger",
        "how long does a cast stay on a fractured ankle",
        "stress fracture running what to do",
        "my phone screen fractured, can it be fixed",
        "hairline crack in my windscreen, will it spread",
        "how to fix a cracked bone china plate",
    ],
    "calcium_elsewhere": [
        "how to remove calcium build up from shower head",
        "best way to clean calcium deposits off a tap",
        "calcium chloride for ice melt is it safe for pets",
        "how much calcium should a laying hen get",
        "oyster shell calcium for chickens",
        "calcium in my fish tank is too high",
        "what is calcium carbide used for",
        "calcium chloride in canned tomatoes why",
        "is hard water full of calcium bad for the kettle",
        "descaling a coffee machine with vinegar",
        "how much calcium is in a glass of milk",
        "which cheese has the least calories",
        "calcium for tomato plants blossom end rot",
        "calcium carbonate chalk for climbing",
        "what's the chemical symbol for calcium",
    ],
    "vitamins_elsewhere": [
        "remind me to take my vitamins at 8",
        "add multivitamins to my shopping list",
        "order vitamin c from the pharmacy",
        "how many calories in a banana",
        "how much protein in an egg",
        "is orange juice healthy for breakfast",
        "best vitamins for dogs",
        "can my cat eat vitamin gummies",
        "vitamin water is it actually good",
        "find a vitamin shop near me",
        "reorder my vitamins from amazon",
        "track my water intake",
        "log 2 eggs and toast for breakfast",
        "how many calories did i burn today",
        "what's a good high protein snack",
    ],
    "bacteria_gut": [
        "how to make sourdough starter",
        "how long does kombucha take to ferment",
        "how to make yogurt at home",
        "how long can cooked rice sit out before bacteria grow",
        "does washing chicken spread bacteria",
        "how to clean a chopping board properly",
        "is it safe to eat food left out overnight",
        "how to get rid of bacteria in a water bottle",
        "what temperature kills bacteria in the fridge",
        "gut feeling should i take the job",
        "i have a gut feeling something's wrong",
        "how to lose belly fat fast",
        "beer gut exercises",
        "how to gut a fish",
        "what does a colonoscopy prep involve",
        "book a colonoscopy appointment",
        "how long is the colon in inches",
        "what does the pancreas do",
        "pancreas location in the body",
        "colon vs semicolon when to use",
        "when do you use a colon in a sentence",
        "what is e coli in lettuce recalls",
    ],
    "elderly_women": [
        "best phones for elderly people",
        "how to help elderly parents with technology",
        "care homes for elderly near me",
        "gift ideas for an elderly woman",
        "exercises for elderly with bad knees",
        "how to prevent falls in elderly at home",
        "grab rails for the bathroom for elderly",
        "women's running shoes sale",
        "best gifts for women in their 40s",
        "women's world cup schedule",
        "how to ask women out",
        "women's shoe size conversion chart",
        "is there a discount for seniors at the cinema",
        "bus pass for over 60s how to apply",
        "pension age for women in the uk",
    ],
    "density_arteries_misc": [
        "what is the density of water",
        "population density of tokyo",
        "how to calculate density from mass and volume",
        "high density foam mattress topper",
        "what's the best hair density for a wig",
        "main arteries of the city traffic report",
        "major arteries closed due to snow",
        "artery roads near me with traffic",
        "how to measure blood pressure at home",
        "book a blood test at my gp",
        "where's the nearest pharmacy open now",
        "pharmacy opening hours sunday",
        "when does my prescription run out",
        "renew my prescription",
        "find a physiotherapist near me",
    ],
    "generic_words": [
        "what are the benefits of a gym membership",
        "benefits of working from home",
        "what are my employee benefits",
        "how do i apply for housing benefits",
        "child benefit payment dates",
        "what are the benefits of meditation",
        "benefits of learning a second language",
        "what type of battery does my smoke alarm take",
        "what type of oil does my car need",
        "what blood type is the universal donor",
        "what type of tree is this",
        "which type of mortgage is best",
        "forms for renewing my passport",
        "where do i get tax forms",
        "fill in the visa application form",
        "what forms do i need to register a car",
        "what are the three forms of matter",
        "different forms of poetry",
        "how many days until christmas",
        "how many weeks pregnant is 30 days",
        "how long does it take to walk a mile",
        "how does a mortgage work",
        "what does an mot test check",
        "why is the sky blue",
        "what does the fox say",
        "how to absorb a spill on carpet",
        "best absorbent towels",
        "can you build muscle after 50",
        "how to strengthen my knees for hiking",
        "what's the best supplement for my dog's joints",
        "how to support a friend going through a breakup",
        "what helps with a hangover",
        "leg cramps after running what stretch",
        "how to stop a charley horse",
        "tips to sleep better at night",
        "what time is the gym open",
        "build me a workout plan for 4 days",
        "how many steps did i walk today",
        "set a timer for 20 minutes for the pasta",
        "is it healthy to skip breakfast",
    ],
}

SMALLTALK: dict[str, list[str]] = {
    "greeting": [
        "hey olly",
        "good morning",
        "hi there",
        "hello!",
        "hiya",
        "evening",
        "hey you",
        "morning!",
    ],
    "thanks": [
        "thanks a lot",
        "cheers",
        "thank you so much",
        "ta",
        "thx",
        "great, thanks",
        "appreciate it",
    ],
    "goodbye": [
        "bye",
        "goodnight",
        "see you later",
        "that's all, bye",
        "ok bye for now",
        "later!",
    ],
    "about_bot": [
        "what can you do",
        "what are you",
        "who made you",
        "how do you work",
        "are you a real person",
        "what can i ask you",
    ],
}


def main() -> None:
    """Write the set next to the other development sets."""
    rng = random.Random(SEED)
    off_topic = templated(rng)
    off_topic.update(SHARED_WORDS)
    lines = everyday_rows(off_topic, SMALLTALK)
    seen: set[str] = set()
    unique = []
    for line in lines:
        if line["question"] not in seen:
            seen.add(str(line["question"]))
            unique.append(line)
    write_question_set(unique, Path(__file__).resolve().parents[1] / "dev_everyday_4.jsonl")


if __name__ == "__main__":
    main()
