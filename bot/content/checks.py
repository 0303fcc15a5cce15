"""Checks across all the files of a folder, once each file has been read on its own.

Each check appends its problems, located at file:line from the lines the intents carry.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from bot.content.model import Intent, Kind, SourceDocument
from bot.content.problems import Problems
from bot.content.schema import DocumentRef, did_you_mean
from bot.errors import Problem
from bot.markup import to_plain_text

# The article is a few kilobytes; a path to something huge (or endless) is refused.
MAX_DOCUMENT_BYTES = 5_000_000
# "MK-7", "K _ 2" and "87%" all mean one figure each; join a letter prefix to its digits.
_FIGURE_JOINER = re.compile(
    r"(?<=[a-zA-Z])\s*[-_][\s_-]*(?=\d)|(?<=\b[A-Z])\s+(?=\d)|(?<=\b[A-Z]{2})\s+(?=\d)"
)
_FIGURE = re.compile(r"[a-z]*\d+(?:[.,]\d+)*%?")


def source_document(
    directory: Path,
    files: Sequence[Path],
    refs: Sequence[DocumentRef],
    *,
    any_unusable: bool,
    problems: Problems,
) -> SourceDocument | None:
    """The article named by exactly one `source_document:`, read from inside `directory`."""
    if not refs:
        if not any_unusable:  # else the broken file may name it; its error is enough
            problems.error(
                files[0] if files else directory,
                1 if files else 0,
                "no file names the article: add 'source_document: "
                "sources/<article>.txt' to one intent file",
            )
        return None
    first = refs[0]
    for other in refs[1:]:
        problems.error(
            other.path, other.line, f"source_document is already set at {first.path}:{first.line}"
        )
    path, line, ref = first.path, first.line, first.target
    folder = directory.resolve()
    target = (directory / ref).resolve()
    if not target.is_relative_to(folder):
        problems.error(
            path,
            line,
            f"the source document {ref!r} is outside the intents folder; "
            "keep the article inside it (e.g. sources/<article>.txt)",
        )
        return None
    try:
        if not target.is_file():
            raise FileNotFoundError(f"{ref} is not a file")
        size = target.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            problems.error(
                path,
                line,
                f"the source document {ref!r} is {size:,} bytes; "
                f"the limit is {MAX_DOCUMENT_BYTES:,}",
            )
            return None
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        problems.error(path, line, f"cannot read the source document {ref!r}: {reason}")
        return None
    return SourceDocument(target, text, first.titles)


# What editors' tools add to a name that is meant to be an intent file: Notepad's ".txt".
_INTENT_SUFFIXES = (".yaml", ".yml")


def files_not_read(directory: Path, read: Sequence[Path]) -> list[Problem]:
    """A warning for each file meant as intent YAML that the folder's reading skips.

    Only `*.yaml` and `*.yml` directly in the folder are read: `evidence.yaml.txt` (saved as
    text), `Evidence.YAML` and `drafts/evidence.yaml` would be skipped with validate saying
    OK, and their intents missing. Hidden files (editors' swap and lock files) are not.
    """
    warnings = []
    skipped = set(read)
    # The folder and its sub-folders one level down: where editors put files.
    candidates = [*directory.glob("*"), *directory.glob("*/*")]
    for path in sorted(candidates):
        name = path.name.lower()
        if path in skipped or any(p.startswith(".") for p in path.relative_to(directory).parts):
            continue
        if name.endswith(_INTENT_SUFFIXES):
            stem, suffix = path.stem, path.suffix.lower()
        elif name.endswith(tuple(f"{s}.txt" for s in _INTENT_SUFFIXES)):
            stem, suffix = Path(path.stem).stem, Path(path.stem).suffix.lower()
        else:
            continue
        if not path.is_file():
            continue
        if path.parent != directory:
            advice = f"intent files are read only in the folder itself: move it into {directory}"
        else:
            advice = f"rename it to {stem}{suffix}"
        warnings.append(Problem(path, 1, f"not read: {advice}", severity="warning"))
    return warnings


def unique_ids(intents: Sequence[Intent], problems: Problems) -> dict[str, Intent]:
    """The first intent of each id; every later one with the same id is an error."""
    seen: dict[str, Intent] = {}
    for intent in intents:
        if intent.id in seen:
            first = seen[intent.id]
            problems.error(
                intent.path,
                intent.line,
                f"duplicate intent id {intent.id!r} (first defined at {first.path}:{first.line})",
            )
        else:
            seen[intent.id] = intent
    return seen


def related_ids_exist(
    intents: Sequence[Intent],
    known: dict[str, Intent],
    problems: Problems,
    *,
    reported: Callable[[str], bool] = lambda intent_id: False,
) -> None:
    """Every `related` id names another intent.

    Args:
        intents: the intents whose `related` lists are checked.
        known: the intents by id.
        problems: where the problems found are appended.
        reported: whether a missing id may be an intent whose error is already reported
            (refused, or in a file that could not be read): not reported again.
    """
    for intent in intents:
        for index, ref in enumerate(intent.related):
            line = intent.related_line(index)
            if ref not in known and reported(ref):
                continue
            if ref not in known:
                problems.error(
                    intent.path,
                    line,
                    f"intent {intent.id!r}: related id {ref!r} does not exist"
                    + did_you_mean(ref, known),
                )
            elif ref == intent.id:
                problems.error(
                    intent.path,
                    line,
                    f"intent {intent.id!r}: an intent cannot be related to itself",
                )


def mistyped_language(language: str, recognised: Collection[str]) -> str | None:
    """The recognised code `language` was surely meant as ("ru" for "rus"), or None.

    Questions are told to be in a language by the detector and by Telegram's language
    setting, both of which say "ru", never "rus" (ISO 639-2): a code that is not recognised
    but holds a recognised one, as "rus", "eng" and "ukr" do, is that code mistyped. Any
    other unknown code may be a language being added, reached through Telegram's setting.
    """
    if language in recognised:
        return None
    close = difflib.get_close_matches(language, sorted(recognised), n=1, cutoff=0.6)
    return close[0] if close else None


def translations_recognised(
    intents: Sequence[Intent], recognised: Collection[str]
) -> list[Problem]:
    """A warning at each translation under a mistyped language code (`mistyped_language`).

    Its answers would never be given: no question is ever told to be in "rus".

    Args:
        intents: the intents whose translations are checked.
        recognised: the languages questions are told to be in (`messages.recognised_languages`).
    """
    warnings = []
    for intent in intents:
        for translation in intent.translations:
            meant = mistyped_language(translation.language, recognised)
            if meant is None:
                continue
            warnings.append(
                Problem(
                    intent.path,
                    translation.answer_line or intent.line,
                    f"intent {intent.id!r}: no question is ever recognised as "
                    f"{translation.language!r}, so this translation is never given "
                    f"(did you mean {meant!r}?)",
                    severity="warning",
                )
            )
    return warnings


def sources_are_quoted(
    intents: Sequence[Intent], document: SourceDocument, problems: Problems
) -> None:
    """Check that cited passages are verbatim, answers' figures cited, their quotes real.

    Every cited passage is in the article verbatim, every figure an article answer states
    is in one of its cited passages, and words an article answer puts in quotation marks
    are the article's own.
    """
    article_words = _comparable(document.text)
    for intent in intents:
        for index, passage in enumerate(intent.source):
            if passage not in document.text:
                problems.error(
                    intent.path,
                    intent.source_line(index),
                    f"intent {intent.id!r}: source passage not found "
                    f"verbatim in {document.path.name}: "
                    f"{_where_it_differs(passage, document.text)}",
                )
        if intent.kind is Kind.ARTICLE:
            cited = _figures_of(" ".join(intent.source))
            answers = [("", intent.answer, intent.answer_line)] + [
                (f" in {t.language!r}", t.answer, t.answer_line or intent.answer_line)
                for t in intent.translations
                if t.answer
            ]
            for language, answer, line in answers:
                for figure in sorted(_figures_of(to_plain_text(answer)) - cited):
                    problems.error(
                        intent.path,
                        line,
                        f"intent {intent.id!r}: the answer{language} says "
                        f"{figure!r} but none of its cited passages does; check the figure "
                        "or cite the passage it comes from",
                    )
            # Only the English answer: a translation quotes renderings of the article's words.
            for quoted in _quotations(to_plain_text(intent.answer)):
                if _comparable(quoted) not in article_words:
                    problems.error(
                        intent.path,
                        intent.answer_line,
                        f"intent {intent.id!r}: the answer quotes {_preview(quoted)!r}, which "
                        f"is not in {document.path.name}; quote the article word for word, "
                        "or drop the quotation marks",
                    )
            # A translation must keep every figure of the answer it translates.
            for found in intent.translations:
                if not found.answer:
                    continue
                missing = _figures_of(to_plain_text(intent.answer)) - _figures_of(
                    to_plain_text(found.answer)
                )
                for figure in sorted(missing):
                    problems.error(
                        intent.path,
                        found.answer_line or intent.answer_line,
                        f"intent {intent.id!r}: the answer in {found.language!r} leaves out "
                        f"{figure!r}, which the English answer states; a translation keeps "
                        "every figure as written",
                    )
            renderings_keep_figures(intent, problems)


def renderings_keep_figures(intent: Intent, problems: Problems) -> None:
    """Each translated source passage states exactly the figures of its English passage.

    A rendering is shown beside the article's words as their translation, so a figure it
    adds, drops or changes ("78%" for "87%", "K2" in Cyrillic letters) misquotes the
    article. Pairs are by position; the schema has already checked the counts match.
    """
    for found in intent.translations:
        for index, (passage, rendering) in enumerate(
            zip(intent.source, found.source, strict=False), start=1
        ):
            english, translated = _figures_of(passage), _figures_of(rendering)
            line = found.answer_line or intent.source_line(index - 1)
            for figure, says in [(f, "adds") for f in sorted(translated - english)] + [
                (f, "leaves out") for f in sorted(english - translated)
            ]:
                problems.error(
                    intent.path,
                    line,
                    f"intent {intent.id!r}: the {found.language!r} rendering of source "
                    f"passage {index} {says} {figure!r}; a rendering keeps exactly the "
                    "figures of the English passage, written as the article writes them",
                )


def patterns_are_not_shared(
    intents: Sequence[Intent],
    synonyms: dict[str, tuple[str, ...]],
    problems: Problems,
    *,
    normalized: Sequence[Sequence[str]] | None = None,
) -> None:
    """The same question (after normalisation) under two intents can only match one.

    Args:
        intents: the intents to check.
        synonyms: the synonym table the patterns are normalised with.
        problems: where a shared pattern is reported, at its line.
        normalized: per intent, its patterns already normalised with `synonyms` (the
            content cache keeps them); None normalises them here.
    """
    if normalized is None:
        from bot.text import Normalizer  # the text layer is only needed for this check

        normalize = Normalizer(synonyms).normalize
        normalized = [[normalize(p) for p in intent.patterns] for intent in intents]
    owner: dict[str, tuple[Intent, int]] = {}
    for intent, keys in zip(intents, normalized, strict=True):
        for index, key in enumerate(keys):
            first, first_index = owner.setdefault(key, (intent, index))
            if first.id != intent.id:
                pattern = intent.patterns[index]
                problems.error(
                    intent.path,
                    intent.pattern_line(index),
                    f"pattern {pattern!r} of {intent.id!r} is also a "
                    f"pattern of {first.id!r} ({first.path}:{first.pattern_line(first_index)}); a "
                    "question can only have one answer",
                )


def figures(text: str) -> set[str]:
    """The figures in `text` (87%, MK-7, D3, K2), in one comparable form."""
    return set(_FIGURE.findall(_FIGURE_JOINER.sub("", text).lower()))


@functools.lru_cache(maxsize=65_536)
def _figures_of(text: str) -> frozenset[str]:
    # A reload checks every intent again; the answers of unchanged intents are the same
    # text, so their figures are remembered (0.4 s at 8,000 article intents).
    return frozenset(figures(text))


# Text in double quotation marks, straight, curly or angled; an ellipsis inside marks a cut,
# so each side of it is quoted on its own. Single quotes are apostrophes too often to count.
_QUOTATION = re.compile(r'"([^"]+)"|“([^”]+)”|«([^»]+)»')
_CUT = re.compile(r"\s*(?:…|\.\.\.|\[…\])\s*")


def _quotations(text: str) -> list[str]:
    """The stretches of `text` it presents as quoted, split at ellipses."""
    found: list[str] = []
    for match in _QUOTATION.finditer(text):
        quoted = next(group for group in match.groups() if group)
        found.extend(part for part in _CUT.split(quoted) if part.strip(" .,;:!?"))
    return found


def _comparable(text: str) -> str:
    """`text` as a quotation is compared: case, spacing and apostrophes' shapes aside.

    Punctuation at either end is the answer's own (`calls it "a dual guarantee."`), so it
    is left out too.
    """
    return " ".join(text.replace("’", "'").split()).casefold().strip(" .,;:!?")


# How much of a misquoted passage's agreeing words to show before the first that differs,
# and how much of each side after it; and how much must agree to call it a misquote.
_AGREED_SHOWN = 30
_DIFFERING_SHOWN = 20
_MIN_AGREED = 12


def _where_it_differs(passage: str, article: str) -> str:
    """The passage beside the article at the first character where they part.

    For "…bone and tissues, and" against the article's "…bone and tissue, and": the
    longest beginning of the passage that the article holds is found (a beginning found
    means every shorter one is, so a binary search), then both go on from there. A passage
    whose beginning is not in the article at all is shown as its start.
    """
    low, high = 0, len(passage)
    while low < high:
        middle = (low + high + 1) // 2
        if passage[:middle] in article:
            low = middle
        else:
            high = middle - 1
    if low < _MIN_AGREED:
        return f"{_preview(passage)!r} (its beginning is not in the article)"
    agreed = passage[:low]
    start = article.index(agreed) + low
    before = agreed
    if low > _AGREED_SHOWN:  # from a word's start, not the middle of one
        tail = agreed[-_AGREED_SHOWN:]
        before = "…" + (tail.split(" ", 1)[1] if " " in tail[:-1] else tail)
    quoted = before + passage[low : low + _DIFFERING_SHOWN]
    original = before + article[start : start + _DIFFERING_SHOWN]
    return f"the passage has {quoted!r} where the article has {original!r}"


def _preview(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
