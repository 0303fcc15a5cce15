"""python-telegram-bot's AIORateLimiter, plus the per-private-chat limit it leaves out.

AIORateLimiter throttles overall (30/s) and per group (20/min) but not per private chat,
where Telegram allows about one message a second; a user who taps three buttons quickly
would otherwise earn the whole bot a 429.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.ext import AIORateLimiter

PRIVATE_CHAT_RATE = 1.0  # messages per second, Telegram's guidance for one chat
# Telegram counts requests as they arrive and we count them as they leave, so a queue
# sent at exactly 30/s can arrive bunched; stay a little under the published limits.
OVERALL_PER_SECOND = 25
GROUP_PER_MINUTE = 18
TRACKED_CHATS = 4096


class ChatAwareRateLimiter(AIORateLimiter):
    """AIORateLimiter with a limiter per private chat as well."""

    def __init__(self, *, max_retries: int = 3) -> None:
        super().__init__(
            overall_max_rate=OVERALL_PER_SECOND,
            overall_time_period=1,
            group_max_rate=GROUP_PER_MINUTE,
            group_time_period=60,
            max_retries=max_retries,
        )
        self._chats: OrderedDict[int, AsyncLimiter] = OrderedDict()

    def _chat_limiter(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chats.pop(chat_id, None) or AsyncLimiter(1, 1 / PRIVATE_CHAT_RATE)
        self._chats[chat_id] = limiter
        while len(self._chats) > TRACKED_CHATS:  # forget the least recently used chat
            self._chats.popitem(last=False)
        return limiter

    async def process_request(
        self,
        callback: Any,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        """Send one request through the rate limiter of its chat."""
        chat_id = data.get("chat_id")
        try:
            chat = int(chat_id) if chat_id is not None else 0
        except (TypeError, ValueError):
            chat = 0
        if chat > 0:  # positive ids are private chats; groups are negative
            async with self._chat_limiter(chat):
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
