"""The Telegram adapter: the only package that imports `telegram`.

Handlers translate updates into `Responder` calls and replies into Bot API calls; the
poller confirms an update to Telegram only after it has been answered.
"""

import os

# Durations such as RetryAfter.retry_after as timedeltas (python-telegram-bot's coming
# default), so the library raises no deprecation warning when Telegram says "slow down".
# It is read when such a value is built, so setting it on import of this package suffices.
os.environ.setdefault("PTB_TIMEDELTA", "1")
