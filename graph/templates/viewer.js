/* khabar graph viewer. Reads the JSON data block and draws it with vis-network.
 * Safety rule: text from the data only ever reaches the page through textContent (or
 * vis-network's canvas and its innerText tooltips); never through innerHTML. */
(function () {
  "use strict";

  performance.mark("khabar-start");
  var DATA = JSON.parse(document.getElementById("khabar-data").textContent);
  // On the canvas the sans face reads better at small sizes; the panel (CSS) uses Naskh.
  var FONT = "'Noto Sans Arabic', 'Noto Naskh Arabic', 'DejaVu Sans', sans-serif";
  var MODALITY = {
    asserted: ["مؤكدة", "asserted"], possible: ["محتملة", "possible"], negated: ["منفية", "negated"]
  };
  var state = { ready: false, showNegated: false, types: {}, relations: {} };

  // ---- small DOM helpers: text only --------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "class") node.className = attrs[name];
      else if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === "") return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function en(text) { return el("span", { lang: "en", dir: "ltr", text: text }); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function safeUrl(url) { return /^https?:\/\/[^\s]+$/i.test(url || "") ? url : ""; }

  // ---- Arabic-aware normalisation for search ------------------------------------------------
  var DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
  function normalise(text) {
    return String(text || "").normalize("NFKC")
      .replace(DIACRITICS, "")
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")   // آ أ إ ٱ -> ا
      .replace(/\u0649/g, "\u064A")                       // ى -> ي
      .replace(/\u0629/g, "\u0647")                       // ة -> ه
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  // ---- indexes -------------------------------------------------------------------------------
  var nodeById = {}, edgeById = {}, typeById = {}, relById = {}, edgesOf = {};
  DATA.types.forEach(function (t) { typeById[t.id] = t; state.types[t.id] = true; });
  DATA.relations.forEach(function (r) { relById[r.id] = r; state.relations[r.id] = true; });
  DATA.nodes.forEach(function (n) {
    nodeById[n.id] = n; edgesOf[n.id] = [];
    n._search = [n.label, n.label_en].concat(n.aliases).filter(Boolean).map(normalise);
  });
  DATA.edges.forEach(function (e) {
    edgeById[e.id] = e;
    if (edgesOf[e.from]) edgesOf[e.from].push(e.id);
    if (edgesOf[e.to] && e.to !== e.from) edgesOf[e.to].push(e.id);
  });
  function typeOf(n) { return typeById[n.type] || { ar: n.type, en: n.type, shape: "dot", color: "#bab0ac" }; }
  function relOf(e) { return relById[e.predicate] || { ar: e.predicate, en: e.predicate, color: "#777", symmetric: false }; }
  function nameOf(key) { return nodeById[key] ? nodeById[key].label : key; }

  // ---- vis data ------------------------------------------------------------------------------
  var big = DATA.nodes.length > 400;
  function visNode(n) {
    var t = typeOf(n), inside = t.shape === "box" || t.shape === "ellipse";
    return {
      id: n.id, label: n.label, shape: t.shape,
      title: (n.label_en || n.label) + "\n" + t.en + " · " + t.ar,
      size: 10 + Math.min(14, 3 * Math.sqrt(n.mentions || 0)),
      color: { background: t.color, border: "#444", highlight: { background: t.color, border: "#000" },
               hover: { background: t.color, border: "#000" } },
      font: inside ? { strokeWidth: 0 } : undefined,
      hidden: false
    };
  }
  // Parallel edges between one pair bend apart instead of drawing over each other.
  var pairs = {};
  DATA.edges.forEach(function (e) {
    var k = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
    (pairs[k] = pairs[k] || []).push(e.id);
  });
  function pairOf(e) {
    return pairs[e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from];
  }
  function smoothFor(e) {
    var group = pairOf(e), i = group.indexOf(e.id);
    if (group.length === 1) return false;
    var side = (i % 2 === 0) !== (e.from > e.to);
    return { enabled: true, type: side ? "curvedCW" : "curvedCCW", roundness: 0.18 * (1 + Math.floor(i / 2)) };
  }
  // Edge labels use vis' "html" markup only to draw the Arabic line larger than the English
  // one. vis cannot decode entities (its "&lt;" handling is broken), so a "<" in a label (only
  // possible in a predicate missing from the ontology) is drawn as "‹".
  function markup(text) { return String(text).replace(/</g, "\u2039"); }
  function visEdge(e) {
    var r = relOf(e), negated = e.modality === "negated";
    var label = "<b>" + markup((negated ? "✗ " : "") + r.ar) + "</b>\n" + markup((negated ? "not " : "") + r.en);
    return {
      id: e.id, from: e.from, to: e.to, label: label,
      title: r.en + " · " + r.ar + "\n" + e.count + (e.count === 1 ? " sentence" : " sentences") +
        " · " + MODALITY[e.modality][1],
      width: Math.min(8, 1 + 2 * Math.log2(Math.max(1, e.count))),
      dashes: negated ? [2, 5] : e.modality === "possible" ? [8, 5] : false,
      color: { color: negated ? "#7f0000" : r.color, highlight: "#000", hover: "#000" },
      arrows: { to: { enabled: !r.symmetric, scaleFactor: 0.6 } },
      smooth: smoothFor(e),
      length: 120 + 45 * (Math.min(pairOf(e).length, 6) - 1),   // room for parallel labels
      hidden: negated
    };
  }
  var nodes = new vis.DataSet(DATA.nodes.map(visNode));
  var edges = new vis.DataSet(DATA.edges.map(visEdge));
  performance.mark("khabar-data");

  var container = document.getElementById("graph");
  var status = document.getElementById("status");
  // Large graphs trade some layout precision for time: a coarser Barnes-Hut (theta) and fewer
  // iterations. The iteration count, not a clock, bounds the work, so the layout is repeatable.
  var size = DATA.nodes.length;
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    layout: { randomSeed: DATA.layout.seed, improvedLayout: size <= 100 },
    physics: {
      enabled: true, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -3500, centralGravity: 0.35, springLength: 120,
                   springConstant: 0.05, damping: 0.2, avoidOverlap: 0.4,
                   theta: big ? 1.0 : size > 100 ? 0.7 : 0.5 },
      stabilization: { enabled: true, iterations: big ? 200 : size > 100 ? 500 : 1000,
                       updateInterval: 25, fit: true }
    },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                   multiselect: false },
    // Labels smaller than about 8 px on screen are not drawn: unreadable, and most of a frame.
    nodes: { borderWidth: 1, scaling: { label: { enabled: false, drawThreshold: 8 } },
             font: { face: FONT, size: 16, color: "#111", strokeWidth: 3, strokeColor: "#fff" } },
    edges: { selectionWidth: 2, hoverWidth: 1, scaling: { label: { enabled: false, drawThreshold: 8 } },
             font: { face: FONT, size: 11, color: "#444", strokeWidth: 3, strokeColor: "#fff", multi: "html",
                     bold: { face: FONT, size: 14, color: "#222", mod: "" } } }
  });

  // What the tests and the benchmark drive; the functions are hoisted declarations.
  window.khabar = {
    ready: false, network: network, nodes: nodes, edges: edges, data: DATA,
    normalise: normalise, search: search, focusNode: focusNode, showNode: showNode, showEdge: showEdge,
    showHint: showHint
  };

  performance.mark("khabar-network");

  // Small groups (entities without relations, pairs cut off from the rest) drift far out
  // under repulsion and make the whole graph tiny when fitted. Once the layout is done they
  // are set in rows below the largest group instead, each keeping its own shape.
  function components() {
    var parent = {};
    function find(x) { while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
    DATA.nodes.forEach(function (n) { parent[n.id] = n.id; });
    DATA.edges.forEach(function (e) { if (parent[e.from] !== undefined && parent[e.to] !== undefined) parent[find(e.from)] = find(e.to); });
    var groups = {};
    DATA.nodes.forEach(function (n) { (groups[find(n.id)] = groups[find(n.id)] || []).push(n.id); });
    return Object.keys(groups).map(function (k) { return groups[k]; })
      .sort(function (a, b) { return b.length - a.length || (a[0] < b[0] ? -1 : 1); });
  }
  function bounds(ids) {
    var pos = network.getPositions(ids), box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    ids.forEach(function (id) {
      box.x0 = Math.min(box.x0, pos[id].x); box.x1 = Math.max(box.x1, pos[id].x);
      box.y0 = Math.min(box.y0, pos[id].y); box.y1 = Math.max(box.y1, pos[id].y);
    });
    box.pos = pos;
    return box;
  }
  function packSmallGroups() {
    var groups = components();
    if (groups.length < 2 || big) return;
    var main = bounds(groups[0]), gap = 130;
    var x = main.x0, y = main.y1 + 120, rowHeight = 0;
    groups.slice(1).forEach(function (ids) {
      var box = bounds(ids), w = box.x1 - box.x0, h = box.y1 - box.y0;
      if (x > main.x0 && x + w > main.x1) { x = main.x0; y += rowHeight + 90; rowHeight = 0; }
      ids.forEach(function (id) { network.moveNode(id, box.pos[id].x - box.x0 + x, box.pos[id].y - box.y0 + y); });
      x += w + gap;
      rowHeight = Math.max(rowHeight, h);
    });
  }

  function stable() {
    if (state.ready) return;
    performance.mark("khabar-stable");
    network.setOptions({ physics: { enabled: false } });
    packSmallGroups();
    network.fit();
    state.ready = true;
    window.khabar.ready = true;
    document.documentElement.setAttribute("data-state", "stable");
    status.textContent = "";
    status.appendChild(document.createTextNode(DATA.nodes.length ? "جاهز " : "لا توجد كيانات "));
    status.appendChild(en(DATA.nodes.length ? "ready" : "no entities"));
    setTimeout(function () { status.style.display = "none"; }, 1500);
  }
  network.on("stabilizationProgress", function (p) {
    status.textContent = "تخطيط … " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", stable);
  network.once("stabilized", stable);
  if (!DATA.nodes.length) stable();

  // ---- header --------------------------------------------------------------------------------
  (function stats() {
    var positive = DATA.edges.filter(function (e) { return e.modality !== "negated"; }).length;
    var docs = Object.keys(DATA.documents).length;
    var p = document.getElementById("stats");
    p.appendChild(document.createTextNode(DATA.nodes.length + " كيان · " + positive + " علاقة · " +
      docs + " وثيقة "));
    p.appendChild(en("(" + DATA.nodes.length + " entities · " + positive + " relations · " +
      docs + " documents)"));
  })();

  // ---- filters ---------------------------------------------------------------------------------
  // Only items whose visibility changes are sent to vis: a large graph redraws once, not per item.
  var hiddenNow = {};
  DATA.nodes.forEach(function (n) { hiddenNow["n" + n.id] = false; });
  DATA.edges.forEach(function (e) { hiddenNow["e" + e.id] = e.modality === "negated"; });
  function changes(items, prefix, isHidden) {
    var out = [];
    items.forEach(function (item) {
      var hide = isHidden(item);
      if (hiddenNow[prefix + item.id] !== hide) { hiddenNow[prefix + item.id] = hide; out.push({ id: item.id, hidden: hide }); }
    });
    return out;
  }
  function applyFilters() {
    var nodeUpdates = changes(DATA.nodes, "n", function (n) { return !state.types[n.type]; });
    var edgeUpdates = changes(DATA.edges, "e", function (e) {
      return !(state.relations[e.predicate] && (e.modality !== "negated" || state.showNegated) &&
        state.types[nodeById[e.from].type] && state.types[nodeById[e.to].type]);
    });
    // vis redraws synchronously after each data update; hold that back and draw once.
    network.body.emitter.emit("_blockRedraw");
    try {
      if (nodeUpdates.length) nodes.update(nodeUpdates);
      if (edgeUpdates.length) edges.update(edgeUpdates);
    } finally {
      network.body.emitter.emit("_allowRedraw");
    }
    network.redraw();
  }
  function checkbox(group, id, onChange, labelChildren, swatch, count) {
    var input = el("input", { type: "checkbox", "data-filter": group, value: id });
    input.checked = true;
    input.addEventListener("change", function () { onChange(input.checked); applyFilters(); });
    return el("label", {}, [input, swatch, el("span", {}, labelChildren), el("span", { class: "count", text: String(count) })]);
  }
  (function buildFilters() {
    var typeBox = document.getElementById("type-filters");
    DATA.types.forEach(function (t) {
      var count = DATA.nodes.filter(function (n) { return n.type === t.id; }).length;
      var sw = el("span", { class: "swatch " + t.shape });
      sw.style.background = t.color;
      typeBox.appendChild(checkbox("type", t.id, function (on) { state.types[t.id] = on; },
        [t.ar + " ", en(t.en)], sw, count));
    });
    var relBox = document.getElementById("relation-filters");
    DATA.relations.forEach(function (r) {
      var count = DATA.edges.filter(function (e) { return e.predicate === r.id; }).length;
      var sw = el("span", { class: "swatch rel" });
      sw.style.background = r.color;
      relBox.appendChild(checkbox("relation", r.id, function (on) { state.relations[r.id] = on; },
        [r.ar + " ", en(r.en)], sw, count));
    });
    var neg = document.getElementById("show-negated");
    neg.checked = false;
    neg.addEventListener("change", function () {
      state.showNegated = neg.checked; applyFilters();
    });
  })();

  // ---- side panel ------------------------------------------------------------------------------
  var panel = document.getElementById("panel");
  function nodeButton(key) {
    if (!nodeById[key]) return el("span", { text: key });
    var b = el("button", { class: "link", type: "button", text: nodeById[key].label, "data-node": key });
    b.addEventListener("click", function () { focusNode(key); });
    return b;
  }
  function edgeButton(e) {
    var r = relOf(e);
    var b = el("button", { class: "link", type: "button", "data-edge": e.id }, [r.ar + " ", en(r.en)]);
    b.addEventListener("click", function () { network.selectEdges([e.id]); showEdge(e.id); });
    return b;
  }
  function badge(modality) {
    var m = MODALITY[modality] || [modality, modality];
    return el("span", { class: "badge " + modality }, [m[0] + " ", en(m[1])]);
  }
  function row(dl, term, value) {
    if (!value) return;
    dl.appendChild(el("dt", {}, term));
    dl.appendChild(el("dd", {}, [value]));
  }
  function docLabel(id) {
    var d = DATA.documents[id] || {};
    var text = d.title || id, url = safeUrl(d.url);
    return url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: text })
               : el("span", { text: text });
  }

  // Long lists (a hub's documents or relations) show their head and a button for the rest.
  function appendLimited(parent, items, limit, render, separator) {
    function add(from, to) {
      for (var i = from; i < to; i++) {
        if (i && separator) parent.appendChild(document.createTextNode(separator));
        parent.appendChild(render(items[i]));
      }
    }
    add(0, Math.min(limit, items.length));
    if (items.length <= limit) return;
    var more = el("button", { class: "link more", type: "button" },
      ["+" + (items.length - limit) + " عرض الكل ", en("show all")]);
    more.addEventListener("click", function () {
      more.remove();
      add(limit, items.length);
    });
    parent.appendChild(more);
  }

  function showNode(id) {
    var n = nodeById[id];
    if (!n) return;
    var t = typeOf(n);
    clear(panel);
    panel.setAttribute("data-kind", "node");
    panel.setAttribute("data-id", id);
    panel.appendChild(el("h2", { dir: "rtl", text: n.label }));
    if (n.label_en) panel.appendChild(el("p", { class: "en-name", lang: "en", dir: "ltr", text: n.label_en }));
    var dl = el("dl");
    var sw = el("span", { class: "swatch " + t.shape });
    sw.style.background = t.color;
    row(dl, ["النوع ", en("type")], el("span", {}, [sw, " " + t.ar + " ", en(t.en)]));
    if (n.aliases.length) row(dl, ["أسماء أخرى ", en("aliases")], el("span", { text: n.aliases.join("، ") }));
    row(dl, ["المنصب ", en("role")], n.job_title ? el("span", { text: n.job_title }) : null);
    row(dl, ["يتبع ", en("affiliation")], n.affiliation ? nodeButton(n.affiliation) : null);
    if (/^Q[0-9]+$/.test(n.qid)) {
      row(dl, ["ويكي بيانات ", en("Wikidata")], el("a", {
        href: "https://www.wikidata.org/wiki/" + n.qid, target: "_blank",
        rel: "noopener noreferrer", dir: "ltr", text: n.qid, class: "wikidata" }));
    }
    row(dl, ["الإشارات ", en("mentions")], el("span", { text: String(n.mentions) }));
    if (n.documents.length) {
      var docs = el("span");
      appendLimited(docs, n.documents, 8, docLabel, "، ");
      row(dl, ["الوثائق ", en("documents (" + n.documents.length + ")")], docs);
    }
    row(dl, ["المعرّف ", en("key")], el("span", { class: "key", dir: "ltr", text: n.id }));
    panel.appendChild(dl);

    var related = edgesOf[id].map(function (k) { return edgeById[k]; })
      .filter(function (e) { return e.modality !== "negated" || state.showNegated; });
    panel.appendChild(el("h3", {}, ["العلاقات ", en("relations (" + related.length + ")")]));
    var ul = el("ul", { class: "relations" });
    // Each line is the whole triple in reading order (right to left): subject ← relation ← object.
    appendLimited(ul, related, 60, function (e) {
      var arrow = relOf(e).symmetric ? " ↔ " : " ← ";
      var end = function (key) { return key === id ? el("strong", { text: n.label }) : nodeButton(key); };
      return el("li", {}, [
        end(e.from), el("span", { text: arrow }), edgeButton(e), el("span", { text: arrow }), end(e.to),
        el("span", { text: " " }), e.modality !== "asserted" ? badge(e.modality) : "",
        el("span", { class: "pill", title: "sentences", text: String(e.count) })
      ]);
    });
    panel.appendChild(ul);
  }

  function showEdge(id) {
    var e = edgeById[id];
    if (!e) return;
    var r = relOf(e);
    clear(panel);
    panel.setAttribute("data-kind", "edge");
    panel.setAttribute("data-id", id);
    panel.appendChild(el("h2", {}, [nodeButton(e.from), r.symmetric ? " ↔ " : " ← ", nodeButton(e.to)]));
    panel.appendChild(el("p", {}, [badge(e.modality), el("strong", { text: r.ar + " " }), en(r.en)]));
    var dl = el("dl");
    row(dl, ["الجمل ", en("sentences")], el("span", { text: String(e.count) }));
    row(dl, ["الثقة ", en("confidence")], el("span", { text: String(e.confidence) }));
    panel.appendChild(dl);
    panel.appendChild(el("h3", {}, ["الأدلة ", en("evidence")]));
    panel.appendChild(el("p", { class: "key" }, [
      el("mark", { class: "subject", text: "الفاعل" }), " ", en("subject"), " · ",
      el("mark", { class: "object", text: "المفعول" }), " ", en("object"), " · ",
      el("mark", { class: "trigger", text: "الدال" }), " ", en("trigger")]));
    var list = el("div", { class: "evidence-list" });
    panel.appendChild(list);
    appendLimited(list, e.evidence, 25, function (ev) {
      var quote = el("blockquote", { dir: "rtl" });
      ev.segments.forEach(function (seg) {
        quote.appendChild(seg[1] ? el("mark", { class: seg[1], text: seg[0] }) : document.createTextNode(seg[0]));
      });
      var meta = el("div", { class: "meta" }, [docLabel(ev.doc), el("span", { text: " · " }),
        el("span", { text: "الجملة " + (ev.sentence + 1), title: "sentence " + (ev.sentence + 1) })]);
      var d = DATA.documents[ev.doc] || {};
      if (d.source) meta.appendChild(el("span", { text: " · " + d.source }));
      if (d.date) meta.appendChild(el("span", { dir: "ltr", text: " · " + d.date }));
      var extra = el("div", { class: "meta" });
      if (ev.attribution) extra.appendChild(el("span", { class: "attribution" }, ["بحسب ", en("according to "), nodeButton(ev.attribution), " · "]));
      if (ev.modality !== e.modality) extra.appendChild(badge(ev.modality));
      if (ev.time) extra.appendChild(el("span", { dir: "ltr", text: ev.time + " · " }));
      extra.appendChild(en("rule " + ev.rule + " · " + ev.confidence));
      return el("div", { class: "evidence" }, [quote, meta, extra]);
    });
  }

  function showHint() {
    clear(panel);
    panel.removeAttribute("data-kind");
    panel.appendChild(el("p", { class: "hint" }, ["انقر على كيان أو علاقة لعرض التفاصيل والأدلة. ",
      en("Click an entity or a relation for details and evidence.")]));
  }

  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else showHint();
  });

  // ---- search ----------------------------------------------------------------------------------
  function search(query) {
    var q = normalise(query);
    if (!q) return [];
    var scored = [];
    DATA.nodes.forEach(function (n) {
      var best = 9;
      n._search.forEach(function (s) {
        var score = s === q ? 0 : s.indexOf(q) === 0 ? 1 :
          (" " + s).indexOf(" " + q) >= 0 ? 2 : s.indexOf(q) >= 0 ? 3 : 9;
        if (score < best) best = score;
      });
      if (best < 9) scored.push([best, -n.mentions, n.label, n.id]);
    });
    scored.sort(function (a, b) {
      for (var i = 0; i < 3; i++) { if (a[i] < b[i]) return -1; if (a[i] > b[i]) return 1; }
      return a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0;
    });
    return scored.slice(0, 12).map(function (s) { return s[3]; });
  }
  function focusNode(id) {
    var n = nodeById[id];
    if (!n) return;
    if (!state.types[n.type]) {   // a hidden type comes back so the found node can be seen
      state.types[n.type] = true;
      var box = document.querySelector('input[data-filter="type"][value="' + CSS.escape(n.type) + '"]');
      if (box) box.checked = true;
      applyFilters();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400 } });
    showNode(id);
  }
  var input = document.getElementById("search"), results = document.getElementById("search-results");
  function showResults() {
    clear(results);
    search(input.value).forEach(function (id, i) {
      var n = nodeById[id], t = typeOf(n);
      var sw = el("span", { class: "swatch " + t.shape });
      sw.style.background = t.color;
      var li = el("li", { role: "option", "data-node": id, class: i === 0 ? "active" : "" },
        [sw, el("span", { text: n.label }), n.label_en ? en(n.label_en) : ""]);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); clear(results); focusNode(id); });
      results.appendChild(li);
    });
  }
  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var first = search(input.value)[0];
      clear(results);
      if (first) focusNode(first);
    } else if (ev.key === "Escape") { clear(results); }
  });
  input.addEventListener("blur", function () { setTimeout(function () { clear(results); }, 150); });

})();
