"""What a Russian user sees around the answers (issue 14): the source view with its Russian
rendering, the quote under an answer, buttons, `ask --explain`, and every reply of the
Telegram bot, walked through the fake Bot API."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.checks import figures
from bot.intents import Content, Kind, check_content
from builders import intent_folder

RENDERED = """\
source_document: sources/vitamin-k2-article.txt
intents:
  - id: fracture_risk
    kind: article
    title: Does K2 lower fracture risk?
    patterns: [does k2 lower fracture risk]
    answer: The article says MK-7 can reduce fracture risk by 87%.
    source:
      - "Supplementation of MK-7 can increase bone mineral density and reduce fracture risk by 87%."
    translations:
      ru:
        patterns: [снижает ли к2 риск переломов]
        answer: В статье сказано, что MK-7 может снизить риск переломов на 87%.
        source:
          - "{rendering}"
"""
FAITHFUL = "Приём MK-7 может повышать минеральную плотность костей и снижать риск переломов на 87%."


# -- 1. every article intent's source view has a Russian rendering ---------------------------


def test_every_article_passage_has_a_russian_rendering_with_its_figures(content: Content) -> None:
    """Each English passage of each article intent is rendered in Russian, figure for figure."""
    for intent in content.of_kind(Kind.ARTICLE):
        rendered = intent.source_in("ru")
        assert len(rendered) == len(intent.source) > 0, intent.id
        for passage, rendering in zip(intent.source, rendered, strict=True):
            assert figures(rendering) == figures(passage), (intent.id, rendering)
            assert sum("а" <= c.lower() <= "я" for c in rendering) > len(rendering) / 3


@pytest.mark.parametrize(
    ("rendering", "says"),
    [
        (FAITHFUL.replace("87%", "78%"), "adds '78%'"),  # a changed figure
        (FAITHFUL.replace(" на 87%", ""), "leaves out '87%'"),
        (FAITHFUL.replace("MK-7", "MK-4"), "adds 'mk4'"),
        (FAITHFUL.replace("MK-7", "МК-7"), "leaves out 'mk7'"),  # Cyrillic letters: not MK-7
    ],
    ids=["changed", "dropped", "other form", "cyrillic letters"],
)
def test_a_rendering_that_changes_a_figure_is_an_error(
    tmp_path: Path, rendering: str, says: str
) -> None:
    """`validate` holds a rendering to the figures of its English passage, at its line."""
    folder = intent_folder(tmp_path, {"main.yaml": RENDERED.format(rendering=rendering)})
    _, problems = check_content(folder)
    errors = [str(p) for p in problems if p.severity == "error"]
    assert any("'ru' rendering of source passage 1" in e and says in e for e in errors), errors


def test_a_faithful_rendering_passes(tmp_path: Path) -> None:
    folder = intent_folder(tmp_path, {"main.yaml": RENDERED.format(rendering=FAITHFUL)})
    _, problems = check_content(folder)
    assert [str(p) for p in problems] == []
