"""More phrasings of the same intents, and intent folders written to disk for start-up runs.

The second way content grows. `benchmarks.synthetic` adds *intents* (copies); here the
shipped 32 intents stay the only intents and each gains thousands of phrasings, as editors
paste in questions from the report of unanswered ones: the shipped patterns perturbed with
typos, filler words, swapped and dropped words, synonyms and stray punctuation
(`benchmarks.synthetic.perturb`). Every intent grows in proportion to the patterns it has.

No new phrasing is the same question as a pattern of another intent after normalisation
(the loader refuses that), and none repeats within its intent: the folder loads cleanly.

    python -m benchmarks.phrasings --patterns 100000 --out /tmp/k2-100k
    python -m benchmarks.phrasings --copies --patterns 100000 --out /tmp/k2-copies-100k
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from benchmarks.synthetic import _variants, perturb, synthesize
from bot.data import SHIPPED_INTENTS
from bot.intents import Content, Intent, load_content
from bot.text import Normalizer


def grow_phrasings(content: Content, patterns: int, *, seed: int = 0) -> Content:
    """`content` with its intents holding `patterns` patterns in all (perturbed phrasings).

    Args:
        content: the shipped content.
        patterns: the total number of patterns wanted, at least as many as `content` has.
        seed: the random seed; the same seed gives the same content.

    Raises:
        ValueError: when `patterns` is fewer than the shipped content already has.
    """
    shipped = sum(len(i.patterns) for i in content.intents)
    if patterns < shipped:
        raise ValueError(f"the shipped intents already have {shipped} patterns; asked {patterns}")
    rng = random.Random(seed)
    normalizer = Normalizer(content.synonyms)
    variants = _variants(content.synonyms)
    owner: dict[str, str] = {}
    for intent in content.intents:
        for pattern in intent.patterns:
            owner.setdefault(normalizer.normalize(pattern), intent.id)
    quotas = _quotas([len(i.patterns) for i in content.intents], patterns - shipped)
    grown: list[Intent] = []
    for intent, quota in zip(content.intents, quotas, strict=True):
        made: list[str] = []
        seen = {p.casefold() for p in intent.patterns}
        attempts = 0
        while len(made) < quota:
            attempts += 1
            # More edits once the easy variants are used up, so every phrasing is new.
            edits = 1 + min(attempts // 200, 6) + rng.randrange(3)
            text = perturb(rng.choice(intent.patterns), rng, variants, edits=edits)
            key = text.casefold()
            if key in seen:
                continue
            seen.add(key)
            normalized = normalizer.normalize(text)
            if not normalized or owner.setdefault(normalized, intent.id) != intent.id:
                continue  # the same question as another intent's pattern: not loadable
            made.append(text)
        grown.append(replace(intent, patterns=intent.patterns + tuple(made)))
    return Content(tuple(grown), content.synonyms, content.document, content.files)


def _quotas(weights: list[int], total: int) -> list[int]:
    """`total` split in proportion to `weights`, largest remainders first."""
    whole = sum(weights) or 1
    shares = [total * w / whole for w in weights]
    quotas = [int(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: quotas[i] - shares[i])
    for i in by_remainder[: total - sum(quotas)]:
        quotas[i] += 1
    return quotas


def write_folder(
    content: Content,
    folder: Path,
    *,
    file_of: Callable[[Intent], str] = lambda intent: intent.id,
    source_folder: Path = SHIPPED_INTENTS,
) -> list[Path]:
    """Write `content` as an intents folder: one file per `file_of(intent)`, plus synonyms.

    Files are numbered (`003_greeting.yaml`) so the folder loads its intents in the order
    of `content`: the first safety intent whose trigger a question names wins, so the
    order is part of the content. The article (and anything else under `sources/`) is
    copied from `source_folder`; the first file names it. Returns the files written.
    """
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copytree(source_folder / "sources", folder / "sources")
    reference = content.document.path.relative_to(source_folder.resolve()).as_posix()
    groups: dict[str, list[Intent]] = defaultdict(list)
    for intent in content.intents:
        groups[file_of(intent)].append(intent)
    written = [_write(folder / "synonyms.yaml", _synonyms_yaml(content.synonyms))]
    for number, (name, intents) in enumerate(groups.items()):
        head = [f"source_document: {reference}", ""] if number == 0 else []
        lines = [*head, "intents:", *(line for i in intents for line in _intent_yaml(i))]
        written.append(_write(folder / f"{number:03d}_{name}.yaml", lines))
    return written


def _write(path: Path, lines: Iterable[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Text an editor would write without quotes, which YAML reads back as the same string.
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 '?!.,-]*$")
_NOT_TEXT = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})


def _quoted(text: str) -> str:
    if _PLAIN.match(text) and text == text.strip() and text.casefold() not in _NOT_TEXT:
        return text
    # A JSON string is a valid YAML double-quoted scalar (the same escapes).
    return json.dumps(text, ensure_ascii=False)


def _synonyms_yaml(synonyms: Mapping[str, tuple[str, ...]]) -> list[str]:
    lines = ["synonyms:"]
    for canonical, variants in synonyms.items():
        lines.append(f"  {_quoted(canonical)}: [{', '.join(_quoted(v) for v in variants)}]")
    return lines


def _intent_yaml(intent: Intent) -> list[str]:
    lines = [
        f"  - id: {intent.id}",
        f"    kind: {intent.kind.value}",
        f"    title: {_quoted(intent.title)}",
        "    patterns:",
        *(f"      - {_quoted(p)}" for p in intent.patterns),
        f"    answer: {_quoted(intent.answer)}",
    ]
    for key in ("source", "related", "triggers"):
        items: tuple[str, ...] = getattr(intent, key)
        if items:
            lines.append(f"    {key}:")
            lines.extend(f"      - {_quoted(item)}" for item in items)
    return lines


def make_folder(folder: Path, patterns: int, *, copies: bool = False, seed: int = 0) -> Path:
    """Write a folder of `patterns` patterns grown from the shipped intents.

    Args:
        folder: where to write it (replaced if it exists).
        patterns: total patterns; 0 copies the shipped folder as it is.
        copies: grow by more intents (`benchmarks.synthetic`, the copies of an intent in
            one file) instead of more phrasings of the shipped intents (one file each).
        seed: the random seed.
    """
    if not patterns:
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(SHIPPED_INTENTS, folder)
        return folder
    shipped = load_content(SHIPPED_INTENTS)
    if copies:
        synthetic = synthesize(shipped, patterns, seed=seed)
        write_folder(synthetic.content, folder, file_of=lambda i: synthetic.original[i.id])
    else:
        write_folder(grow_phrasings(shipped, patterns, seed=seed), folder)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patterns", type=int, required=True, help="total patterns; 0: shipped")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced)")
    parser.add_argument("--copies", action="store_true", help="more intents, not phrasings")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    make_folder(args.out, args.patterns, copies=args.copies, seed=args.seed)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
