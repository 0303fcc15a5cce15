"""Speed figures of K2 Bot: `python -m benchmarks` runs them all (see run.py)."""
