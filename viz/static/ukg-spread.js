  // ------------------------------------------------------------ spread map
  // The spread map's base map and controls: province (and prefecture) outlines drawn
  // under the network in its own canvas coordinates (projected in Python with the
  // places' projection), a timeline that plays the adoptions year by year, a switch
  // for the inferred paths, and the legend, all in the side bar so that nothing
  // covers the map.
  if (KIND === "spread") (function () {
    var OUT = DATA.outlines || { provinces: [], prefectures: [] };
    function ringPath(flat) {
      var p = new Path2D();
      p.moveTo(flat[0], flat[1]);
      for (var i = 2; i + 1 < flat.length; i += 2) p.lineTo(flat[i], flat[i + 1]);
      p.closePath();
      return p;
    }
    var provincePaths = (OUT.provinces || []).map(ringPath);
    var prefecturePaths = (OUT.prefectures || []).map(ringPath);
    var outlineDraws = 0;
    var unknownIds = nodeIds.filter(function (id) { return nodeMeta[id].uk; });
    // Places with no known location are set in rows under the map; a white box with
    // a heading keeps them from reading as places on the map.
    function drawUnknownBox(ctx, s) {
      var ids = unknownIds.filter(function (id) { return !hidden[id]; });
      if (!ids.length) return;
      var pos = network.getPositions(ids), x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      ids.forEach(function (id) {
        x0 = Math.min(x0, pos[id].x); x1 = Math.max(x1, pos[id].x);
        y0 = Math.min(y0, pos[id].y); y1 = Math.max(y1, pos[id].y);
      });
      var pad = 60, title = "位置未知 location unknown";
      ctx.save();
      ctx.font = 12 / s + "px " + getComputedStyle(document.body).fontFamily;
      var w = Math.max(x1 - x0 + 2 * pad, ctx.measureText(title).width + 12 / s);
      ctx.fillStyle = "#ffffff";
      ctx.strokeStyle = "#9e9e9e";
      ctx.lineWidth = 1 / s;
      ctx.setLineDash([6 / s, 4 / s]);
      ctx.fillRect(x0 - pad, y0 - pad, w, y1 - y0 + 2 * pad);
      ctx.strokeRect(x0 - pad, y0 - pad, w, y1 - y0 + 2 * pad);
      ctx.fillStyle = "#666666";
      ctx.fillText(title, x0 - pad + 6 / s, y0 - pad + 16 / s);
      ctx.restore();
    }
    network.on("beforeDrawing", function (ctx) {
      var s = network.getScale() || 1;
      ctx.save();
      ctx.lineJoin = "round";
      ctx.fillStyle = "#f3f1e9";
      provincePaths.forEach(function (p) { ctx.fill(p); });
      ctx.strokeStyle = "#d9d3c3";
      ctx.lineWidth = 0.8 / s;
      prefecturePaths.forEach(function (p) { ctx.stroke(p); });
      ctx.strokeStyle = "#9e957d";
      ctx.lineWidth = 1.3 / s;
      provincePaths.forEach(function (p) { ctx.stroke(p); });
      ctx.restore();
      drawUnknownBox(ctx, s);
      outlineDraws++;
    });
    network.redraw();

    var years = (DATA.timeline && DATA.timeline.years) || [];
    var first = years.length ? years[0] : null, last = years.length ? years[years.length - 1] : null;
    var sp = { year: last, undated: true, inferred: true, timer: null };
    var spStatus = el("p", "ukg-status"), yearLabel2 = el("span", "ukg-year-label");
    spStatus.id = "ukg-spread-status";

    function placeShown(m) {
      if (m.deco) return true;
      if (m.yr === null || m.yr === undefined) return sp.undated;
      return sp.year === null || m.yr <= sp.year;
    }
    function pathShown(m, shown) {
      if (!shown[m.from] || !shown[m.to]) return false;
      if (!sp.inferred && m.b !== "reported") return false;
      return m.yr === null || m.yr === undefined || sp.year === null || m.yr <= sp.year;
    }
    function applySpread() {
      var shown = {}, nc = [], ec = [], places = 0, paths = 0;
      nodeIds.forEach(function (id) {
        var v = placeShown(nodeMeta[id]);
        shown[id] = v;
        if (v && !nodeMeta[id].deco) places++;
        if (!!hidden[id] === v) { hidden[id] = !v; nc.push({ id: id, hidden: !v }); }
      });
      edgeIds.forEach(function (id) {
        var v = pathShown(edgeMeta[id], shown);
        if (v) paths++;
        if (!!edgeHidden[id] === v) { edgeHidden[id] = !v; ec.push({ id: id, hidden: !v }); }
      });
      if (nc.length) nodes.update(nc);
      if (ec.length) edges.update(ec);
      yearLabel2.textContent = sp.year === null ? "全部年份 all years" : "截至 up to " + sp.year;
      spStatus.textContent = "显示 " + places + " 个地点、" + paths + " 条路径 places, paths shown";
      return { places: places, paths: paths };
    }

    var controls2 = document.getElementById("ukg-controls");
    function section2(title) {
      var s = el("section", "ukg-section");
      s.appendChild(el("h3", null, title));
      controls2.appendChild(s);
      return s;
    }
    var tl = section2("时间轴 Timeline"), slider2 = null, playBtn = null;
    function setSpreadYear(y) {
      sp.year = y === null ? null : Number(y);
      if (slider2 && sp.year !== null) slider2.value = String(sp.year);
      return applySpread();
    }
    function pause() {
      if (sp.timer !== null) clearInterval(sp.timer);
      sp.timer = null;
      if (playBtn) playBtn.textContent = "▶ 播放 Play";
    }
    function play() {
      if (first === null) return;
      if (sp.timer !== null) { pause(); return; }
      setSpreadYear(first);
      playBtn.textContent = "❚❚ 暂停 Pause";
      sp.timer = setInterval(function () {
        if (sp.year >= last) { pause(); return; }
        setSpreadYear(sp.year + 1);
      }, 800);
    }
    if (first !== null) {
      tl.appendChild(yearLabel2);
      slider2 = el("input", "ukg-slider");
      slider2.type = "range";
      slider2.id = "ukg-spread-year";
      slider2.min = String(first);
      slider2.max = String(last);
      slider2.step = "1";
      slider2.value = String(last);
      slider2.addEventListener("input", function () { pause(); setSpreadYear(slider2.value); });
      tl.appendChild(slider2);
      playBtn = el("button", "ukg-play", "▶ 播放 Play");
      playBtn.type = "button";
      playBtn.id = "ukg-play";
      playBtn.addEventListener("click", play);
      tl.appendChild(playBtn);
      if (DATA.timeline.reported_years) {
        tl.appendChild(el("p", "ukg-muted", "含首次见报年份（标“见报”）：文中未写明年份时，取报道文章的日期。" +
          "Includes years first reported (marked 见报): the article's date where the text states no year."));
      }
    } else {
      tl.appendChild(el("p", "ukg-muted", "没有注明年份的采用 no dated adoptions"));
    }
    function checkbox(parent, id, text, on, change) {
      var row = el("label", "ukg-undated"), box = el("input");
      box.type = "checkbox";
      box.id = id;
      box.checked = on;
      box.addEventListener("change", function () { change(box.checked); });
      row.appendChild(box);
      row.appendChild(el("span", null, text));
      parent.appendChild(row);
      return box;
    }
    var undatedBox2 = checkbox(tl, "ukg-spread-undated", "包括未注明年份的 include undated", true,
      function (on) { sp.undated = on; applySpread(); });
    var ps = section2("扩散路径 Paths");
    var inferredBox = checkbox(ps, "ukg-inferred", "显示推断的路径 show inferred paths", true,
      function (on) { sp.inferred = on; applySpread(); });
    ps.appendChild(spStatus);
    var lg = section2("图例 Legend");
    lg.appendChild(legend);
    controls2.hidden = false;
    applySpread();

    api.spread = {
      setYear: setSpreadYear,
      setInferred: function (on) { sp.inferred = !!on; inferredBox.checked = sp.inferred; return applySpread(); },
      setUndated: function (on) { sp.undated = !!on; undatedBox2.checked = sp.undated; return applySpread(); },
      play: play,
      pause: pause,
      state: function () { return { year: sp.year, inferred: sp.inferred, playing: sp.timer !== null }; },
      outlines: function () { return { provinces: provincePaths.length, prefectures: prefecturePaths.length, draws: outlineDraws }; }
    };
  })();
