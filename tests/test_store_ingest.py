"""`newsevents ingest` into the store, on DuckDB and PostgreSQL: a second run changes nothing,
a run killed with SIGKILL mid-transaction and run again stores every article once, failures
are logged and read again, a foreign page is kept with its reason, and a database that cannot be
used says so in one line."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from store_readings import FAKE_STAGE, OneEventPerArticle, orphan_rows

from newsevents.cli import main
from newsevents.extract.identity import normalise_for_identity
from newsevents.ingest import read_sources
from newsevents.pipeline import STAGES, Pipeline
from newsevents.store import Store
from newsevents.store.ingest import ingest as ingest_into
from newsevents.store.schema import MIGRATIONS, fill_article_aliases

TESTS = Path(__file__).parent
ARTICLES = 22
BATCH = 4


def story(i: int) -> str:
    return (
        f"Gunmen attacked the village of Kafr {i} on Monday, residents said. "
        f"Witnesses counted {i + 2} armed men on motorcycles. The army sent reinforcements "
        f"to the district of Jisr {i} later that day, officials said."
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    lines = [
        {"id": f"story-{i}", "text": story(i), "published": "2024-05-07"} for i in range(ARTICLES)
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


@pytest.fixture
def fake_events(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(STAGES, "fake_events", FAKE_STAGE)
    yield


def ingest(*args: str) -> Result:
    return CliRunner().invoke(main, ["ingest", *args])


def test_ingesting_the_same_corpus_twice_changes_no_count(
    store_url: str, corpus: Path, fake_events: None
) -> None:
    first = ingest(str(corpus), "--db", store_url, "--stages", "fake_events")
    assert first.exit_code == 0, first.output
    assert f"{ARTICLES} read, {ARTICLES} stored, 0 already known, 0 failed" in first.stderr
    with Store.open(store_url) as store:
        counts = store.counts()
    second = ingest(str(corpus), "--db", store_url, "--stages", "fake_events")
    assert second.exit_code == 0, second.output
    assert f"0 stored, {ARTICLES} already known" in second.stderr
    assert "events: 0 created, 0 mentions merged" in second.stderr
    with Store.open(store_url) as store:
        assert store.counts() == counts
        assert counts["articles"] == counts["event_mentions"] == ARTICLES
        assert orphan_rows(store.backend) == {}


def test_failed_items_are_logged_and_read_again_on_the_next_run(
    store_url: str, corpus: Path, fake_events: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(OneEventPerArticle, "broken_words", ("Kafr 3 ",))
    failing = ingest(str(corpus), "--db", store_url, "--stages", "fake_events")
    assert failing.exit_code == 1
    assert "failed: story-3: fake_events error: internal error (RuntimeError" in failing.stderr
    monkeypatch.setattr(OneEventPerArticle, "broken_words", ())
    mended = ingest(str(corpus), "--db", store_url, "--stages", "fake_events")
    assert mended.exit_code == 0, mended.output
    assert "1 stored, 21 already known, 0 failed (1 earlier failures stored this time)" in (
        mended.stderr
    )
    with Store.open(store_url) as store:
        assert store.pending_failures() == [] and store.counts()["articles"] == ARTICLES


KILLABLE_INGEST = """
import sys, time
sys.path.insert(0, {tests!r})
from newsevents.pipeline import STAGES, Pipeline
from store_readings import FAKE_STAGE
STAGES["fake_events"] = FAKE_STAGE
from newsevents.ingest import read_sources
from newsevents.store import Store
from newsevents.store.ingest import ingest

corpus, url, pause_at = sys.argv[1], sys.argv[2], int(sys.argv[3])
if pause_at:  # stop inside that batch's transaction, its rows written, until killed
    insert, done = Store.insert_articles, []
    def insert_then_wait(self, rows):
        insert(self, rows)
        done.append(rows)
        if len(done) == pause_at:
            print("inside the transaction", flush=True)
            time.sleep(600)
    Store.insert_articles = insert_then_wait
with Store.open(url) as store:
    summary = ingest(store, read_sources([corpus]), Pipeline(["fake_events"]), batch_size={batch})
print("\\n".join(summary.lines()), flush=True)
"""


def run_ingest(script: Path, corpus: Path, url: str, pause_at: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(script), str(corpus), url, str(pause_at)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_run_killed_mid_transaction_then_run_again_stores_every_article_once(
    store_url: str, corpus: Path, tmp_path: Path, fake_events: None
) -> None:
    script = tmp_path / "killable_ingest.py"
    script.write_text(KILLABLE_INGEST.format(tests=str(TESTS), batch=BATCH))
    killed = run_ingest(script, corpus, store_url, pause_at=3)
    assert killed.stdout is not None
    assert killed.stdout.readline().strip() == "inside the transaction", killed.communicate()
    os.kill(killed.pid, signal.SIGKILL)
    killed.communicate()
    with Store.open(store_url) as store:
        assert store.counts()["articles"] == 8  # two batches of four committed, the third not
        assert orphan_rows(store.backend) == {}
    rerun = run_ingest(script, corpus, store_url, pause_at=0)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert f"{ARTICLES - 8} stored, 8 already known, 0 failed" in out
    with Store.open(str(tmp_path / "clean.duckdb")) as uninterrupted:
        run = read_sources([str(corpus)])
        ingest_into(uninterrupted, run, Pipeline(["fake_events"]), batch_size=BATCH)
        clean_counts = uninterrupted.counts()
    with Store.open(store_url) as store:
        assert store.counts() == clean_counts
        assert store.counts()["articles"] == ARTICLES
        assert orphan_rows(store.backend) == {}


def test_a_foreign_page_is_stored_without_events_with_its_reason(tmp_path: Path) -> None:
    corpus = tmp_path / "mixed.jsonl"
    german = (
        "Bewaffnete haben am Montag das Dorf angegriffen, sagten die Bewohner. Die Armee "
        "schickte am Abend Verstärkung in den Bezirk, und die Behörden haben eine "
        "Untersuchung eingeleitet, die noch nicht abgeschlossen ist."
    )
    lines = [{"id": "en", "text": story(1)}, {"id": "de", "text": german}]
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines))
    db = str(tmp_path / "store.duckdb")
    result = ingest(str(corpus), "--db", db, "--stages", "nlp")
    assert result.exit_code == 0, result.output
    assert "2 stored" in result.stderr and "nlp: not English text" in result.stderr
    with Store.open(db) as store:
        rows: dict[str, str] = dict(
            store.backend.fetch("SELECT input_id, no_events_reason FROM articles")
        )
        stored_text = store.backend.fetch("SELECT text FROM articles WHERE input_id = 'de'")
    assert rows["de"].startswith("nlp: not English text") and stored_text[0][0].strip()
    assert rows["en"] == "not coded: the event stages were not run"


def one_error_line(result: Result, *expected: str) -> None:
    assert result.exit_code == 2, (result.output, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert all(words in lines[0] for words in expected), lines[0]


@pytest.fixture
def duckdb_store(tmp_path: Path) -> str:
    path = tmp_path / "locked" / "store.duckdb"
    path.parent.mkdir()
    Store.open(str(path)).close()
    return str(path)


def test_a_locked_duckdb_file_is_one_line(duckdb_store: str, corpus: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('holding', flush=True); time.sleep(120)", duckdb_store],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        one_error_line(ingest(str(corpus), "--db", duckdb_store, "--stages", ""), "in use")
        export = CliRunner().invoke(main, ["export", "--format", "csv", "--db", duckdb_store])
        one_error_line(export, "in use")
    finally:
        holder.kill()
        holder.wait()


@pytest.fixture
def read_only_duckdb(duckdb_store: str) -> Iterator[str]:
    """The store's file and folder made unwritable: immutable as root (who may write anything
    else), without write permission otherwise."""
    paths = [duckdb_store, str(Path(duckdb_store).parent)]
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("root, and no chattr to make a file read-only")
        made = subprocess.run(["chattr", "+i", *paths], capture_output=True)
        if made.returncode:
            pytest.skip(f"root, and chattr cannot make a file read-only here: {made.stderr!r}")
        yield duckdb_store
        subprocess.run(["chattr", "-i", *paths], check=True)
    else:
        for path, mode in zip(paths, (0o444, 0o555), strict=True):
            os.chmod(path, mode)
        yield duckdb_store
        for path, mode in zip(paths, (0o644, 0o755), strict=True):
            os.chmod(path, mode)


def test_a_read_only_duckdb_file_is_one_line_and_still_exports(
    read_only_duckdb: str, corpus: Path
) -> None:
    one_error_line(ingest(str(corpus), "--db", read_only_duckdb), "cannot be written")
    export = CliRunner().invoke(main, ["export", "--format", "csv", "--db", read_only_duckdb])
    assert export.exit_code == 0 and export.stdout.startswith("event_id,")


def test_a_read_only_postgresql_database_is_one_line(postgres_server: str, corpus: Path) -> None:
    from postgres_server import fresh_database

    url = fresh_database(postgres_server, "read_only_store")
    import psycopg

    with psycopg.connect(postgres_server, autocommit=True) as connection:
        connection.execute("ALTER DATABASE read_only_store SET default_transaction_read_only = on")
    one_error_line(ingest(str(corpus), "--db", url, "--stages", ""), "read-only transaction")


def test_a_wrong_url_or_a_missing_server_is_one_line(corpus: Path, tmp_path: Path) -> None:
    from postgres_server import free_port

    one_error_line(ingest(str(corpus), "--db", "mysql://localhost/news"), "unknown database URL")
    missing = f"postgresql://news:secret@127.0.0.1:{free_port()}/news"
    result = ingest(str(corpus), "--db", missing)
    one_error_line(result, "no PostgreSQL server answers", "news:***@")
    assert "secret" not in result.stderr
    nowhere = CliRunner().invoke(
        main, ["export", "--format", "csv", "--db", str(tmp_path / "none.duckdb")]
    )
    one_error_line(nowhere, "no database at")


CHROME = "Sign in. Subscribe. Already a subscriber? Log in to read this story."


def jsonl(path: Path, lines: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def test_a_store_of_ids_of_the_text_alone_gains_nothing_when_its_input_is_read_again(
    store_url: str, tmp_path: Path, fake_events: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before migration 6 an article's id was its text's alone; now its headline and outlet are
    # part of it (newsevents.extract.identity), so the same input gets another id.
    stories = [
        {"id": f"story-{i}", "text": story(i), "title": f"Attack on Kafr {i}", "source": "Wire"}
        for i in range(4)
    ]
    fire = {"id": "fire", "text": CHROME, "title": "Fire destroys warehouse", "source": "Daily"}
    corpus = jsonl(tmp_path / "corpus.jsonl", [*stories, fire])
    with monkeypatch.context() as before:
        before.setattr("newsevents.extract.article_id", lambda text, *_: legacy_id(text))
        assert ingest(str(corpus), "--db", store_url, "--stages", "fake_events").exit_code == 0
    aliases = next(m for m in MIGRATIONS if m.fill is fill_article_aliases)
    with Store.open(store_url) as store:  # as that store was: without the migration's tables
        for migration in (m for m in MIGRATIONS if m.version >= aliases.version):
            for table in re.findall(r"CREATE TABLE (\w+)", " ".join(migration.statements)):
                store.backend.execute(f"DROP TABLE {table}")
        store.backend.execute("DELETE FROM schema_migrations WHERE version >= ?", [aliases.version])
    again = ingest(str(corpus), "--db", store_url, "--stages", "fake_events")
    assert again.exit_code == 0, again.output
    assert "0 stored, 5 already known" in again.stderr
    with Store.open(store_url) as store:
        counts = store.counts()
        assert counts["articles"] == counts["article_aliases"] == 5
    # The page the old id lost: the same chrome body under another headline.
    shooting = {**fire, "id": "shooting", "title": "Two shot outside bar"}
    later = ingest(
        str(jsonl(tmp_path / "later.jsonl", [fire, shooting])),
        *("--db", store_url, "--stages", "fake_events"),
    )
    assert "1 stored, 1 already known" in later.stderr, later.output
    with Store.open(store_url) as store:
        assert store.counts()["articles"] == 6 and orphan_rows(store.backend) == {}


def legacy_id(text: str) -> str:
    return hashlib.sha256(normalise_for_identity(text).encode()).hexdigest()
