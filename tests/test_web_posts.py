"""Questions as the web writes them: headings, labelled forum titles, product pages, posts.

Each case is what a user would see: the answer (or no article answer) the bot gives to a
message shaped like a page heading, a forum post or a product question.
"""

from __future__ import annotations

import pytest

from bot.dialogue import Dialogue, merged, split_questions
from bot.intents import Kind
from bot.matching.web_posts import (
    asks_to_choose,
    compared_pair,
    contrast_tail,
    heading_parts,
    part_asks,
    pointer_read_as,
    question_before_offers,
    separate_questions,
    without_page_furniture,
    without_page_marks,
)
from bot.responder import Reply, Responder


def row(responder: Responder, message: str) -> Reply:
    """The one reply `k2bot ask` prints for a message (every question's answer in it)."""
    return merged(Dialogue(responder).respond("web", message), question=message)


def answered(reply: Reply) -> str | None:
    return reply.intent.id if reply.intent is not None else None


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        # A heading's hook ("calcium metabolism") must not outweigh what its head names.
        ("Vitamin K2 and Osteocalcin: The Missing Link in Calcium Metabolism", "osteocalcin"),
        # The part that asks is the question; a section name after it is a label.
        ("What Is Vitamin K2? | Bone Health Explained", "what_is_k2"),
        ("What Is Vitamin K2? - Calcium and Bone Health Guide", "what_is_k2"),
        ("Where Does K2 Come From? | Bone and Calcium FAQ", "gut_bacteria"),
    ],
)
def test_a_heading_is_answered_by_its_question_not_its_hook(
    responder: Responder, heading: str, expected: str
) -> None:
    assert answered(responder.respond(heading)) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Quick q - does K2 help bones?", "bone_density"),
        (
            "r/osteoporosis - has anyone looked into vitamin K2 and bone loss? my "
            "rheumatologist never mentioned it",
            "osteoclasts_bone_loss",
        ),
    ],
)
def test_a_forum_title_label_does_not_count_against_the_question(
    responder: Responder, title: str, expected: str
) -> None:
    """A label before a dash (the forum, "quick q") is not part of what is asked."""
    reply = responder.respond(title)
    assert answered(reply) == expected
    assert reply.outcome.value == "answer"


@pytest.mark.parametrize(
    "heading",
    [
        # "does it work?" asks about skin and wrinkles, which the article doesn't cover.
        "Vitamin K2 for skin and wrinkles - does it work?",
        # The question is about arteries: neither its head nor its tail alone is it.
        "K2 and calcium: will it clog my arteries?",
        "Vitamin K2 and Arteries: Where Does the Calcium Go?",
    ],
)
def test_a_part_that_leans_on_the_heading_does_not_answer_alone(
    responder: Responder, heading: str
) -> None:
    reply = responder.respond(heading)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE


def test_the_question_of_a_post_is_found_before_its_closing_remark(responder: Responder) -> None:
    """The one sentence marked "?" is the question, with "it" read as what the post named."""
    reply = responder.respond(
        "Ok long post sorry. Background: 67F, osteoporosis in hip and spine, broke my wrist "
        "in a fall last year. Been reading about MK-7 and it sounds promising. Is it actually "
        "good for older people with osteoporosis? My endo is not a fan of supplements."
    )
    assert answered(reply) == "mk7_elderly_osteoporosis"
    assert "elderly people with osteoporosis" in reply.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Does this product actually help prevent broken bones?", "fracture_risk"),
        ("Can these be taken with vitamin D3?", "k2_with_d3"),
        ("Does it really help with bone density?", "bone_density"),
    ],
)
def test_a_product_question_about_this_is_about_k2(
    responder: Responder, question: str, expected: str
) -> None:
    """On a product page, or to this bot, "this" is the supplement the bot is about."""
    reply = responder.respond(question)
    assert answered(reply) == expected
    assert "article" in reply.text.lower()


@pytest.mark.parametrize(
    "question",
    [
        "Does this product work on windows 11?",
        "Does this help with my credit score?",
        # "it" is read as K2 only before help/work: "is it normal" is not about K2.
        "Is it normal to get leg cramps at night?",
    ],
)
def test_this_is_not_k2_without_the_articles_domain(responder: Responder, question: str) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE


def test_a_referral_is_the_rows_intent_when_any_question_needs_one(
    responder: Responder,
) -> None:
    """`k2bot ask` prints one row: a doctor referral in it must not hide behind an answer."""
    reply = row(responder, "What is K2? Can I take it with warfarin?")
    assert answered(reply) == "safety_medicines"
    assert "unique vitamin" in reply.text
    assert "warfarin" in reply.text


def test_the_rows_intent_is_the_first_question_answered(responder: Responder) -> None:
    """A declined first question does not make the row read as unanswered."""
    reply = row(responder, "Is K2 vegan? Does it help fractures?")
    assert answered(reply) == "fracture_risk"
    assert "87%" in reply.text


def test_an_appeal_to_readers_stays_with_its_question(responder: Responder) -> None:
    """ "Anyone else tried it for their calcium score?" is about the arteries question."""
    message = "Can K2 reverse arterial calcification? Anyone else tried it for their calcium score?"
    assert split_questions(message) == [message]
    reply = row(responder, message)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE
    assert "very large role" not in reply.text  # the calcium-absorption answer


@pytest.mark.parametrize(
    ("message", "parts"),
    [
        ("What is K2? Thoughts?", ["What is K2? Thoughts?"]),
        ("is k2 good for bones? has anyone here tried it?", None),
        # Asking whether anyone knows something is a question of its own.
        (
            "What is mk7? Does anyone know how K2 helps calcium absorption?",
            ["What is mk7?", "Does anyone know how K2 helps calcium absorption?"],
        ),
        (
            "what is k2? someone told me it helps bones?",
            ["what is k2?", "someone told me it helps bones?"],
        ),
    ],
)
def test_which_sentences_are_appeals(message: str, parts: list[str] | None) -> None:
    assert split_questions(message) == (parts if parts is not None else [message])


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Vitamin K2: Benefits and Uses", ["Vitamin K2", "Benefits and Uses"]),
        ("[Question] how does K2 reduce bone loss?", ["how does K2 reduce bone loss?"]),
        ("What Is K2? | Bone Health", ["What Is K2?", "Bone Health"]),
        # A hyphen in a word and a colon in a time are no separators.
        ("is mk-7 better than mk-4", []),
        ("I take it at 10:30 with breakfast", []),
    ],
)
def test_heading_parts(text: str, parts: list[str]) -> None:
    assert heading_parts(text) == parts


def test_asking_parts_and_noun_clauses() -> None:
    assert part_asks("Why Is K2 Important?")
    assert part_asks("does k2 help bones")
    assert not part_asks("What the Research Says")
    assert not part_asks("How It Works")


def test_the_pointer_read_as_the_subject() -> None:
    assert pointer_read_as("Does this product help bones? Thanks", "k2") == "Does k2 help bones?"
    assert pointer_read_as("Is it normal to have cramps?", "k2") is None
    calcium = lambda word: word == "calcium"  # noqa: E731
    assert pointer_read_as("Does this calcium pill help bones?", "k2", calcium) is None
    assert pointer_read_as("Does this pill help bones?", "k2", calcium) == "Does k2 help bones?"


def test_this_with_a_product_word_points_at_the_subject_anywhere() -> None:
    """Mid-sentence, "this vitamin", "this stuff" still name the subject; a bare "this"
    there does not, and "this vitamin c" is another vitamin."""
    assert (
        pointer_read_as("so the liver stores this vitamin for later?", "k2")
        == "so the liver stores k2 for later?"
    )
    assert pointer_read_as("can taking these pills thin my bones", "k2") == (
        "can taking k2 thin my bones"
    )
    assert pointer_read_as("my bones hurt, is this normal", "k2") is None
    assert pointer_read_as("is this vitamin c good for bones", "k2") is None
    assert pointer_read_as("would this vitamin d3 help", "k2") is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("do doctors think this vitamin prevents fractures", "fracture_risk"),
        ("apparently gut microbes churn out this vitamin, is that so", "gut_bacteria"),
    ],
)
def test_a_question_about_this_vitamin_mid_sentence_is_answered(
    responder: Responder, question: str, expected: str
) -> None:
    assert answered(responder.respond(question)) == expected


# -- Fifth pass: links, forum names, a heading's label, and declines that name a topic --


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # The link's words ("examine", "com", "supplements") are not what is asked.
        (
            "What does vitamin K2 do? https://examine.com/supplements/vitamin-k/",
            "benefits_overview",
        ),
        (
            "What does vitamin K2 do? (https://examine.com/supplements/vitamin-k/ was confusing)",
            "benefits_overview",
        ),
        # The forum a post was made in names its topic, not the question's.
        ("r/osteoporosis: K2 and bone loss - does it help slow it down?", "osteoclasts_bone_loss"),
    ],
)
def test_a_link_or_a_forum_name_is_not_part_of_the_question(
    responder: Responder, message: str, expected: str
) -> None:
    reply = responder.respond(message)
    assert answered(reply) == expected
    assert reply.outcome.value == "answer"


def test_a_link_does_not_hide_a_medical_risk(responder: Responder) -> None:
    """Safety reads the whole message, link and all, before the link is set aside."""
    reply = responder.respond(
        "my toddler swallowed a handful of k2 gummies https://www.example.com/k2-gummies"
    )
    assert reply.intent is not None and reply.intent.kind is Kind.SAFETY


def test_a_decline_names_the_topic_not_the_link(responder: Responder) -> None:
    reply = responder.respond("Does vitamin K2 help with wrinkles? https://www.skinblog.com/k2")
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE
    assert "wrinkles" in reply.text
    assert "skinblog" not in reply.text


@pytest.mark.parametrize(
    ("heading", "named"),
    [
        # The question ("which has more K2?") leans on its label: natto and cheese, foods
        # the article never mentions; asked alone it would read as "what is K2".
        ("Natto vs Cheese: Which Has More Vitamin K2?", ["natto", "cheese"]),
        ("Collagen vs K2: Which Is Better for Bones?", ["collagen"]),
    ],
)
def test_a_label_naming_what_the_article_leaves_out_is_not_set_aside(
    responder: Responder, heading: str, named: list[str]
) -> None:
    reply = responder.respond(heading)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE
    for word in named:
        assert f"\u201c{word}\u201d" in reply.text


@pytest.mark.parametrize(
    ("message", "named", "not_named"),
    [
        # "+" joins items of a list: "magnesium" is named alone, not "magnesium d3", and
        # a second phrase repeating it ("magnesium needed") is not named again.
        (
            "K2 + magnesium + D3 stack - is magnesium needed too?",
            "\u201cmagnesium\u201d",
            "magnesium needed",
        ),
        (
            "Does vitamin K2 help with calcium deposits in the shoulder? (calcific tendonitis)",
            "\u201ccalcific tendonitis\u201d",
            "shoulder calcific",
        ),
    ],
)
def test_a_decline_names_each_listed_topic_once(
    responder: Responder, message: str, named: str, not_named: str
) -> None:
    reply = responder.respond(message)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE
    assert named in reply.text
    assert not_named not in reply.text


@pytest.mark.parametrize(
    ("question", "declined_as"),
    [
        # Where K2 keeps calcium out of is the web's favourite claim; the article says only
        # that K2 passes the vessel wall and leads calcium into bone.
        ("Does K2 keep calcium out of your blood vessels?", "nothing about the heart, arteries"),
        ("Does K2 stop calcium building up in the arteries?", "nothing about the heart, arteries"),
        # How supplements are made, and whether a form is synthetic, is not in it either.
        ("Is MK-4 synthetic?", "product forms"),
    ],
)
def test_web_near_misses_are_declined_by_topic(
    responder: Responder, question: str, declined_as: str
) -> None:
    reply = responder.respond(question)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE
    assert declined_as in reply.text


@pytest.mark.parametrize(
    ("message", "cleaned"),
    [
        ("What is K2? https://x.com/a?b=1", "What is K2?"),
        ("Does K2 help? (Source: https://www.healthline.com/k2)", "Does K2 help?"),
        ("r/osteoporosis: K2 and bone loss", ": K2 and bone loss"),
        # "D3/K2" is no forum name; a message that is only a link stays as it is.
        ("is D3/K2 good", "is D3/K2 good"),
        # HTML entities copied from a page's source read as their characters.
        ("what&#39;s K2 for? bones &amp; calcium", "what's K2 for? bones & calcium"),
        ("https://example.com/k2", "https://example.com/k2"),
    ],
)
def test_without_page_marks(message: str, cleaned: str) -> None:
    assert without_page_marks(message) == cleaned


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # A numbered list under a label: read whole, the two questions blur into a "did
        # you mean"; the first, with the label's subject for its "it", is answered.
        (
            "K2 questions - 1) where does it come from 2) what does it do for calcium",
            "gut_bacteria",
        ),
        # A heading's head names the subject; "what is it" is the first question.
        ("K2 - what is it and where does it come from?", "what_is_k2"),
    ],
)
def test_the_first_of_several_questions_is_answered(
    responder: Responder, message: str, expected: str
) -> None:
    assert answered(responder.respond(message)) == expected


@pytest.mark.parametrize(
    "message",
    [
        # Nothing named before "it": no question about K2 was asked.
        "what is it and where does it come from",
        # The head names a food the article doesn't cover: declined, not answered.
        "Natto: what is it and does it have K2?",
    ],
)
def test_several_questions_about_nothing_the_article_covers_are_not_answered(
    responder: Responder, message: str
) -> None:
    reply = responder.respond(message)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE


@pytest.mark.parametrize(
    ("message", "questions"),
    [
        (
            "Few questions: 1) what is it 2) where is it made",
            ["what is it", "where is it made"],
        ),
        (
            "Vitamin K2: What Is It and Where Does It Come From?",
            ["What Is It", "Where Does It Come From?"],
        ),
        (
            "Does it help bones? I'm 60. And is it ok with D3?",
            ["Does it help bones?", "And is it ok with D3?"],
        ),
        # One question: "and" before a noun, "or" offering answers, a word alone.
        ("what is the difference between mk4 and mk7", []),
        ("does k2 work or is it marketing", []),
        ("how and why does k2 work", []),
    ],
)
def test_separate_questions(message: str, questions: list[str]) -> None:
    found = separate_questions(message)
    assert [text for _, text in found] == questions
    assert all(message[start:].startswith(text) for start, text in found)


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        # The forms compared are the question; what they are compared for is its purpose.
        ("MK-4 vs MK-7 for stronger bones: which one wins?", "forms_mk4_mk7"),
        ("Vitamin K2 vs D3 for bone strength - which is more important?", "k2_with_d3"),
        # The rest asks something of each: where they are made, not which to choose.
        ("where does the body make mk4 vs mk7", "where_forms_made"),
    ],
)
def test_a_comparison_heading_is_answered_by_what_it_compares(
    responder: Responder, heading: str, expected: str
) -> None:
    assert answered(responder.respond(heading)) == expected


@pytest.mark.parametrize(
    "heading",
    [
        "MK-7 vs MK-4 half-life: which lasts longer?",
        # A choice by what only the declines speak of (brands, how long it keeps) is not
        # a choice between the forms: the frame answered these with the forms.
        "MK-7 vs MK-4: which brand is best?",
        "MK-7 vs MK-4: which lasts longer?",
    ],
)
def test_a_comparison_of_what_the_article_leaves_out_is_not_answered(
    responder: Responder, heading: str
) -> None:
    reply = responder.respond(heading)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE


@pytest.mark.parametrize(
    ("message", "pair"),
    [
        ("MK-7 vs MK-4 for bone health: which is better?", ("MK-7", "MK-4")),
        ("which is better, mk4 vs. mk7?", ("mk4", "mk7")),
        ("Vitamin K2 versus Vitamin D3: which matters?", ("Vitamin K2", "Vitamin D3")),
        ("mk4 vs mk7 vs mk9", None),
        ("k2 vs", None),
    ],
)
def test_compared_pair(message: str, pair: tuple[str, str] | None) -> None:
    found = compared_pair(message)
    assert (found[:2] if found is not None else None) == pair


def test_what_asks_to_choose() -> None:
    assert asks_to_choose("for bone health: which is better?")
    assert asks_to_choose(": ?")
    assert not asks_to_choose("where does the body make")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # A title and its one-line remark: the remark's words must not hold the answer back.
        ("What is vitamin K2 exactly? Seen it everywhere lately.", "what_is_k2"),
        ("Is vitamin K2 worth it? Seems expensive.", "benefits_overview"),
    ],
)
def test_a_question_then_a_passing_remark_is_answered(
    responder: Responder, message: str, expected: str
) -> None:
    assert answered(responder.respond(message)) == expected


@pytest.mark.parametrize(
    "message",
    [
        # The remark says what the question is about: gums, a dog, which the article
        # doesn't cover.
        "Is K2 good for you? Asking because my dentist mentioned gum disease.",
        "What does K2 do? My dog's vet recommended it.",
    ],
)
def test_a_remark_naming_an_uncovered_topic_still_holds_the_answer_back(
    responder: Responder, message: str
) -> None:
    reply = responder.respond(message)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE


def test_what_is_it_after_a_story_naming_k2_is_about_k2(responder: Responder) -> None:
    message = "My husband bought MK-7 last week after reading about it online. What is it exactly?"
    assert answered(responder.respond(message)) == "what_is_k2"


def test_what_is_it_after_a_story_naming_something_else_is_not_about_k2(
    responder: Responder,
) -> None:
    reply = responder.respond("My friend keeps talking about natto. What is it exactly?")
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE


def test_a_colon_inside_brackets_does_not_cut_a_heading(responder: Responder) -> None:
    # "(Spoiler: It's Vitamin K2)" is an aside of the heading, not a part asked alone.
    heading = "Why Calcium Pills Fail (Spoiler: It's Vitamin K2)"
    assert heading_parts(heading) == []
    assert answered(responder.respond(heading)) == "calcium_not_working"


def test_what_a_question_contrasts_its_claim_with_does_not_hold_the_answer_back(
    responder: Responder,
) -> None:
    message = "Does vitamin K2 move calcium into bone rather than soft tissue?"
    assert answered(responder.respond(message)) in {"osteocalcin", "calcium_absorption"}


@pytest.mark.parametrize(
    "message",
    [
        # The claim itself is about arteries or teeth, which the article leaves out.
        "does k2 put calcium in the arteries instead of the bones",
        "does k2 help teeth instead of bones",
        # The contrast sets K2 aside: the question is about the exchange.
        "can I take natto instead of k2",
    ],
)
def test_a_contrast_does_not_make_an_uncovered_claim_answerable(
    responder: Responder, message: str
) -> None:
    reply = responder.respond(message)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE


def test_contrast_tail() -> None:
    assert contrast_tail("does k2 direct calcium into bone instead of elsewhere?") == (
        "does k2 direct calcium into bone?",
        " instead of elsewhere",
    )
    assert contrast_tail("does K2 send calcium into the bones, not the arteries?") == (
        "does K2 send calcium into the bones?",
        ", not the arteries",
    )
    assert contrast_tail("does k2 help bones") is None


def test_a_remark_naming_an_article_topic_narrows_the_question(responder: Responder) -> None:
    # "more on the bone part" after the benefits question asks about bones: the question
    # sentence read alone must not outrank it (a follow-up is read so in a conversation).
    message = "What are the benefits of K2? more on the bone part"
    assert answered(responder.respond(message)) == "bone_density"
    dialogue = Dialogue(responder)
    dialogue.respond("chat", "k2 benefits")
    (turn,) = dialogue.respond("chat", "more on the bone part")
    assert answered(turn.reply) == "bone_density"


@pytest.mark.parametrize(
    ("message", "cleaned"),
    [
        # Buttons and counts under a post, and who posted it where.
        (
            "Posted in Osteoporosis Support Group\n\nDoes K2 help?\n\nLike · Comment · 23",
            "Does K2 help?",
        ),
        ("Posted by u/someone · 4h\n\nwhat is k2\n\n12 comments · share · save", "what is k2"),
        # A question's tags and its counters.
        (
            "Does the gut make K2?\ntags: vitamins microbiome\nasked 3 years ago · viewed 2k times",
            "Does the gut make K2?",
        ),
        # A device signature, a signed name, a signature block.
        ("how does that work? xx Sent from my iPhone", "how does that work? xx"),
        ("Is mk7 good? Any experience welcome. — Tom", "Is mk7 good? Any experience welcome."),
        ("What is K2?\n\n--\nJohn D.\nRetired engineer", "What is K2?"),
        # A run of hashtags labels the post; a tag whose word is known is kept as it.
        ("k2 benefits #wellness #k2 #guthealth", "k2 benefits k2"),
        # Not furniture: a dash inside a sentence, a name said in passing, a lone word.
        ("I take MK-7 — Tom said it works", "I take MK-7 — Tom said it works"),
        ("Which is better for bones — MK-7", "Which is better for bones — MK-7"),
        ("posted to ask whether k2 helps bones", "posted to ask whether k2 helps bones"),
        ("How long have you taken it?\n2 years", "How long have you taken it?\n2 years"),
        ("Like", "Like"),
        ("Posted in Osteoporosis Support Group", "Posted in Osteoporosis Support Group"),
    ],
)
def test_without_page_furniture(message: str, cleaned: str) -> None:
    assert without_page_furniture(message, lambda tag: tag == "k2") == cleaned


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # A group's name ("Osteoporosis") and the buttons under the post outweighed the
        # question: it fell back to "my source doesn't cover deficiency".
        (
            "Posted in Osteoporosis Support Group\n\nMy calcium doesn't seem to do "
            "anything, still have leg pain. Could it be a K2 deficiency?? 🤷‍♀️\n\n"
            "Like · Comment · 23",
            "calcium_not_working",
        ),
        # A question's tags and counters were read as its words: only a "did you mean".
        (
            "Health Stack Exchange\nDoes the human microbiome produce vitamin K2?\n"
            "tags: vitamins microbiome gut-health\nasked 3 years ago · viewed 2k times",
            "gut_bacteria",
        ),
        # Hashtags of glued words ("#guthealth") counted against the answer.
        (
            "vitamin k2 benefits 🦴💪 #wellness #k2 #guthealth #vitamins #healthtips",
            "benefits_overview",
        ),
        # "Sent from my iPhone" tipped a gut-bacteria question to a "did you mean".
        (
            "Hi ladies! 🌸 Long time lurker. My naturopath mentioned that K2 is produced in "
            "the gut by bacteria... can anyone explain how that works? xx Sent from my iPhone",
            "gut_bacteria",
        ),
    ],
)
def test_a_pages_furniture_does_not_decide_the_answer(
    responder: Responder, message: str, expected: str
) -> None:
    assert answered(responder.respond(message)) == expected


@pytest.mark.parametrize(
    "message",
    [
        # "it" is the claim the message quotes, not K2: not "where does K2 come from".
        '"reduce fracture risk by 87%" — seen this number on three different websites now.'
        " where does it come from and is it legit?",
        'The "87%" thing — I keep seeing this number everywhere. where does it come from?',
    ],
)
def test_a_figure_is_no_subject_for_it(responder: Responder, message: str) -> None:
    assert answered(responder.respond(message)) != "gut_bacteria"


def test_a_pointer_after_the_subject_still_reads_as_it(responder: Responder) -> None:
    assert answered(responder.respond("Vitamin K2 - where does it come from?")) == "gut_bacteria"


@pytest.mark.parametrize(
    "message",
    [
        # Both questions ask about magnesium; the remark between them ("D3 and K2")
        # carried the D3 answer.
        "Does magnesium help calcium absorption too? Everyone talks about D3 and K2 but "
        "what about magnesium?",
        "Is zinc good for calcium absorption? Everybody says K2 and D3, but what about zinc?",
    ],
)
def test_several_questions_each_declined_are_declined(responder: Responder, message: str) -> None:
    reply = responder.respond(message)
    assert reply.intent is None or reply.intent.kind is not Kind.ARTICLE


def test_one_question_answered_among_several_still_answers(responder: Responder) -> None:
    message = "Does magnesium help bones? And does K2 help calcium absorption?"
    assert answered(responder.respond(message)) == "calcium_absorption"


def test_question_before_offers() -> None:
    assert question_before_offers("What is K2 good for? Bones? Calcium? Both?") == (
        "What is K2 good for?"
    )
    # One offer narrows the question; offers alone are no question.
    assert question_before_offers("is k2 good? for bones?") is None
    assert question_before_offers("k2? bones? calcium?") is None
    assert question_before_offers("does k2 help? or is it hype, i read a lot?") is None


def test_offered_answers_do_not_pick_one_topic(responder: Responder) -> None:
    # Read whole, "bones calcium" answered the osteocalcin question; the question asked
    # is what K2 is good for.
    message = "What is K2 good for? Bones? Calcium? Both?"
    assert answered(responder.respond(message)) == "benefits_overview"
