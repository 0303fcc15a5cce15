"""Write tests/data/dev_web.jsonl: vitamin K2 questions as public web pages ask them.

Forum posts, Q&A sites, Reddit titles, blog FAQ headings, "People also ask" boxes and SEO
titles, written by hand for development (nothing downloaded). Run from the repository
root: `python tests/data/gen/make_dev_web.py`.
"""

from __future__ import annotations

from pathlib import Path

from question_set import write_question_set

IN_SCOPE: dict[str, list[str]] = {
    "what_is_k2": [
        "What Is Vitamin K2? Everything You Need to Know",
        "What exactly is vitamin K2?",
        "Vitamin K2: What Is It and Why Does It Matter?",
        "ELI5: what is vitamin K2",
        "What is menaquinone?",
        "Can someone explain what K2 actually is?",
        "What is Vitamin K2 (Menaquinone) – A Beginner's Guide",
        "what kind of vitamin is k2",
        "Vitamin K2 explained",
        "What is K2 vitamin and what is it used for?",
    ],
    "gut_bacteria": [
        "Is vitamin K2 made by gut bacteria?",
        "Can your body make its own vitamin K2?",
        "Do intestinal bacteria produce vitamin K2?",
        "How is vitamin K2 produced in the body?",
        "Does the gut microbiome make K2?",
        "Where does vitamin K2 come from naturally?",
        "Can gut flora synthesize menaquinone?",
        "Is K2 produced by bacteria in the intestines?",
        "Does your colon make vitamin K2?",
        "Where Does Vitamin K2 Come From? The Role of Your Gut",
    ],
    "reaches_bone": [
        "How does vitamin K2 get into the bones?",
        "Can K2 pass through blood vessel walls?",
        "How does K2 reach bone tissue?",
        "Does vitamin K2 go directly into bone?",
        "How does vitamin K2 travel to bones and tissues?",
        "Does K2 penetrate the vessel wall?",
        "How K2 Gets Where It Needs to Go: Blood Vessels to Bone",
        "how does k2 get from blood to bone",
    ],
    "forms_mk4_mk7": [
        "MK-4 vs MK-7: Which Form of Vitamin K2 Is Better?",
        "What's the difference between MK4 and MK7?",
        "MK-7 or MK-4, which should I take?",
        "What are the different forms of vitamin K2?",
        "Are MK-4 and MK-7 the same thing?",
        "Types of vitamin K2 explained: MK-4, MK-7 and more",
        "r/supplements: mk4 or mk7?",
        "What does the MK in MK-7 stand for?",
        "Why are there different kinds of K2?",
        "Difference between menaquinone-4 and menaquinone-7",
        "How many types of vitamin K2 are there?",
    ],
    "where_forms_made": [
        "Where is MK-4 made in the body?",
        "Where does MK-7 come from?",
        "Is MK-7 produced by E. coli?",
        "Which organs make MK-4?",
        "Is MK-4 formed in the arteries?",
        "Where is menaquinone-7 produced?",
        "What bacteria make MK-7?",
        "Does the pancreas make vitamin K2?",
    ],
    "bone_density": [
        "Does vitamin K2 increase bone density?",
        "Can K2 improve bone mineral density?",
        "Vitamin K2 for Bone Health: What the Research Says",
        "Is vitamin K2 good for your bones?",
        "Will taking K2 help my DEXA scan results?",
        "Does K2 strengthen bones?",
        "Vitamin K2 and bone density in postmenopausal women",
        "Can vitamin K2 stop bone density loss with age?",
        "How does vitamin K2 support bone health?",
        "K2 for stronger bones – does it work?",
        "What does vitamin K2 do for bones?",
        "Does MK-7 raise BMD?",
    ],
    "fracture_risk": [
        "Does vitamin K2 reduce the risk of fractures?",
        "Can K2 prevent broken bones?",
        "Vitamin K2 and fracture prevention: is the evidence real?",
        "Does MK-7 really cut fracture risk by 87%?",
        "Can vitamin K2 help prevent hip fractures?",
        "Is there a link between K2 and fewer fractures?",
        "Will K2 stop my bones from breaking?",
        "K2 fracture risk study",
        "Does vitamin K2 lower fracture rates in the elderly?",
    ],
    "mk7_elderly_osteoporosis": [
        "Is MK-7 good for osteoporosis?",
        "Should elderly people take vitamin K2 MK-7?",
        "Vitamin K2 for Osteoporosis: Does It Help?",
        "Can K2 help my mom's osteoporosis?",
        "Is vitamin K2 beneficial for seniors with weak bones?",
        "Best form of K2 for older adults with osteoporosis",
        "My 80 year old grandmother has osteoporosis, would MK7 help her?",
        "Does vitamin K2 help osteopenia?",
        "K2 MK7 for osteoporosis in elderly women",
    ],
    "calcium_not_working": [
        "Why isn't my calcium supplement working?",
        "Taking calcium but still getting leg cramps – why?",
        "Calcium supplements not helping my bones, what am I missing?",
        "Why do calcium supplements sometimes fail?",
        "I take calcium every day and still have cramps, could it be K2?",
        "Is lack of K2 why calcium doesn't work?",
        "Why Your Calcium Supplement Isn't Working (and What to Do)",
        "calcium not absorbing even though i take supplements",
        "Still have calcium deficiency symptoms despite supplements?",
    ],
    "calcium_absorption": [
        "Does vitamin K2 help absorb calcium?",
        "How does K2 improve calcium absorption?",
        "Vitamin K2 and calcium: how they work together",
        "Do I need K2 to absorb calcium?",
        "Does K2 help your body use calcium?",
        "Can K2 increase calcium uptake?",
        "What does K2 do with calcium?",
        "Why take K2 with calcium?",
        "Should I take K2 with my calcium supplement?",
        "Does vitamin K2 direct calcium to the bones?",
        "Is it true K2 tells calcium where to go?",
    ],
    "osteocalcin": [
        "What is osteocalcin and how does K2 activate it?",
        "How does vitamin K2 activate osteocalcin?",
        "What does osteocalcin do?",
        "K2 and osteocalcin carboxylation explained",
        "Is osteocalcin dependent on vitamin K2?",
        "What is the role of osteocalcin in bone?",
        "Does K2 turn on osteocalcin?",
        "osteocalcin calcium binding vitamin k2",
    ],
    "k2_with_d3": [
        "Should you take vitamin D3 and K2 together?",
        "Why is vitamin D3 paired with K2?",
        "Do I need K2 if I take vitamin D?",
        "Vitamin D3 + K2: Why This Combination Matters",
        "Is it better to take D3 with K2?",
        "Can you take vitamin D without K2?",
        "D3 K2 combo worth it?",
        "What does K2 do when taken with D3?",
        "Why do doctors recommend K2 with vitamin D?",
        "Is D3 useless without K2?",
        "vitamin d and k2 synergy",
    ],
    "osteoclasts_bone_loss": [
        "Does vitamin K2 prevent bone loss?",
        "How does K2 affect osteoclasts?",
        "Can vitamin K2 slow bone loss?",
        "Does K2 inhibit osteoclast activity?",
        "Vitamin K2 and bone resorption",
        "What are osteoclasts and does K2 affect them?",
        "Can K2 stop bone breakdown?",
        "Does vitamin K2 reduce bone resorption?",
    ],
    "benefits_overview": [
        "What are the benefits of vitamin K2?",
        "Top 5 Health Benefits of Vitamin K2",
        "What does vitamin K2 do for the body?",
        "Why should I take vitamin K2?",
        "Is vitamin K2 worth taking?",
        "What is vitamin K2 good for?",
        "Vitamin K2 benefits for women",
        "What are the main benefits of K2 supplements?",
        "Is K2 actually beneficial?",
        "Does vitamin K2 really do anything?",
        "K2 benefits? (r/nutrition)",
        "Why is vitamin K2 important?",
    ],
}
# About K2, vitamins, bones or calcium, but not answered by the article.
NEAR_MISS = [
    "What foods are high in vitamin K2?",
    "Is natto the best source of K2?",
    "Does cheese have vitamin K2?",
    "Best Vitamin K2 Supplements of 2026, Reviewed",
    "What are the side effects of vitamin K2?",
    "Can vitamin K2 cause heart palpitations?",
    "Is K2 good for your heart?",
    "Does vitamin K2 clear arterial calcification?",
    "Can vitamin K2 help with teeth?",
    "Does K2 help with acne?",
    "What's the difference between vitamin K1 and K2?",
    "Is vitamin K the same as vitamin K2?",
    "What is vitamin K1 used for?",
    "When is the best time of day to take K2?",
    "Should K2 be taken with food?",
    "Is K2 fat soluble?",
    "Does vitamin K2 help with diabetes?",
    "Can K2 lower blood pressure?",
    "Does vitamin K2 help with varicose veins?",
    "Is vitamin K2 vegan?",
    "Does K2 help you sleep?",
    "Can vitamin K2 help hair growth?",
    "How long does it take for K2 to work?",
    "Does vitamin K2 expire?",
    "Which brand of K2 is best?",
    "Is liquid K2 better than capsules?",
    "How much does vitamin K2 cost?",
    "Does vitamin K2 help with kidney stones?",
    "Can K2 help with varicose veins and spider veins?",
    "Does vitamin K2 help with weight loss?",
    "Is vitamin K2 good for skin?",
    "Does K2 affect testosterone?",
    "Does vitamin K2 help with depression?",
    "Does K2 boost energy?",
    "Is vitamin D alone enough for bones?",
    "What does vitamin D do?",
    "How much calcium do I need per day?",
    "What are symptoms of low calcium?",
    "What foods are rich in calcium?",
    "Does magnesium help absorb calcium?",
    "Can you get too much calcium?",
    "Does vitamin K2 help with arthritis?",
    "Is K2 good for the brain?",
    "Does vitamin K2 help with cancer?",
    "Can K2 help with menopause symptoms?",
    "Is goose liver high in K2?",
    "Does grass fed butter have K2?",
    "Do eggs contain vitamin K2?",
    "K2 mountain climbing deaths",
    "Is vitamin K2 made from natto or chickpeas?",
    "Does coffee block calcium absorption?",
    "Why do my legs cramp at night?",
]
SAFETY: dict[str, list[str]] = {
    "safety_medicines": [
        "Can I take vitamin K2 while on warfarin?",
        "Is K2 safe with blood thinners?",
        "Does vitamin K2 interact with Eliquis?",
        "K2 and statins together?",
        "Can I take K2 with my blood pressure medication?",
    ],
    "safety_pregnancy": [
        "Is vitamin K2 safe during pregnancy?",
        "Can I take K2 while breastfeeding?",
        "Vitamin K2 while trying to conceive?",
    ],
    "safety_children": [
        "Is vitamin K2 safe for kids?",
        "Can I give my toddler vitamin K2?",
        "K2 drops for babies safe?",
        "Can a teenager take MK-7?",
    ],
    "safety_dose": [
        "How much vitamin K2 should I take per day?",
        "Can you take too much vitamin K2?",
        "What is the recommended dose of K2?",
        "Is 200 mcg of K2 too much?",
        "Vitamin K2 overdose symptoms",
    ],
    "safety_kidney": ["Is vitamin K2 safe with kidney disease?", "Can dialysis patients take K2?"],
    "safety_surgery": [
        "Should I stop taking K2 before surgery?",
        "Vitamin K2 before dental surgery?",
    ],
}

OUT_FILE = Path(__file__).resolve().parents[1] / "dev_web.jsonl"


def rows() -> list[dict[str, object]]:
    """Every question, labelled in_scope, near_miss or safety."""
    out: list[dict[str, object]] = []
    for intent, questions in IN_SCOPE.items():
        out += [{"question": q, "expect": [intent], "kind": "in_scope"} for q in questions]
    out += [{"question": q, "expect": [], "kind": "near_miss"} for q in NEAR_MISS]
    for intent, questions in SAFETY.items():
        out += [{"question": q, "expect": [intent], "kind": "safety"} for q in questions]
    return out


def main() -> None:
    write_question_set(rows(), OUT_FILE)


if __name__ == "__main__":
    main()
