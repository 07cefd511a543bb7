"""The `khabar build` command end to end: the seed scored by the shared scorer, bad inputs,
atomic and deterministic outputs."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
GOLD = SHARED / "eval" / "gold" / "putin-kim-vladivostok.json"


def khabar(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "khabar", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed-out")
    run = khabar("build", "--quiet", "--no-cache", "--out", str(out))
    assert run.returncode == 0, run.stderr
    return out


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig"])
def test_seed_scores_at_least_080(seed_build: Path, name: str) -> None:
    score = subprocess.run([sys.executable, str(SCORER), str(seed_build / name), str(GOLD),
                            "--min-f1", "0.80"], capture_output=True, text=True, timeout=120)
    assert score.returncode == 0, score.stdout + score.stderr


def test_default_build_writes_ttl_and_html(seed_build: Path) -> None:
    for name in ("graph.ttl", "graph.html"):
        assert (seed_build / name).stat().st_size > 1000
    assert not [p for p in seed_build.rglob("*.tmp")], "temporary files left behind"


def test_seed_page_draws_the_whole_seed_graph(seed_build: Path) -> None:
    html = (seed_build / "graph.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="khabar-data">(.*?)</script>', html, re.S).group(1))
    assert 20 < len(data["nodes"]["id"]) < data["overview"]["max_nodes"]
    assert data["drawn"] == data["nodes"]["id"]      # every entity, those without relations too


def test_same_input_gives_byte_identical_outputs(seed_build: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert khabar("build", "--quiet", "--no-cache", "--out", str(again)).returncode == 0
    names = sorted(p.relative_to(seed_build).as_posix() for p in seed_build.rglob("*")
                   if p.is_file() and ".cache" not in p.parts)
    assert names
    for name in names:
        assert (seed_build / name).read_bytes() == (again / name).read_bytes(), name


def test_bad_inputs_are_reported_and_the_rest_is_built(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("فرضت الولايات المتحدة عقوبات على إيران.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("فرضت".encode("utf-8")[:3] + "café".encode("latin-1"))
    english = tmp_path / "english.txt"
    english.write_text("The United States imposed sanctions on Iran.", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    run = khabar("build", "--quiet", "--no-cache", "--out", str(out), str(good), str(empty),
                 str(binary), str(latin), str(english), str(missing))
    assert run.returncode != 0
    lines = [line for line in run.stderr.splitlines() if line.startswith("khabar: ") and
             ": " in line[8:]]
    for bad, reason in ((empty, "empty"), (binary, "binary"), (latin, "UTF-8"),
                        (english, "Arabic"), (missing, "no such file")):
        hits = [line for line in lines if str(bad) in line]
        assert len(hits) == 1 and reason in hits[0], (bad, run.stderr)
    assert "Traceback" not in run.stderr
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "sanctions" in ttl


def test_only_bad_inputs_write_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    out = tmp_path / "out"
    run = khabar("build", "--quiet", "--out", str(out), str(empty))
    assert run.returncode != 0 and "empty" in run.stderr
    assert not (out / "graph.ttl").exists()


def test_help_explains_the_commands() -> None:
    run = khabar("--help")
    assert run.returncode == 0
    for command in ("build", "query", "serve", "push", "view"):
        assert command in run.stdout
    build_help = khabar("build", "--help").stdout
    assert "--out" in build_help and "JSON Lines" in build_help


def test_an_article_over_the_size_limit_is_refused_and_the_rest_builds(tmp_path: Path) -> None:
    """Real text: a file and a JSON line over 10 MB get one line each and exit status 1; a
    long article (read in windows) and an ordinary one are built."""
    import json

    from test_corpus_helpers import saudi_lines, write_jsonl

    from extract.windows import WINDOW_CHARS
    from khabar.inputs import MAX_DOCUMENT_BYTES

    records = [json.loads(line) for line in saudi_lines(60)]
    ordinary = tmp_path / "ordinary.txt"
    ordinary.write_text(records[0]["content"], encoding="utf-8")
    long_text = "\n".join(r["content"] for r in records[1:])
    assert WINDOW_CHARS < len(long_text) < 3 * WINDOW_CHARS
    long = tmp_path / "long.txt"
    long.write_text(long_text, encoding="utf-8")
    huge_text = long_text * (MAX_DOCUMENT_BYTES // len(long_text.encode("utf-8")) + 1)
    huge = tmp_path / "huge.txt"
    huge.write_text(huge_text, encoding="utf-8")
    feed = write_jsonl(tmp_path / "feed.jsonl", [
        json.dumps({"id": "huge-line", "content": huge_text}, ensure_ascii=False),
        json.dumps({"id": "fine-line", "content": records[2]["content"]}, ensure_ascii=False),
    ], gz=False)
    out = tmp_path / "out"
    run = khabar("build", "--quiet", "--no-cache", "--out", str(out), str(ordinary), str(long),
                 str(huge), str(feed))
    assert run.returncode == 1, run.stderr
    refused = [line for line in run.stderr.splitlines() if "too large" in line]
    assert len(refused) == 2, run.stderr
    assert refused[0].startswith(f"khabar: {huge}: too large: ")
    assert refused[1].startswith(f"khabar: {feed}:1: too large: ")
    assert "Traceback" not in run.stderr
    assert "3 document(s)" in run.stderr
    nq = (out / "graph.trig").read_text(encoding="utf-8")
    for doc_id in ("ordinary", "long", "fine-line"):
        assert f"khd:{doc_id}-" in nq or f"/document/{doc_id}-" in nq, doc_id
