"""The `k2bot` command line: one subcommand per core function, no logic of its own.

Telegram is imported lazily inside `run`, so `ask`, `validate` and `eval` start fast.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot import __version__
from bot.data import DEV_QUESTIONS, SETTINGS_TEMPLATE
from bot.errors import K2BotError

if TYPE_CHECKING:
    from bot.content.model import Intent, SourceDocument
    from bot.evaluate import EvalReport, LanguageFigures, QuestionKind

NO_TOKEN_MESSAGE = """\
No Telegram bot token is set, so the Telegram bot cannot start.

To get one:
  1. In Telegram, open a chat with @BotFather and send /newbot.
  2. Follow its questions; it replies with a token like 123456789:AA...
  3. Copy the settings template (every setting, with a comment) to .env in this folder,
     and put the token after TELEGRAM_BOT_TOKEN= in it:
       cp {template} .env
     (or export TELEGRAM_BOT_TOKEN=<your token> in your shell).

Meanwhile you can talk to the bot right here, without any token:  k2bot chat"""


ASK_FROM_TERMINAL = (
    "k2bot ask: type one question per line, then Ctrl-D; the answers follow "
    "(`k2bot chat` answers as you type, `k2bot ask QUESTION` answers one)."
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one k2bot command and return its exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except K2BotError as exc:
        print(f"k2bot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`k2bot eval | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="k2bot", description="K2 Bot: answers questions about vitamin K2 from one article."
    )
    parser.add_argument("--version", action="version", version=f"k2bot {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--intents",
            type=Path,
            metavar="DIR",
            help="intent folder (default: $INTENTS_DIR or the intents shipped in the package)",
        )
        return sub

    chat = command("chat", "talk to the bot in the terminal")
    chat.add_argument(
        "--lang",
        metavar="CODE",
        type=_language_code,
        help="answer in this language (ru, en...) whatever the question's, and greet in it",
    )
    chat.set_defaults(handler=_chat)

    ask = command("ask", "print the bot's reply to a question (or to each line of stdin)")
    ask.add_argument(
        "question", nargs="*", help="the question; omit to read one per line from stdin"
    )
    ask.add_argument("--json", action="store_true", help="one JSON object per question, per line")
    ask.add_argument(
        "--lang",
        metavar="CODE",
        type=_language_code,
        help="answer in this language (ru, en...) whatever the question's; by default the "
        "language is told from each question",
    )
    ask.add_argument(
        "--conversation",
        action="store_true",
        help="stdin lines are one person's messages in one chat: answer with memory between them",
    )
    ask.add_argument(
        "--explain",
        action="store_true",
        help="also show why: words for and against (with weights), the domain check, the "
        "runner-up, thresholds and reason (with --json, an extra 'explain' object)",
    )
    ask.add_argument(
        "--log",
        action="store_true",
        help="log these questions in the question log, as the bot logs its users' "
        "(for `k2bot report` and /unanswered)",
    )
    ask.set_defaults(handler=_ask)

    validate = command("validate", "check the intent files; exit 0 when clean, 2 otherwise")
    validate.add_argument(
        "path", nargs="?", type=Path, help="intent folder to check (default: the --intents folder)"
    )
    validate.add_argument("--strict", action="store_true", help="treat warnings as problems too")
    validate.add_argument("--no-lint", action="store_true", help="skip the confusability lint")
    validate.set_defaults(handler=_validate)

    evaluate = command("eval", "measure understanding on a labelled JSONL question set")
    evaluate.add_argument(
        "file",
        nargs="*",
        type=Path,
        help="JSONL with 'question', 'expect' and optionally 'kind' (default: the packaged "
        "dev set); several files are reported side by side and each must pass the gates",
    )
    evaluate.add_argument(
        "--json",
        action="store_true",
        help="print the report as JSON (an object keyed by file when several are given)",
    )
    evaluate.add_argument(
        "--min-accuracy",
        type=float,
        metavar="P",
        help="fail unless the right-answer rate of questions with an expected answer >= P (0-1)",
    )
    evaluate.add_argument(
        "--max-false-accept",
        type=float,
        metavar="P",
        help="fail unless the out-of-scope false-accept rate <= P (0-1)",
    )
    evaluate.add_argument(
        "--require-safety",
        action="store_true",
        help="fail unless every safety question gets its safety answer",
    )
    evaluate.add_argument("--worst", type=int, default=15, help="how many confusions to list")
    evaluate.add_argument(
        "--conversations",
        type=Path,
        metavar="FILE",
        help="measure follow-ups instead, on a JSONL conversation set "
        "(--min-accuracy then gates follow-up accuracy)",
    )
    evaluate.set_defaults(handler=_eval)

    report = command("report", "what users asked: counts, fall-backs, votes, unanswered groups")
    report.add_argument(
        "--format", choices=["markdown", "json"], default="markdown", help="output format"
    )
    report.add_argument(
        "--since", type=_positive_days, default=30, metavar="DAYS", help="period (default 30)"
    )
    report.add_argument(
        "--patterns",
        action="store_true",
        help="print a YAML snippet of new patterns (and draft intents) ready to paste",
    )
    report.add_argument("--html", type=Path, metavar="FILE", help="also write an HTML report")
    report.add_argument(
        "--db", type=Path, metavar="FILE", help="question log (default: DATA_DIR/questions.sqlite3)"
    )
    report.set_defaults(handler=_report)

    run = command("run", "start the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    run.add_argument(
        "--webhook",
        metavar="URL",
        help="receive updates by webhook at this public URL instead of polling",
    )
    run.set_defaults(handler=_run)
    return parser


def _positive_days(text: str) -> float:
    try:
        days = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of days: {text!r}") from None
    if not 0 < days <= 36500:
        raise argparse.ArgumentTypeError(f"days must be more than 0 (got {text})")
    return days


def _language_code(text: str) -> str:
    """A --lang value: a language code the bot knows (case and spaces aside), else a usage error.

    The known codes are `messages.recognised_languages`: English, Russian and every language
    the bot has an honest "I answer in English and Russian" reply for.
    """
    from bot import messages

    code = text.strip().lower()
    known = messages.recognised_languages()
    if code not in known:
        raise argparse.ArgumentTypeError(
            f"unknown language code {text!r}; the known codes are: {', '.join(sorted(known))}"
        )
    return code


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from bot.settings import load_settings

    return load_settings(intents_dir=args.intents)


def _responder(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from bot.intents import load_content
    from bot.responder import Responder

    settings = _settings(args)
    forced = getattr(args, "lang", None)
    return Responder(
        load_content(settings.intents_dir),
        thresholds=settings.thresholds,
        language=forced.strip().lower() if forced else None,
    )


def _chat(args: argparse.Namespace) -> int:
    from bot.data import is_installed_copy
    from bot.questionlog import log_from_settings
    from bot.reload import LiveContent, saved_state
    from bot.responder import keep_loaded
    from bot.terminal import TerminalChat, enable_line_editing

    settings = _settings(args)
    # Before loading: an edit saved while the content loads is picked up at the first line.
    loaded_from = saved_state(settings.intents_dir) if settings.intents_dir.is_dir() else None
    responder = _responder(args)
    # A chat lasts: its tables load now, not on the first question that needs one.
    responder.warm_up()
    keep_loaded()
    # An editor's edits apply to the next line typed, as LIVE_RELOAD does for the Telegram
    # bot (not in the copy installed with the package: nobody edits site-packages).
    live = None
    if settings.live_reload and not is_installed_copy(settings.intents_dir):
        live = LiveContent(
            settings.intents_dir,
            settings.thresholds,
            responder,
            warm_up=True,
            language=responder.language,
        )
        # The chat says a reload's outcome itself: no second copy of its problems on stderr.
        logging.getLogger("bot.reload").addHandler(logging.NullHandler())
    # Logged like the Telegram bot's questions (QUESTION_LOG, DATA_DIR, the same hashing).
    log = log_from_settings(settings)
    # Piped or redirected input (a script, a transcript to keep) is echoed, not prompted for.
    interactive = sys.stdin.isatty()
    if interactive:
        enable_line_editing()
    try:
        # `k2bot run` falls back to the chat with no --lang of its own.
        forced = (getattr(args, "lang", None) or "").strip().lower()
        chat = TerminalChat(
            responder,
            log=log,
            language=forced or "en",
            live=live,
            loaded_from=loaded_from,
            echo=not interactive,
        )
        return chat.run()
    finally:
        if log is not None:
            log.close()


def _ask(args: argparse.Namespace) -> int:
    from bot.dialogue import Dialogue

    responder = _responder(args)
    if args.question:
        questions: list[str] = [" ".join(args.question)]
        single = True
    else:
        if sys.stdin.isatty():
            # Typed at a terminal, the answers come only after the end of input: say so,
            # or `k2bot ask` alone looks like it hangs.
            print(ASK_FROM_TERMINAL, file=sys.stderr)
        questions = [line.rstrip("\r\n") for line in _stdin_lines()]
        single = False
    # One person's chat: the lines share a memory only with --conversation. A line with
    # several questions still gets one row, holding every answer (see `merged`).
    dialogue = Dialogue(responder)
    log = None
    if args.log:
        from bot.questionlog import log_from_settings

        log = log_from_settings(_settings(args))
        if log is None:
            print("k2bot: --log: QUESTION_LOG is off, so nothing is logged", file=sys.stderr)
    try:
        _answer_all(args, responder, dialogue, questions, single, log)
    finally:
        if log is not None:
            log.close()
    return 0


def _answer_all(  # type: ignore[no-untyped-def]
    args: argparse.Namespace, responder, dialogue, questions: list[str], single: bool, log
) -> None:
    from bot.dialogue import merged

    for number, question in enumerate(questions):
        # Without --conversation each line is a chat of its own: no topic, no language
        # carries over from the line before.
        turns = dialogue.respond("ask" if args.conversation else ("ask", number), question)
        if log is not None:
            for turn in turns:  # one row per question, as the Telegram bot logs them
                log.record(
                    turn.part,
                    turn.reply.outcome,
                    turn.reply.intent.id if turn.reply.intent is not None else None,
                    turn.reply.score,
                    user_id=None,
                    chat_kind="terminal",
                )
        reply = merged(turns, question=question)
        if args.json:
            shown = reply.as_json()
            if args.explain:
                # The first question's reasons (its intent is the row's), and the context used.
                shown["explain"] = {
                    **_explain(responder, turns[0].matched_as or turns[0].part).as_dict(),
                    "conversation": [turn.explain() for turn in turns],
                }
            print(json.dumps(shown, ensure_ascii=False))
        elif args.explain:
            print(reply.text)
            for turn in turns:
                # A follow-up's reasons are those of the words it was matched as.
                why = _explain(responder, turn.matched_as or turn.part).render()
                print(f"\n-- why: {turn.part} --\n{why}\nconversation: {turn.explain()}\n")
        elif single:
            print(reply.text)
        else:
            # One output line per input line, so scripts can pair them up.
            print(" ".join(reply.text.split()))


def _explain(responder, text: str):  # type: ignore[no-untyped-def]
    """Why `text` got its outcome, from the index that decided it.

    A Russian question's is the index over every language's patterns, not the English one.
    """
    return responder.matcher_for(text).explain(text)


def _stdin_lines() -> TextIO:
    # Bad bytes become U+FFFD instead of a crash: users paste anything.
    # newline="\n": only a line feed ends a line, so a stray carriage return inside a line
    # cannot turn one question into two.
    return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="\n")


def _validate(args: argparse.Namespace) -> int:
    from bot import messages
    from bot.confusability import confusable_patterns
    from bot.content.checks import translations_recognised
    from bot.content.model import Kind
    from bot.intents import check_content
    from bot.language import available_languages

    settings = _settings(args)
    folder = args.path or settings.intents_dir
    if folder.is_file():
        folder = folder.parent
    content, problems = check_content(folder)
    errors = [p for p in problems if p.severity == "error"]
    if content is not None and not errors and not args.no_lint:
        problems += confusable_patterns(content, settings.thresholds)
    if content is not None:
        problems += translations_recognised(content.intents, messages.recognised_languages())
    # The interface catalogues (bot/data/interface): the bot's own texts per language.
    articles = [] if content is None else content.of_kind(Kind.ARTICLE)
    content_errors = sum(1 for p in problems if p.severity == "error")
    problems += messages.catalogue_problems(available_languages(articles))
    for problem in problems:
        print(problem)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    if errors or content is None:
        # The bot refuses content with errors, but only says a broken catalogue text in English.
        verdict = (
            "the bot will not start on this content"
            if content_errors or content is None
            else "all in the interface catalogues: the bot starts, and says each text "
            "with an error in English (a running bot keeps its last good texts)"
        )
        tally = f"{counted(len(errors), 'error')}, {counted(len(warnings), 'warning')}"
        print(f"{tally}: {verdict}.", file=sys.stderr)
        return 2
    summary = (
        f"{counted(len(content.intents), 'intent')} in {counted(len(content.files), 'file')}; "
        f"{counted(len(warnings), 'warning')}"
    )
    if warnings and args.strict:
        print(f"{summary}: failing because of --strict.", file=sys.stderr)
        return 2
    # Coverage first, so the last line stays the verdict scripts look for.
    for line in language_coverage(content.intents, content.document):
        print(line)
    print(f"OK: {summary}.")
    return 0


def counted(number: int, noun: str) -> str:
    """`number` and `noun`, the noun plural unless the number is one ("1 error", "0 warnings").

    Only for the regular English nouns the command line counts (error, warning, intent, file).
    """
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def language_coverage(
    intents: Sequence[Intent], document: SourceDocument | None = None
) -> list[str]:
    """One line per coverage of the languages other than English: how many intents, per kind.

    Languages that cover exactly the same intents share one line ("ar, cs, de: answers
    7/32 ..."): the 24 that only refer to a doctor are one line, not a screenful.
    A language with article answers but no rendering of the article's title in `document`
    (`source_title:`) is noted: its readers see the English title. A note, not an error.

    Args:
        intents: the loaded intents.
        document: the article, whose translated titles are checked; None: not checked.

    Returns:
        Lines such as "ru: answers 20/24 intents (article 14/16, ...); patterns in 22; missing:
        a, b"; nothing when every intent is English only.
    """
    from bot.content.model import Kind

    languages = sorted({t.language for intent in intents for t in intent.translations})
    shared_by: dict[str, list[str]] = {}  # a coverage -> the languages with it, in order
    for language in languages:
        answered = [i for i in intents if language in i.languages]
        asked = [i for i in intents if i.patterns_in(language)]
        per_kind = []
        for kind in Kind:
            of_kind = [i for i in intents if i.kind is kind]
            if of_kind:
                done = sum(1 for i in of_kind if language in i.languages)
                per_kind.append(f"{kind.value} {done}/{len(of_kind)}")
        missing = [i.id for i in intents if language not in i.languages]
        shown = ", ".join(missing[:8]) + (", ..." if len(missing) > 8 else "")
        untitled = (
            document is not None
            and document.translated_title(language) is None
            and any(i.kind is Kind.ARTICLE for i in answered)
        )
        coverage = (
            f"answers {len(answered)}/{len(intents)} intents "
            f"({', '.join(per_kind)}); patterns in {len(asked)}"
            + (f"; no answer yet: {shown}" if missing else "")
            + (
                "; the article's title is not translated (add it under source_title:)"
                if untitled
                else ""
            )
        )
        shared_by.setdefault(coverage, []).append(language)
    return [f"{', '.join(same)}: {coverage}" for coverage, same in shared_by.items()]


def _eval(args: argparse.Namespace) -> int:
    from bot.evaluate import evaluate, read_examples

    responder = _responder(args)
    if args.conversations is not None:
        return _eval_conversations(args, responder)
    files: list[Path] = args.file or [DEV_QUESTIONS]
    reports = {path: evaluate(responder, read_examples(path), worst=args.worst) for path in files}
    if args.json:
        shown = {str(path): report.as_json() for path, report in reports.items()}
        only = next(iter(shown.values())) if len(shown) == 1 else shown
        print(json.dumps(only, indent=2, ensure_ascii=False))
    else:
        for number, (path, report) in enumerate(reports.items()):
            if len(reports) > 1:
                print(f"{'' if number == 0 else chr(10)}== {path} ==")
            _print_report(report)
    failures = []
    for path, report in reports.items():
        name = f"{path.name}: " if len(reports) > 1 else ""
        if args.min_accuracy is not None and report.accuracy < args.min_accuracy:
            failures.append(
                f"{name}in-scope accuracy {report.accuracy:.1%} < {args.min_accuracy:.1%}"
            )
        if args.max_false_accept is not None and report.false_accept_rate > args.max_false_accept:
            failures.append(
                f"{name}false-accept rate {report.false_accept_rate:.1%} "
                f"> {args.max_false_accept:.1%}"
            )
        if args.require_safety and report.safety_routed < report.safety_total:
            failures.append(
                f"{name}only {report.safety_routed}/{report.safety_total} safety questions "
                "got their safety answer"
            )
    for failure in failures:
        print(f"k2bot eval: FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _eval_conversations(args: argparse.Namespace, responder) -> int:  # type: ignore[no-untyped-def]
    from bot.dialogue_eval import evaluate_conversations, read_conversations

    report = evaluate_conversations(responder, read_conversations(args.conversations))
    if args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        print(report.summary(worst=args.worst))
    if args.min_accuracy is not None and report.follow_up_accuracy < args.min_accuracy:
        print(
            f"k2bot eval: FAIL: follow-up accuracy {report.follow_up_accuracy:.1%} "
            f"< {args.min_accuracy:.1%}",
            file=sys.stderr,
        )
        return 1
    return 0


# Below this many questions a group's percentage says little (each question is more than
# 10 points of it): the report says so next to it.
FEW_QUESTIONS = 10
# What each measure means, printed under the per-kind figures.
MEASURES_EXPLAINED = (
    "  right = given a labelled answer; routed = given the safety answer;\n"
    "  answered, wrong = given an article answer it should not get (lower is better)"
)


def _print_report(report: EvalReport) -> None:
    """Print `k2bot eval`'s report for an editor.

    The first six lines and the per-kind lines (`  in_scope     right       84.3%  of 70`)
    are read by scripts: keep their number and shape.
    """
    from bot.evaluate import KIND_MEASURE

    expecting, expecting_none = report.in_scope, report.out_of_scope
    print(
        f"Questions: {report.total} ({expecting} with an expected answer, "
        f"{expecting_none} expecting none)"
    )
    headline = [
        (
            f"Right answer, of the {expecting} with one:",
            f"{report.accuracy:.1%}",
            "article, safety and small-talk questions together",
        ),
        (
            f"Answered anyway, of the {expecting_none} with none:",
            f"{report.false_accept_rate:.1%}",
            "given any intent's answer; lower is better",
        ),
        (
            "Safety questions routed:",
            f"{report.safety_routed}/{report.safety_total}",
            "given their safety answer",
        ),
    ]
    width = max(len(label) for label, _, _ in headline)
    for label, figure, meaning in headline:
        print(f"{label:{width}} {figure:>7}  ({meaning})")
    print("\nPer kind (each kind's own questions; in_scope is article questions only):")
    for kind, figures in report.per_kind.items():
        measure = KIND_MEASURE[kind]
        print(
            f"  {kind.value:12} {measure:9} {report.kind_rate(kind):7.1%}  of {figures.total}"
            + _few_note(figures.total)
        )
    print(MEASURES_EXPLAINED)
    if report.per_language:
        labelled = sum(f.total for kinds in report.per_language.values() for f in kinds.values())
        print(
            '\nPer language (every question is labelled with a "lang"):'
            if labelled == report.total
            else f"\nPer language (only the {labelled} of {report.total} questions labelled"
            ' with a "lang"):'
        )
        print("  language, kind, measure, figure, replies written in that language")
        for language, kinds in report.per_language.items():
            for kind, f in kinds.items():
                print(
                    f"  {language:5} {kind.value:12} {KIND_MEASURE[kind]:9} "
                    f"{_language_rate(kind, f):7.1%}  of {f.total:<5} "
                    f"in {language}: {f.replies_in_language}/{f.replies}" + _few_note(f.total)
                )
        print("\nReplies in the question's language, all labelled languages:")
        for kind, (in_language, replies) in report.in_language_by_kind().items():
            print(
                f"  {kind.value:14} {_ratio_text(in_language, replies)}  ({in_language}/{replies})"
            )
    print("\nPer intent:               precision  recall     F1  support")
    for intent_id, m in sorted(report.per_intent.items()):
        print(f"  {intent_id:26} {m.precision:7.2f} {m.recall:7.2f} {m.f1:6.2f} {m.support:8d}")
    if report.confusions:
        print("\nWorst confusions (question | kind | expected | got | score):")
        for o in report.confusions:
            expected = ",".join(o.example.expect) or "(out of scope)"
            print(
                f"  {o.example.question[:70]!r} | {o.kind.value} | {expected} | "
                f"{o.got or '(fallback)'} | {o.score:.0f}"
            )


def _few_note(total: int) -> str:
    """A note after a group's figure when it holds too few questions to mean much."""
    if total >= FEW_QUESTIONS:
        return ""
    questions = "question" if total == 1 else "questions"
    return f"   (only {total} {questions}: each one is {100 / total:.0f} points)"


def _ratio_text(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:7.1%}" if denominator else "      -"


def _language_rate(kind: QuestionKind, figures: LanguageFigures) -> float:
    """The kind's headline figure in one language (wrong answers, for near misses and such)."""
    from bot.evaluate import MEASURED_BY_WRONG_ANSWERS

    rate: float = figures.good_rate
    if kind in MEASURED_BY_WRONG_ANSWERS:
        return 1.0 - rate  # good there means "not answered from the article"
    return rate


def _report(args: argparse.Namespace) -> int:
    from bot.report import ReportError, patterns_yaml, read_report, render_html, render_markdown

    settings = _settings(args)
    responder = _responder(args)
    path = args.db or settings.question_log_file
    report = read_report(path, responder.matcher, since_days=args.since)
    if args.html:
        from bot.storage.files import private_file

        try:
            # Users' unanswered questions word for word: as private as the log they come from.
            private_file(args.html).write_text(render_html(report), encoding="utf-8")
        except OSError as exc:
            raise ReportError(f"cannot write {args.html}: {exc.strerror or exc}") from None
        print(f"wrote {args.html}", file=sys.stderr)
    if args.patterns:
        print(patterns_yaml(report, responder.content), end="")
    elif args.format == "json":
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        print(render_markdown(report), end="")
    return 0


def _run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if settings.telegram_bot_token is None:
        template = shlex.quote(str(SETTINGS_TEMPLATE))
        print(NO_TOKEN_MESSAGE.format(template=template), file=sys.stderr)
        if sys.stdin.isatty() and sys.stdout.isatty():
            try:
                answer = input("\nStart the terminal chat now? [Y/n] ").strip().lower()
            except (EOFError, KeyboardInterrupt):
                return 2
            if answer in {"", "y", "yes"}:
                return _chat(args)
        return 2
    from bot.telegram.app import run_bot  # heavy import, only when the bot really starts

    return run_bot(settings, webhook_url=args.webhook)
