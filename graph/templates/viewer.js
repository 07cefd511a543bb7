/* khabar graph viewer. Reads the JSON data block and draws it with vis-network.
 * Safety rule: text from the data only ever reaches the page through textContent (or
 * vis-network's canvas and its innerText tooltips); never through innerHTML.
 *
 * A corpus has tens of thousands of entities, too many to draw. The page holds every entity
 * and relation of the build but draws only DATA.drawn (an overview chosen by
 * graph/overview.py); search, or a name in the panel, draws any other entity with its
 * neighbours on demand (reveal). */
(function () {
  "use strict";

  performance.mark("khabar-start");
  var DATA = JSON.parse(document.getElementById("khabar-data").textContent);
  // On the canvas the sans face reads better at small sizes; the panel (CSS) uses Naskh.
  var FONT = "'Noto Sans Arabic', 'Noto Naskh Arabic', 'DejaVu Sans', sans-serif";
  var MODALITY = {
    asserted: ["مؤكدة", "asserted"], possible: ["محتملة", "possible"], negated: ["منفية", "negated"]
  };
  // An entity drawn on demand brings at most this many neighbours (its strongest; the panel
  // lists them all).
  var REVEAL_NEIGHBOURS = 100;
  var AGGREGATE_FROM = DATA.layout.aggregate_from;
  var state = { ready: false, showNegated: false, types: {}, relations: {} };
  var whenReady, firstLayout = new Promise(function (resolve) { whenReady = resolve; });

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
  function fmt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

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

  // ---- the data: entities and documents come as column tables -------------------------------
  function rows(table) {
    var names = Object.keys(table), length = names.length ? table[names[0]].length : 0;
    var out = new Array(length);
    for (var i = 0; i < length; i++) {
      var item = {};
      for (var j = 0; j < names.length; j++) item[names[j]] = table[names[j]][i];
      out[i] = item;
    }
    return out;
  }
  var NODES = rows(DATA.nodes), DOCS = rows(DATA.documents);

  // ---- indexes over the whole build ---------------------------------------------------------
  var nodeById = {}, edgeById = {}, typeById = {}, relById = {}, edgesOf = {};
  DATA.types.forEach(function (t) { typeById[t.id] = t; state.types[t.id] = true; });
  DATA.relations.forEach(function (r) { relById[r.id] = r; state.relations[r.id] = true; });
  NODES.forEach(function (n) { nodeById[n.id] = n; edgesOf[n.id] = []; });
  DATA.edges.forEach(function (e) {
    edgeById[e.id] = e;
    if (edgesOf[e.from]) edgesOf[e.from].push(e.id);
    if (edgesOf[e.to] && e.to !== e.from) edgesOf[e.to].push(e.id);
  });
  function typeOf(n) { return typeById[n.type] || { ar: n.type, en: n.type, shape: "dot", color: "#bab0ac" }; }
  function relOf(e) { return relById[e.predicate] || { ar: e.predicate, en: e.predicate, color: "#777", symmetric: false }; }
  function nameOf(key) { return nodeById[key] ? nodeById[key].label : key; }

  // The relations between one pair of entities, either direction: drawn apart while they are
  // few, as one line with their count from AGGREGATE_FROM visible relations on.
  var pairById = {}, pairOfEdge = {};
  (function pairs() {
    var byKey = {}, count = 0;
    DATA.edges.forEach(function (e) {
      var a = e.from < e.to ? e.from : e.to, b = e.from < e.to ? e.to : e.from;
      var key = a + "\u0000" + b, p = byKey[key];
      if (!p) {
        p = byKey[key] = { id: "pair" + count++, a: a, b: b, edges: [], drawn: false };
        pairById[p.id] = p;
      }
      p.edges.push(e.id);
      pairOfEdge[e.id] = p;
    });
  })();

  // ---- what is drawn ---------------------------------------------------------------------------
  var drawn = {}, drawnList = [], drawnPairs = [];
  // An overview draws part of the build; it fades relations stated once so that the strong
  // ones stand out at the hubs.
  var overview = DATA.drawn.length < NODES.length;
  function edgeShown(e) {
    return !!(drawn[e.from] && drawn[e.to] && state.relations[e.predicate] &&
      (e.modality !== "negated" || state.showNegated) &&
      state.types[nodeById[e.from].type] && state.types[nodeById[e.to].type]);
  }
  // The relations of a pair that its counted line stands for: the shown ones, denials aside
  // (a denial, when shown, keeps its own dotted line).
  function positiveOf(p) {
    return p.edges.map(function (id) { return edgeById[id]; })
      .filter(function (e) { return e.modality !== "negated"; });
  }
  function shownOf(p) { return positiveOf(p).filter(edgeShown); }

  // ---- vis data ------------------------------------------------------------------------------
  function widthFor(count) { return Math.min(8, 1 + 2 * Math.log2(Math.max(1, count))); }
  // Node size grows with mentions. On an overview (whose entities are all mentioned often) node
  // and label size go with the square root of mentions from the least to the most mentioned
  // entity drawn (vis' value scaling), so zooming in names the most mentioned first.
  function visNode(n) {
    var t = typeOf(n), inside = t.shape === "box" || t.shape === "ellipse";
    var item = {
      id: n.id, label: n.label, shape: t.shape,
      title: (n.label_en || n.label) + "\n" + t.en + " · " + t.ar,
      size: 10 + Math.min(14, 3 * Math.sqrt(n.mentions || 0)),
      color: { background: t.color, border: "#444", highlight: { background: t.color, border: "#000" },
               hover: { background: t.color, border: "#000" } },
      font: inside ? { strokeWidth: 0 } : {}
    };
    if (overview) item.value = Math.sqrt(n.mentions || 0);
    return item;
  }
  // Parallel edges between one pair bend apart instead of drawing over each other.
  function smoothFor(e) {
    var group = pairOfEdge[e.id].edges, i = group.indexOf(e.id);
    if (group.length === 1) return false;
    var side = (i % 2 === 0) !== (e.from > e.to);
    return { enabled: true, type: side ? "curvedCW" : "curvedCCW", roundness: 0.18 * (1 + Math.floor(i / 2)) };
  }
  // On an overview, the lines of a hub are longer, so that its many neighbours find room round it.
  function lengthFor(a, b) {
    return overview ? 120 + 10 * Math.sqrt(Math.max(edgesOf[a].length, edgesOf[b].length)) : 120;
  }
  // Edge labels use vis' "html" markup only to draw the Arabic line larger than the English
  // one. vis cannot decode entities (its "&lt;" handling is broken), so a "<" in a label (only
  // possible in a predicate missing from the ontology) is drawn as "‹".
  function markup(text) { return String(text).replace(/</g, "\u2039"); }
  function visEdge(e, onDemand) {
    // an overview fades relations stated once, their labels shown only when zoomed in close;
    // not those drawn on demand, which the analyst asked to see
    var r = relOf(e), negated = e.modality === "negated", faint = overview && e.count === 1 && !onDemand;
    var label = "<b>" + markup((negated ? "✗ " : "") + r.ar) + "</b>\n" + markup((negated ? "not " : "") + r.en);
    return {
      id: e.id, from: e.from, to: e.to, label: label,
      title: r.en + " · " + r.ar + "\n" + e.count + (e.count === 1 ? " sentence" : " sentences") +
        " · " + MODALITY[e.modality][1],
      width: widthFor(e.count),
      dashes: negated ? [2, 5] : e.modality === "possible" ? [8, 5] : false,
      color: { color: negated ? "#7f0000" : r.color, highlight: "#000", hover: "#000",
               opacity: faint ? 0.4 : 1 },
      font: faint ? { size: 5, bold: { size: 6 } } : {},
      arrows: { to: { enabled: !r.symmetric, scaleFactor: 0.6 } },
      smooth: smoothFor(e),
      length: lengthFor(e.from, e.to) + 45 * (Math.min(pairOfEdge[e.id].edges.length, 6) - 1)   // room for parallel labels
    };
  }
  function visPair(p) {
    return { id: p.id, from: p.a, to: p.b, smooth: false, length: lengthFor(p.a, p.b) + 30, arrows: { to: { enabled: false } },
             color: { color: "#666666", highlight: "#000", hover: "#000" } };
  }
  // What filters and aggregation change: sent to vis only where it differs from the last state.
  function pairLook(p) {
    var shown = shownOf(p), together = shown.length >= AGGREGATE_FROM, looks = [];
    p.edges.forEach(function (id) {
      var e = edgeById[id];
      looks.push({ id: id, hidden: (together && e.modality !== "negated") || !edgeShown(e) });
    });
    if (positiveOf(p).length < AGGREGATE_FROM) return looks;
    if (!together) { looks.push({ id: p.id, hidden: true }); return looks; }
    var total = 0, lines = [];
    shown.forEach(function (e) {
      total += e.count;
      lines.push(relOf(e).en + " · " + relOf(e).ar + " (" + e.count + ")" +
        (e.modality === "asserted" ? "" : " " + MODALITY[e.modality][1]));
    });
    looks.push({
      id: p.id, hidden: false, width: widthFor(total),
      label: "<b>" + shown.length + " علاقات</b>\n" + shown.length + " relations",
      title: nameOf(p.a) + " — " + nameOf(p.b) + "\n" + lines.join("\n") + "\n" + total + " sentences"
    });
    return looks;
  }
  var sentNodes = {}, sentEdges = {};
  function changed(sent, look) {
    var sig = JSON.stringify(look);
    if (sent[look.id] === sig) return false;
    sent[look.id] = sig;
    return true;
  }
  // Marks `ids` drawn and returns the vis items they add: the nodes, and every pair of
  // entities that both ends now drawn completes. `positions` are given for entities drawn on
  // demand, not for the ones the page opens on.
  function draw(ids, positions) {
    var out = { nodes: [], edges: [] }, fresh = [];
    ids.forEach(function (id) {
      if (drawn[id] || !nodeById[id]) return;
      drawn[id] = true; drawnList.push(id); fresh.push(id);
    });
    fresh.forEach(function (id) {
      var item = visNode(nodeById[id]), look = { id: id, hidden: !state.types[nodeById[id].type] };
      changed(sentNodes, look);
      item.hidden = look.hidden;
      if (positions && positions[id]) { item.x = positions[id].x; item.y = positions[id].y; }
      out.nodes.push(item);
      edgesOf[id].forEach(function (eid) {
        var p = pairOfEdge[eid];
        if (p.drawn || !drawn[p.a] || !drawn[p.b]) return;
        p.drawn = true; drawnPairs.push(p);
        var items = {};
        p.edges.forEach(function (k) { items[k] = visEdge(edgeById[k], !!positions); });
        if (positiveOf(p).length >= AGGREGATE_FROM) items[p.id] = visPair(p);
        pairLook(p).forEach(function (look) {
          changed(sentEdges, look);
          out.edges.push(Object.assign(items[look.id], look));
        });
      });
    });
    return out;
  }
  var first = draw(DATA.drawn);
  var nodes = new vis.DataSet(first.nodes);
  var edges = new vis.DataSet(first.edges);
  performance.mark("khabar-data");

  var container = document.getElementById("graph");
  var status = document.getElementById("status");
  // Large graphs trade some layout precision for time: a coarser Barnes-Hut (theta) and fewer
  // iterations. The iteration count, not a clock, bounds the work, so the layout is repeatable.
  var size = drawnList.length, big = size > 400;
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    layout: { randomSeed: DATA.layout.seed, improvedLayout: size <= 100 },
    physics: {
      enabled: true, solver: "barnesHut",
      barnesHut: { gravitationalConstant: size > 100 ? -7000 : -3500, centralGravity: 0.35,
                   springLength: size > 100 ? 150 : 120,
                   springConstant: 0.05, damping: 0.2, avoidOverlap: 0.4,
                   theta: big ? 1.0 : size > 100 ? 0.8 : 0.5 },
      stabilization: { enabled: true, iterations: big ? 200 : size > 100 ? 300 : 1000,
                       updateInterval: 25, fit: true }
    },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                   multiselect: false },
    // Labels smaller than about 8 px on screen are not drawn: unreadable, and most of a frame.
    nodes: { borderWidth: 1,
             scaling: { min: 9, max: 26, label: { enabled: overview, min: 12, max: 44, drawThreshold: 8, maxVisible: 30 } },
             font: { face: FONT, size: 16, color: "#111", strokeWidth: 3, strokeColor: "#fff" } },
    edges: { selectionWidth: 2, hoverWidth: 1, scaling: { label: { enabled: false, drawThreshold: 8 } },
             font: { face: FONT, size: 11, color: "#444", strokeWidth: 3, strokeColor: "#fff", multi: "html",
                     bold: { face: FONT, size: 14, color: "#222", mod: "" } } }
  });

  // What the tests and the benchmark drive; the functions are hoisted declarations.
  window.khabar = {
    ready: false, network: network, nodes: nodes, edges: edges, data: DATA, entities: NODES,
    normalise: normalise, search: search, focusNode: focusNode, reveal: reveal,
    showNode: showNode, showEdge: showEdge, showPair: showPair, showHint: showHint,
    isDrawn: function (id) { return !!drawn[id]; },
    drawnIds: function () { return drawnList.slice(); },
    pairOf: function (edgeId) { return pairOfEdge[edgeId] ? pairOfEdge[edgeId].id : null; }
  };

  performance.mark("khabar-network");

  // Small groups (entities without relations, pairs cut off from the rest) drift far out
  // under repulsion and make the whole graph tiny when fitted. Once the layout is done they
  // are set in rows below the largest group instead, each keeping its own shape.
  function components() {
    var parent = {};
    function find(x) { while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
    drawnList.forEach(function (id) { parent[id] = id; });
    drawnPairs.forEach(function (p) { parent[find(p.a)] = find(p.b); });
    var groups = {};
    drawnList.forEach(function (id) { (groups[find(id)] = groups[find(id)] || []).push(id); });
    return Object.keys(groups).map(function (k) { return groups[k].sort(); })
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

  function say(ar, english) {
    status.style.display = "";
    status.textContent = ar + " ";
    status.appendChild(en(english));
  }
  function stable() {
    if (state.ready) return;
    performance.mark("khabar-stable");
    // From now on physics runs only when an entity is drawn on demand, and never refits.
    network.setOptions({ physics: { enabled: false, stabilization: { fit: false } } });
    packSmallGroups();
    network.fit();
    state.ready = true;
    window.khabar.ready = true;
    document.documentElement.setAttribute("data-state", "stable");
    say(NODES.length ? "جاهز" : "لا توجد كيانات", NODES.length ? "ready" : "no entities");
    setTimeout(function () { status.style.display = "none"; }, 1500);
    whenReady();
  }
  network.on("stabilizationProgress", function (p) {
    if (!state.ready) status.textContent = "تخطيط … " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", stable);
  network.once("stabilized", stable);
  if (!drawnList.length) stable();

  // ---- header and the overview note -------------------------------------------------------------
  (function stats() {
    var positive = DATA.edges.filter(function (e) { return e.modality !== "negated"; }).length;
    var docs = DOCS.length, p = document.getElementById("stats");
    p.appendChild(document.createTextNode(fmt(NODES.length) + " كيان · " + fmt(positive) + " علاقة · " +
      fmt(docs) + " وثيقة "));
    p.appendChild(en("(" + fmt(NODES.length) + " entities · " + fmt(positive) + " relations · " +
      fmt(docs) + " documents)"));
  })();
  var unrelated = NODES.filter(function (n) {
    return !edgesOf[n.id].some(function (id) { return edgeById[id].from !== edgeById[id].to; });
  }).length;
  var note = document.getElementById("overview-note");
  function updateNote() {
    clear(note);
    if (!overview) { note.hidden = true; return; }
    note.hidden = false;
    var hidden = NODES.length - drawnList.length;
    note.setAttribute("data-drawn", String(drawnList.length));
    note.setAttribute("data-total", String(NODES.length));
    note.appendChild(el("p", { dir: "rtl", text: "يعرض " + fmt(drawnList.length) + " من " + fmt(NODES.length) +
      " كيان، الأكثر علاقات وأدلة؛ " + fmt(hidden) + " غير معروض (منها " + fmt(unrelated) +
      " بلا علاقة). ابحث عن أي كيان لعرضه مع جيرانه، أو استخدم khabar view." }));
    note.appendChild(el("p", { lang: "en", dir: "ltr" }, [
      "Showing " + fmt(drawnList.length) + " of " + fmt(NODES.length) + " entities, those with the most " +
      "relations and evidence; " + fmt(hidden) + " not drawn (" + fmt(unrelated) + " of them with no " +
      "relation). Search to draw any entity with its neighbours, or run ",
      el("code", { text: "khabar view --entity NAME" }), " for one focus."]));
  }
  updateNote();

  // ---- filters ---------------------------------------------------------------------------------
  // Only items whose look changes are sent to vis: a large graph redraws once, not per item.
  function applyFilters() {
    var nodeUpdates = [], edgeUpdates = [];
    drawnList.forEach(function (id) {
      var look = { id: id, hidden: !state.types[nodeById[id].type] };
      if (changed(sentNodes, look)) nodeUpdates.push(look);
    });
    drawnPairs.forEach(function (p) {
      pairLook(p).forEach(function (look) { if (changed(sentEdges, look)) edgeUpdates.push(look); });
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
  // Legend counts: what is drawn of what the build holds (just the build's count when all is drawn).
  var counters = [];
  function updateCounts() {
    counters.forEach(function (c) {
      var total = c.items.filter(c.match).length;
      c.span.textContent = overview ? fmt(c.items.filter(function (x) { return c.match(x) && c.isDrawn(x); }).length) +
        "/" + fmt(total) : fmt(total);
    });
  }
  function checkbox(group, id, onChange, labelChildren, swatch, counter) {
    var input = el("input", { type: "checkbox", "data-filter": group, value: id });
    input.checked = true;
    input.addEventListener("change", function () { onChange(input.checked); applyFilters(); });
    var span = el("span", { class: "count", title: overview ? "drawn / in the build" : "in the build" });
    counter.span = span;
    counters.push(counter);
    return el("label", {}, [input, swatch, el("span", {}, labelChildren), span]);
  }
  (function buildFilters() {
    var typeBox = document.getElementById("type-filters");
    DATA.types.forEach(function (t) {
      var sw = el("span", { class: "swatch " + t.shape });
      sw.style.background = t.color;
      typeBox.appendChild(checkbox("type", t.id, function (on) { state.types[t.id] = on; },
        [t.ar + " ", en(t.en)], sw, { items: NODES, match: function (n) { return n.type === t.id; },
                                     isDrawn: function (n) { return drawn[n.id]; } }));
    });
    var relBox = document.getElementById("relation-filters");
    DATA.relations.forEach(function (r) {
      var sw = el("span", { class: "swatch rel" });
      sw.style.background = r.color;
      relBox.appendChild(checkbox("relation", r.id, function (on) { state.relations[r.id] = on; },
        [r.ar + " ", en(r.en)], sw, { items: DATA.edges, match: function (e) { return e.predicate === r.id; },
                                      isDrawn: function (e) { return drawn[e.from] && drawn[e.to]; } }));
    });
    updateCounts();
    var neg = document.getElementById("show-negated");
    neg.checked = false;
    neg.addEventListener("change", function () {
      state.showNegated = neg.checked; applyFilters();
    });
  })();

  // ---- drawing an entity on demand ------------------------------------------------------------
  // Its neighbours by the statements that join them, strongest first.
  function neighboursOf(id) {
    var weight = {};
    edgesOf[id].forEach(function (eid) {
      var e = edgeById[eid], other = e.from === id ? e.to : e.from;
      if (other !== id) weight[other] = (weight[other] || 0) + e.count;
    });
    return Object.keys(weight).sort(function (a, b) { return weight[b] - weight[a] || (a < b ? -1 : a > b ? 1 : 0); });
  }
  // Where entities drawn on demand go: outside what is drawn (a dense overview has no room
  // inside), on the side of their drawn neighbours (or on the right, with none), the entity
  // in the middle of a ring of its new neighbours. Nothing drawn moves, and no physics runs:
  // the place is at once visible and the same on every load.
  function revealPositions(id, fresh) {
    var ring = fresh.filter(function (k) { return k !== id; });
    var radius = ring.length ? Math.max(110, 45 * ring.length / (2 * Math.PI)) : 0;
    var home = { x: 0, y: 0 }, out = {};
    if (drawnList.length) {
      var box = bounds(drawnList), mx = (box.x0 + box.x1) / 2, my = (box.y0 + box.y1) / 2;
      var anchors = neighboursOf(id).filter(function (k) { return drawn[k]; });
      var dx = 1, dy = 0;
      if (anchors.length) {
        var cx = 0, cy = 0;
        anchors.forEach(function (k) { cx += box.pos[k].x / anchors.length; cy += box.pos[k].y / anchors.length; });
        var d = Math.sqrt((cx - mx) * (cx - mx) + (cy - my) * (cy - my));
        if (d >= 1) { dx = (cx - mx) / d; dy = (cy - my) / d; }
      }
      // from the middle to the edge of the drawn box along (dx, dy), then clear of it
      var reach = Math.min(Math.abs(dx) > 1e-9 ? (box.x1 - mx) / Math.abs(dx) : Infinity,
                           Math.abs(dy) > 1e-9 ? (box.y1 - my) / Math.abs(dy) : Infinity);
      var away = reach + radius + 140;
      home = { x: mx + dx * away, y: my + dy * away };
    }
    out[id] = home;
    ring.forEach(function (k, i) {
      var a = 2 * Math.PI * i / ring.length;
      out[k] = { x: home.x + radius * Math.cos(a), y: home.y + radius * Math.sin(a) };
    });
    return out;
  }
  // Reveals wait for the first layout (a search typed while it runs), then run in turn.
  var queue = firstLayout;
  // Draws entity `id` and its neighbours that are not drawn yet, with every relation among
  // what is then drawn; resolves to true once they are on the canvas (false: nothing to do).
  function reveal(id) {
    var job = queue.then(function () {
      if (drawn[id] || !nodeById[id]) return false;
      var fresh = [id].concat(neighboursOf(id).filter(function (k) { return !drawn[k]; })
        .slice(0, REVEAL_NEIGHBOURS));
      var added = draw(fresh, revealPositions(id, fresh));
      network.body.emitter.emit("_blockRedraw");
      try {
        nodes.add(added.nodes);
        edges.add(added.edges);
      } finally {
        network.body.emitter.emit("_allowRedraw");
      }
      network.redraw();
      updateNote();
      updateCounts();
      return true;
    });
    queue = job.catch(function () { return false; });
    return job;
  }

  // ---- side panel ------------------------------------------------------------------------------
  var panel = document.getElementById("panel");
  function nodeButton(key) {
    if (!nodeById[key]) return el("span", { text: key });
    var b = el("button", { class: "link" + (drawn[key] ? "" : " undrawn"), type: "button",
                           text: nodeById[key].label, "data-node": key });
    if (!drawn[key]) b.title = "not drawn yet: click to draw it with its neighbours";
    b.addEventListener("click", function () { focusNode(key); });
    return b;
  }
  // Selects the line that shows edge `id` on the canvas: its own, or its pair's counted line.
  function selectEdge(id) {
    var own = edges.get(id), p = pairOfEdge[id], pair = p && edges.get(p.id);
    if (own && !own.hidden) network.selectEdges([id]);
    else if (pair && !pair.hidden) network.selectEdges([p.id]);
    else network.unselectAll();
  }
  function edgeButton(e) {
    var r = relOf(e);
    var b = el("button", { class: "link", type: "button", "data-edge": e.id }, [r.ar + " ", en(r.en)]);
    b.addEventListener("click", function () { selectEdge(e.id); showEdge(e.id); });
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
  function docLabel(index) {
    var d = DOCS[index] || {};
    var text = d.title || d.id || "?", url = safeUrl(d.url);
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

  // Every evidence sentence of edge `e`, subject, object and trigger marked, with its source.
  function evidenceList(e, limit) {
    var list = el("div", { class: "evidence-list" });
    appendLimited(list, e.evidence, limit, function (ev) {
      var quote = el("blockquote", { dir: "rtl" });
      ev.segments.forEach(function (seg) {
        quote.appendChild(seg[1] ? el("mark", { class: seg[1], text: seg[0] }) : document.createTextNode(seg[0]));
      });
      var meta = el("div", { class: "meta" }, [docLabel(ev.doc), el("span", { text: " · " }),
        el("span", { text: "الجملة " + (ev.sentence + 1), title: "sentence " + (ev.sentence + 1) })]);
      var d = DOCS[ev.doc] || {};
      if (d.source) meta.appendChild(el("span", { text: " · " + d.source }));
      if (d.date) meta.appendChild(el("span", { dir: "ltr", text: " · " + d.date }));
      var extra = el("div", { class: "meta" });
      if (ev.attribution) extra.appendChild(el("span", { class: "attribution" }, ["بحسب ", en("according to "), nodeButton(ev.attribution), " · "]));
      if (ev.modality !== e.modality) extra.appendChild(badge(ev.modality));
      if (ev.time) extra.appendChild(el("span", { dir: "ltr", text: ev.time + " · " }));
      extra.appendChild(en("rule " + ev.rule + " · " + ev.confidence));
      return el("div", { class: "evidence" }, [quote, meta, extra]);
    });
    return list;
  }
  function evidenceKey() {
    return el("p", { class: "key" }, [
      el("mark", { class: "subject", text: "الفاعل" }), " ", en("subject"), " · ",
      el("mark", { class: "object", text: "المفعول" }), " ", en("object"), " · ",
      el("mark", { class: "trigger", text: "الدال" }), " ", en("trigger")]);
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
    panel.appendChild(evidenceKey());
    panel.appendChild(evidenceList(e, 25));
  }

  // A counted line: every relation it stands for, each with its evidence.
  function showPair(id) {
    var p = pairById[id];
    if (!p) return;
    var shown = shownOf(p).sort(function (x, y) { return y.count - x.count || (x.id < y.id ? -1 : 1); });
    var total = shown.reduce(function (sum, e) { return sum + e.count; }, 0);
    clear(panel);
    panel.setAttribute("data-kind", "pair");
    panel.setAttribute("data-id", id);
    panel.appendChild(el("h2", {}, [nodeButton(p.a), " — ", nodeButton(p.b)]));
    panel.appendChild(el("p", {}, [shown.length + " علاقات · " + total + " جملة ",
      en("(" + shown.length + " relations · " + total + " sentences)")]));
    panel.appendChild(evidenceKey());
    shown.forEach(function (e) {
      var arrow = relOf(e).symmetric ? " ↔ " : " ← ";
      var section = el("section", { class: "pair-relation", "data-edge": e.id });
      section.appendChild(el("h3", {}, [nodeButton(e.from), el("span", { text: arrow }), edgeButton(e),
        el("span", { text: arrow }), nodeButton(e.to), el("span", { text: " " }),
        e.modality !== "asserted" ? badge(e.modality) : "",
        el("span", { class: "pill", title: "sentences", text: String(e.count) })]));
      section.appendChild(evidenceList(e, 5));
      panel.appendChild(section);
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
    else if (params.edges.length && pairById[params.edges[0]]) showPair(params.edges[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else showHint();
  });

  // ---- search: every entity of the build ---------------------------------------------------------
  var searchNames = null;   // normalised names per entity, built on the first search
  function search(query) {
    var q = normalise(query);
    if (!q) return [];
    if (!searchNames) {
      searchNames = NODES.map(function (n) {
        return [n.label, n.label_en].concat(n.aliases).filter(Boolean).map(normalise);
      });
    }
    var scored = [];
    NODES.forEach(function (n, index) {
      var best = 9, names = searchNames[index];
      for (var i = 0; i < names.length; i++) {
        var s = names[i];
        var score = s === q ? 0 : s.indexOf(q) === 0 ? 1 :
          (" " + s).indexOf(" " + q) >= 0 ? 2 : s.indexOf(q) >= 0 ? 3 : 9;
        if (score < best) best = score;
      }
      if (best < 9) scored.push([best, -n.mentions, n.label, n.id]);
    });
    scored.sort(function (a, b) {
      for (var i = 0; i < 3; i++) { if (a[i] < b[i]) return -1; if (a[i] > b[i]) return 1; }
      return a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0;
    });
    return scored.slice(0, 12).map(function (s) { return s[3]; });
  }
  // Shows entity `id`: draws it first if it is not drawn (with its neighbours), brings back a
  // filtered-out type, selects and centres it, opens its panel. Resolves when it is on screen.
  function focusNode(id) {
    var n = nodeById[id];
    if (!n) return Promise.resolve(false);
    if (!state.types[n.type]) {   // a hidden type comes back so the found node can be seen
      state.types[n.type] = true;
      var box = document.querySelector('input[data-filter="type"][value="' + CSS.escape(n.type) + '"]');
      if (box) box.checked = true;
      applyFilters();
    }
    function show() {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400 } });
      showNode(id);
      return true;
    }
    if (drawn[id]) return Promise.resolve(show());
    return reveal(id).then(show);
  }
  var input = document.getElementById("search"), results = document.getElementById("search-results");
  function showResults() {
    clear(results);
    search(input.value).forEach(function (id, i) {
      var n = nodeById[id], t = typeOf(n);
      var sw = el("span", { class: "swatch " + t.shape });
      sw.style.background = t.color;
      var li = el("li", { role: "option", "data-node": id, class: (i === 0 ? "active" : "") + (drawn[id] ? "" : " undrawn") },
        [sw, el("span", { text: n.label }), n.label_en ? en(n.label_en) : "",
         drawn[id] ? "" : el("span", { class: "undrawn-mark", title: "not drawn yet: choose it to draw it with its neighbours", text: "+" })]);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); clear(results); focusNode(id); });
      results.appendChild(li);
    });
  }
  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var found = search(input.value)[0];
      clear(results);
      if (found) focusNode(found);
    } else if (ev.key === "Escape") { clear(results); }
  });
  input.addEventListener("blur", function () { setTimeout(function () { clear(results); }, 150); });

})();
