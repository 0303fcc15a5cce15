"""User-facing sentences of the conversation features, in one place for editors and translators.

Each is plain text (the adapters escape it) unless its name ends in _HTML. `{topic}` is an
intent's title.
"""

from __future__ import annotations

# The visible line over an answer that used the conversation's context.
CONTEXT_LINE = "↪ about: {topic}"
# "why?" / "tell me more" when every related answer was already shown.
NOTHING_MORE = (
    "That's all my source says about “{topic}”; I've shown you everything it has on that. "
    "Send /topics to see the other questions I can answer."
)
# "why?" after a doctor referral: there is no article answer behind it to continue.
NOTHING_MORE_SAFETY = (
    "I can't say more about that: my source doesn't cover it, and it depends on your own "
    "health, so it's a question for your doctor or pharmacist."
)
# A follow-up on the topic about something the article doesn't say ("what about for men?").
NOT_COVERED_ON_TOPIC = (
    "My source doesn't say anything about that in connection with “{topic}”, so I can't "
    "answer it from there. Send /topics to see what it does cover."
)
# The answer to /reset (and the terminal's /reset).
STARTED_OVER = "OK, let's start over: I've forgotten what we were talking about."
NOTHING_TO_FORGET = "We're starting fresh already: ask me anything about vitamin K2."
