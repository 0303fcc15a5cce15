"""The built wheel works wherever it is installed: outside the checkout, from any folder.

The wheel is built from this checkout and installed, without dependencies, into a fresh
virtual environment in a temporary folder. The dependencies come from the test
environment's site-packages through a `.pth` line: such a line adds a folder to
`sys.path` without reading the `.pth` files inside it, so the editable install of the
checkout stays invisible and only the wheel's own `bot` package can answer.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
from collections.abc import Sequence
from pathlib import Path

import pytest

from builders import REPO

pytestmark = pytest.mark.slow


def _run(argv: Sequence[str | Path], *, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "INTENTS_", "MATCH_", "PYTHON", "VIRTUAL_ENV"))
    }
    return subprocess.run(
        [str(part) for part in argv],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture(name="installed", scope="module")
def _installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding the wheel built from this checkout; its bin/."""
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    # No build isolation: hatchling comes with the test extra, so no network is needed.
    built = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            dist,
            REPO,
        ],
        cwd=root,
    )
    assert 0 == built.returncode, built.stderr
    [wheel] = dist.glob("k2bot-*.whl")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    install = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            venv / "bin" / "python",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            wheel,
        ],
        cwd=root,
    )
    assert 0 == install.returncode, install.stderr
    site = _run(
        [
            venv / "bin" / "python",
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        cwd=root,
    ).stdout.strip()
    Path(site, "k2bot_test_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    return venv / "bin"


@pytest.fixture(name="elsewhere")
def _elsewhere(tmp_path: Path) -> Path:
    """A working folder far from the checkout."""
    assert not tmp_path.resolve().is_relative_to(REPO)
    return tmp_path


def test_the_wheel_is_what_runs(installed: Path, elsewhere: Path) -> None:
    """The installed package, not the checkout, is what Python imports."""
    result = _run([installed / "python", "-c", "import bot; print(bot.__file__)"], cwd=elsewhere)
    assert 0 == result.returncode, result.stderr
    assert Path(result.stdout.strip()).is_relative_to(installed.parent)


def test_the_wheel_answers_from_its_shipped_content(installed: Path, elsewhere: Path) -> None:
    """`k2bot ask "what is vitamin k2"` answers from the intents inside the package."""
    result = _run([installed / "k2bot", "ask", "--json", "what is vitamin k2"], cwd=elsewhere)
    assert 0 == result.returncode, result.stderr
    assert '"intent": "what_is_k2"' in result.stdout


def test_the_wheel_reads_its_shipped_word_vectors(installed: Path, elsewhere: Path) -> None:
    """A paraphrase is answered through the word vectors inside the package."""
    result = _run(
        [
            installed / "k2bot",
            "ask",
            "--json",
            "can someone explain in simple words what vit k2 is",
        ],
        cwd=elsewhere,
    )
    assert 0 == result.returncode, result.stderr
    assert '"intent": "what_is_k2"' in result.stdout


def test_the_wheel_validates_its_shipped_content(installed: Path, elsewhere: Path) -> None:
    """`k2bot validate` passes on the content shipped in the wheel."""
    result = _run([installed / "k2bot", "validate"], cwd=elsewhere)
    assert 0 == result.returncode, result.stdout + result.stderr
    assert re.match(r"OK: \d+ intents in \d+ files", result.stdout.splitlines()[-1])


def test_the_wheel_runs_as_python_dash_m_bot(installed: Path, elsewhere: Path) -> None:
    """`python -m bot ask hi` greets back."""
    result = _run([installed / "python", "-m", "bot", "ask", "hi"], cwd=elsewhere)
    assert 0 == result.returncode, result.stderr
    assert "Hello" in result.stdout


def test_the_wheel_evaluates_its_packaged_dev_set(installed: Path, elsewhere: Path) -> None:
    """`k2bot eval` without a file measures the dev set shipped in the package."""
    result = _run([installed / "k2bot", "eval", "--worst", "0"], cwd=elsewhere)
    assert 0 == result.returncode, result.stderr
    assert "Right answer, of the " in result.stdout


def test_the_wheel_without_a_token_shows_a_settings_template_that_exists(
    installed: Path, elsewhere: Path
) -> None:
    """`k2bot run` with no token, installed, names a template the copy command can copy.

    An installed package has no checkout beside it: "see .env.example" pointed at nothing.
    """
    result = _run([installed / "k2bot", "run"], cwd=elsewhere)
    assert 2 == result.returncode
    [copy] = [line.split() for line in result.stderr.splitlines() if "cp " in line]
    assert ["cp", ".env"] == [copy[0], copy[2]]
    copied = _run(copy, cwd=elsewhere)
    assert 0 == copied.returncode, copied.stderr
    template = (elsewhere / ".env").read_text(encoding="utf-8")
    assert "TELEGRAM_BOT_TOKEN=" in template
    assert "ADMIN_IDS=" in template
    assert ".env.example" not in result.stderr
