"""Secrets never leave the process: not in logs at DEBUG, exception texts, crashes, or reprs."""

from __future__ import annotations

import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from bot.settings import Settings
from builders import HANG_GUARD_SECONDS, REPO
from k2bot_testing.campaigns import bot_process, printed
from k2bot_testing.fake_bot_api import FakeBotApi

WEBHOOK_SECRET = "wh-Secret_0123456789abcdef"
USER_HASH_SALT = "salt-Secret_fedcba9876543210"
# Built, not written out: nothing shaped like a real token is committed.
WRONG_TOKEN = "987654321:AAH" + "wrong" * 6 + "12"


def secrets_of(fake: FakeBotApi) -> list[str]:
    return [fake.token, fake.token.split(":", 1)[1], WEBHOOK_SECRET, USER_HASH_SALT]


@pytest.mark.slow
def test_a_faulty_run_at_debug_prints_no_secret(tmp_path: Path) -> None:
    """At DEBUG, with failing sends, handler errors, a server echoing the token, a SIGKILL and a
    restart: the token and the webhook secret appear nowhere in what the bot printed."""
    env = {"LOG_LEVEL": "DEBUG", "WEBHOOK_SECRET": WEBHOOK_SECRET, "USER_HASH_SALT": USER_HASH_SALT}
    with FakeBotApi() as fake:
        with bot_process(fake, tmp_path, **env) as first:
            fake.wait_until(lambda: fake.calls("getUpdates"), timeout=20)
            # An error inside a handler, with its traceback logged:
            fake.fail_next("sendMessage", 400, description="Bad Request: chat not found")
            # A server that echoes the request URL, token included, in its error:
            fake.fail_next(
                "sendMessage", 500, description=f"Internal error at /bot{fake.token}/sendMessage"
            )
            fake.fail_next("sendMessage", "drop", count=2)
            fake.fail_next("getUpdates", 502)
            for n in range(40):
                fake.user_sends(f"mk7 vs mk4 #{n}", user_id=1 + n % 8)
            fake.wait_until(lambda: len(fake.sent_messages()) >= 10, timeout=30)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=HANG_GUARD_SECONDS)
        with bot_process(fake, tmp_path, **env) as second:
            fake.wait_until(lambda: not fake.pending_updates(), timeout=30)
            second.send_signal(signal.SIGTERM)
            assert 0 == second.wait(timeout=HANG_GUARD_SECONDS)
        with bot_process(fake, tmp_path, TELEGRAM_BOT_TOKEN=WRONG_TOKEN, **env) as rejected:
            assert 2 == rejected.wait(timeout=HANG_GUARD_SECONDS)
    output = printed(tmp_path)
    assert "Traceback" in output  # the handler error was logged in full...
    assert "DEBUG" in output
    for secret in [*secrets_of(fake), WRONG_TOKEN, WRONG_TOKEN.split(":")[1]]:
        assert secret not in output  # ...and still nothing secret was printed


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["polling", "webhook"])
def test_a_rejected_token_is_one_line_and_exit_2_in_both_modes(tmp_path: Path, mode: str) -> None:
    """A token Telegram rejects (401) ends the run with exit code 2 and one line naming
    TELEGRAM_BOT_TOKEN: no traceback, and no part of the token, polling or webhook."""
    args = ["--webhook", "https://k2bot.example/telegram"] if mode == "webhook" else []
    with (
        FakeBotApi() as fake,
        bot_process(
            fake, tmp_path, *args, TELEGRAM_BOT_TOKEN=WRONG_TOKEN, WEBHOOK_SECRET=WEBHOOK_SECRET
        ) as process,
    ):
        assert 2 == process.wait(timeout=30)
    lines = printed(tmp_path).splitlines()
    assert 1 == len(lines), lines
    assert "TELEGRAM_BOT_TOKEN" in lines[0]
    assert "Traceback" not in lines[0]
    for secret in [WRONG_TOKEN, *WRONG_TOKEN.split(":"), WEBHOOK_SECRET]:
        assert secret not in lines[0]


@pytest.mark.slow
@pytest.mark.parametrize("status", [403, 409, 400])
def test_a_start_refused_by_a_server_echoing_the_url_prints_no_token(
    tmp_path: Path, status: int
) -> None:
    """A proxy in front of the Bot API refusing getMe with the request URL in its message
    ("no access to /bot<token>/getMe"): one line and exit 2, no traceback, no token.

    The uncaught error's traceback never passes the redacting log filter; it printed the
    token whole."""
    with FakeBotApi() as fake:
        fake.fail_next("getMe", status, description=f"No access to /bot{fake.token}/getMe")
        with bot_process(fake, tmp_path) as process:
            assert 2 == process.wait(timeout=30)
        output = printed(tmp_path)
        lines = output.splitlines()
        assert 1 == len(lines), lines
        assert "Traceback" not in output
        assert "TELEGRAM_BASE_URL" in lines[0]
        for secret in secrets_of(fake):
            assert secret not in output


@pytest.mark.slow
def test_a_malformed_token_is_refused_before_any_request(tmp_path: Path) -> None:
    """`TELEGRAM_BOT_TOKEN=garbage k2bot run` exits 2 at once with one line naming the
    setting, and never reaches the Bot API (it used to retry against it forever)."""
    with (
        FakeBotApi() as fake,
        bot_process(fake, tmp_path, TELEGRAM_BOT_TOKEN="garbage") as process,
    ):
        assert 2 == process.wait(timeout=30)
        assert [] == fake.calls()
    lines = printed(tmp_path).splitlines()
    assert 1 == len(lines), lines
    assert "TELEGRAM_BOT_TOKEN" in lines[0]
    assert "garbage" not in lines[0]


def test_settings_never_show_their_secrets() -> None:
    """repr, str and JSON of Settings mask the token, the webhook secret and the salt."""
    token = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678"
    settings = Settings(
        _env_file=None,
        telegram_bot_token=token,  # type: ignore[arg-type]
        webhook_secret=WEBHOOK_SECRET,  # type: ignore[arg-type]
        user_hash_salt=USER_HASH_SALT,  # type: ignore[arg-type]
    )
    for shown in (repr(settings), str(settings), settings.model_dump_json()):
        assert token not in shown
        assert token.split(":")[1] not in shown
        assert WEBHOOK_SECRET not in shown
        assert USER_HASH_SALT not in shown


def test_dot_env_is_ignored_by_git() -> None:
    """`.env`, where the token lives, can never be committed by accident."""
    git = shutil.which("git")
    if git is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    result = subprocess.run(
        [git, "check-ignore", "--quiet", ".env"], cwd=REPO, capture_output=True, check=False
    )
    assert 0 == result.returncode
