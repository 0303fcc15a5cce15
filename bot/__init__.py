"""K2 Bot: answers questions about vitamin K2 from one cited article.

The core (intents, text, matching, responder, evaluate) never imports ``telegram``;
``bot.terminal`` and ``bot.telegram`` are thin adapters over ``bot.responder``.
"""

__version__ = "0.1.0"
