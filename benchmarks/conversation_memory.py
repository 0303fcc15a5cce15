"""How much memory the conversation memory takes for many people at once.

    python -m benchmarks.conversation_memory [--conversations 100000]

Fills a `ConversationMemory` with one recollection per conversation, keyed as Telegram keys
them, (chat id, user id) with realistic 10-digit ids, each a few answers deep into a topic,
and prints the bytes Python allocated for it (tracemalloc) as one JSON object. It is a
measurement, not a timed test; the figures are in docs/conversations.md.
"""

from __future__ import annotations

import argparse
import json
import random
import tracemalloc

from bot.intents import load_content
from bot.memory import ConversationMemory
from bot.settings import SHIPPED_INTENTS

# The bound for 100,000 users.
BUDGET_MB = 50.0


def measure(conversations: int, *, seed: int = 13) -> dict[str, float | int]:
    """Fill a memory with `conversations` entries and return its measured size."""
    content = load_content(SHIPPED_INTENTS)
    article = [i for i in content.intents if i.related]
    rng = random.Random(seed)
    # Every conversation is at most MAX_SHOWN deep; three answers is a long thread already.
    topics = [rng.choice(article) for _ in range(conversations)]
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    memory = ConversationMemory(max_conversations=max(conversations, 1))
    for n, intent in enumerate(topics):
        # The key is built here, as an adapter builds it per message: the memory keeps it.
        # Group chats (negative ids) for one conversation in five, private chats otherwise.
        user = 5_000_000_000 + n
        key = (-1_000_000_000_000 - n if n % 5 == 0 else user, user)
        memory.remember(key, intent.id)
        for related in intent.related[:2]:
            memory.remember(key, related, topic=intent.id)
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    allocated = sum(s.size_diff for s in after.compare_to(before, "filename"))
    size_mb = allocated / 1_000_000
    return {
        "conversations": len(memory),
        "allocated_mb": round(size_mb, 2),
        "bytes_per_conversation": round(allocated / max(len(memory), 1)),
        "budget_mb": BUDGET_MB,
        "within_budget": size_mb < BUDGET_MB,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the measured size as JSON; exit 1 when over the budget."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=100_000)
    args = parser.parse_args(argv)
    figures = measure(args.conversations)
    print(json.dumps(figures))
    return 0 if figures["within_budget"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
