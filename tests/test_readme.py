"""The README says what is true: its example works when copied, and it stays short."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.data import SHIPPED_INTENTS
from builders import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)
SAVE_AS = re.compile(r"Save this as `([^`]+)`:\s*$")


def section(title: str) -> str:
    """The text of one `## ` section of the README."""
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def run_bash(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a README shell block as a user would, with this environment's `k2bot` on PATH."""
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "INTENTS_", "MATCH_"))
    }
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_the_adding_an_intent_example_works_as_written(tmp_path: Path) -> None:
    """Copying the README's "Adding an intent" steps in order gives a draft folder that
    validates and answers the example question with the new intent's answer."""
    from ruamel.yaml import YAML

    from bot.markup import to_plain_text

    # The steps run from the root of a checkout: give them one with the shipped content.
    shutil.copytree(SHIPPED_INTENTS, tmp_path / "bot" / "data" / "intents")
    text = section("Adding an intent")
    outputs = []
    new_intent = None
    for match in FENCE.finditer(text):
        language, body = match.groups()
        if language == "bash":
            result = run_bash(body, tmp_path)
            assert 0 == result.returncode, f"{body}\n{result.stdout}\n{result.stderr}"
            outputs.append(result.stdout)
        elif language == "yaml":
            before = text[: match.start()].rstrip().splitlines()[-1]
            saved = SAVE_AS.search(before)
            assert saved, f"the README must say where to save this YAML: {before!r}"
            (tmp_path / saved.group(1)).write_text(body, encoding="utf-8")
            [new_intent] = YAML(typ="safe").load(body)["intents"]
    assert new_intent is not None
    assert 2 == len(outputs)
    validated, asked = outputs[1].splitlines()[-2:]
    assert validated.startswith("OK: ")
    # The example is what an editor copies first: it should teach no warning to ignore.
    assert validated.endswith("; 0 warnings."), outputs[1]
    assert " ".join(to_plain_text(new_intent["answer"]).split()) == asked


def test_readme_is_short_with_the_set_up_commands_first() -> None:
    """Under 200 lines, with the install-and-run and the test commands in its first 30."""
    lines = README.splitlines()
    assert len(lines) < 200
    top = "\n".join(lines[:30])
    run = top.index("pip install -e . && k2bot run")
    test = top.index('pip install -e ".[test]" && pytest')
    assert run < test


def test_readme_and_docs_link_only_to_files_that_exist() -> None:
    """Every relative link in the README and docs/ points at a file in the repository."""
    pages = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    missing = [
        f"{page.name}: {target}"
        for page in pages
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8"))
        if not (page.parent / target).exists()
    ]
    assert [] == missing
