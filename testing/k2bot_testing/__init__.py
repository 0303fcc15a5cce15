"""K2 Bot's test harness, shared by tests/ and benchmarks/.

A fake Telegram Bot API server on 127.0.0.1 (`fake_bot_api`) and crash and load campaigns against
`k2bot run` (`campaigns`).

Not part of the bot: an editable install (`pip install -e '.[test]'`) puts `testing/` on the
path (`dev-mode-dirs` in pyproject.toml); the wheel does not contain it.
"""

from pathlib import Path

# The checkout this harness lives in: `python -m bot` runs from it in campaigns.
REPO = Path(__file__).resolve().parent.parent.parent
