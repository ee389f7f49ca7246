  // --------------------------------------------------------------- reading
  // What makes the drawing read at first sight: the most connected nodes labelled
  // at the start zoom (the others as you zoom in), clicks that pick the nearest
  // item (a node before an edge, with a tolerance in screen pixels), the keyboard
  // (/ focuses the search box, Esc clears), and a notice when CJK text draws as boxes.
  var LABEL_PX = 13;          // on-screen size of a label at the start zoom
  var NODE_TOL_PX = 8, EDGE_TOL_PX = 10;
  var hubSet = {};
  function pickHubs() {
    // As many of the most connected visible nodes as the window holds, about one
    // per 30,000 square pixels (8 to 40), skipping a hub whose label would overlap
    // the label of a more connected one at the current zoom.
    var area = container.clientWidth * container.clientHeight;
    // The node last clicked and the neighbours it opened come first (ukg-explorer.js).
    var k = Math.max(8, Math.min(40, Math.round(area / 30000)));
    var order = (state.focus || []).concat(DATA.hubs || []);
    var out = {}, boxes = [], pos = network.getPositions(order);
    order.forEach(function (id) {
      if (out[id]) return;
      if (boxes.length >= k || hidden[id] || !pos[id]) return;
      var label = String(nodes.get(id).label || ""), p = network.canvasToDOM(pos[id]);
      var w = label.length * LABEL_PX, box = [p.x - w / 2, p.y + 8, p.x + w / 2, p.y + 12 + LABEL_PX];
      for (var i = 0; i < boxes.length; i++) {
        var b = boxes[i];
        if (box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]) return;
      }
      boxes.push(box);
      out[id] = true;
    });
    return out;
  }
  function sizeHubLabels() {
    if (!EXPLORER) return;
    var scale = network.getScale() || 1, size = Math.max(LABEL_PX, LABEL_PX / scale);
    var want = pickHubs(), changes = [];
    Object.keys(hubSet).forEach(function (id) { if (!want[id]) changes.push({ id: Number(id), font: { size: LABEL_PX } }); });
    Object.keys(want).forEach(function (id) { changes.push({ id: Number(id), font: { size: size } }); });
    hubSet = want;
    if (changes.length) nodes.update(changes);
  }
  if (EXPLORER) {
    // Any change of scale (wheel, fit, focus on a search hit) resizes the hub labels;
    // the update redraws at the same scale, so this settles after one round.
    var labelScale = null;
    network.on("afterDrawing", function () {
      var scale = network.getScale();
      if (scale !== labelScale) { labelScale = scale; sizeHubLabels(); }
    });
    var fitAndLabel = fitData;
    // Fit, size the hub labels for that scale, then fit again so they fit too.
    fitData = function () { fitAndLabel(); sizeHubLabels(); network.redraw(); fitAndLabel(); sizeHubLabels(); };
    if (api.ready) fitData();
  }
  api.hubLabels = function () { return Object.keys(hubSet).map(Number); };
  api.labelledNodes = function () {
    // Nodes whose label vis draws at the current zoom.
    return nodeIds.filter(function (id) {
      var n = network.body.nodes[id];
      return n && !hidden[id] && n.labelModule && n.labelModule.visible();
    });
  };

  function nearestNode(p, scale) {
    var best = null, bestD = Infinity, pos = network.getPositions();
    nodeIds.forEach(function (id) {
      if (hidden[id] || nodeMeta[id].deco || !pos[id]) return;
      var body = network.body.nodes[id], r = body && body.shape && body.shape.radius ? body.shape.radius : 12;
      var d = Math.hypot(pos[id].x - p.x, pos[id].y - p.y) - r;
      if (d < bestD) { bestD = d; best = id; }
    });
    return bestD <= NODE_TOL_PX / scale ? best : null;
  }
  function nearestEdge(p, scale) {
    var best = null, bestD = Infinity;
    edgeIds.forEach(function (id) {
      if (edgeHidden[id]) return;
      var e = network.body.edges[id];
      if (!e || !e.connected || !e.edgeType) return;
      var d = e.edgeType.getDistanceToEdge(e.from.x, e.from.y, e.to.x, e.to.y, p.x, p.y);
      if (d < bestD) { bestD = d; best = id; }
    });
    return bestD <= EDGE_TOL_PX / scale ? best : null;
  }
  function pick(pointer) {
    var scale = network.getScale() || 1, p = pointer.canvas;
    var node = nearestNode(p, scale);
    if (node !== null) return { node: node };
    var edge = nearestEdge(p, scale);
    return edge !== null ? { edge: edge } : {};
  }
  api.pick = function (x, y) { return pick({ canvas: network.DOMtoCanvas({ x: x, y: y }) }); };
  network.on("click", function (params) {
    var hit = pick(params.pointer);
    if (hit.node !== undefined) {
      network.selectNodes([hit.node]);
      showNode(hit.node);
      if (EXPLORER) expand(hit.node);
    } else if (hit.edge !== undefined) {
      network.selectEdges([hit.edge]);
      showEdge(hit.edge);
    }
  });

  document.addEventListener("keydown", function (ev) {
    var box = document.getElementById("ukg-search");
    var typing = ev.target && /^(INPUT|SELECT|TEXTAREA)$/.test(ev.target.tagName);
    if (ev.key === "/" && box && !typing) {
      ev.preventDefault();
      box.focus();
    } else if (ev.key === "Escape") {
      closeArticle();
      if (api.clearSearch) api.clearSearch();
      network.unselectAll();
      clearPanel();
      if (typing) ev.target.blur();
    }
  });

  // Tofu check: without a CJK font every CJK character draws as the same box, so
  // two different characters give the same pixels.
  function glyphPixels(ch, family) {
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = 40;
    var c = canvas.getContext("2d");
    c.font = "32px " + family;
    c.textBaseline = "top";
    c.fillText(ch, 2, 2);
    return Array.prototype.join.call(c.getImageData(0, 0, 40, 40).data, "");
  }
  function cjkMissing() {
    var family = getComputedStyle(document.body).fontFamily;
    try {
      return glyphPixels("\u5de5", family) === glyphPixels("\u4f1a", family);
    } catch (e) {
      return false;
    }
  }
  api.cjkMissing = cjkMissing;
  if (cjkMissing()) {
    notes.push("本机缺少中文字体，文字显示为方框。No CJK font found: Chinese text shows as boxes; " +
      "install one (on Debian/Ubuntu: apt-get install fonts-noto-cjk) and reload.");
    setNote(notes.join("  "));
  }
