"""Run K2 Bot as ``python -m bot``."""

from bot.cli import main

raise SystemExit(main())
