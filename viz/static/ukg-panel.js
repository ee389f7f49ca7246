  // ------------------------------------------------------------------- panel
  // Evidence is grouped by article (headline and date first), each sentence once
  // (the relations it supports listed under it), the most relevant first: the
  // node's own relations before outcomes (REPORTED) and plain mentions, and among
  // them the sentences that name more of its partners (for a programme: its union
  // and its place).
  var panel = document.getElementById("ukg-panel");
  var ARTICLES = DATA.articles || {};
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
  function articleOf(doc, art) {
    var a = ARTICLES[doc] && ARTICLES[doc][String(art)];
    return a || { doc: doc, title: "", date: "" };
  }
  function groupEvidence(items) {
    // items: {doc, art, sentence, via, rank}; one entry per sentence, grouped by article.
    var groups = {}, order = [];
    items.forEach(function (it) {
      var key = it.doc + "\u0000" + it.art;
      var g = groups[key];
      if (!g) { g = groups[key] = { doc: it.doc, art: it.art, items: {}, list: [], best: Infinity }; order.push(g); }
      var s = g.items[it.sentence];
      if (!s) { s = g.items[it.sentence] = { sentence: it.sentence, via: [], rank: it.rank }; g.list.push(s); }
      if (it.via && s.via.indexOf(it.via) < 0) s.via.push(it.via);
      s.rank = Math.min(s.rank, it.rank);
      g.best = Math.min(g.best, s.rank);
    });
    order.forEach(function (g) { g.list.sort(function (a, b) { return a.rank - b.rank; }); });
    order.sort(function (a, b) {
      var da = articleOf(a.doc, a.art).date || "", db = articleOf(b.doc, b.art).date || "";
      return a.best - b.best || (da < db ? -1 : da > db ? 1 : 0) || (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : a.art - b.art);
    });
    return order;
  }
  function addEvidence(parent, items, more) {
    parent.appendChild(el("h3", null, "证据 Evidence"));
    if (!items.length) { parent.appendChild(el("p", "ukg-muted", "（无证据句 no evidence sentence）")); return; }
    groupEvidence(items).forEach(function (g) {
      var a = articleOf(g.doc, g.art);
      var box = el("section", "ukg-article");
      var head = el("div", "ukg-article-head");
      head.appendChild(el("span", "ukg-headline", a.title || g.doc));
      if (a.date) head.appendChild(el("span", "ukg-date", a.date));
      if (a.title) head.appendChild(el("span", "ukg-doc", g.doc));
      box.appendChild(head);
      var list = el("ol", "ukg-evidence");
      g.list.forEach(function (s) {
        var li = el("li");
        li.appendChild(el("q", "ukg-sentence", s.sentence));
        var src = el("div", "ukg-source");
        if (s.via.length) src.appendChild(el("span", "ukg-via", s.via.join(" · ")));
        if (a.text !== undefined && typeof openArticle === "function") {
          var b = el("button", "ukg-open", "在原文中查看 Show in article");
          b.type = "button";
          b.addEventListener("click", function () { openArticle(g.doc, g.art, s.sentence); });
          src.appendChild(b);
        }
        li.appendChild(src);
        list.appendChild(li);
      });
      box.appendChild(list);
      parent.appendChild(box);
    });
    if (more > 0) parent.appendChild(el("p", "ukg-muted", "…另有 " + more + " 条 more"));
  }
  function nameForms(id) {
    var u = nodeMeta[id] && nodeMeta[id].ukg;
    if (!u) return [];
    return [u.name || ""].concat(u.aliases || []).filter(function (x) { return x.length >= 2; });
  }
  function namesAny(sentence, forms) {
    for (var i = 0; i < forms.length; i++) if (sentence.indexOf(forms[i]) >= 0) return true;
    return false;
  }
  var LOW = { MENTIONS: 2, PART_OF: 2, REPORTED: 1 };
  function nodeEvidence(id) {
    var items = [], more = 0, own = nameForms(id), partners = {};
    (adjacency[id] || []).forEach(function (eid) {
      var em = edgeMeta[eid];
      if (!LOW[em.t]) partners[em.from === id ? em.to : em.from] = true;
    });
    var partnerForms = Object.keys(partners).map(nameForms);
    (adjacency[id] || []).forEach(function (eid) {
      var em = edgeMeta[eid], eu = em.ukg || {};
      var other = em.from === id ? em.to : em.from;
      var otherName = nodeMeta[other] && nodeMeta[other].ukg ? nodeMeta[other].ukg.name : "";
      var via = (em.from === id ? eu.type + " → " : "← " + eu.type + " ") + otherName;
      (eu.ev || []).forEach(function (p) {
        var named = namesAny(p[1], own) ? 1 : 0;
        partnerForms.forEach(function (f) { if (namesAny(p[1], f)) named++; });
        // Group (own relations, outcomes, mentions) first, then how many it names.
        var rank = (LOW[em.t] || 0) * 1000 - named;
        items.push({ doc: p[0], sentence: p[1], art: p.length > 2 ? p[2] : -1, via: via, rank: rank });
      });
      more += eu.more_ev || 0;
    });
    return { items: items, more: more };
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
    var ev = nodeEvidence(id);
    addEvidence(panel, ev.items, ev.more);
    if (info.doc_ids && info.doc_ids.length) {
      panel.appendChild(el("h3", null, "文档 Documents"));
      panel.appendChild(el("p", "ukg-docids", info.doc_ids.join(", ") + (info.more_docs ? " …(+" + info.more_docs + ")" : "")));
    }
    addCurate(panel, info.curate);
    return true;
  }
  // The unionkg curate commands for the node (made and quoted for bash in Python,
  // written here as text): corrections that later builds keep (docs/curation.md).
  function addCurate(parent, cmds) {
    if (!cmds || !cmds.length) return;
    parent.appendChild(el("h3", null, "修正 Curate"));
    parent.appendChild(el("p", "ukg-muted", "在输出文件夹所在目录运行，下次构建生效 Run where the output folder is; the next build applies it:"));
    parent.appendChild(el("pre", "ukg-curate", cmds.join("\n")));
  }
  function showEdge(id) {
    var m = edgeMeta[id];
    if (!m) return false;
    var info = m.ukg || {};
    clear(panel);
    panel.appendChild(el("h2", "ukg-panel-title", info.from + " → " + info.to));
    panel.appendChild(el("p", "ukg-panel-type", info.type));
    addProps(panel, info.props);
    addEvidence(panel, (info.ev || []).map(function (p, i) {
      return { doc: p[0], sentence: p[1], art: p.length > 2 ? p[2] : -1, rank: i };
    }), info.more_ev || 0);
    if (info.doc_ids && info.doc_ids.length) {
      panel.appendChild(el("h3", null, "文档 Documents"));
      panel.appendChild(el("p", "ukg-docids", info.doc_ids.join(", ")));
    }
    return true;
  }
  var panelHint = Array.prototype.slice.call(panel.childNodes);
  function clearPanel() {
    clear(panel);
    panelHint.forEach(function (n) { panel.appendChild(n); });
  }
  api.showNode = showNode;
  api.showEdge = showEdge;
  api.clearPanel = clearPanel;
  api.idOf = function (kgId) {
    for (var i = 0; i < nodeIds.length; i++) {
      var u = nodeMeta[nodeIds[i]].ukg;
      if (u && u.id === kgId) return nodeIds[i];
    }
    return null;
  };
