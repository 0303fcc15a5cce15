"""Reactions as votes: 👍 or 👎 on an answer counts as that user's vote on it.

Telegram sends `message_reaction` updates only when they are in `allowed_updates`, in
private chats, and in groups only where the bot is an administrator. The update names the
message, not the answer, so the bot remembers which answer each message carries (in
memory: `Services.answers`). One vote per user per answer; changing the reaction changes
it, and removing it removes the vote.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import ReactionType, ReactionTypeEmoji, Update

from bot.questionlog import Vote
from bot.telegram.handoff import offer_after_downvote
from bot.telegram.services import BotContext, stored

logger = logging.getLogger(__name__)

UP = "👍"
DOWN = "👎"


def vote_of(reactions: Sequence[ReactionType]) -> bool | None:
    """True for 👍, False for 👎, None for neither (or, contradicting itself, both)."""
    emoji = {r.emoji for r in reactions if isinstance(r, ReactionTypeEmoji)}
    up, down = UP in emoji, DOWN in emoji
    return None if up == down else up


async def reaction(update: Update, context: BotContext) -> None:
    """Record, change or withdraw a vote when a user's reaction on an answer changes."""
    changed = update.message_reaction
    if changed is None or changed.user is None:
        return  # anonymous (on behalf of a chat): nobody to count a vote for
    found = context.services
    ref = found.answers.get((changed.chat.id, changed.message_id))
    if ref is None or found.log is None:
        return  # not an answer the bot remembers (or no question log to vote in)
    now, before = vote_of(changed.new_reaction), vote_of(changed.old_reaction)
    if now == before:
        return  # e.g. ❤️ added beside 👍: the vote is unchanged
    try:
        outcome = await stored(found.log.set_vote(ref, changed.user.id, now))
    except Exception as exc:  # storage trouble: a reaction has no one to tell
        logger.warning("could not store a reaction vote: %s", exc)
        return
    if now is False and outcome is Vote.RECORDED:
        await offer_after_downvote(context, ref)
