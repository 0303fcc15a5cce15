"""Safety triggers: words and phrases that route a question to a doctor, before matching.

A trigger is matched against the question's words after the same normalisation as patterns,
and reduced the way its language's words are (`bot.text.word_reducer`): English and Russian
triggers meet stemmed words, a language without a stemmer meets the words as typed (letter
variants folded). A Cyrillic trigger word that stemming shortens is also read as written,
as the stem of longer words ("противопоказан" meets "противопоказания", which Snowball
stems so, while it stems "противопоказан" itself to "противопоказа"). Placeholders let one
trigger cover many questions:

* `#` is any number ("took # pills" covers "took 20 pills");
* `{a-b}` is a whole number from a to b ("{1-17} year old" covers ages under 18); it may
  be part of a word ("{1-17}yo");
* `*` alone is any one word ("took {5-999} * pills" covers "took 20 k2 pills");
* a word ending in `*` is any word beginning so ("вагітн*" covers "вагітна", "вагітності"):
  how a language matched as typed survives inflection. At least three letters before it;
* a word starting with `*` is any word ending so, with at least two letters before the
  ending ("*xaban" covers apixaban and edoxaban, "*(pril|sartan)" lisinopril and losartan,
  not "april"): a class of medicines named by its stem;
* `(a|b c)` is any one of the words or phrases a or "b c", so one trigger covers a
  family ("took {5-999} (pills|capsules|tablets)"); it may be part of a word
  ("#(mcg|mg)");
* `$` at the end means the question ends there ("can i take k2 $" is the whole question,
  not "can i take k2 with d3"), and `^` at the start that it starts there ("^should i
  take k2 $" is not "why should i take k2");
* `...` between two parts is up to GAP_WORDS other words, or none ("dolor ... pecho"
  covers "dolor de pecho" and "dolor muy fuerte en el pecho"). Like the words a `*` stood
  for, the words it skipped are the question's own: they add nothing to the trigger's
  specificity and do not make it stand alone.

A trigger holding German umlauts also matches them written out ("ü" as "ue"). In a
language matched as typed, a word with a French or Italian elided article glued on
("dellintervento", "lanesthesie") is also tried from where its own word begins.

A trigger starting with `!` is urgent (chest pain, passed out): it routes on its own, and
it wins over every other trigger in the question; one starting with `?` is general
personal advice ("should i take it"): every other trigger wins over it.

Any other trigger made of everyday English words (no word rarer than ALONE_RARITY in
general English: "child", "kidney", "surgery", "dose") routes only when the question is
about taking something: it names a domain term of the article (K2, vitamin, calcium,
supplement...) or an INTAKE_WORDS word (take, pill, safe...), holds a trigger that stands
alone, or says nothing but its triggers ("what about kids?"). So "kidney bean chili" and
"child process in python" are not sent to a doctor, while "kidney stones and k2" and "can
my kid take it" are. A trigger of another language nearly always holds a word English
does not use ("вагітн*", "embarazada"), so it stands alone; one that English shares
("operation") needs a reason like an English one, and so does one marked everyday in its
own language with a leading `~` ("~операция": "банковская операция" is not surgery). A
word a `*` stood for is the question's own: "~сколько * пить" says nothing of "воды".
The marks combine: "~!poisoning" is urgent, but only in a question about taking something
("food poisoning how long does it last" is not referred).

The package, by what each module does:

* `expressions`: a trigger as written, read into a regular expression (the marks and
  placeholders above); `expression_starts`: where a compiled expression's matches can begin;
* `specificity`: how specific a trigger found is (its words' rarity in general English);
* `slips`: misspelt trigger words and the slips of the fingers a short word is read despite;
* `readings`: the triggers of the languages whose words are reduced one way, filed by where
  they may start, and what a question's word tries;
* `context`: what keeps a trigger from referring (everyday senses, "take" in another sense,
  animals, prices, unit conversion, a food's content, another act, how a word is said);
  `backstory`: who bought or suggested something, childhood, habits, events long past;
  `told_backstory`: an amount or a medicine told in a statement around a question of the
  article (the message's sentences, read from the text as typed);
* `reactions`: a symptom told since starting K2 or a supplement, the dose referral's
  when no trigger referred the message;
* `transliteration`: Russian typed in Latin letters, read in Cyrillic;
* `languages`: `TriggerLanguages`, the referral's language;
* `reader`: `TriggerReader`, triggers read once and kept between starts;
* `triggers`: `SafetyTriggers`, the referral a question's triggers choose.
"""

from bot.matching.safety.expression_starts import _first_character
from bot.matching.safety.expressions import (
    MIN_PREFIX,
    is_everyday,
    trigger_expression,
    trigger_tier,
)
from bot.matching.safety.languages import TriggerLanguages
from bot.matching.safety.reader import KEPT_NAME, KEPT_TRIGGERS, TriggerReader
from bot.matching.safety.readings import _may_begin
from bot.matching.safety.slips import _slip
from bot.matching.safety.specificity import rarity, specificity
from bot.matching.safety.transliteration import latin_read_as_russian
from bot.matching.safety.triggers import SafetyTriggers

__all__ = [
    "KEPT_NAME",
    "KEPT_TRIGGERS",
    "MIN_PREFIX",
    "SafetyTriggers",
    "TriggerLanguages",
    "TriggerReader",
    "_first_character",
    "_may_begin",
    "_slip",
    "is_everyday",
    "latin_read_as_russian",
    "rarity",
    "specificity",
    "trigger_expression",
    "trigger_tier",
]
