"""Focused views of a corpus graph: an entity's neighbourhood, the top entities by degree, one
relation, one document; and `khabar view` writing the HTML for a focus from the build cache."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_corpus_helpers import run_cli, toy_result

from extract.pipeline import PIPELINE_VERSION
from extract.records import Document, DocumentResult
from graph.assemble import assemble
from graph.focus import (FocusError, by_document, by_relation, find_entity, neighbourhood,
                         top_by_degree)
from khabar.build import default_cache_dir
from khabar.cache import ResultCache
from khabar.inputs import iter_documents

PUTIN, KIM, VLAD, RUSSIA, NK = "wd:Q7747", "wd:Q56226", "wd:Q959", "wd:Q159", "wd:Q423"
US, SAUDI, BAHRAIN = "wd:Q30", "wd:Q851", "wd:Q398"

TEXT_1 = "التقى بوتين كيم في فلاديفوستوك. وتتعاون روسيا وكوريا الشمالية."
TEXT_2 = ("فرضت الولايات المتحدة عقوبات على كوريا الشمالية وانتقد كيم ذلك. "
          "وتعاونت السعودية والبحرين.")


def _results(doc1: Document | None = None, doc2: Document | None = None) -> list[DocumentResult]:
    one = toy_result("d1", TEXT_1, [
        (PUTIN, "بوتين", "Person", "Vladimir Putin"), (KIM, "كيم", "Person", "Kim Jong Un"),
        (VLAD, "فلاديفوستوك", "City", "Vladivostok"), (RUSSIA, "روسيا", "State", "Russia"),
        (NK, "كوريا الشمالية", "State", "North Korea"),
    ], [(PUTIN, "meetsWith", KIM, "asserted"), (VLAD, "locatedIn", RUSSIA, "asserted"),
        (PUTIN, "leaderOf", RUSSIA, "asserted"), (RUSSIA, "cooperatesWith", NK, "asserted")],
        document=doc1)
    two = toy_result("d2", TEXT_2, [
        (US, "الولايات المتحدة", "State", "United States"),
        (NK, "كوريا الشمالية", "State", "North Korea"), (KIM, "كيم", "Person", "Kim Jong Un"),
        (SAUDI, "السعودية", "State", "Saudi Arabia"), (BAHRAIN, "البحرين", "State", "Bahrain"),
    ], [(US, "sanctions", NK, "asserted"), (US, "conflictWith", NK, "negated"),
        (KIM, "leaderOf", NK, "possible"), (SAUDI, "cooperatesWith", BAHRAIN, "asserted")],
        document=doc2)
    return [one, two]


@pytest.fixture()
def graph():
    return assemble(_results())


def test_find_entity_by_any_name(graph) -> None:
    assert find_entity(graph, "بُوتين") == PUTIN           # diacritics do not matter
    assert find_entity(graph, "north korea") == NK         # nor case
    assert find_entity(graph, "Q159") == RUSSIA
    assert find_entity(graph, SAUDI) == SAUDI
    assert find_entity(graph, "Putin") == PUTIN              # whole words of a name
    assert find_entity(graph, "الشمالية") == NK
    with pytest.raises(FocusError, match=r"no entity named 'كوري'.*did you mean wd:Q423\?"):
        find_entity(graph, "كوري")


def test_neighbourhood_grows_with_hops(graph) -> None:
    assert set(neighbourhood(graph, PUTIN, 0)) == {PUTIN}
    assert set(neighbourhood(graph, PUTIN, 1)) == {PUTIN, KIM, RUSSIA}
    two = neighbourhood(graph, PUTIN, 2)
    assert set(two) == {PUTIN, KIM, RUSSIA, VLAD, NK}
    assert {d["predicate"] for _, _, d in two.edges(data=True)} == {
        "meetsWith", "locatedIn", "leaderOf", "cooperatesWith"}
    assert set(neighbourhood(graph, PUTIN, 5)) == {PUTIN, KIM, RUSSIA, VLAD, NK, US}
    assert graph.number_of_nodes() == 8 and graph.number_of_edges() == 8   # source untouched


def test_top_by_degree_counts_distinct_neighbours(graph) -> None:
    top = top_by_degree(graph, 2)
    assert set(top) == {NK, RUSSIA}
    assert [(u, v, d["predicate"]) for u, v, d in top.edges(data=True)] == [
        (RUSSIA, NK, "cooperatesWith")]
    assert set(top_by_degree(graph, 100)) == set(graph)


def test_relation_keeps_negated_edges_and_lists_alternatives(graph) -> None:
    sub = by_relation(graph, "conflictWith")
    assert set(sub) == {US, NK}
    [(_, _, data)] = sub.edges(data=True)
    assert data["modality"] == "negated"
    with pytest.raises(FocusError, match="present: conflictWith, cooperatesWith, leaderOf"):
        by_relation(graph, "provides")


def test_document_keeps_only_its_own_evidence(graph) -> None:
    sub = by_document(graph, "d1")
    assert set(sub) == {PUTIN, KIM, VLAD, RUSSIA, NK}
    assert set(sub.graph["documents"]) == {"d1"}
    assert all(st.doc_id == "d1" for _, _, d in sub.edges(data=True) for st in d["statements"])
    assert not sub.has_edge(KIM, NK)          # that statement is d2's
    with pytest.raises(FocusError):
        by_document(graph, "d9")


def _cached_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """Two article files whose (hand-made) results are in the build cache, as after a build."""
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "d1.txt").write_text(TEXT_1, encoding="utf-8")
    (folder / "d2.txt").write_text(TEXT_2, encoding="utf-8")
    doc1, doc2 = list(iter_documents([folder]))
    cache = ResultCache(default_cache_dir(out), PIPELINE_VERSION)
    for result in _results(doc1, doc2):
        cache.put(result)
    return folder, out


def test_view_command_writes_the_focus_from_the_cache(tmp_path: Path) -> None:
    folder, out = _cached_corpus(tmp_path)
    proc = run_cli("view", str(folder), "-o", str(out), "--entity", "Putin", "--hops", "1", "-q")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == (f"khabar: view of 3 entities and 2 relations -> "
                                   f"{out / 'view.html'}")
    page = (out / "view.html").read_text(encoding="utf-8")
    assert all(key in page for key in (PUTIN, KIM, RUSSIA))
    assert not any(key in page for key in (SAUDI, US, VLAD))

    target = tmp_path / "rel.html"
    proc = run_cli("view", str(folder), "-o", str(out), "--relation", "sanctions", "-q",
                   "--html", str(target))
    assert proc.returncode == 0 and target.exists(), proc.stderr
    assert "view of 2 entities and 1 relations" in proc.stderr


def test_view_command_errors_are_one_line(tmp_path: Path) -> None:
    folder, out = _cached_corpus(tmp_path)
    for args, code, start in (
            ((), 2, "khabar: give exactly one focus"),
            (("--top", "3", "--document", "d1"), 2, "khabar: give exactly one focus"),
            (("--entity", "Atlantis"), 1, "khabar: no entity named 'Atlantis'"),
            (("--document", "nope"), 1, "khabar: no document 'nope'")):
        proc = run_cli("view", str(folder), "-o", str(out), "-q", *args)
        assert proc.returncode == code, proc.stderr
        assert proc.stderr.startswith(start) and proc.stderr.count("\n") == 1, proc.stderr


def _page_data(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'id="khabar-data">(.*?)</script>', html, re.S).group(1))


def test_html_max_nodes_caps_the_build_page_and_the_focus_page(tmp_path: Path) -> None:
    folder, out = _cached_corpus(tmp_path)
    proc = run_cli("build", str(folder), "-o", str(out), "-q", "--html-max-nodes", "3")
    assert proc.returncode == 0, proc.stderr
    data = _page_data(out / "graph.html")
    assert len(data["drawn"]) <= 3 < len(data["nodes"]["id"]) == 8
    # the focus entity is drawn first, whatever its rank in the neighbourhood
    proc = run_cli("view", str(folder), "-o", str(out), "--entity", "Vladivostok", "--hops", "2",
                   "--html-max-nodes", "2", "-q")
    assert proc.returncode == 0, proc.stderr
    assert "(the page opens on 2; search draws the others)" in proc.stderr
    data = _page_data(out / "view.html")
    assert data["drawn"][0] == VLAD and len(data["drawn"]) <= 2
    proc = run_cli("build", str(folder), "-o", str(out), "-q", "--html-max-nodes", "0")
    assert proc.returncode == 2 and "--html-max-nodes" in proc.stderr
