/* unionkg map runtime (inlined into every page by viz/templates.py).
 *
 * Reads the page's JSON block, builds the vis Network (window.network), tooltips,
 * legend and evidence side panel, and on the explorer page the search box, filters,
 * year slider and click-to-expand. Every string from the graph is untrusted: it is
 * only ever written with textContent / new Option / setAttribute, never as HTML.
 * Hooks for tests and for curious users live on window.unionkg.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("unionkg-data").textContent);
  var KIND = DATA.kind;
  var EXPLORER = KIND === "explorer";

  // ------------------------------------------------------------------ helpers
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }
  function tipElement(lines) {
    var box = el("div", "ukg-tip");
    lines.forEach(function (line, i) {
      box.appendChild(el("div", i === 0 ? "ukg-tip-title" : "ukg-tip-line", line));
    });
    return box;
  }
  function contains(list, value) {
    return list !== undefined && list !== null && list.indexOf(value) >= 0;
  }

  // ------------------------------------------------------- data -> vis items
  // Our own fields are moved off the vis items into nodeMeta/edgeMeta so vis only
  // sees options it knows.
  var NODE_FIELDS = ["tip", "ukg", "t", "yr", "pv", "pg", "deco", "key"];
  var EDGE_FIELDS = ["tip", "ukg", "t", "yr", "pg"];
  var nodeMeta = {}, edgeMeta = {}, adjacency = {}, nodeIds = [], edgeIds = [];

  DATA.nodes.forEach(function (n) {
    var m = {};
    NODE_FIELDS.forEach(function (f) { m[f] = n[f]; delete n[f]; });
    if (m.tip) n.title = tipElement(m.tip);
    var ukg = m.ukg || {};
    m.search = [ukg.name || ""].concat(ukg.aliases || []).join("\u0000").toLowerCase();
    nodeMeta[n.id] = m;
    adjacency[n.id] = [];
    nodeIds.push(n.id);
  });
  DATA.edges.forEach(function (e) {
    var m = {};
    EDGE_FIELDS.forEach(function (f) { m[f] = e[f]; delete e[f]; });
    if (m.tip) e.title = tipElement(m.tip);
    m.from = e.from;
    m.to = e.to;
    edgeMeta[e.id] = m;
    if (adjacency[e.from]) adjacency[e.from].push(e.id);
    if (adjacency[e.to] && e.to !== e.from) adjacency[e.to].push(e.id);
    edgeIds.push(e.id);
  });

  // Explorer state (initial hidden flags are set before the network is built).
  var state = {
    types: {},
    province: "",
    programme: "",
    year: DATA.years ? DATA.years.max : null,
    expanded: {}
  };
  (DATA.types || []).forEach(function (t) { state.types[t.key] = !!t.on; });
  var hidden = {}, edgeHidden = {};
  var visibleCount = nodeIds.filter(function (id) { return !nodeMeta[id].deco; }).length;

  function nodeVisible(id) {
    var m = nodeMeta[id];
    if (state.year !== null && m.yr !== null && m.yr !== undefined && m.yr > state.year) return false;
    if (state.expanded[id]) return true;
    if (!state.types[m.t]) return false;
    if (state.province !== "" && !contains(m.pv, state.province)) return false;
    if (state.programme !== "" && !contains(m.pg, state.programme)) return false;
    return true;
  }
  function edgeVisible(id, shown) {
    var m = edgeMeta[id];
    if (!shown[m.from] || !shown[m.to]) return false;
    if (state.year !== null && m.yr !== null && m.yr !== undefined && m.yr > state.year) return false;
    if (state.programme !== "" && m.t === "SPREAD_TO" && m.pg !== state.programme) return false;
    return true;
  }
  function computeVisibility() {
    var shown = {}, nodeChanges = [], edgeChanges = [], count = 0;
    nodeIds.forEach(function (id) {
      var v = nodeVisible(id);
      shown[id] = v;
      if (v) count++;
      if (hidden[id] !== !v) { hidden[id] = !v; nodeChanges.push({ id: id, hidden: !v }); }
    });
    edgeIds.forEach(function (id) {
      var v = edgeVisible(id, shown);
      if (edgeHidden[id] !== !v) { edgeHidden[id] = !v; edgeChanges.push({ id: id, hidden: !v }); }
    });
    visibleCount = count;
    return { nodes: nodeChanges, edges: edgeChanges };
  }

  var physics = !!(DATA.options.physics && DATA.options.physics.enabled);
  if (EXPLORER && !physics) {
    // Precomputed layout: start with the filtered view. (With physics, everything is
    // laid out first and the filters applied after, so hidden nodes get real positions.)
    computeVisibility();
    DATA.nodes.forEach(function (n) { n.hidden = hidden[n.id]; });
    DATA.edges.forEach(function (e) { e.hidden = edgeHidden[e.id]; });
  }

  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);

  // ------------------------------------------------------------------ layout
  var container = document.getElementById("ukg-network");
  var note = document.getElementById("ukg-note");
  function setNote(text) {
    if (text) { note.textContent = text; note.hidden = false; } else { note.hidden = true; }
  }
  var notes = DATA.note ? [DATA.note] : [];
  if (physics) setNote(notes.concat(["正在计算布局… computing layout…"]).join("  "));
  else setNote(notes.join("  "));

  var api = {
    ready: false,
    timing: {},
    nodes: nodes,
    edges: edges,
    nodeMeta: nodeMeta,
    edgeMeta: edgeMeta
  };
  window.unionkg = api;

  var t0 = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);
  window.network = network;
  api.network = network;
  api.timing.construct_ms = Math.round(performance.now() - t0);

  function fitData() {
    var ids = nodeIds.filter(function (id) { return !nodeMeta[id].deco && !hidden[id]; });
    if (!ids.length) return;
    network.fit({ nodes: ids, animation: false });
    // A little margin so the legend (bottom left) covers less of the drawing.
    network.moveTo({ scale: network.getScale() * 0.9, animation: false });
  }
  function markReady() {
    api.timing.ready_ms = Math.round(performance.now() - t0);
    api.ready = true;
    document.body.setAttribute("data-ready", "1");
  }
  if (physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      api.timing.stabilise_ms = Math.round(performance.now() - t0);
      setNote(notes.join("  "));
      layoutDone = true;
      if (EXPLORER) apply();
      fitData();
      markReady();
    });
  } else {
    fitData();
    markReady();
  }

  // ------------------------------------------------------------------ legend
  var legend = document.getElementById("ukg-legend");
  function legendRow(item, withBox) {
    var row = el(withBox ? "label" : "div", "ukg-legend-row");
    if (withBox) {
      var box = el("input");
      box.type = "checkbox";
      box.checked = !!state.types[item.key];
      box.setAttribute("data-type", item.key);
      box.addEventListener("change", function () { setType(item.key, box.checked); });
      row.appendChild(box);
    }
    var sym = el("span", "ukg-legend-symbol", item.symbol || "●");
    sym.style.color = item.color;
    row.appendChild(sym);
    row.appendChild(el("span", "ukg-legend-text", item.text));
    return row;
  }
  if (DATA.legend_title) legend.appendChild(el("div", "ukg-legend-title", DATA.legend_title));
  (DATA.legend || []).forEach(function (item) { legend.appendChild(legendRow(item, false)); });
  if (!legend.firstChild) legend.hidden = true;

  // ------------------------------------------------------------------- panel
  var panel = document.getElementById("ukg-panel");
  function addProps(parent, props) {
    if (!props || !props.length) return;
    var table = el("table", "ukg-props");
    props.forEach(function (kv) {
      var tr = el("tr");
      tr.appendChild(el("th", null, kv[0]));
      tr.appendChild(el("td", null, kv[1]));
      table.appendChild(tr);
    });
    parent.appendChild(table);
  }
  function addEvidence(parent, items, more) {
    parent.appendChild(el("h3", null, "证据 Evidence"));
    if (!items.length) { parent.appendChild(el("p", "ukg-muted", "（无证据句 no evidence sentence）")); return; }
    var list = el("ol", "ukg-evidence");
    items.forEach(function (item) {
      var li = el("li");
      li.appendChild(el("q", "ukg-sentence", item.sentence));
      var src = el("div", "ukg-source");
      src.appendChild(el("span", "ukg-doc", item.doc));
      if (item.via) src.appendChild(el("span", "ukg-via", item.via));
      li.appendChild(src);
      list.appendChild(li);
    });
    parent.appendChild(list);
    if (more > 0) parent.appendChild(el("p", "ukg-muted", "…另有 " + more + " 条 more"));
  }
  function showNode(id) {
    var m = nodeMeta[id];
    if (!m || m.deco) return false;
    var info = m.ukg || {};
    clear(panel);
    panel.appendChild(el("h2", "ukg-panel-title", info.name));
    panel.appendChild(el("p", "ukg-panel-type", info.type + (info.id ? " · " + info.id : "")));
    if (info.aliases && info.aliases.length) panel.appendChild(el("p", "ukg-aliases", "别名 aliases: " + info.aliases.join("、")));
    addProps(panel, info.props);
    var items = [], more = 0;
    // Relations first, plain mentions (MENTIONS) and gazetteer links (PART_OF) last.
    var incident = (adjacency[id] || []).slice().sort(function (a, b) {
      var wa = edgeMeta[a].t === "MENTIONS" || edgeMeta[a].t === "PART_OF" ? 1 : 0;
      var wb = edgeMeta[b].t === "MENTIONS" || edgeMeta[b].t === "PART_OF" ? 1 : 0;
      return wa - wb || a - b;
    });
    incident.forEach(function (eid) {
      var em = edgeMeta[eid], eu = em.ukg || {};
      var other = em.from === id ? em.to : em.from;
      var otherName = nodeMeta[other] && nodeMeta[other].ukg ? nodeMeta[other].ukg.name : "";
      var via = (em.from === id ? eu.type + " → " : "← " + eu.type + " ") + otherName;
      (eu.ev || []).forEach(function (pair) {
        if (items.length < 40) items.push({ doc: pair[0], sentence: pair[1], via: via });
        else more++;
      });
      more += eu.more_ev || 0;
    });
    addEvidence(panel, items, more);
    if (info.doc_ids && info.doc_ids.length) {
      panel.appendChild(el("h3", null, "文档 Documents"));
      panel.appendChild(el("p", "ukg-docids", info.doc_ids.join(", ") + (info.more_docs ? " …(+" + info.more_docs + ")" : "")));
    }
    return true;
  }
  function showEdge(id) {
    var m = edgeMeta[id];
    if (!m) return false;
    var info = m.ukg || {};
    clear(panel);
    panel.appendChild(el("h2", "ukg-panel-title", info.from + " → " + info.to));
    panel.appendChild(el("p", "ukg-panel-type", info.type));
    addProps(panel, info.props);
    addEvidence(panel, (info.ev || []).map(function (pair) { return { doc: pair[0], sentence: pair[1] }; }), info.more_ev || 0);
    if (info.doc_ids && info.doc_ids.length) {
      panel.appendChild(el("h3", null, "文档 Documents"));
      panel.appendChild(el("p", "ukg-docids", info.doc_ids.join(", ")));
    }
    return true;
  }
  api.showNode = showNode;
  api.showEdge = showEdge;
  api.idOf = function (kgId) {
    for (var i = 0; i < nodeIds.length; i++) {
      var u = nodeMeta[nodeIds[i]].ukg;
      if (u && u.id === kgId) return nodeIds[i];
    }
    return null;
  };

  // ---------------------------------------------------------------- explorer
  var layoutDone = !physics;
  function apply() {
    if (!layoutDone) {
      // Still laying out: keep every node in the simulation; filters apply after.
      if (status) status.textContent = "布局中… laying out…";
      return visibleCount;
    }
    var changes = computeVisibility();
    if (changes.nodes.length) nodes.update(changes.nodes);
    if (changes.edges.length) edges.update(changes.edges);
    if (status) status.textContent = "显示 " + visibleCount + " / " + nodeIds.length + " 个节点 nodes shown";
    return visibleCount;
  }
  function expand(id) {
    state.expanded[id] = true;
    (adjacency[id] || []).forEach(function (eid) {
      var m = edgeMeta[eid];
      state.expanded[m.from] = true;
      state.expanded[m.to] = true;
    });
    return apply();
  }
  function reveal(id) {
    if (nodeMeta[id] === undefined) return false;
    state.expanded[id] = true;
    apply();
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showNode(id);
    return true;
  }
  function search(query) {
    var q = String(query || "").trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    nodeIds.forEach(function (id) {
      var m = nodeMeta[id];
      if (m.deco || m.search.indexOf(q) < 0) return;
      var name = (m.ukg.name || "").toLowerCase();
      var rank = name === q ? 0 : name.indexOf(q) === 0 ? 1 : name.indexOf(q) >= 0 ? 2 : 3;
      hits.push([rank, name.length, id]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1); });
    return hits.slice(0, 30).map(function (h) { return h[2]; });
  }
  function setType(type, on) { state.types[type] = !!on; return apply(); }
  function setProvince(key) { state.province = key || ""; return apply(); }
  function setProgramme(id) { state.programme = id === "" || id === null || id === undefined ? "" : Number(id); return apply(); }
  function setYear(year) {
    state.year = year === null ? null : Number(year);
    if (yearLabel) yearLabel.textContent = yearText();
    if (slider && year !== null) slider.value = String(year);
    return apply();
  }
  function yearText() {
    return state.year === null ? "全部年份 all years" : "截至 up to " + state.year;
  }

  var status = null, slider = null, yearLabel = null;
  var controls = document.getElementById("ukg-controls");

  function section(title) {
    var s = el("section", "ukg-section");
    if (title) s.appendChild(el("h3", null, title));
    controls.appendChild(s);
    return s;
  }
  function addLinks() {
    if (!DATA.links || !DATA.links.length) return;
    var s = section(DATA.links_title || "地图 Maps");
    var ul = el("ul", "ukg-links");
    DATA.links.forEach(function (link) {
      var li = el("li"), a = el("a", null, link.text);
      a.setAttribute("href", link.href);
      li.appendChild(a);
      ul.appendChild(li);
    });
    s.appendChild(ul);
  }

  if (EXPLORER) {
    var s1 = section("搜索 Search");
    var input = el("input", "ukg-search");
    input.type = "search";
    input.id = "ukg-search";
    input.placeholder = "名称或别名 name or alias";
    input.setAttribute("autocomplete", "off");
    var results = el("ul", "ukg-results");
    results.id = "ukg-results";
    s1.appendChild(input);
    s1.appendChild(results);
    var showResults = function () {
      clear(results);
      search(input.value).forEach(function (id) {
        var m = nodeMeta[id];
        var li = el("li"), b = el("button", "ukg-result");
        b.type = "button";
        b.appendChild(el("span", "ukg-result-name", m.ukg.name));
        b.appendChild(el("span", "ukg-result-type", m.ukg.type));
        b.addEventListener("click", function () { reveal(id); });
        li.appendChild(b);
        results.appendChild(li);
      });
      if (input.value.trim() && !results.firstChild) results.appendChild(el("li", "ukg-muted", "无结果 no match"));
    };
    input.addEventListener("input", showResults);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") {
        var hits = search(input.value);
        if (hits.length) reveal(hits[0]);
      }
    });

    var s2 = section("类型 Types");
    (DATA.types || []).forEach(function (t) { s2.appendChild(legendRow(t, true)); });

    var s3 = section("筛选 Filters");
    var mkSelect = function (id, allText, options, onChange) {
      var sel = el("select", "ukg-select");
      sel.id = id;
      sel.appendChild(new Option(allText, ""));
      options.forEach(function (o) { sel.appendChild(new Option(o[1], String(o[0]))); });
      sel.addEventListener("change", function () { onChange(sel.value); });
      s3.appendChild(sel);
      return sel;
    };
    var provSel = mkSelect("ukg-province", "全部省份 all provinces", DATA.provinces || [], setProvince);
    var progSel = mkSelect("ukg-programme", "全部项目 all programmes", DATA.programmes || [], setProgramme);

    var s4 = section("年份 Year");
    if (DATA.years) {
      slider = el("input", "ukg-slider");
      slider.type = "range";
      slider.id = "ukg-year";
      slider.min = String(DATA.years.min);
      slider.max = String(DATA.years.max);
      slider.step = "1";
      slider.value = String(DATA.years.max);
      yearLabel = el("div", "ukg-year-label", yearText());
      slider.addEventListener("input", function () { setYear(Number(slider.value)); });
      s4.appendChild(slider);
      s4.appendChild(yearLabel);
      s4.appendChild(el("p", "ukg-muted", "未注明年份的节点始终显示。Undated nodes are always shown."));
    } else {
      s4.appendChild(el("p", "ukg-muted", "图中没有年份 no dates in this graph"));
    }

    var s5 = section(null);
    var reset = el("button", "ukg-reset", "重置 Reset");
    reset.type = "button";
    reset.addEventListener("click", function () {
      state.expanded = {};
      state.province = "";
      state.programme = "";
      provSel.value = "";
      progSel.value = "";
      (DATA.types || []).forEach(function (t) { state.types[t.key] = !!t.on; });
      controls.querySelectorAll("input[data-type]").forEach(function (box) {
        box.checked = !!state.types[box.getAttribute("data-type")];
      });
      if (DATA.years) setYear(DATA.years.max); else apply();
      fitData();
    });
    s5.appendChild(reset);
    status = el("p", "ukg-status");
    status.id = "ukg-status";
    s5.appendChild(status);
    s5.appendChild(el("p", "ukg-muted", "点击节点展开邻居并显示证据。Click a node to expand its neighbours."));
    addLinks();
    apply();

    api.search = search;
    api.reveal = reveal;
    api.expand = expand;
    api.setType = setType;
    api.setProvince = setProvince;
    api.setProgramme = setProgramme;
    api.setYear = setYear;
  } else if (DATA.links && DATA.links.length) {
    // Other pages: links sit in the header, the network gets the width.
    var nav = el("nav", "ukg-nav");
    DATA.links.forEach(function (link) {
      var a = el("a", null, link.text);
      a.setAttribute("href", link.href);
      nav.appendChild(a);
    });
    document.getElementById("ukg-header").appendChild(nav);
  }
  if (!controls.firstChild) controls.hidden = true;
  api.visibleNodeCount = function () { return visibleCount; };

  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (nodeMeta[id] && nodeMeta[id].deco) return;
      showNode(id);
      if (EXPLORER) expand(id);
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
    }
  });
})();
