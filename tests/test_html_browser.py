"""The HTML view in a real browser: Debian's chromium driven by Playwright, with every request
outside file:// blocked, so the page must work offline. One browser for the module, a fresh page
per test."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.html import relation_labels, write_html
from graph.assemble import assemble
from graph.overview import overview_nodes
from html_fixtures import (CHROMIUM, CHROMIUM_ARGS, FAR, FARTHER, HUB, IMG, LONERS, NORTH,
                           OVERVIEW_CAP, SCRIPT, SOUTH, SPOKES, hostile_graph, hub_graph,
                           overview_graph, small_graph)

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason=f"{CHROMIUM} missing (scripts/test.sh installs it)")

# Records CSP violations and dialogs before any page script runs.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


class Page:
    """A loaded viewer page plus what it tried to fetch and which dialogs it opened."""

    def __init__(self, page, blocked: list[str], dialogs: list[str], errors: list[str]):
        self.page, self.blocked, self.dialogs, self.errors = page, blocked, dialogs, errors

    def js(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def point_of_node(self, node_id: str) -> tuple[float, float]:
        return tuple(self.js("""id => {
            const n = window.khabar.network, p = n.canvasToDOM(n.getPositions([id])[id]);
            const r = document.querySelector('#graph canvas').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }""", node_id))

    def point_of_edge(self, edge_id: str) -> tuple[float, float]:
        return tuple(self.js("""id => {
            const n = window.khabar.network, e = n.body.edges[id];
            const p = n.canvasToDOM(e.edgeType.getPoint(0.3));
            const r = document.querySelector('#graph canvas').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }""", edge_id))

    def edge_id(self, predicate: str, source: str | None = None) -> str:
        return self.js("""([p, s]) => window.khabar.data.edges
            .find(e => e.predicate === p && (!s || e.from === s)).id""", [predicate, source])

    def positions(self) -> dict[str, tuple[float, float]]:
        return {k: (round(p["x"], 3), round(p["y"], 3))
                for k, p in self.js("window.khabar.network.getPositions()").items()}

    def visible_lines(self) -> list[dict]:
        return self.js("window.khabar.edges.get({filter: e => !e.hidden})")


@pytest.fixture(scope="module")
def browser() -> Iterator:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _open(browser, path: Path) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    page = context.new_page()
    blocked: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(WATCH)
    page.goto(path.as_uri())
    page.wait_for_function("() => window.khabar && window.khabar.ready === true", timeout=30_000)
    yield Page(page, blocked, dialogs, errors)
    context.close()


@pytest.fixture
def view(browser, tmp_path) -> Iterator[Page]:
    path = tmp_path / "graph.html"
    write_html(small_graph(), path)
    yield from _open(browser, path)


@pytest.fixture
def overview(browser, tmp_path) -> Iterator[Page]:
    """A page over the cap: 37 entities, 5 drawn."""
    path = tmp_path / "overview.html"
    write_html(overview_graph(), path, max_nodes=OVERVIEW_CAP)
    yield from _open(browser, path)


@pytest.fixture
def hostile(browser, tmp_path) -> Iterator[Page]:
    path = tmp_path / "hostile.html"
    write_html(hostile_graph(), path)
    yield from _open(browser, path)


def test_graph_draws_offline_and_physics_stops(view):
    graph = small_graph()
    assert view.blocked == [] and view.errors == []
    assert view.js("document.querySelectorAll('#graph canvas').length") == 1
    assert view.js("window.khabar.network.body.data.nodes.length") == graph.number_of_nodes()
    assert view.js("window.khabar.network.body.data.edges.length") == graph.number_of_edges()
    assert view.js("window.khabar.network.physics.options.enabled") is False
    assert view.js("document.documentElement.dataset.state") == "stable"
    painted = view.js("""() => {
        const c = document.querySelector('#graph canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }""")
    assert painted > 2000  # nodes, edges and labels were drawn, not an empty canvas
    assert view.js("window.__violations") == []


def test_arabic_right_to_left_with_an_arabic_font(view):
    assert view.js("getComputedStyle(document.documentElement).direction") == "rtl"
    family = view.js("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans"')
    view.js("window.khabar.showNode('wd:Q212')")
    # the font the browser really used for the Arabic name in the panel
    cdp = view.page.context.new_cdp_session(view.page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    h2 = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#panel h2"})["nodeId"]
    fonts = [f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": h2})["fonts"]]
    assert fonts and fonts[0] in {"Noto Naskh Arabic", "Noto Sans Arabic"}, fonts


def test_hover_shows_english_label_and_type(view):
    view.page.mouse.move(*view.point_of_node("wd:Q212"))
    view.page.wait_for_function("""() => {
        const t = document.querySelector('div.vis-tooltip');
        return t && t.style.visibility === 'visible' && t.innerText.includes('Ukraine'); }""",
                                timeout=5_000)
    text = view.js("document.querySelector('div.vis-tooltip').innerText")
    assert "Ukraine" in text and "State" in text and "دولة" in text


def test_click_node_opens_panel_with_names_type_wikidata_and_relations(view):
    view.page.mouse.click(*view.point_of_node("wd:Q212"))
    panel = view.page.locator("#panel")
    assert panel.get_attribute("data-kind") == "node" and panel.get_attribute("data-id") == "wd:Q212"
    assert panel.locator("h2").inner_text() == "أوكرانيا"
    assert panel.locator(".en-name").inner_text() == "Ukraine"
    assert "دولة" in panel.inner_text() and "State" in panel.inner_text()
    assert panel.locator("a.wikidata").get_attribute("href") == "https://www.wikidata.org/wiki/Q212"
    # leaderOf, seeksFrom, seeks, supports; the negated sanctions edge stays hidden
    relations = " | ".join(panel.locator("ul.relations > li").all_inner_texts())
    assert panel.locator("ul.relations > li").count() == 4
    labels = relation_labels()
    for predicate in ("leaderOf", "seeksFrom", "seeks", "supports"):
        assert labels[predicate]["ar"] in relations and labels[predicate]["en"] in relations
    assert "فولوديمير زيلينسكي" in relations and "بولندا" in relations
    assert labels["sanctions"]["ar"] not in relations


def test_click_edge_shows_every_evidence_sentence_highlighted(view):
    supports = view.edge_id("supports")
    view.page.mouse.click(*view.point_of_edge(supports))
    panel = view.page.locator("#panel")
    assert panel.get_attribute("data-kind") == "edge" and panel.get_attribute("data-id") == supports
    blocks = panel.locator(".evidence")
    assert blocks.count() == 2
    assert blocks.nth(0).locator("mark.subject").inner_text() == "بولندا"
    assert blocks.nth(0).locator("mark.object").inner_text() == "أوكرانيا"
    assert blocks.nth(1).locator("mark.object").inner_text() == "لأوكرانيا"
    assert "زيلينسكي في وارسو" in blocks.nth(0).inner_text()      # document title
    assert "بولندا تتعهد بالدعم" in blocks.nth(1).inner_text()
    assert blocks.nth(0).locator("a").get_attribute("href") == "https://example.org/kyiv-warsaw"
    # attribution, on the hedged request
    view.js("id => window.khabar.showEdge(id)", view.edge_id("seeksFrom"))
    evidence = panel.locator(".evidence")
    assert evidence.count() == 1
    assert "وكالة رويترز" in evidence.locator(".attribution").inner_text()
    assert "محتملة" in panel.inner_text() and "possible" in panel.inner_text()


def test_edge_style_width_dashes_and_negated_hidden(view):
    edge = lambda p: view.js("id => window.khabar.edges.get(id)", view.edge_id(p))  # noqa: E731
    supports, leader, possible, negated = edge("supports"), edge("leaderOf"), edge("seeksFrom"), edge("sanctions")
    assert supports["width"] > leader["width"]             # two sentences against one
    assert possible["dashes"] and not supports["dashes"]
    seeks_from = relation_labels()["seeksFrom"]
    assert seeks_from["ar"] in possible["label"] and seeks_from["en"] in possible["label"]
    assert negated["hidden"] is True
    view.page.check("#show-negated")
    assert edge("sanctions")["hidden"] is False and edge("sanctions")["dashes"]
    view.page.uncheck("#show-negated")
    assert edge("sanctions")["hidden"] is True


def test_filters_by_relation_and_entity_type(view):
    hidden = lambda ds, id_: view.js(f"id => window.khabar.{ds}.get(id).hidden", id_)  # noqa: E731
    supports, provides, seeks = view.edge_id("supports"), view.edge_id("provides"), view.edge_id("seeks")
    view.page.uncheck('input[data-filter="relation"][value="supports"]')
    assert hidden("edges", supports) and not hidden("edges", provides)
    view.page.check('input[data-filter="relation"][value="supports"]')
    assert not hidden("edges", supports)
    view.page.uncheck('input[data-filter="type"][value="Thing"]')
    assert hidden("nodes", "Thing:اسلحه") and hidden("edges", provides) and hidden("edges", seeks)
    assert not hidden("nodes", "wd:Q212") and not hidden("edges", supports)
    view.page.check('input[data-filter="type"][value="Thing"]')
    assert not hidden("nodes", "Thing:اسلحه") and not hidden("edges", provides)


@pytest.mark.parametrize("query", ["اوكرانيا", "أُوكْرَانِيـا", "Ukraine", "اوكران"])
def test_search_finds_and_focuses_with_arabic_normalisation(view, query):
    view.page.fill("#search", query)
    first = view.page.locator("#search-results li").first
    assert first.get_attribute("data-node") == "wd:Q212"
    view.page.press("#search", "Enter")
    assert view.js("window.khabar.network.getSelectedNodes()") == ["wd:Q212"]
    assert view.page.locator("#panel").get_attribute("data-id") == "wd:Q212"


def test_normalisation_rules(view):
    norm = lambda s: view.js("s => window.khabar.normalise(s)", s)  # noqa: E731
    assert norm("أوكرانيا") == norm("اوكرانيا") == norm("إوكرانيـــا") == norm("آوكرانيا")
    assert norm("مصطفى") == norm("مصطفي")
    assert norm("وكالة") == norm("وكاله")
    assert norm("مُحَمَّد") == "محمد"
    assert view.js("window.khabar.search('وكاله رويترز')")[0] == "wd:Q130879"
    assert view.js("window.khabar.search('رويترز')")[0] == "wd:Q130879"   # by alias


def test_search_reveals_a_node_whose_type_is_filtered_out(view):
    view.page.uncheck('input[data-filter="type"][value="Thing"]')
    view.page.fill("#search", "الاسلحة")
    view.page.press("#search", "Enter")
    assert view.js("window.khabar.nodes.get('Thing:اسلحه').hidden") is False
    assert view.page.is_checked('input[data-filter="type"][value="Thing"]')


def test_hostile_strings_never_run(hostile):
    page = hostile.page
    # open every panel, search, filter: every place data reaches the DOM
    ids = hostile.js("[window.khabar.entities.map(n => n.id), window.khabar.data.edges.map(e => e.id)]")
    for node_id in ids[0]:
        hostile.js("id => window.khabar.showNode(id)", node_id)
        assert SCRIPT in page.locator("#panel").inner_text() or IMG in page.locator("#panel").inner_text()
    for edge_id in ids[1]:
        hostile.js("id => window.khabar.showEdge(id)", edge_id)
        assert IMG in page.locator("#panel").inner_text()
    page.fill("#search", "script")
    assert page.locator("#search-results li").count() >= 1
    page.mouse.move(*hostile.point_of_node(ids[0][0]))
    page.wait_for_timeout(300)
    page.check("#show-negated")
    assert hostile.dialogs == []
    assert hostile.js("window.__xss") is None
    assert hostile.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert hostile.js("document.querySelectorAll('script').length") == 3
    assert hostile.js("[...document.querySelectorAll('a[href]')].map(a => a.href)"
                      ".filter(h => !h.startsWith('https://'))") == []
    assert hostile.js("window.__violations") == []   # nothing even tried to run
    # edge labels use vis' label markup for <b> only: no other tag can reach it
    for label in hostile.js("window.khabar.edges.get().map(e => e.label)"):
        assert "<" not in label.replace("<b>", "").replace("</b>", ""), label
    assert hostile.errors == [] and hostile.blocked == []


def test_long_lists_show_their_head_and_the_rest_on_demand(browser, tmp_path):
    path = tmp_path / "hub.html"
    write_html(hub_graph(spokes=70, repeats=30), path)
    for view in _open(browser, path):
        panel = view.page.locator("#panel")
        view.js("window.khabar.showNode('wd:Q1')")
        assert panel.locator("ul.relations > li").count() == 60
        panel.locator("ul.relations button.more").click()
        assert panel.locator("ul.relations > li").count() == 70
        edge = view.js("window.khabar.data.edges.find(e => e.to === 'State:دوله 0').id")
        view.js("id => window.khabar.showEdge(id)", edge)
        assert panel.locator(".evidence").count() == 25
        panel.locator(".evidence-list button.more").click()
        assert panel.locator(".evidence").count() == 31


def test_empty_graph_page_is_ready(browser, tmp_path):
    path = tmp_path / "empty.html"
    write_html(assemble([]), path)
    for view in _open(browser, path):
        assert view.js("window.khabar.network.body.data.nodes.length") == 0
        assert "no entities" in view.page.locator("#status").inner_text()
        assert view.errors == []


def test_entities_without_relations_are_set_below_the_graph(view):
    # Warsaw and Reuters are mentioned but take part in no relation
    pos = view.js("window.khabar.network.getPositions()")
    loners = {"wd:Q270", "wd:Q130879"}
    lowest_connected = max(p["y"] for key, p in pos.items() if key not in loners)
    assert all(pos[key]["y"] > lowest_connected for key in loners)
    assert pos["wd:Q270"]["y"] == pos["wd:Q130879"]["y"]     # one row


def test_layout_is_the_same_on_every_load(browser, tmp_path):
    path = tmp_path / "graph.html"
    write_html(small_graph(), path)
    layouts = []
    for _ in range(2):
        for view in _open(browser, path):
            layouts.append(view.js("""() => Object.entries(window.khabar.network.getPositions())
                .map(([k, p]) => [k, Math.round(p.x), Math.round(p.y)]).sort()"""))
    assert layouts[0] == layouts[1]


# ---- an overview: a graph larger than the cap ----------------------------------------------

def test_overview_draws_at_most_the_cap_and_no_lone_entity(overview):
    drawn = overview.js("window.khabar.nodes.getIds()")
    assert sorted(drawn) == sorted(overview_nodes(overview_graph(), OVERVIEW_CAP))
    assert len(drawn) == OVERVIEW_CAP < overview.js("window.khabar.entities.length") == 37
    assert not {loner.key for loner in LONERS} & set(drawn)
    ends = {end for line in overview.visible_lines() for end in (line["from"], line["to"])}
    assert ends == set(drawn)            # every drawn entity has a visible relation
    assert overview.js("window.khabar.network.physics.options.enabled") is False
    assert overview.errors == [] and overview.blocked == [] and overview.js("window.__violations") == []


def test_overview_note_says_what_is_hidden_and_how_to_see_it(overview):
    note = overview.page.locator("#overview-note")
    assert note.is_visible()
    english = note.locator('[lang="en"]').inner_text()
    assert "Showing 5 of 37 entities" in english
    assert "32 not drawn (20 of them with no relation)" in english
    assert "Search to draw any entity" in english and "khabar view --entity NAME" in english
    assert "يعرض 5 من 37 كيان" in note.inner_text()
    # the legend counts what is drawn of what the build holds
    count = lambda kind, value: overview.page.locator(  # noqa: E731
        f'input[data-filter="{kind}"][value="{value}"] ~ .count').inner_text()
    assert count("type", "State") == "5/15" and count("type", "Person") == "0/21"
    assert count("relation", "supports") == "3/13"


def test_whole_graph_page_has_no_overview_note(view):
    assert not view.page.locator("#overview-note").is_visible()
    count = view.page.locator('input[data-filter="type"][value="State"] ~ .count').inner_text()
    assert count == "2"


def test_search_draws_an_undrawn_entity_with_its_neighbours(overview):
    before = overview.positions()
    overview.page.fill("#search", "رحاله")             # ة written ه: normalised
    first = overview.page.locator("#search-results li").first
    assert first.get_attribute("data-node") == FAR.key
    assert "undrawn" in first.get_attribute("class")
    overview.page.press("#search", "Enter")
    overview.page.wait_for_function(
        "id => document.getElementById('panel').dataset.id === id", arg=FAR.key, timeout=10_000)
    assert overview.js("window.khabar.network.getSelectedNodes()") == [FAR.key]
    drawn = set(overview.js("window.khabar.nodes.getIds()"))
    assert drawn == set(before) | {FAR.key, FARTHER.key}    # he, and the village he brought
    pairs = {frozenset((line["from"], line["to"])) for line in overview.visible_lines()}
    assert {frozenset((FAR.key, FARTHER.key)), frozenset((FAR.key, SPOKES[11].key))} <= pairs
    after = overview.positions()
    assert {k: after[k] for k in before} == before          # what was drawn did not move
    assert after[FAR.key] != after[FARTHER.key]
    assert overview.js("window.khabar.network.physics.options.enabled") is False
    assert "Showing 7 of 37 entities" in overview.page.locator("#overview-note").inner_text()
    assert overview.page.locator("#panel ul.relations > li").count() == 2
    assert overview.errors == []


def test_search_finds_an_entity_without_relations_and_draws_it(overview):
    overview.page.fill("#search", "Loner 7")
    assert overview.page.locator("#search-results li").first.get_attribute("data-node") == \
        LONERS[7].key
    assert overview.js("id => window.khabar.focusNode(id)", LONERS[7].key) is True
    assert overview.js("id => window.khabar.isDrawn(id)", LONERS[7].key)
    assert overview.page.locator("#panel").get_attribute("data-id") == LONERS[7].key


def test_a_name_in_the_panel_draws_that_entity(overview):
    overview.js("id => window.khabar.showNode(id)", SPOKES[11].key)
    button = overview.page.locator(f'#panel ul.relations button[data-node="{FAR.key}"]')
    assert "undrawn" in button.get_attribute("class")
    button.click()
    overview.page.wait_for_function(
        "id => document.getElementById('panel').dataset.id === id", arg=FAR.key, timeout=10_000)
    assert overview.js("id => window.khabar.isDrawn(id)", FARTHER.key)


def test_evidence_panel_for_an_edge_drawn_on_demand(overview):
    assert overview.js("id => window.khabar.focusNode(id)", FAR.key) is True
    overview.page.wait_for_timeout(600)                 # the focus animation
    located = overview.edge_id("locatedIn", FAR.key)
    overview.page.mouse.click(*overview.point_of_edge(located))
    panel = overview.page.locator("#panel")
    assert panel.get_attribute("data-kind") == "edge" and panel.get_attribute("data-id") == located
    (block,) = panel.locator(".evidence").all()
    assert block.locator("mark.subject").inner_text() == "رحالة بعيد"
    assert block.locator("mark.object").inner_text() == "قرية نائية"
    assert block.locator("mark.trigger").inner_text() == "في"
    assert block.locator("a").get_attribute("href") == "https://example.org/overview"
    assert "نظرة عامة" in block.inner_text()


def test_parallel_relations_are_drawn_as_one_counted_line(overview):
    pair = overview.js("id => window.khabar.pairOf(id)", overview.edge_id("cooperatesWith"))
    line = overview.js("id => window.khabar.edges.get(id)", pair)
    assert line["hidden"] is False and {line["from"], line["to"]} == {NORTH.key, SOUTH.key}
    assert "3 relations" in line["label"] and "3 علاقات" in line["label"]
    assert "6 sentences" in line["title"]
    single = overview.js("id => window.khabar.edges.get(id)", overview.edge_id("meetsWith", HUB.key))
    assert line["width"] > single["width"]
    own = [overview.edge_id(p, NORTH.key) for p in ("meetsWith", "cooperatesWith", "supports")]
    assert all(overview.js("id => window.khabar.edges.get(id).hidden", i) for i in own)
    # its panel: every relation it stands for, each with its evidence
    overview.page.mouse.click(*overview.point_of_edge(pair))
    panel = overview.page.locator("#panel")
    assert panel.get_attribute("data-kind") == "pair" and panel.get_attribute("data-id") == pair
    assert panel.locator("section.pair-relation").count() == 3
    assert panel.locator(".evidence").count() == 6
    assert set(panel.locator(".evidence mark.object").all_inner_texts()) == {"جمهورية الجنوب"}
    # with one of the three filtered out, the other two get their own lines again
    overview.page.uncheck('input[data-filter="relation"][value="supports"]')
    assert overview.js("id => window.khabar.edges.get(id).hidden", pair) is True
    assert [overview.js("id => window.khabar.edges.get(id).hidden", i) for i in own] == \
        [False, False, True]
    overview.page.check('input[data-filter="relation"][value="supports"]')
    assert overview.js("id => window.khabar.edges.get(id).hidden", pair) is False


def test_an_overview_fades_relations_stated_once(overview, view):
    opacity = lambda page, i: page.js("id => window.khabar.edges.get(id).color.opacity", i)  # noqa: E731
    assert opacity(overview, overview.edge_id("meetsWith", HUB.key)) < 1        # 1 sentence
    assert opacity(overview, overview.edge_id("supports", HUB.key)) == 1        # 5 sentences
    # relations drawn on demand are not faded: the analyst asked for them
    assert overview.js("id => window.khabar.focusNode(id)", FAR.key) is True
    assert opacity(overview, overview.edge_id("locatedIn", FAR.key)) == 1
    # a page that draws the whole graph fades nothing
    assert set(view.js("window.khabar.edges.get().map(e => e.color.opacity)")) == {1}
