/* unionkg map runtime (inlined into every page by viz/templates.py).
 *
 * Reads the page's JSON block, builds the vis Network (window.network), tooltips,
 * legend and evidence side panel, and on the explorer page the search box, filters,
 * year slider and click-to-expand. Every string from the graph is untrusted: it is
 * only ever written with textContent / new Option / setAttribute, never as HTML.
 * Hooks for tests and for curious users live on window.unionkg.
 */

  var DATA = JSON.parse(document.getElementById("unionkg-data").textContent);
  var KIND = DATA.kind;
  // A query page (viz/query.py) is an explorer whose nodes outside the result
  // (flag qr) stay hidden until a click expands them.
  var QUERY = KIND === "query";
  var EXPLORER = KIND === "explorer" || QUERY;

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
  // A query as the search keys are written: NFKC, lower case, traditional
  // characters folded to simplified with the table the page carries (DATA.t2s).
  function fold(text) {
    var t = String(text || "").normalize("NFKC").toLowerCase(), out = "", table = DATA.t2s || {};
    for (var i = 0; i < t.length; i++) out += table.hasOwnProperty(t[i]) ? table[t[i]] : t[i];
    return out;
  }
  function contains(list, value) {
    return list !== undefined && list !== null && list.indexOf(value) >= 0;
  }

  // ------------------------------------------------------- data -> vis items
  // Our own fields are moved off the vis items into nodeMeta/edgeMeta so vis only
  // sees options it knows.
  var NODE_FIELDS = ["tip", "ukg", "t", "yr", "yb", "ap", "uk", "pv", "pg", "deco", "key", "sk", "oc", "qr"];
  var EDGE_FIELDS = ["tip", "ukg", "t", "yr", "pg", "b", "qr"];
  var nodeMeta = {}, edgeMeta = {}, adjacency = {}, nodeIds = [], edgeIds = [];

  DATA.nodes.forEach(function (n) {
    var m = {};
    NODE_FIELDS.forEach(function (f) { m[f] = n[f]; delete n[f]; });
    if (m.tip) n.title = tipElement(m.tip);
    var ukg = m.ukg || {};
    // sk: name and aliases folded in Python (NFKC, case, simplified characters).
    m.search = m.sk !== undefined ? m.sk : fold([ukg.name || ""].concat(ukg.aliases || []).join("\u0000"));
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
    undated: true,
    expanded: {},
    focus: [],  // the node last expanded and its neighbours: labelled first
    // An aggregated page (DATA.cut) draws the most connected nodes that pass the
    // filters first, state.limit of them ("show more" raises it); nodes come in
    // rank order.
    limit: DATA.cut ? DATA.cut.start : Infinity,
    waiting: 0
  };
  (DATA.types || []).forEach(function (t) { state.types[t.key] = !!t.on; });
  var hidden = {}, edgeHidden = {};
  var visibleCount = nodeIds.filter(function (id) { return !nodeMeta[id].deco; }).length;

  function yearHides(yr) {
    if (yr === null || yr === undefined) return !state.undated;
    return state.year !== null && yr > state.year;
  }
  function nodeVisible(id) {
    var m = nodeMeta[id];
    if (yearHides(m.yr)) return false;
    if (state.expanded[id]) return true;
    if (QUERY && !m.qr) return false;
    if (!state.types[m.t]) return false;
    if (state.province !== "" && !contains(m.pv, state.province)) return false;
    if (state.programme !== "" && !contains(m.pg, state.programme)) return false;
    return true;
  }
  function edgeVisible(id, shown) {
    var m = edgeMeta[id];
    if (!shown[m.from] || !shown[m.to]) return false;
    // An undated edge (PART_OF, say) shows when both its ends show.
    if (state.year !== null && m.yr !== null && m.yr !== undefined && m.yr > state.year) return false;
    if (state.programme !== "" && m.t === "SPREAD_TO" && m.pg !== state.programme) return false;
    return true;
  }
  function computeVisibility() {
    var shown = {}, nodeChanges = [], edgeChanges = [], count = 0, passing = 0;
    nodeIds.forEach(function (id) {
      var v = nodeVisible(id);
      if (v && !state.expanded[id] && !nodeMeta[id].deco && ++passing > state.limit) v = false;
      shown[id] = v;
      if (v) count++;
      if (hidden[id] !== !v) { hidden[id] = !v; nodeChanges.push({ id: id, hidden: !v }); }
    });
    edgeIds.forEach(function (id) {
      var v = edgeVisible(id, shown);
      if (edgeHidden[id] !== !v) { edgeHidden[id] = !v; edgeChanges.push({ id: id, hidden: !v }); }
    });
    visibleCount = count;
    state.waiting = Math.max(0, passing - state.limit);
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

  // On the explorer, labels other than the hubs' (ukg-view.js) draw from this on-screen
  // size up; an aggregated page is denser, so only where they read. (Given before the
  // network is built: a later setOptions does not reach the nodes' labels.)
  var DRAW_THRESHOLD = DATA.cut ? 12 : 9;
  if (EXPLORER) {
    DATA.options.nodes.scaling = { label: { enabled: false, drawThreshold: DRAW_THRESHOLD, maxVisible: 30 } };
  }

  var t0 = performance.now();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);
  window.network = network;
  api.network = network;
  api.timing.construct_ms = Math.round(performance.now() - t0);

  // The nodes nearest their centre, a share of them: an aggregated page fits these,
  // so that a few outlying nodes do not shrink the drawing it opens with.
  function innermost(ids, share) {
    var pos = network.getPositions(ids), cx = 0, cy = 0;
    ids.forEach(function (id) { cx += pos[id].x / ids.length; cy += pos[id].y / ids.length; });
    var d = function (id) { return Math.hypot(pos[id].x - cx, pos[id].y - cy); };
    return ids.slice().sort(function (a, b) { return d(a) - d(b); }).slice(0, Math.ceil(ids.length * share));
  }
  function fitData() {
    var ids = nodeIds.filter(function (id) { return !nodeMeta[id].deco && !hidden[id]; });
    if (!ids.length) return;
    if (DATA.cut && ids.length > 20) ids = innermost(ids, 0.9);
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
    var sym;
    if (item.line) {
      // A path style: a short line, solid or dashed, in the path's colour.
      sym = el("span", "ukg-legend-line");
      sym.style.borderTopColor = item.color;
      sym.style.borderTopStyle = item.line;
    } else {
      sym = el("span", "ukg-legend-symbol", item.symbol || "●");
      sym.style.color = item.color;
    }
    if (item.key && !withBox) row.setAttribute("data-key", item.key);
    row.appendChild(sym);
    row.appendChild(el("span", "ukg-legend-text", item.text));
    return row;
  }
  if (DATA.legend_title) legend.appendChild(el("div", "ukg-legend-title", DATA.legend_title));
  (DATA.legend || []).forEach(function (item) { legend.appendChild(legendRow(item, false)); });
  if (!legend.firstChild) legend.hidden = true;

