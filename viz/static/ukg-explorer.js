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
    if (status) status.textContent = "显示 " + visibleCount + " / " + nodeIds.length + " 个节点 nodes shown" +
      (DATA.cut ? " (" + DATA.cut.total.toLocaleString("en") + " in the graph)" : "");
    if (more) {
      more.textContent = state.waiting ? "显示更多 Show more (" + Math.min(state.waiting, DATA.cut.more) +
        " of " + state.waiting + ")" : "已全部显示 all shown";
      more.disabled = !state.waiting;
    }
    return visibleCount;
  }
  function expand(id) {
    // The clicked node and the neighbours it opens are labelled first (ukg-view.js):
    // a neighbour that appears with no name would have to be zoomed into to be read.
    var opened = [id];
    state.expanded[id] = true;
    (adjacency[id] || []).forEach(function (eid) {
      var m = edgeMeta[eid];
      state.expanded[m.from] = true;
      state.expanded[m.to] = true;
      opened.push(m.from === id ? m.to : m.from);
    });
    state.focus = opened;
    var n = apply();
    sizeHubLabels();
    return n;
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
    var q = fold(String(query || "").trim());
    if (!q) return [];
    var hits = [];
    nodeIds.forEach(function (id) {
      var m = nodeMeta[id];
      if (m.deco || m.search.indexOf(q) < 0) return;
      var name = m.search.split("\u0000")[0];
      var rank = name === q ? 0 : name.indexOf(q) === 0 ? 1 : name.indexOf(q) >= 0 ? 2 : 3;
      hits.push([rank, name.length, id]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1); });
    return hits.slice(0, 30).map(function (h) { return h[2]; });
  }
  function setType(type, on) { state.types[type] = !!on; return apply(); }
  // The province, programme and year filters zoom to what remains.
  function applyAndFit() { var n = apply(); if (layoutDone) fitData(); return n; }
  function setProvince(key) { state.province = key || ""; return applyAndFit(); }
  function setProgramme(id) { state.programme = id === "" || id === null || id === undefined ? "" : Number(id); return applyAndFit(); }
  function setUndated(on) {
    state.undated = !!on;
    if (undatedBox) undatedBox.checked = state.undated;
    return applyAndFit();
  }
  function setYear(year) {
    state.year = year === null ? null : Number(year);
    if (yearLabel) yearLabel.textContent = yearText();
    if (slider && year !== null) slider.value = String(year);
    return applyAndFit();
  }
  function yearText() {
    return state.year === null ? "全部年份 all years" : "截至 up to " + state.year;
  }

  var status = null, slider = null, yearLabel = null, undatedBox = null, more = null;
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
    // An aggregated page names the whole graph's nodes of each province and programme.
    var withCount = function (options, counts) {
      var per = {};
      (counts || []).forEach(function (c) { per[c[0]] = c[1]; });
      return options.map(function (o) {
        return per[o[0]] === undefined ? o : [o[0], o[1] + " · " + per[o[0]].toLocaleString("en")];
      });
    };
    var cut = DATA.cut;
    var provSel = mkSelect("ukg-province", "全部省份 all provinces",
      withCount(DATA.provinces || [], cut && cut.province_nodes), setProvince);
    var progSel = mkSelect("ukg-programme", "全部项目 all programmes",
      withCount(DATA.programmes || [], cut && cut.programme_nodes), setProgramme);
    if (cut) {
      // The aggregated view: what this page holds, what it left out, and "show more".
      var s6 = section("大图汇总 Aggregated view");
      s6.id = "ukg-cut";
      s6.appendChild(el("p", null, "本页收录关联最多的 " + cut.embedded.toLocaleString("en") + " / " +
        cut.total.toLocaleString("en") + " 个节点。This page holds the " +
        cut.embedded.toLocaleString("en") + " most connected of " + cut.total.toLocaleString("en") +
        " nodes; a province or programme shows its own most connected first."));
      var left = el("ul", "ukg-cut-left");
      cut.left_out.forEach(function (row) {
        left.appendChild(el("li", null, "未收录 left out: " + row[2].toLocaleString("en") + " " + row[1] + " " + row[0]));
      });
      s6.appendChild(left);
      more = el("button", "ukg-more", "");
      more.type = "button";
      more.id = "ukg-more";
      more.addEventListener("click", function () { showMore(); });
      s6.appendChild(more);
      s6.appendChild(el("p", "ukg-muted", "每个项目的扩散地图是完整的；unionkg viz ego NAME 画出一个节点的全部邻居，" +
        "unionkg query 查询整个图。Spread maps are complete; `unionkg viz ego NAME` draws a node's " +
        "whole neighbourhood and `unionkg query` reaches the whole graph."));
    }
    function showMore() {
      if (!cut) return visibleCount;
      state.limit += cut.more;
      return applyAndFit();
    }

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
      var row = el("label", "ukg-undated");
      undatedBox = el("input");
      undatedBox.type = "checkbox";
      undatedBox.id = "ukg-undated";
      undatedBox.checked = true;
      undatedBox.addEventListener("change", function () { setUndated(undatedBox.checked); });
      row.appendChild(undatedBox);
      row.appendChild(el("span", null, "包括未注明年份的 include undated"));
      s4.appendChild(row);
    } else {
      s4.appendChild(el("p", "ukg-muted", "图中没有年份 no dates in this graph"));
    }

    var s5 = section(null);
    var reset = el("button", "ukg-reset", "重置 Reset");
    reset.type = "button";
    reset.addEventListener("click", function () { resetAll(); });
    function resetAll() {
      state.expanded = {};
      state.focus = [];
      state.limit = DATA.cut ? DATA.cut.start : Infinity;
      state.undated = true;
      if (undatedBox) undatedBox.checked = true;
      input.value = "";
      clear(results);
      network.unselectAll();
      clearPanel();
      closeArticle();
      state.province = "";
      state.programme = "";
      provSel.value = "";
      progSel.value = "";
      (DATA.types || []).forEach(function (t) { state.types[t.key] = !!t.on; });
      controls.querySelectorAll("input[data-type]").forEach(function (box) {
        box.checked = !!state.types[box.getAttribute("data-type")];
      });
      state.year = DATA.years ? DATA.years.max : null;
      if (slider) slider.value = String(state.year);
      if (yearLabel) yearLabel.textContent = yearText();
      applyAndFit();
    }
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
    api.setUndated = setUndated;
    api.reset = resetAll;
    api.showMore = showMore;
    api.waiting = function () { return state.waiting; };
    api.clearSearch = function () { input.value = ""; clear(results); };
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

