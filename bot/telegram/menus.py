"""The bot's Telegram profile and command menus, per interface language.

Set at start, and again whenever the interface texts are reloaded, so an edit to a
catalogue's menu or description reaches Telegram without a restart. A failure is logged,
not fatal: the bot answers without them.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat

from bot import messages

logger = logging.getLogger(__name__)

COMMANDS = [BotCommand(command, description) for command, description in messages.COMMAND_MENU]
# Shown in the admins' own chats only; the commands check ADMIN_IDS regardless.
ADMIN_COMMANDS = [
    BotCommand(command, description) for command, description in messages.ADMIN_COMMAND_MENU
]


async def set_menus(bot: Bot, admins: frozenset[int]) -> None:
    """Register the default menu, each language's profile and menu, and the admins' menus."""
    try:
        await bot.set_my_commands(COMMANDS)
    except Exception as exc:
        logger.warning("could not register the command menu: %s", exc)
    await _set_profiles(bot)
    await _set_admin_menus(bot, admins)


async def _set_profiles(bot: Bot) -> None:
    """Set the description, short description and command menu of each language with texts.

    So a Russian user sees Russian before pressing Start.
    """
    for code, (description, short) in messages.profiles().items():
        language = code or None
        try:
            await bot.set_my_description(description, language_code=language)
            await bot.set_my_short_description(short, language_code=language)
        except Exception as exc:
            logger.warning("could not set the profile for %r: %s", code or "default", exc)
    for code, menu in messages.command_menus().items():
        try:
            await bot.set_my_commands(
                [BotCommand(command, text) for command, text in menu], language_code=code
            )
        except Exception as exc:
            logger.warning("could not set the %r command menu: %s", code, exc)


async def _set_admin_menus(bot: Bot, admins: frozenset[int]) -> None:
    """The admins' command menus (the editors' commands too), in each interface language.

    Telegram shows a chat-scoped menu with the admin's `language_code` before the
    chat-scoped one without, so a Russian admin sees the Russian one.
    """
    menus = messages.admin_command_menus()
    for admin_id in sorted(admins):
        scope = BotCommandScopeChat(admin_id)
        try:
            await bot.set_my_commands(COMMANDS + ADMIN_COMMANDS, scope=scope)
            for code, menu in menus.items():
                await bot.set_my_commands(
                    [BotCommand(command, text) for command, text in menu],
                    scope=scope,
                    language_code=code,
                )
        except Exception as exc:  # the admin has not started the bot yet, say
            logger.info("no editors' command menu for admin %s: %s", admin_id, exc)
