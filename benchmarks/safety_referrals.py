"""Compare the referrals of every safety-labelled dev question between two commits.

Usage: python -m benchmarks.safety_referrals [BASE_COMMIT]  (default HEAD: the uncommitted change)

Each dev set's safety lines (bot/data/questions/dev.jsonl, tests/data/dev_*.jsonl,
tests/data/safety_multilingual.jsonl) are answered by the code and data of BASE_COMMIT
(exported with `git archive` to a temporary folder) and by the working tree. It prints how
many questions are newly referred and newly unreferred, and lists every one whose
referral changed, then the false alarms (other lines referred) before and after. A pass
that only adds referrals shows 0 newly unreferred.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run inside the tree being measured: the safety referral (or None) of each question.
_ANSWER = """
import json, sys
from bot.intents import Kind, load_content
from bot.responder import Responder
from bot.settings import SHIPPED_INTENTS
responder = Responder(load_content(SHIPPED_INTENTS))
out = {}
for question in json.load(sys.stdin):
    reply = responder.respond(question)
    intent = reply.intent
    out[question] = intent.id if intent is not None and intent.kind is Kind.SAFETY else None
json.dump(out, sys.stdout)
"""


def dev_files() -> list[Path]:
    """Every dev set holding safety lines (never a held-out or check set)."""
    files = [ROOT / "bot/data/questions/dev.jsonl", ROOT / "tests/data/safety_multilingual.jsonl"]
    files += sorted((ROOT / "tests/data").glob("dev_*.jsonl"))
    return files


def labelled_questions(files: list[Path], *, safety: bool) -> list[str]:
    """The questions labelled `safety` in the files (or every other one), each once."""
    seen: dict[str, None] = {}
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if "question" in row and (row.get("kind") == "safety") == safety:
                    seen[row["question"]] = None
    return list(seen)


def referrals(tree: Path, questions: list[str]) -> dict[str, str | None]:
    """The safety referral each question gets from the code and data in `tree`."""
    done = subprocess.run(
        [sys.executable, "-c", _ANSWER],
        input=json.dumps(questions),
        capture_output=True,
        text=True,
        check=True,
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
    )
    return json.loads(done.stdout)


def main() -> int:
    """Print the comparison; exit 1 when any question lost its referral."""
    base = sys.argv[1] if len(sys.argv) > 1 else "HEAD"
    files = [path for path in dev_files() if "conversations" not in path.name]
    questions = labelled_questions(files, safety=True)
    others = labelled_questions(files, safety=False)
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(
            ["git", "archive", base], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        before = referrals(Path(folder), questions + others)
    after = referrals(ROOT, questions + others)
    alarms_before = [q for q in others if before[q] is not None]
    alarms_after = [q for q in others if after[q] is not None]
    gained = [q for q in questions if before[q] is None and after[q] is not None]
    lost = [q for q in questions if before[q] is not None and after[q] is None]
    moved = [q for q in questions if before[q] and after[q] and before[q] != after[q]]
    print(f"safety-labelled dev questions: {len(questions)}")
    print(f"referred at {base}: {sum(before[q] is not None for q in questions)}")
    print(f"referred now: {sum(after[q] is not None for q in questions)}")
    print(f"newly referred: {len(gained)}")
    print(f"newly unreferred: {len(lost)}")
    for question in lost:
        print(f"  LOST {before[question]}: {question}")
    print(f"changed referral kind: {len(moved)}")
    for question in moved:
        print(f"  {before[question]} -> {after[question]}: {question}")
    print(f"other dev lines referred (false alarms): {len(alarms_before)} -> {len(alarms_after)}")
    for question in alarms_after:
        if question not in alarms_before:
            print(f"  NEW ALARM {after[question]}: {question}")
    for question in alarms_before:
        if question not in alarms_after:
            print(f"  cleared {before[question]}: {question}")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
