"""The question log on real SQLite files: what is stored, privacy, votes, and storage failures."""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.matching import Outcome
from bot.privacy import load_or_create_salt
from bot.questionlog import QuestionLog, Vote

SALT = b"test-salt"
ALICE, BOB = 111, 222


@pytest.fixture(name="log_path")
def _log_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "k2bot.sqlite3"


@pytest.fixture(name="log")
def _log(log_path: Path) -> Iterator[QuestionLog]:
    log = QuestionLog(log_path, salt=SALT, batch_seconds=0.01)
    yield log
    log.close()


def ask(
    log: QuestionLog, question: str, user: int = ALICE, intent: str | None = "what_is_k2"
) -> str:
    outcome = Outcome.ANSWER if intent else Outcome.FALLBACK
    ref = log.record(question, outcome, intent, 80.0, user_id=user, chat_kind="private")
    assert ref is not None
    return ref


def rows(
    path: Path, sql: str = "SELECT * FROM questions", *, immutable: bool = False
) -> list[sqlite3.Row]:
    # A WAL database on a read-only disk opens only as immutable.
    db = (
        sqlite3.connect(f"file:{path}?immutable=1", uri=True)
        if immutable
        else sqlite3.connect(path)
    )
    db.row_factory = sqlite3.Row
    try:
        return list(db.execute(sql))
    finally:
        db.close()


def test_a_question_is_stored_with_its_outcome_and_a_hashed_user(
    log: QuestionLog, log_path: Path
) -> None:
    """Each question keeps its outcome, intent, score and time; the user id itself is never stored."""
    before = time.time()
    ask(log, "what is k2")
    ask(log, "bank fees", intent=None)
    assert 0 == log.flush().result(5)

    stored = rows(log_path)
    assert ["what is k2", "bank fees"] == [r["question"] for r in stored]
    assert ["answered", "fell_back"] == [r["outcome"] for r in stored]
    assert ["what_is_k2", None] == [r["intent"] for r in stored]
    assert before <= stored[0]["asked_at"] <= time.time()
    assert log.user_key(ALICE) == stored[0]["user_hash"]
    assert str(ALICE) not in stored[0]["user_hash"]
    assert log.user_key(ALICE) != QuestionLog(
        log_path.parent / "other.sqlite3", salt=b"x"
    ).user_key(ALICE)
    assert "wal" == rows(log_path, "PRAGMA journal_mode")[0][0]


def test_the_salt_is_created_once_beside_the_database_readable_by_its_owner_only(
    tmp_path: Path,
) -> None:
    """The salt lives outside the database and is the same on every start."""
    path = tmp_path / "k2bot.salt"
    first = load_or_create_salt(path)
    assert first == load_or_create_salt(path)
    assert 32 == len(first)
    assert 0o600 == path.stat().st_mode & 0o777


def test_one_vote_per_user_per_answer_and_forged_votes_are_ignored(
    log: QuestionLog, log_path: Path
) -> None:
    """The first vote stands, a second user may vote too, and an unknown reference stores nothing."""
    ref = ask(log, "what is k2")
    fallback_ref = ask(log, "bank fees", intent=None)

    assert Vote.RECORDED == log.vote(ref, ALICE, up=False).result(5)
    assert Vote.REPEATED == log.vote(ref, ALICE, up=True).result(5)
    assert Vote.RECORDED == log.vote(ref, BOB, up=True).result(5)
    assert Vote.UNKNOWN == log.vote("0123456789abcdef", ALICE, up=False).result(5)
    assert Vote.UNKNOWN == log.vote(fallback_ref, ALICE, up=False).result(5)

    votes = rows(log_path, "SELECT intent, vote FROM votes ORDER BY vote")
    assert [("what_is_k2", -1), ("what_is_k2", 1)] == [tuple(v) for v in votes]


def test_forget_deletes_every_row_of_that_user_only(log: QuestionLog, log_path: Path) -> None:
    """/forget removes the user's questions and votes, including ones not yet written."""
    ref = ask(log, "what is k2")
    log.vote(ref, ALICE, up=True).result(5)
    log.vote(ask(log, "mk7?", user=BOB), BOB, up=True).result(5)
    ask(log, "still queued")  # forget runs after it, in order

    forgotten = log.forget(ALICE).result(5)

    assert (2, 1) == (forgotten.questions, forgotten.votes)
    assert ["mk7?"] == [r["question"] for r in rows(log_path)]
    assert [log.user_key(BOB)] == [r["user_hash"] for r in rows(log_path, "SELECT * FROM votes")]


def test_opting_out_stops_logging_survives_a_restart_and_can_be_undone(log_path: Path) -> None:
    """After /optout nothing of the user is stored, on this run or the next, until /optin."""
    log = QuestionLog(log_path, salt=SALT, batch_seconds=0.01)
    ask(log, "before")
    log.set_opted_out(ALICE, True).result(5)
    assert log.record("after", Outcome.ANSWER, "x", 90, user_id=ALICE, chat_kind="private") is None
    ask(log, "bob's", user=BOB)
    log.close()
    assert ["bob's"] == [r["question"] for r in rows(log_path)]

    restarted = QuestionLog(log_path, salt=SALT, batch_seconds=0.01)
    restarted.flush().result(5)  # the writer has read the opt-outs
    assert restarted.opted_out(ALICE)
    restarted.set_opted_out(ALICE, False).result(5)
    ask(restarted, "back again")
    restarted.close()
    assert ["bob's", "back again"] == [r["question"] for r in rows(log_path)]


def test_rows_older_than_the_retention_period_are_pruned(log_path: Path) -> None:
    """With 90 days' retention, a question from 91 days ago is deleted; yesterday's stays."""
    day = 86400.0
    now = 1_800_000_000.0
    clock = [now - 91 * day]
    log = QuestionLog(
        log_path, salt=SALT, retention_days=90, batch_seconds=0.01, clock=lambda: clock[0]
    )
    ask(log, "old")
    clock[0] = now - day
    ask(log, "recent")
    log.close()
    assert {"old", "recent"} == {r["question"] for r in rows(log_path)}

    clock[0] = now
    log = QuestionLog(
        log_path, salt=SALT, retention_days=90, batch_seconds=0.01, clock=lambda: clock[0]
    )
    ask(log, "today")
    log.flush().result(5)
    log.close()
    assert ["recent", "today"] == [r["question"] for r in rows(log_path)]


def test_a_locked_database_delays_rows_without_losing_them(
    log: QuestionLog, log_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """While another process holds the lock, questions wait in memory; one error is logged."""
    ask(log, "first")
    log.flush().result(5)
    blocker = sqlite3.connect(log_path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    with caplog.at_level(logging.ERROR, logger="bot.questionlog"):
        for n in range(50):
            ask(log, f"while locked {n}")
        assert 50 == log.flush().result(10)
        assert 50 == log.flush().result(10)
    complaints = [r for r in caplog.records if "cannot write" in r.getMessage()]
    assert 1 == len(complaints)
    blocker.execute("ROLLBACK")
    blocker.close()

    assert 0 == log.flush().result(10)
    assert 51 == len(rows(log_path))


def _mount(*options: str) -> None:
    subprocess.run(["mount", *options], check=True, capture_output=True, timeout=10)


def fill(path: Path) -> None:
    """Write until the disk says it is full."""
    with path.open("wb", buffering=0) as f:
        try:
            while True:
                f.write(b"x" * 4096)
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise


@pytest.fixture(name="small_disk")
def _small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MB tmpfs, so 'disk full' and 'read-only' are the kernel's, not a mock's."""
    mountpoint = tmp_path / "disk"
    mountpoint.mkdir()
    if not shutil.which("mount") or os.geteuid() != 0:
        pytest.skip("needs root to mount a small tmpfs")
    try:
        _mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mountpoint))
    except (subprocess.CalledProcessError, OSError) as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc}")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], check=False, timeout=10)


def test_a_full_disk_keeps_committed_rows_and_the_log_recovers(
    small_disk: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """When the disk fills, earlier rows stay readable and new ones wait; space back, they land."""
    path = small_disk / "k2bot.sqlite3"
    log = QuestionLog(path, salt=SALT, batch_seconds=0.01)
    ask(log, "committed before the disk filled")
    log.flush().result(5)
    filler = small_disk / "filler"
    with caplog.at_level(logging.ERROR, logger="bot.questionlog"):
        fill(filler)
        for n in range(300):
            ask(log, f"a long question number {n} " + "x" * 200)
        waiting = log.flush().result(10)
    assert waiting > 0
    assert any("cannot write" in r.getMessage() for r in caplog.records)
    assert "committed before the disk filled" == rows(path)[0]["question"]

    filler.unlink()
    assert 0 == log.flush().result(10)
    log.close()
    assert 301 == len(rows(path))


def test_a_read_only_disk_keeps_the_bot_answering(small_disk: Path) -> None:
    """On a file system remounted read-only, recording never raises; rows wait in memory."""
    path = small_disk / "k2bot.sqlite3"
    log = QuestionLog(path, salt=SALT, batch_seconds=0.01)
    ask(log, "before")
    log.close()
    _mount("-o", "remount,ro", str(small_disk))
    log = QuestionLog(path, salt=SALT, batch_seconds=0.01)
    refs = [ask(log, f"q{n}") for n in range(100)]
    assert 100 == len(set(refs))
    assert 100 == log.flush().result(10)
    log.close()
    assert ["before"] == [r["question"] for r in rows(path, immutable=True)]


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from bot.matching import Outcome
    from bot.questionlog import QuestionLog
    log = QuestionLog(Path(sys.argv[1]), salt=b"s", batch_seconds=0.005)
    n = 0
    while True:
        for _ in range(50):
            log.record(f"q{n}", Outcome.ANSWER, "what_is_k2", 90, user_id=n, chat_kind="private")
            n += 1
        log.flush().result(10)
        print(n, flush=True)  # every row up to n is committed
    """
)


def test_a_killed_process_leaves_a_clean_database_with_every_committed_row(tmp_path: Path) -> None:
    """SIGKILL mid-write: the file opens, passes an integrity check and has all committed rows."""
    path = tmp_path / "k2bot.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        committed = 0
        assert process.stdout is not None
        for line in process.stdout:
            committed = int(line)
            if committed >= 2000:
                break
    finally:
        process.kill()
        process.wait(10)
        assert process.stdout is not None
        process.stdout.close()
    db = sqlite3.connect(path)
    try:
        assert "ok" == db.execute("PRAGMA integrity_check").fetchone()[0]
        count = db.execute("SELECT count(*) FROM questions").fetchone()[0]
    finally:
        db.close()
    assert count >= committed >= 2000


def test_an_update_processed_twice_is_logged_once_with_the_same_reference(log_path: Path) -> None:
    """Recording the question of one update again (a retry, a restart) adds no row and gives
    the same reference, so the first answer's vote buttons stay valid."""
    log = QuestionLog(log_path, salt=b"s" * 32)
    first = log.record(
        "q", Outcome.ANSWER, "x", 90, user_id=ALICE, chat_kind="private", update_id=7
    )
    again = log.record(
        "q", Outcome.ANSWER, "x", 90, user_id=ALICE, chat_kind="private", update_id=7
    )
    log.close()
    restarted = QuestionLog(log_path, salt=b"s" * 32)
    later = restarted.record(
        "q", Outcome.ANSWER, "x", 90, user_id=ALICE, chat_kind="private", update_id=7
    )
    restarted.close()
    assert first == again == later
    assert [7] == [r["update_id"] for r in rows(log_path)]


def test_an_edit_replaces_its_question_whichever_is_written_first(log_path: Path) -> None:
    """A message and its edit are one row with the edit's wording and outcome, whether the
    edit is written after the message or before it (the message's update replayed after a
    restart); when it was asked stays the first time it was written."""
    for replayed in (False, True):
        path = log_path.with_name(f"replayed-{replayed}.sqlite3")
        log = QuestionLog(path, salt=b"s" * 32)

        def original(log: QuestionLog = log) -> str | None:
            return log.record(
                "waht is k2",
                Outcome.FALLBACK,
                None,
                40,
                user_id=ALICE,
                chat_kind="private",
                update_id=1,
                message=(ALICE, 5),
            )

        if not replayed:
            first = original()
            log.flush().result(5)
        edit = log.record(
            "what is k2",
            Outcome.ANSWER,
            "what_is_k2",
            100,
            user_id=ALICE,
            chat_kind="private",
            update_id=2,
            message=(ALICE, 5),
            edited=True,
        )
        if replayed:
            log.flush().result(5)
            first = original()
        log.close()
        assert first == edit
        [row] = rows(path)
        assert ("what is k2", "answered", "what_is_k2", 2) == (
            row["question"],
            row["outcome"],
            row["intent"],
            row["update_id"],
        )


def test_a_log_written_before_update_ids_gains_the_column(log_path: Path) -> None:
    """An existing question log without the update_id column keeps its rows and is upgraded."""
    log_path.parent.mkdir(mode=0o700)
    db = sqlite3.connect(log_path)
    db.execute(
        "CREATE TABLE questions (id INTEGER PRIMARY KEY, ref TEXT NOT NULL UNIQUE, "
        "asked_at REAL NOT NULL, user_hash TEXT, chat_kind TEXT NOT NULL, question TEXT NOT NULL, "
        "outcome TEXT NOT NULL, intent TEXT, score REAL NOT NULL)"
    )
    db.execute(
        "INSERT INTO questions VALUES (1, 'r', 1e10, NULL, 'private', 'old', 'answered', 'x', 90)"
    )
    db.commit()
    db.close()
    log = QuestionLog(log_path, salt=b"s" * 32)
    log.record("new", Outcome.ANSWER, "x", 90, user_id=ALICE, chat_kind="private", update_id=3)
    log.close()
    assert [("old", None), ("new", 3)] == [(r["question"], r["update_id"]) for r in rows(log_path)]


@pytest.mark.parametrize("content", ["", "abc", "00" * 16, "not hex at all"])
def test_a_damaged_salt_file_is_refused_not_used(tmp_path: Path, content: str) -> None:
    """An empty, truncated or garbled salt file (a crash mid-write, a disk full) is refused
    with a ConfigError naming the file: a short key would make user ids guessable."""
    path = tmp_path / "k2bot.salt"
    path.write_text(content, encoding="ascii")
    with pytest.raises(ConfigError, match=r"k2bot\.salt"):
        load_or_create_salt(path)


def test_the_salt_is_written_whole_before_anyone_can_read_it(tmp_path: Path) -> None:
    """Created through a temporary file linked into place: no partial salt is ever visible,
    and nothing but the salt is left in the folder."""
    path = tmp_path / "data" / "k2bot.salt"
    salt = load_or_create_salt(path)
    assert ["k2bot.salt"] == [p.name for p in path.parent.iterdir()]
    assert salt.hex() == path.read_text(encoding="ascii")


def test_a_language_choice_is_kept_hashed_across_restarts_and_forgotten(log_path: Path) -> None:
    """/language is stored under the user's hash, read back after a restart, gone after /forget."""
    log = QuestionLog(log_path, salt=SALT, batch_seconds=0.01)
    log.save_language(ALICE, "ru").result(5)
    log.save_language(BOB, "ru").result(5)
    log.save_language(BOB, None).result(5)
    log.close()
    stored = rows(log_path, "SELECT * FROM chosen_languages")
    assert [(log.user_key(ALICE), "ru")] == [tuple(r) for r in stored]

    restarted = QuestionLog(log_path, salt=SALT, batch_seconds=0.01)
    restarted.flush().result(5)  # the writer has read the stored choices
    assert "ru" == restarted.chosen_language(ALICE)
    assert restarted.chosen_language(BOB) is None
    restarted.forget(ALICE).result(5)
    assert restarted.chosen_language(ALICE) is None
    restarted.close()
    assert [] == rows(log_path, "SELECT * FROM chosen_languages")


def test_an_opted_out_users_language_choice_is_not_stored(log_path: Path) -> None:
    """After /optout nothing of the user is stored: /language lasts until the bot stops."""
    log = QuestionLog(log_path, salt=SALT, batch_seconds=0.01)
    log.save_language(ALICE, "ru").result(5)
    log.set_opted_out(ALICE, True).result(5)
    assert [] == rows(log_path, "SELECT * FROM chosen_languages")
    log.save_language(ALICE, "ru").result(5)
    assert "ru" == log.chosen_language(ALICE)
    log.close()
    assert [] == rows(log_path, "SELECT * FROM chosen_languages")


def test_undecodable_input_is_stored_and_logging_carries_on(
    log: QuestionLog, log_path: Path
) -> None:
    """`k2bot chat` in a terminal that is not UTF-8 reads "café" as "caf\\udce9": SQLite
    cannot encode that, the writer thread died with a traceback, and no question was
    logged (nor vote stored) again until a restart."""
    ask(log, "what is k2 caf\udce9")
    ask(log, "a broken emoji \ud83d")
    ask(log, "mk7 vs mk4")
    assert 0 == log.flush().result(5)
    ref = ask(log, "and after it?")
    assert Vote.RECORDED == log.vote(ref, BOB, up=True).result(5)
    assert [
        "what is k2 caf\ufffd",
        "a broken emoji \ufffd",
        "mk7 vs mk4",
        "and after it?",
    ] == [r["question"] for r in rows(log_path)]


def test_a_row_sqlite_refuses_is_dropped_alone_and_the_writer_lives_on(tmp_path: Path) -> None:
    """The writer under any owner: a row its store function cannot take (not a disk
    problem) is dropped with an error line; the rows around it are stored, and later ones."""
    from bot.storage.writer import BackgroundWriter

    def prepare(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE IF NOT EXISTS t (v TEXT)")

    def store(db: sqlite3.Connection, batch: list[str]) -> None:
        db.executemany("INSERT INTO t VALUES (?)", [(v,) for v in batch])

    path = tmp_path / "w.sqlite3"
    writer: BackgroundWriter[str] = BackgroundWriter(
        path, name="test writer", prepare=prepare, store=store, batch_seconds=0.01
    )
    for value in ["a", "b\ud800", "c"]:
        writer.put(value)
    assert 0 == writer.flush().result(5)
    writer.put("d")
    assert 0 == writer.flush().result(5)
    writer.close()
    assert ["a", "c", "d"] == [r["v"] for r in rows(path, "SELECT v FROM t")]
