"""The Telegram adapter: the only package that imports `telegram`.

Handlers translate updates into `Responder` calls and replies into Bot API calls; the
poller confirms an update to Telegram only after it has been answered.
"""
