"""A reaction told as happening since starting K2 or a supplement (pass 14, safety19).

"Since i started mk7 i get palpitations", "after taking k2 for 2 weeks my legs ache, is it
the k2?", "Seit ich K2 nehme habe ich Kopfschmerzen", "после приема к2 болят суставы": the
asker (or someone they speak for) has a symptom *now* and ties it to something they began
taking. The lead's policy (issue 12, pass 14): such a report gets a doctor referral, the
careful choice, not the side-effects decline. The dose referral says what fits: the
article cannot tell whether K2 suits this person, a doctor or pharmacist can advise on
what is safe for them. A general question ("what are the side effects of k2?", "does k2
cause headaches?", "can you get headaches after starting k2?") keeps the side-effects
decline: nobody is told having the symptom.

The emergency triggers keep what they read first (dizziness, a rash or palpitations since
starting, a face swelling): this rule only refers a message no trigger referred.

A report is told when the message, folded as typed, holds all of:

* an onset: a "since/after" word or phrase with starting or taking (`_ONSET_PHRASES`,
  `_ONSET_WORDS`; English "since" and "after" only with a verb of starting or taking
  after them, since they also give a reason: "since k2 helps bones..."), or "started/began",
  followed within `_NEAR` words by something taken (`_TAKEN`: K2 and its forms, vitamin
  K, a vitamin or a supplement word in those languages; not calcium or a medicine, whose
  questions are the article's and the medicines referral's); or the thing taken did it
  ("k2 gave me a headache", "mk7 made me feel jittery", "la k2 me dio...": `_CAUSED`).
  "since i started my new job" names nothing taken; or the thing taken for a while or
  each time ("been on mk7 for 3 weeks and...", "nehme seit 2 Wochen K2 und...", "пью к2
  неделю и...", "every time i take mk7...": `_taken_for_a_while`), unless something is
  told lasting despite it ("i take k2 and still have joint pain": the article's
  complaint that it does not help);
* a symptom (`_SYMPTOMS`), by the stems of those languages, that is not the reason the
  thing is taken ("i started k2 for my back pain": `_FOR_A_REASON`);
* someone who has it (`_SOMEONE`): the asker ("i", "my", "ich", "yo", "я"...), someone
  close ("my mom", "mi madre") or a first-person verb ("empecé", "nehme", "biorę",
  "начала"); or, with nobody named, no word of a general question either (`_GENERAL`:
  "can you get headaches after starting k2?" asks about anyone, "после приема к2 болят
  суставы" tells it impersonally);
* no relief told (`_RELIEF`): "since starting k2 my cramps are gone" is a good report.

Pass 15 (reactions20) adds Arabic, Persian, Hindi, Kazakh, Uzbek, Korean, Vietnamese,
Hebrew, Greek, Hungarian and Romanian to the lists (`_ADDED_*`, written as typed and
folded by `_typed`, bounded by spaces by `_spaced`), and reads Chinese and Japanese, which
fold to one run of letters, on the folded text (`_told_run_together`).
"""

from __future__ import annotations

import re

from bot.text import fold


def _typed(words: str) -> str:
    """An alternation of words or phrases as typed ("|" between them), folded as messages are.

    The languages added in pass 15 (Arabic, Persian, Hindi, Kazakh, Uzbek, Korean, Chinese,
    Japanese) are written here as their speakers write them; folding drops what a message
    loses too (Arabic hamzas, Devanagari viramas, Japanese voicing marks: "ビタミン" is
    "ヒタミン"). A trailing "*" lets the word go on to the next space ("درد*": "دردم").
    """
    alternatives = []
    for word in words.split("|"):
        stem = word.strip()
        more = stem.endswith("*")
        folded = re.escape(fold(stem.rstrip("*"), limit=None)).replace("\\ ", " ")
        alternatives.append(folded + (r"\S*" if more else ""))
    return "|".join(alternatives)


def _spaced(alternatives: str) -> str:
    r"""`_typed` alternatives as whole words, bounded by spaces rather than by "\b".

    Devanagari vowel signs are no word letters to a regular expression, so a "\b" falls
    inside a Hindi word ("ठीक", "क्या"): these words stand between spaces instead.
    """
    return r"(?<!\S)(?:" + alternatives + r")(?!\S)"


# The languages added in pass 15 (reactions20): Arabic, Persian, Hindi, Kazakh, Uzbek and
# Korean, whose words have spaces between them, extend the lists below; Chinese and
# Japanese, written without spaces, are read by `_told_run_together`.
# Something taken: Korean joins its particles to K2 ("k2를"), Kazakh and Uzbek their cases
# to a vitamin ("дәруменін", "vitaminini").
_ADDED_TAKEN = (
    r"(?:비타민)?(?:k2|mk7|mk4|mk)(?:를|을|가|이|는|은|도|만)?|"
    + _typed("فيتامين*|مكمل*|مكملات*|विटामिन*|सप्लीमेंट*|दरवा*|дәрумен*|витамин*|vitamin*")
    + "|"
    + _typed("qoshimcha*|비타민*|영양제*|보충제*|ויטמין*|תוסף*|βιταμινη*|συμπληρωμα*|supliment*")
)
# Onsets: Arabic "منذ أن بدأت", "بعد ما بديت", Persian "از وقتی", "بعد از شروع", Hindi
# "जब से", and the look-back ones below.
_ADDED_AFTER_THE_THING = _typed(
    "शुरू|बाद|бастағаннан|ішкеннен|қабылдағаннан|бастағалы|ішкелі|boshlaganimdan|boshlagandan"
    "|ichgandan|ichganimdan|ichganimdan|qilganimdan|qilgandan|시작한|시작하고|시작한지|나서"
    "|나서부터|후로|후부터|뒤로|뒤부터|이후|이후로|óta|után"
)
_ADDED_ONSETS = (
    _typed(
        "منذ|بعد|بدات|بديت|بدأت|وقتی|زمانی|شروع|जब|khi|bắt đầu|מאז|אחרי|התחלתי|שהתחלתי|τότε|αφότου"
        "|μετά|άρχισα|ξεκίνησα|mióta|elkezdtem|când|după|început"
    )
    + "|"
    + _ADDED_AFTER_THE_THING
)
# Someone who has it: the asker, someone close, or a first-person verb.
_ADDED_SOMEONE = _typed(
    "انا|أنا|عندي|لدي|اعاني|أعاني|اتناول|أتناول|آخذ|اخذ|امي|أمي|ابي|أبي|زوجي|زوجتي|ابني|بنتي"
    "|صرت|بدأت|بديت|مادرم|پدرم|همسرم|دارم|میخورم|میکنم|گرفتم|شدم|मैं|मैंने|मुझे|मेरी|मेरा"
    "|मेरे|माँ|पिताजी|पति|पत्नी|мен|менің|маған|анам|әкем|жүрмін|men|mening|menga|onam|otam"
    "|ichyapman|제가|저는|저|내가|나는|엄마가|엄마|아빠|남편|아내|어머니|아버지"
    "|tôi|mẹ|bố|chồng|vợ|לי|אני|שלי|אמא|אבא|בעלי|אשתי|התחלתי|שהתחלתי|έχω|μου|με|εγώ|μαμά"
    "|παίρνω|άρχισα|ξεκίνησα|én|nekem|anyukám|anyám|apám|férjem|feleségem|szedem|elkezdtem"
    "|fejem|eu|mi|mă|mama|tata|soțul|soția|iau|meu|mea"
)
# A general question (weighed only when nobody is named): Arabic "هل", Persian "آیا",
# Hindi "क्या", the Kazakh particle "ма", Uzbek "-mi" verbs, Korean "있나요".
_ADDED_GENERAL = _typed(
    "هل|يسبب|تسبب|يمكن|ممكن|آیا|باعث|ممکن|میتواند|میتونه|क्या|सकता|सकती|ма|ме|ба|бе|па|пе"
    "|тудыра*|boladimi|mumkinmi|sabab|qiladimi|있나요|있을까요|생기나요|되나요|일으키*"
    "|gây|có thể|không|האם|גורם|יכול|יכולה|μπορεί|προκαλεί|προκαλέσει|okozhat|okoz*|lehet"
    "|poate|provoacă|provoace|cauzează"
)
_ADDED_TAKING = _typed(
    "اتناول|أتناول|تتناول|يتناول|آخذ|اخذ|تأخذ|يأخذ|اشرب|میخورم|میخوره|میخورد|مصرف|ले|लेते|लेती"
    "|लेता|लेना|लेने|ішіп|ішемін|қабылдап|қабылдаймын|ichyapman|ichaman|ichib|qabul|복용한|복용"
    "|복용중|먹은|먹고|먹는|드시고|드신|uống|לוקח|לוקחת|נוטל|נוטלת|παίρνω|παίρνει|szedem|szedi"
    "|szedek|szedni|iau|ia"
)
_ADDED_FOR_A_WHILE = (
    _typed("منذ")
    + " "
    + r"(?:\w+ )?(?:"
    + _typed("اسبوع*|أسبوع*|شهر*|ايام|أيام|يوم*|سنة")
    + ")"
    + r"|(?:\d+|"
    + _typed("یک|دو|سه|چند")
    + ") (?:"
    + _typed("روز|هفته|ماه")
    + ")"
    + r"|(?:\d+|"
    + _typed("एक|दो|तीन|कुछ")
    + ") (?:"
    + _typed("दिन|हफ्ते|हफ़्ते|सप्ताह|महीने|महीना")
    + ")"
    + r"|(?:\d+|"
    + _typed("бір|екі|үш|бірнеше")
    + ") (?:"
    + _typed("күн*|апта*|ай*")
    + ")"
    + r"|(?:\d+|bir|ikki|uch|bir necha) (?:kun|hafta|oy)\w*"
    + r"|\d+(?:"
    + _typed("주|일|달|개월")
    + r")\w*|"
    + _typed("일주일*|한 달*|몇 주*|때마다")
    + "|"
    + _typed("كل مرة|هر بار|हर बार|сайын|har safar")
    + r"|(?:\d+|mot|hai|ba|vai) (?:ngay|tuan|thang)"
    + r"|"
    + _typed("שבועיים|חודש|חודשיים|כבר שבוע")
    + r"|\d+ (?:"
    + _typed("ימים|שבועות|חודשים")
    + ")"
    + r"|(?:\d+|"
    + _typed("μια|δύο|τρεις")
    + ") (?:"
    + _typed("μέρες|εβδομάδες|εβδομάδα|μήνα|μήνες")
    + ")"
    + r"|(?:\d+|ket|harom|egy) (?:hete|napja|honapja)"
    + r"|de (?:\d+|o|doua|trei) (?:zile|saptamani|saptamana|luni|luna)"
)
# Arabic joins "and", "with/in" and "the" to a symptom ("بغثيان", "والصداع"), not "for"
# ("لآلام المفاصل": the reason it is taken, `_FOR_A_REASON`); Kazakh and Uzbek say whose
# head or stomach by a suffix ("басым айналады", "ichim ketyapti").
_ADDED_SYMPTOMS = (
    r"(?:و|ف|ب)?(?:ال)?(?:"
    + _typed(
        "صداع|الم|ألم|آلام|وجع|اوجاع|غثيان|ارق|أرق|اسهال|إسهال|امساك|إمساك|دوخة|دوار|تعب|ارهاق"
        "|إرهاق|حكة|انتفاخ*|تورم*|مغص|حموضة|قيء|استفراغ|تشنج*"
    )
    + ")|"
    + _typed(
        "ما انام|لا انام|لا أستطيع النوم"
        "|سردرد*|درد*|تهوع|بیخوابی|بی‌خوابی|بی خوابی|خوابم نمیبره|اسهال|یبوست|سرگیجه|خستگی|خارش"
        "|ورم|گرفتگی|نفخ|دلدرد*|دل درد*"
        "|सिरदर्द|सिर दर्द|दर्द|मतली|जी मिचला*|उल्टी|उलटी|नींद नहीं|नींद न|अनिद्रा|दस्त|कब्ज|चक्कर"
        "|थकान|कमजोरी|कमज़ोरी|खुजली|ऐंठन|सूजन"
        "|ауыр*|ауру*|айни*|ұйқым қашты|ұйқысыз*|ұйықтай алма*|іш өт*|ішім өт*|бас айнал*"
        "|басым айнал*|басы айнал*|шаршау*|шаршап*|әлсіз*|тартыл*|ісін*|ісіп*|қыш*"
        "|ogri*|ogriq*|kongli ayni*|uxlay olma*|uyqusiz*|bosh aylan*|boshim aylan*|ich ket*"
        "|ichim ket*|ichi ket*|charcha*|holsiz*|tortish*|shish*|qichi*"
        "|두통*|통증*|아프*|아파*|아픈*|메스꺼*|울렁*|구역*|잠을 못|잠이 안"
        "|불면*|설사*|변비*|어지러*"
        "|피곤*|피로*|가려*|쥐가|쥐나*|쥐도*|붓고|부어*|두근*"
        "|đau đầu|đau bụng|đau dạ dày|đau khớp|đau ngực|bị đau|mất ngủ|khó ngủ|buồn nôn|tiêu chảy"
        "|táo bón|chóng mặt|mệt mỏi|ngứa|chuột rút"
        "|כאב*|בחיל*|לא מצליח לישון|לא מצליחה לישון|נדודי שינה|שלשול*|עצירות|סחרחור*|עייפות"
        "|גרד|התכווצו*|נפיחות"
        "|πονοκέφαλ*|πονά*|πόνο*|ναυτί*|αϋπνί*|δεν μπορώ να κοιμηθώ|διάρροι*|δυσκοιλιότ*"
        "|ζαλάδ*|ζάλη"
        "|κούρασ*|φαγούρα|κράμπ*|πρήξιμο"
        "|fáj*|fejfáj*|hasmenés*|hányinger*|szédül*|nem tud aludni|nem tudok aludni|álmatlanság*"
        "|fájdalom*|fájdalm*|görcs*|fáradt*|viszket*|puffad*|szorulás*"
        "|durer*|doare|greață|amețeal*|amețel*|nu pot dormi|nu mai pot dormi|diaree|oboseal*"
        "|mâncărim*|balonare|umflat*"
    )
)
_ADDED_RELIEF = _typed(
    "اختفت|اختفى|زال|زالت|تحسن*|أفضل|افضل|راحت|راح|خوب شده|خوب شد|بهتر*|رفع شد*|برطرف*"
    "|از بین رفت*|ठीक हो*|गायब|बेहतर|कम हो*|चली गई|खत्म|басылды|кетті|жоғалды|жақсарды"
    "|жақсы болды|yoqoldi|otib ketdi|yaxshilandi|tuzaldi|kamaydi|없어졌*|없어*|사라*|나아*"
    "|좋아졌*|괜찮아졌*|hết|khỏi|giảm|đỡ hơn|biến mất|נעלמ*|עבר*|השתפר*|טוב יותר|εξαφανίστηκ*"
    "|πέρασ*|καλύτερα|βελτιώθ*|elmúlt*|megszűnt*|jobb|javult*|dispărut|a trecut|au trecut|mai bine"
    "|îmbunătățit"
)

# How many words may stand between an onset word and the thing taken ("depuis que je
# prends de la vitamine k2": 6 words on).
_NEAR = 6

# Something taken, as folded: K2 and its forms, vitamin K, any vitamin or a supplement
# word in the referral languages. Not calcium, magnesium or a medicine: "since starting
# calcium i get cramps" is the article's calcium question, a medicine the medicines
# referral's.
_TAKEN = re.compile(
    r"^(?:k2|к2|k2s|mk|mk4|mk7|мк|мк4|мк7|menaquinon\w*|менахинон\w*|vitamin\w*|витамин\w*"
    r"|вітамін\w*|witamin\w*|d3k2|k2d3|d3|д3|supplement\w*|suplement\w*|suplemento\w*"
    r"|erganzungsmittel\w*|nahrungserganzung\w*|complement\w*|integrator\w*|integratore"
    r"|добавк\w*|бад|бады|softgel\w*|drops|gotas|tropfen|gouttes|gocce|krople|kropli"
    r"|капли|краплі|druppels|takviye\w*|vitamini|vitaminu|vitamínu|kosttillskott\w*"
    r"|doplnek|doplnku|suplemen|ک2|فیتامین\w*|ویتامین\w*|مکمل\w*)$|^" + _spaced(_ADDED_TAKEN) + "$"
)

# Onset words, as folded, in the languages the referrals cover most (the asker's own
# verb or a "since/after" word): each must have something taken near it (`_NEAR`).
# The second group also says who: a first-person or named person's verb.
_ONSET_WORDS = re.compile(
    r"^(?:since|after|started|starting|began|begun|beginning|desde|despues|tras"
    r"|empece|empeze|comence|empezo|comenzo|empezar|depois|desde|apos|comecei|comecou"
    r"|seit|seitdem|nach|angefangen|begonnen|depuis|apres|commence|da|dopo|iniziato"
    r"|cominciato|od|odkad|po|zaczalem|zaczelam|zaczal|zaczela|после|тех|начал|начала"
    r"|начали|стал|стала|після|відколи|відтоді|почав|почала|sinds|na|begonnen"
    r"|sejak|setelah|mulai|sedan|efter|borjade|borjat|zacal|zacala|zacali"
    r"|basladim|basladigimdan|basladiktan|aldiktan|kullandiktan)$|^" + _spaced(_ADDED_ONSETS) + "$"
)
# Whole onset phrases, when their words say it only together ("da quando", "od kiedy",
# "после того как"): a "da" or an "od" alone is no onset.
_ONSET_PHRASES = re.compile(
    r"\b(?:since|after|ever since|from when|desde que|despues de|luego de|tras|desde hace"
    r"|depois que|depois de|apos|seit|seitdem|nach der einnahme|nach einnahme"
    r"|depuis que|depuis la prise|depuis le debut|apres avoir|apres la prise"
    r"|da quando|dopo aver|dopo avere|dopo l assunzione|dopo lassunzione|od kiedy|odkad"
    r"|od czasu|po zazyciu|po przyjeciu|po wzieciu|po rozpoczeciu|после|с тех пор"
    r"|после того как|після|відколи|відтоді як|sinds|na het innemen|na het slikken"
    r"|na inname|тех пор|sejak|setelah|sedan|efter|od te doby|od doby|po uziti|po uzivani"
    r"|basladigimdan beri|basladiktan sonra|aldiktan sonra|kullandiktan sonra)\b|"
    + _spaced(_ADDED_ONSETS)
    + r"|\b(?:started|starting|began|begun|empece|empeze|comence|empezo|comenzo|comecei"
    r"|comecou|angefangen|begonnen|commence|iniziato|cominciato|zaczalem|zaczelam|zaczal"
    r"|zaczela|начал|начала|начали|стал|стала|почав|почала|mulai|borjade|borjat|zacal"
    r"|zacala|basladim)\b"
)
# Onset words that only open a phrase (`_ONSET_PHRASES` must hold them): "da", "od",
# "po", "na", "тех", "nach", "tras" alone are everyday words.
_PHRASE_ONLY = frozenset("da od po na тех nach desde apres dopo".split())
# Turkish puts the thing taken before its onset ("k2 kullanmaya basladigimdan beri", "k2
# aldiktan sonra", as folded): these onset words look back `_NEAR` words for it.
_AFTER_THE_THING = frozenset(
    "basladigimdan basladiktan aldiktan kullandiktan".split() + _ADDED_AFTER_THE_THING.split("|")
)
# English "since" and "after" also give a reason or an order ("since k2 helps bones, would
# it help my back pain?"): they open an onset only with starting or taking within
# `_VERB_REACH` words ("since i started", "after taking", "after 2 weeks on").
_NEEDS_A_VERB = frozenset({"since", "after"})
_START_OR_TAKE = frozenset(
    "start started starting began begin beginning take took taking takes using used use on"
    " adding added switching switched introducing being of dose doses".split()
)
_VERB_REACH = 4
# The thing taken did it to someone, right after its name (up to two words between: "k2
# drops gave me", "la vitamina k2 me dio"): "gave me", "made him", "me dio", "me deu".
_CAUSED = re.compile(
    r"^(?:\w+ ){0,2}(?:(?:gave|gives|giving|has given|made|make|makes|making|is giving|is making)"
    r" (?:me|him|her|us|my)|(?:me|le|lhe|nos) (?:dio|da|deu|causo|causou|provoco|provocou"
    r"|esta dando|esta causando))\b"
)
# Words before a symptom that make it the reason something is taken ("i started k2 for my
# back pain", "принимаю к2 от болей"), not a reaction to it.
_FOR_A_REASON = frozenset(
    "for against because due para contra gegen fur pour per contro от для при voor tegen"
    " icin".split()
    + _typed("بسبب|ضد|لعلاج|علاج|برای|بخاطر|خاطر|vì|בגלל|נגד|για|pentru|împotriva").split("|")
)
# Words after a symptom that make it the reason, where the language says "for" after it
# (Hindi "घुटने के दर्द के लिए", Kazakh "ауыруы үшін", Uzbek "og'riq uchun", Korean "통증
# 때문에").
_FOR_A_REASON_AFTER = frozenset(
    _typed("लिए|वजह|कारण|үшін|uchun|sababli|때문에|위해|miatt|ellen").split("|")
)
_REASON_REACH = 3

# A symptom, as folded, by its stem or phrase, in the same languages.
_SYMPTOMS = re.compile(
    r"\b(?:headache\w*|migrain\w*|palpitat\w*|nause\w*|diarrh\w*|constipat\w*|bloat\w*"
    r"|heartburn|reflux|insomni\w*|cramp\w*|tingl\w*|numb\w*|dizz\w*|lightheaded|rash\w*"
    r"|itch\w*|hives|bruis\w*|bleed\w*|nosebleed\w*|fatigu\w*|exhaust\w*|anxi\w*|jitter\w*"
    r"|shaky|sweat\w*|acne|swell\w*|swollen|vomit\w*|throwing up|threw up|tinnitus|ache|aches"
    r"|aching|achy|hurt|hurts|hurting|sore|pain|pains|painful|tired|sleepless"
    r"|cant sleep|can t sleep|cannot sleep|trouble sleeping|heart (?:racing|races|pounding)"
    r"|racing heart|upset stomach|stomach (?:ache|upset|issues|problems)|hair (?:loss|falling)"
    r"|blood pressure|chest tightness|short of breath|shortness of breath|twitch\w*"
    r"|killing me|granos|espinillas|schlafe (?:ich )?schlecht|schlecht schlafen"
    r"|feel (?:sick|weird|awful|off|unwell|bad|terrible)"
    r"|dolor\w*|duele\w*|palpitacion\w*|nausea\w*|mareo\w*|mareada|mareado|diarrea"
    r"|estrenimiento|insomnio|no puedo dormir|calambre\w*|picazon|picor|sarpullido"
    r"|erupcion\w*|moreton\w*|moraton\w*|sangr\w*|cansancio|cansad\w*|ansiedad|taquicardia"
    r"|hinchaz\w*|hinchad\w*|vomito\w*|acidez|hormigueo|dor|dores|doi|doem|palpitac\w*"
    r"|enjoo\w*|tontura\w*|diarreia|insonia|nao consigo dormir|caimbra\w*|coceira"
    r"|hematoma\w*|cansaco|inchac\w*|inchad\w*|azia|formigamento"
    r"|kopfschmerz\w*|herzrasen|herzklopfen|herzstolpern|ubelkeit|uebelkeit|ubel"
    r"|schwindel\w*|durchfall|verstopf\w*|schlaflos\w*|schlafstorung\w*|krampf\w*|kramp\w*"
    r"|juck\w*|ausschlag|blaue flecken|hamatom\w*|mudigkeit|mude|erschopf\w*|unruh\w*"
    r"|\w*schmerz\w*|tut weh|tun weh|geschwollen|schwellung\w*|erbrech\w*|sodbrennen|kribbel\w*"
    r"|mal de tete|maux de tete|palpitation\w*|nausee\w*|vertige\w*|diarrhee\w*|insomnie\w*"
    r"|crampe\w*|demangeaison\w*|eruption\w*|hematome\w*|saign\w*|fatigue\w*|angoisse\w*"
    r"|tachycardie|douleur\w*|mal au|mal aux|gonfl\w*|vomi\w*|brulure\w*"
    r"|mal di testa|emicrania|palpitazion\w*|tachicardia|vertigin\w*|capogir\w*|stitichezza"
    r"|insonnia|non riesco a dormire|non dormo|crampi|prurito|prude|eruzion\w*|lividi"
    r"|sanguin\w*|stanchezza|stanc\w*|ansia|dolor\w*|fa male|fanno male|gonfi\w*"
    r"|bruciore|formicol\w*"
    r"|bol|bole|boli|bola|bolu|kolatan\w*|mdlosc\w*|mdli|zawrot\w*|biegunk\w*|zaparc\w*"
    r"|bezsenn\w*|nie moge spac|skurcz\w*|swedz\w*|wysypk\w*|siniak\w*|krwaw\w*|zmeczen\w*"
    r"|zmeczon\w*|niepokoj\w*|tachykardi\w*|obrzek\w*|spuchn\w*|wymiot\w*|zgag\w*|mrowien\w*"
    r"|бол\w*|сердцебиен\w*|тахикард\w*|тошн\w*|головокруж\w*|кружится|диаре\w*|понос"
    r"|запор\w*|бессонниц\w*|не могу спать|не сплю|судорог\w*|спазм\w*|зуд\w*|чеш\w*|сып\w*"
    r"|синяк\w*|кровотеч\w*|кровит|устал\w*|слабост\w*|тревог\w*|отек\w*|рвот\w*|изжог\w*"
    r"|покалыв\w*|онемен\w*|давлени\w*|біль|болить|болять|серцебитт\w*|нудот\w*|нудить"
    r"|запаморочен\w*|діаре\w*|пронос|безсонн\w*|не можу спати|судом\w*|сверб\w*|висип\w*"
    r"|синц\w*|втом\w*|слабкіст\w*|тривог\w*|набряк\w*|блюв\w*"
    r"|hoofdpijn|hartklopping\w*|misselijk\w*|duizel\w*|diarree|verstopping|slapeloos\w*"
    r"|kan niet slapen|slaap slecht|kramp\w*|jeuk\w*|uitslag|blauwe plekken|moe|vermoeid\w*"
    r"|onrust\w*|\w*pijn\w*|opgezwollen|zwelling\w*|overgeven|braken|tintel\w*"
    r"|bas agrisi|bas agrim|basim agri\w*|agri\w*|carpinti\w*|bulanti\w*|bulan\w*"
    r"|bas donmesi|ishal|uykusuzluk|uyuyamiyorum|kasinti\w*|kasin\w*|dokuntu"
    r"|pusing|sakit|mual|diare|berdebar|gatal|ruam|susah tidur|sulit tidur|nyeri|lemas"
    r"|huvudvark|hjartklappning|illamaende|yrsel|ont i|klada|kliar|utslag|diarre"
    r"|somnsvarigheter|kan inte sova|boli|bolest\w*|buseni srdce|nevolnost|zavrat\w*"
    r"|prujem|vyrazk\w*|svedeni|svedi|nespavost|nemuzu spat|unav\w*)\b|" + _spaced(_ADDED_SYMPTOMS)
)

# Someone who has it, as folded: the asker or someone close, in the referral languages;
# and first-person or named-person verbs of the onsets ("empece", "nehme", "biore").
_SOMEONE = re.compile(
    r"\b(?:i|im|ive|id|me|my|mine|myself|we|weve|our|us|mum|mom|mother|dad|father|husband"
    r"|wife|son|daughter|grandma|grandpa|nan|partner|boyfriend|girlfriend|friend"
    r"|yo|me|mi|mis|tengo|siento|estoy|empece|empeze|comence|tome|tomo|madre|padre|esposo"
    r"|esposa|marido|eu|meu|minha|tenho|sinto|estou|comecei|tomei|mae|pai"
    r"|ich|mir|mich|mein|meine|meinen|meiner|habe|hab|nehme|mutter|vater|mann|frau"
    r"|je|j|jai|moi|mon|ma|mes|prends|mere|pere"
    r"|io|ho|sono|mio|mia|miei|prendo|assumo|madre|padre|moglie"
    r"|ja|mam|mnie|mi|moj|moja|moje|mojej|jestem|czuje|biore|zaczalem|zaczelam|mama|tata|maz|zona"
    r"|я|мне|меня|мой|моя|мои|моей|пью|принимаю|начал|начала|мама|папа|муж|жена"
    r"|мені|мене|мій|моя|мої|п ю|приймаю|почав|почала|чоловік|дружина"
    r"|ik|mij|mijn|heb|slik|neem|moeder|vader|ben|basladim|basladigimdan|benim|annem"
    r"|babam|saya|aku|ibu saya|suami|istri|jag|mig|min|mitt|mina|beru|mne|muj|moje)\b|"
    + _spaced(_ADDED_SOMEONE)
)

# A general question, as folded: nobody named has the symptom ("can you get headaches
# after starting k2?", "может ли к2 вызывать боль после приема?"). Only weighed when no
# one is named (`_SOMEONE`): a message with neither ("после приема к2 болят суставы")
# tells its symptom impersonally, as real posts often do.
_GENERAL = re.compile(
    r"\b(?:you|your|anyone|anybody|people|someone|somebody|one|can|could|does|do|will"
    r"|would|may|might|cause|causes|possible|может|вызывает|вызывать|puede|pueden|causa"
    r"|causar|pode|podem|kann|konnen|verursacht|verursachen|peut|peuvent|provoque|puo"
    r"|possono|provoca|moze|powoduje|kan|veroorzaakt|може|викликає|bisa|apakah"
    r"|menyebabkan|orsaka|orsakar|muze|zpusobuje|yapar mi|neden olur)\b|" + _spaced(_ADDED_GENERAL)
)

# Taking, by the asker or someone named, in the same languages ("i take", "she takes
# her k2", "been on mk7", "nehme", "prends", "prendo", "tomo", "biorę", "пью").
_TAKING = re.compile(
    r"^(?:take|takes|taking|took|on|using|nehme|nimmt|prends|prend|prendo|prende|assumo"
    r"|tomo|toma|tomando|biore|bierze|przyjmuje|lykam|пью|пьет|принимаю|принимает|приймаю"
    r"|slik|neem|gebruik|minum|tar|beru|kullaniyorum|aliyorum)$|^" + _spaced(_ADDED_TAKING) + "$"
)
# A span of time it has been taken, or each time it is ("for 3 weeks", "seit 2 Wochen",
# "depuis une semaine", "da una settimana", "hace un mes", "od tygodnia", "неделю",
# "every time", "whenever"), as folded.
_FOR_A_WHILE = re.compile(
    r"\b(?:for (?:a|an|one|two|three|four|five|six|several|a few|\d+) (?:day|days|week"
    r"|weeks|month|months)|(?:\d+|two|three|four|five|a few|few) (?:days|weeks|months)"
    r" (?:into|on)|every time|everytime|whenever|each time"
    r"|seit (?:\d+|einer|einem|zwei|drei|vier|ein paar|einigen|kurzem) ?(?:tag|tagen|woche"
    r"|wochen|monat|monaten)?|jedes mal|immer wenn"
    r"|depuis (?:\d+|une|un|deux|trois|quelques) (?:jour|jours|semaine|semaines|mois)"
    r"|chaque fois|a chaque fois"
    r"|da (?:\d+|una|un|due|tre|qualche) (?:giorno|giorni|settimana|settimane|mese|mesi)"
    r"|ogni volta"
    r"|hace (?:\d+|un|una|dos|tres|unos|unas) (?:dia|dias|semana|semanas|mes|meses)"
    r"|cada vez que|ha (?:\d+|um|uma|dois|duas|tres) (?:dia|dias|semana|semanas|mes"
    r"|meses)|toda vez que|sempre que"
    r"|od (?:\d+ )?(?:tygodnia|tygodni|miesiaca|miesiecy|dni|kilku dni|paru dni)"
    r"|za kazdym razem"
    r"|неделю|месяц|вторую неделю|второй месяц|несколько дней|пару недель|каждый раз"
    r"|\d+ (?:дня|дней|недели|недель|месяца|месяцев)|тиждень|місяць|кожного разу"
    r"|\d+ (?:дні|днів|тижні|тижнів|місяці|місяців)"
    r"|sinds (?:\d+|een|twee|drie) (?:dag|dagen|week|weken|maand|maanden)|elke keer)\b|"
    + _spaced(_ADDED_FOR_A_WHILE)
)
# Told as lasting despite it: a complaint that it does not help ("i take k2 and still
# have joint pain"), the article's question, not a reaction.
_STILL = re.compile(
    r"\b(?:still|yet|noch|immer noch|todavia|aun|sigo|ainda|encore|toujours|ancora"
    r"|nadal|wciaz|все еще|до сих пор|досі|nog|nog steeds|masih|fortfarande)\b"
)

# Relief told: the symptom went away or improved, a good report, not a complaint.
_RELIEF = re.compile(
    r"\b(?:gone|went away|disappeared|better|improved|improving|cured|helped|fixed"
    r"|no more|desaparec\w*|mejor|mejoro|se fue|se fueron|sumiu|sumiram|melhor|melhorou"
    r"|weg|verschwunden|besser|disparu\w*|mieux|sparit\w*|meglio|passat\w*|znikn\w*|zniknal"
    r"|zniknel\w*|lepiej|прош(?:ел|ла|ли|ло)|пропал\w*|лучше|зникл\w*|зник|краще"
    r"|verdwenen|beter)\b|" + _spaced(_ADDED_RELIEF)
)


# Chinese and Japanese are written without spaces: a message folds to one run of letters
# (with spaces only around Latin words: "吃了两周的mk 7 最近胃一直不舒服"), so their report
# is read on the folded text itself, by the same parts: something taken near an onset
# before it ("自从开始吃", "开始补", "每次吃完") or after it ("以后", "之后", "一个月",
# "飲み始めてから", "2週間"), a symptom not given as the reason ("因为", "のため"), no
# relief, and a general question ("会引起...吗", "会不会", "起きますか") only when nobody
# is named.
_RUN_TOGETHER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_RUN_TAKEN = (
    r"(?:" + _typed("维生素k*|ビタミンk*|サプリ*|补充剂|保健品|营养品") + r"|k2|mk ?[47]|mk)"
)
_RUN_ONSET = re.compile(
    r"(?:"
    + _typed("自从|开始|每次|吃了|服用了|飲み始め|飲んて")
    + r").{0,8}?"
    + _RUN_TAKEN
    + r"|"
    + _RUN_TAKEN
    + r".{0,12}?(?:"
    + _typed(
        "以后|之后|后|以来|一个月|两周|几天|半个月|一周|てから|て以来|以来|始めて|ようになって"
        "|週間|ヶ月|か月|日間"
    )
    + r"|\d+ ?(?:"
    + _typed("天|周|个月|星期|日|週")
    + r"))"
    + r"|(?:"
    + _typed("两周|一个月|几天|半个月|一周|週間|ヶ月|か月")
    + r").{0,4}?"
    + _RUN_TAKEN
)
_RUN_SYMPTOMS = re.compile(
    _typed(
        "头疼|头痛|失眠|睡不着|胃疼|胃痛|不舒服|肚子疼|拉肚子|腹泻|便秘|恶心|想吐|呕吐|疼|痛|心慌|头晕"
        "|乏力|疲劳|痒|浮肿|水肿|抽筋|頭痛|眠れ|不眠|ムカムカ|吐き気|下痢|めまい|だるい|かゆ|むくみ"
        "|こむら返り|足がつ|胃もたれ|不調"
    )
)
_RUN_REASON_BEFORE = re.compile(r"(?:" + _typed("因为|为了|治") + r").{0,6}$")
_RUN_REASON_AFTER = re.compile(r"^.{0,3}(?:" + _typed("のため|ので|のに") + r")")
_RUN_RELIEF = re.compile(
    _typed(
        "好了|好多了|没有了|不再|消失|缓解|改善|治好|がなくなり|はなくなり|がなくなっ|はなくなっ|治っ|治まり"
        "|消え|楽になり|良くなり|よくなり"
    )
)
_RUN_GENERAL = re.compile(
    r"会(?:引起|导致|不会)|会.{0,8}吗|"
    + _typed("可能|是否|起きますか|起こりますか|なりますか|ありますか")
)
_RUN_SOMEONE = re.compile(_typed("我|妈|爸|老公|老婆|私|母|父|夫|妻|僕|俺|主人"))


def _told_run_together(said: str) -> bool:
    """Whether a Chinese or Japanese message tells a reaction (see `_RUN_ONSET`)."""
    if _RUN_ONSET.search(said) is None or _RUN_RELIEF.search(said) is not None:
        return False
    if not any(
        _RUN_REASON_BEFORE.search(said[: found.start()]) is None
        and _RUN_REASON_AFTER.search(said[found.end() :]) is None
        for found in _RUN_SYMPTOMS.finditer(said)
    ):
        return False
    return _RUN_SOMEONE.search(said) is not None or _RUN_GENERAL.search(said) is None


def _onset_near_something_taken(words: list[str]) -> bool:
    """Whether an onset word stands within `_NEAR` words before something taken, no symptom between.

    Or the thing taken did it to someone: "k2 gave me a headache", "mk7 made me feel
    jittery", "la k2 me dio dolor de cabeza" (`_CAUSED`).
    """
    taken = [index for index, word in enumerate(words) if _TAKEN.match(word)]
    if not taken:
        return False
    said = " ".join(words)
    if any(_CAUSED.match(" ".join(words[index + 1 : index + 6])) for index in taken):
        return True
    if _ONSET_PHRASES.search(said) is None:
        return False
    for index, word in enumerate(words):
        if not _ONSET_WORDS.match(word):
            continue
        if word in _PHRASE_ONLY and not _opens_a_phrase(words, index):
            continue
        if word in _AFTER_THE_THING and any(0 < index - place <= _NEAR for place in taken):
            return True
        if word in _NEEDS_A_VERB and _START_OR_TAKE.isdisjoint(
            words[index + 1 : index + 1 + _VERB_REACH]
        ):
            continue
        if any(
            0 < place - index <= _NEAR
            and _SYMPTOMS.search(" ".join(words[index + 1 : place])) is None
            for place in taken
        ):
            # The thing taken is the onset's own, no symptom between them: "since starting
            # calcium i get cramps, would k2 help?" started calcium, not K2.
            return True
    return False


def _opens_a_phrase(words: list[str], index: int) -> bool:
    """Whether an everyday onset word ("da", "od", "po") opens one of `_ONSET_PHRASES`."""
    return _ONSET_PHRASES.match(" ".join(words[index:])) is not None


def reaction_told(text: str) -> bool:
    """Whether a message tells a symptom had now since starting K2 or a supplement.

    See the module's docstring: an onset with something taken near it, a symptom,
    someone who has it, and no relief told.
    """
    words = fold(text, limit=None).split()
    if not words:
        return False
    said = " ".join(words)
    if _RUN_TOGETHER.search(said) is not None:
        return _told_run_together(said)
    if not _onset_near_something_taken(words) and not _taken_for_a_while(words, said):
        return False
    if _RELIEF.search(said) is not None or not _a_symptom_not_a_reason(said):
        return False
    return _SOMEONE.search(said) is not None or _GENERAL.search(said) is None


def _taken_for_a_while(words: list[str], said: str) -> bool:
    """Whether something taken is told as being taken for a while, or each time, now.

    "been on mk7 for 3 weeks and my ankles are swollen", "nehme seit 2 Wochen K2 und habe
    Magenschmerzen", "пью к2 неделю и болит живот", "every time i take mk7 i get a
    headache", "two days into k2": a taking verb (`_TAKING`) or a span of time
    (`_FOR_A_WHILE`) within `_NEAR` words of the thing taken, a span or "every time"
    said, and nothing told as lasting despite it ("still": `_STILL`, a complaint that it
    does not help, the article's question).
    """
    if _FOR_A_WHILE.search(said) is None or _STILL.search(said) is not None:
        return False
    taken = [index for index, word in enumerate(words) if _TAKEN.match(word)]
    near = [
        index
        for index, word in enumerate(words)
        if _TAKING.match(word) or _FOR_A_WHILE.match(" ".join(words[index:]))
    ]
    return any(abs(place - index) <= _NEAR for place in taken for index in near)


def _a_symptom_not_a_reason(said: str) -> bool:
    """Whether a symptom is said that is not the reason something is taken (`_FOR_A_REASON`)."""
    for found in _SYMPTOMS.finditer(said):
        before = said[: found.start()].split()[-_REASON_REACH:]
        after = said[found.end() :].split()[:_REASON_REACH]
        if _FOR_A_REASON.isdisjoint(before) and _FOR_A_REASON_AFTER.isdisjoint(after):
            return True
    return False
