"""Benchmark the HTML view on a large graph: time to a stable, interactive page in headless Chromium.

Builds a synthetic graph (2,000 nodes by default) from DocumentResult records, so the real
assembly and writer run, writes the page (with --max-nodes entities drawn), opens it in
Debian's chromium with every request outside file:// blocked, and measures: writing the file,
its size, loading until the layout has stabilised and physics stopped, i.e. ready and
interactive (also the in-page layout time alone), how many entities are drawn of how many,
the browser's memory, one full redraw of the fitted graph, a real click on the busiest node
until its panel shows, a search, one entity-type filter change, and searching an entity the
overview does not draw until it is drawn with its neighbours and its panel shows. Each timing is the median of --runs page loads (the machine is
shared, so also the load average is recorded). Results go to bench/results/html_bench.json and
a table on stdout.

    .venv/bin/python bench/html_bench.py                   # the 2,000-node synthetic graph
    .venv/bin/python bench/html_bench.py --nodes 500
    .venv/bin/python bench/html_bench.py --page outputs/graph.html --screenshots outputs
    .venv/bin/python bench/html_bench.py --page corpus/graph.html --runs 3 --out bench/results/html_corpus.json
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.records import Document, DocumentResult, Entity, Mention, Span, Statement  # noqa: E402
from graph.assemble import assemble  # noqa: E402
from graph.html import DEFAULT_MAX_NODES, relation_labels, write_html  # noqa: E402
from graph.atomic import write_text  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TYPES = ["State", "Person", "City", "Organisation", "Thing", "Region", "Event", "Programme"]
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
MODALITIES = ["asserted"] * 8 + ["possible", "negated"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 7)))


def synthetic_results(nodes: int, edges_per_node: float, seed: int = 0) -> list[DocumentResult]:
    """A random graph with a few hubs (news graphs have them), 20 statements per document."""
    rng = random.Random(seed)
    predicates = sorted(relation_labels())
    entities = []
    for i in range(nodes):
        label = " ".join(_word(rng) for _ in range(rng.choice((1, 1, 2, 2, 3))))
        etype = TYPES[i % len(TYPES)]
        qid = f"Q{1000 + i}" if etype != "Thing" else ""
        key = f"wd:{qid}" if qid else f"{etype}:{label}"
        entities.append(Entity(key, label, etype, label_en=f"Entity {i}", qid=qid))
    hubs = entities[: max(1, nodes // 50)]
    pairs = []
    for _ in range(int(nodes * edges_per_node)):
        a = rng.choice(hubs) if rng.random() < 0.3 else rng.choice(entities)
        b = rng.choice(entities)
        if a.key != b.key:
            pairs.append((a, b, rng.choice(predicates), rng.choice(MODALITIES)))
    for entity in entities:   # no isolated node
        pairs.append((entity, rng.choice(hubs), rng.choice(predicates), "asserted"))
    results = []
    for d in range(0, len(pairs), 20):
        sentences, statements, mentions, used = [], [], [], {}
        offset = 0
        for i, (a, b, predicate, modality) in enumerate(pairs[d:d + 20]):
            trigger = _word(rng)
            text = f"وقال مسؤول إن {a.label} {trigger} {b.label} في إطار العلاقات."
            start_a = offset + text.index(a.label)
            start_t = offset + text.index(trigger, text.index(a.label) + len(a.label))
            start_b = offset + text.index(b.label, start_t - offset + len(trigger))
            span_a = Span(start_a, start_a + len(a.label), a.label)
            span_b = Span(start_b, start_b + len(b.label), b.label)
            quote = Span(offset, offset + len(text), text)
            statements.append(Statement(a.key, predicate, b.key, f"doc{d // 20}", i, quote,
                                        Span(start_t, start_t + len(trigger), trigger),
                                        span_a, span_b, rule="bench", modality=modality))
            mentions += [Mention(a.key, span_a, i), Mention(b.key, span_b, i)]
            used[a.key], used[b.key] = a, b
            sentences.append(quote)
            offset += len(text) + 1
        text = "\n".join(s.text for s in sentences)
        doc = Document(f"doc{d // 20}", text, title=f"وثيقة {d // 20}")
        results.append(DocumentResult(doc, tuple(sentences), tuple(used.values()),
                                      tuple(mentions), tuple(statements)))
    return results


def _browser_memory(cdp) -> dict:
    """The page's JavaScript heap (Chromium's own metric) and the whole browser's memory: the sum
    of the resident sets (RSS, shared pages counted in each process) and of the proportional
    sets (PSS, shared pages split) of every Chromium process this benchmark started."""
    import psutil

    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    procs = [p for p in psutil.Process().children(recursive=True)
             if p.name().startswith("chromium") or "chrom" in " ".join(p.cmdline()[:1])]
    rss = pss = 0
    for proc in procs:
        try:
            info = proc.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
    return {"js_heap_mb": metrics.get("JSHeapUsedSize", 0) / 1e6, "browser_rss_mb": rss / 1e6,
            "browser_pss_mb": pss / 1e6, "browser_processes": len(procs)}


#: In-page: the entity not drawn on the opening overview with the most statements in its
#: relations (what an analyst would search for next), else any undrawn entity.
_UNDRAWN = """() => {
    const k = window.khabar, weight = {};
    k.data.edges.forEach(e => { if (e.from === e.to) return;
        weight[e.from] = (weight[e.from] || 0) + e.count; weight[e.to] = (weight[e.to] || 0) + e.count; });
    const undrawn = k.entities.filter(n => !k.isDrawn(n.id));
    undrawn.sort((a, b) => (weight[b.id] || 0) - (weight[a.id] || 0) || (a.id < b.id ? -1 : 1));
    return undrawn.length ? undrawn[0].id : null; }"""


def measure(page_path: Path, screenshots: Path | None = None,
            ready_timeout_s: float = 600) -> dict:
    """Open the page offline in headless Chromium and time it to stable and interactive.
    A page not ready within `ready_timeout_s` is reported as such (with its memory then)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 850})
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        blocked: list[str] = []
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
                   else (blocked.append(r.request.url), r.abort()))
        page.goto("about:blank")
        out["blank_browser_pss_mb"] = _browser_memory(cdp)["browser_pss_mb"]
        start = time.perf_counter()
        page.goto(page_path.as_uri(), wait_until="load", timeout=ready_timeout_s * 1000)
        out["load_event_s"] = time.perf_counter() - start
        try:
            page.wait_for_function("() => window.khabar && window.khabar.ready === true",
                                   timeout=ready_timeout_s * 1000, polling=50)
        except PlaywrightTimeout:
            out["ready"] = False
            out["gave_up_after_s"] = time.perf_counter() - start
            out.update(_browser_memory(cdp))
            browser.close()
            return out
        out["ready"] = True
        out["stable_s"] = time.perf_counter() - start
        marks = page.evaluate("""() => Object.fromEntries(performance.getEntriesByType('mark')
            .map(m => [m.name, m.startTime]))""")
        if "khabar-stable" in marks and "khabar-network" in marks:   # in-page, without the harness
            out["layout_s"] = (marks["khabar-stable"] - marks["khabar-network"]) / 1000
            out["script_to_network_s"] = (marks["khabar-network"] - marks["khabar-start"]) / 1000
        out["blocked_requests"] = len(blocked)
        out["entities"] = page.evaluate("window.khabar.entities.length")
        out["relations"] = page.evaluate("window.khabar.data.edges.length")
        out["drawn_nodes"] = page.evaluate("window.khabar.nodes.length")
        out["drawn_lines"] = page.evaluate("window.khabar.edges.get({filter: e => !e.hidden}).length")
        out["redraw_ms"] = page.evaluate("""() => {
            const n = window.khabar.network, t = [];
            for (let i = 0; i < 5; i++) { const s = performance.now(); n.redraw(); t.push(performance.now() - s); }
            t.sort((a, b) => a - b); return t[2]; }""")
        out.update(_browser_memory(cdp))
        hub = page.evaluate("""() => {
            const k = window.khabar, deg = {};
            k.data.edges.forEach(e => { deg[e.from] = (deg[e.from] || 0) + 1; deg[e.to] = (deg[e.to] || 0) + 1; });
            return k.drawnIds().sort((a, b) => (deg[b] || 0) - (deg[a] || 0) || (a < b ? -1 : 1))[0]; }""")
        if hub is not None:
            page.evaluate("id => window.khabar.network.focus(id, {scale: 1.0})", hub)
            point = page.evaluate("""id => {
                const n = window.khabar.network, p = n.canvasToDOM(n.getPositions([id])[id]);
                const r = document.querySelector('#graph canvas').getBoundingClientRect();
                return [r.left + p.x, r.top + p.y]; }""", hub)
            t = time.perf_counter()
            page.mouse.click(*point)
            page.wait_for_function("id => document.getElementById('panel').dataset.id === id",
                                   arg=hub, polling=10)
            out["click_to_panel_ms"] = 1000 * (time.perf_counter() - t)
            label = page.evaluate("id => window.khabar.entities.find(n => n.id === id).label", hub)
            # typing into the search box until the result list is in the DOM (synchronous); the
            # first search also normalises every name of the build
            out["first_search_ms"] = page.evaluate("""label => {
                const box = document.getElementById('search'), s = performance.now();
                box.value = label; box.dispatchEvent(new Event('input'));
                const n = document.querySelectorAll('#search-results li').length;
                return n ? performance.now() - s : -1; }""", label)
            out["search_ms"] = page.evaluate("""label => {
                const box = document.getElementById('search'), s = performance.now();
                box.value = label.slice(0, 3); box.dispatchEvent(new Event('input'));
                box.value = label; box.dispatchEvent(new Event('input'));
                const n = document.querySelectorAll('#search-results li').length;
                return n ? (performance.now() - s) / 2 : -1; }""", label)
            page.keyboard.press("Escape")
            # one entity-type filter change: data updates plus the one redraw it causes (median of 4)
            out["filter_toggle_ms"] = page.evaluate("""() => {
                const b = document.querySelector('input[data-filter="type"]'), t = [];
                for (let i = 0; i < 4; i++) { const s = performance.now(); b.click(); t.push(performance.now() - s); }
                t.sort((x, y) => x - y); return (t[1] + t[2]) / 2; }""")
        if screenshots:
            screenshots.mkdir(parents=True, exist_ok=True)
            page.mouse.move(2, 2)
            page.evaluate("""() => { const k = window.khabar; k.network.unselectAll(); k.showHint();
                k.network.fit(); const box = document.getElementById('search');
                box.value = ''; box.dispatchEvent(new Event('input'));
                if (document.activeElement) document.activeElement.blur(); }""")
            page.wait_for_timeout(1600)   # the "ready" note fades after 1.5 s
            page.evaluate("""() => document.querySelectorAll('div.vis-tooltip')
                .forEach(t => { t.style.visibility = 'hidden'; })""")
            page.screenshot(path=str(screenshots / "graph.png"))
            if hub is not None:
                page.evaluate("id => window.khabar.focusNode(id)", hub)
                page.wait_for_timeout(600)
                page.screenshot(path=str(screenshots / "graph-panel.png"))
                edge = page.evaluate("""() => { const k = window.khabar;
                    const e = k.data.edges.filter(e => e.modality !== 'negated' && k.isDrawn(e.from) && k.isDrawn(e.to))
                        .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1))[0];
                    return e ? e.id : null; }""")
                if edge:
                    page.evaluate("""id => { const n = window.khabar.network;
                        n.selectEdges([window.khabar.edges.get(id).hidden ? window.khabar.pairOf(id) : id]);
                        window.khabar.showEdge(id); }""", edge)
                    page.wait_for_timeout(300)
                    page.screenshot(path=str(screenshots / "graph-edge.png"))
        # search for an entity the overview does not draw, and draw it with its neighbours
        undrawn = page.evaluate(_UNDRAWN)
        if undrawn is not None:
            label = page.evaluate("id => window.khabar.entities.find(n => n.id === id).label", undrawn)
            before = page.evaluate("window.khabar.nodes.length")
            page.fill("#search", label)
            t = time.perf_counter()
            page.press("#search", "Enter")
            page.wait_for_function("""id => window.khabar.isDrawn(id) &&
                document.getElementById('panel').dataset.id === id""", arg=undrawn, polling=10)
            out["search_undrawn_to_panel_ms"] = 1000 * (time.perf_counter() - t)
            out["search_undrawn_found"] = page.evaluate(
                "label => window.khabar.search(label).length > 0", label)
            out["search_undrawn_added_nodes"] = page.evaluate("window.khabar.nodes.length") - before
            # the same in-page, without the harness's key press and polling: the next undrawn
            # entity, from the call to its panel
            out["reveal_in_page_ms"] = page.evaluate("""async () => {
                const k = window.khabar, id = (""" + _UNDRAWN + """)();
                if (id === null) return -1;
                const s = performance.now(); await k.focusNode(id); return performance.now() - s; }""")
            if screenshots:
                page.wait_for_timeout(700)
                page.screenshot(path=str(screenshots / "graph-revealed.png"))
        browser.close()
    return out


def _chromium_version() -> str:
    try:
        return subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except OSError:
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges-per-node", type=float, default=1.5)
    parser.add_argument("--page", type=Path, help="measure an existing page instead")
    parser.add_argument("--max-nodes", type=int, default=DEFAULT_MAX_NODES,
                        help="entities the written page draws when it opens (not with --page)")
    parser.add_argument("--screenshots", type=Path,
                        help="save graph.png, graph-panel.png, graph-edge.png, graph-revealed.png here")
    parser.add_argument("--runs", type=int, default=3, help="page loads; each timing is the median")
    parser.add_argument("--ready-timeout", type=float, default=600,
                        help="seconds to wait for the page to be ready before giving up")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "html_bench.json")
    args = parser.parse_args()

    result: dict = {"chromium": _chromium_version(), "machine": platform.machine(),
                    "python": platform.python_version(), "cpus": os.cpu_count(),
                    "load_avg_1min_before": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory() as tmp:
        if args.page:
            page_path = args.page.resolve()
            result["page"] = str(args.page)
        else:
            t = time.perf_counter()
            graph = assemble(synthetic_results(args.nodes, args.edges_per_node))
            result["assemble_s"] = time.perf_counter() - t
            page_path = Path(tmp) / "graph.html"
            t = time.perf_counter()
            write_html(graph, page_path, max_nodes=args.max_nodes)
            result["write_s"] = time.perf_counter() - t
            result["graph_nodes"] = graph.number_of_nodes()
            result["graph_edges"] = graph.number_of_edges()
            result["max_nodes"] = args.max_nodes
        result["file_mb"] = page_path.stat().st_size / 1e6
        runs = [measure(page_path, args.screenshots if i == 0 else None, args.ready_timeout)
                for i in range(max(1, args.runs))]
        result["runs"] = len(runs)
        result["stable_s_each"] = [round(run["stable_s"], 3) for run in runs if "stable_s" in run]
        for key in runs[0]:
            values = [run[key] for run in runs if key in run]
            result[key] = statistics.median(values) if isinstance(values[0], float) else values[0]
    result = {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}
    write_text(args.out, json.dumps(result, indent=2, sort_keys=True) + "\n")
    width = max(len(k) for k in result)
    print(f"{'metric':<{width}}  value")
    for key, value in sorted(result.items()):
        print(f"{key:<{width}}  {value}")
    print(f"-> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
