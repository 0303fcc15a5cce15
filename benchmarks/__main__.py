"""python -m benchmarks: every speed figure in one run (see benchmarks/run.py)."""

from benchmarks.run import main

raise SystemExit(main())
