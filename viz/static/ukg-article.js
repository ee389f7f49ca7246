  // ---------------------------------------------------------- article viewer
  // "Show in article": the article text embedded in the page (viz/sources.py caps
  // it), the evidence sentence highlighted and the graph's other entities of this
  // document marked. Built from text nodes and <mark> elements only.
  var viewer = null;
  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function entityForms(doc) {
    var forms = {};
    nodeIds.forEach(function (id) {
      var m = nodeMeta[id], u = m.ukg || {};
      if (m.deco || m.t === "Document" || m.t === "Outcome" || !contains(u.doc_ids, doc)) return;
      nameForms(id).forEach(function (f) { forms[f] = true; });
    });
    return Object.keys(forms).sort(function (a, b) { return b.length - a.length; }).slice(0, 500);
  }
  function runs(text, sentence, forms) {
    // Per character: 1 = in the sentence, 2 = in an entity name; then runs of equal flags.
    var flags = new Uint8Array(text.length);
    var at = sentence ? text.indexOf(sentence) : -1;
    if (at >= 0) for (var i = at; i < at + sentence.length; i++) flags[i] |= 1;
    if (forms.length) {
      var re = new RegExp(forms.map(escapeRegExp).join("|"), "g"), m;
      while ((m = re.exec(text)) !== null) {
        for (var j = m.index; j < m.index + m[0].length; j++) flags[j] |= 2;
        if (m[0].length === 0) re.lastIndex++;
      }
    }
    var out = [], start = 0;
    for (var k = 1; k <= text.length; k++) {
      if (k === text.length || flags[k] !== flags[start]) { out.push([start, k, flags[start] || 0]); start = k; }
    }
    return { runs: out, found: at >= 0 };
  }
  function openArticle(doc, art, sentence) {
    var a = articleOf(doc, art);
    if (a.text === undefined) return false;
    closeArticle();
    viewer = el("div", "ukg-viewer");
    viewer.id = "ukg-viewer";
    viewer.setAttribute("role", "dialog");
    var bar = el("div", "ukg-viewer-bar");
    bar.appendChild(el("h2", "ukg-viewer-title", a.title || doc));
    bar.appendChild(el("span", "ukg-date", [a.date, doc].filter(Boolean).join(" · ")));
    var close = el("button", "ukg-viewer-close", "关闭 Close");
    close.type = "button";
    close.addEventListener("click", closeArticle);
    bar.appendChild(close);
    viewer.appendChild(bar);
    var r = runs(a.text, sentence, entityForms(doc));
    var body = el("div", "ukg-viewer-text");
    var first = null;
    r.runs.forEach(function (run) {
      var piece = a.text.slice(run[0], run[1]);
      var node = run[2] === 0 ? document.createTextNode(piece) : el("mark", run[2] & 1 ? (run[2] & 2 ? "ukg-hl ukg-ent" : "ukg-hl") : "ukg-ent", piece);
      if (run[2] & 1 && !first) first = node;
      body.appendChild(node);
    });
    viewer.appendChild(body);
    if (!r.found) viewer.appendChild(el("p", "ukg-muted", "（证据句不在嵌入的原文中 the sentence is not in the embedded text）"));
    if (a.cut) viewer.appendChild(el("p", "ukg-muted", "…原文已截断 text cut (page cap)"));
    if (DATA.text_note) viewer.appendChild(el("p", "ukg-muted", DATA.text_note));
    document.body.appendChild(viewer);
    if (first && first.scrollIntoView) first.scrollIntoView({ block: "center" });
    return true;
  }
  function closeArticle() {
    if (viewer && viewer.parentNode) viewer.parentNode.removeChild(viewer);
    viewer = null;
  }
  api.openArticle = openArticle;
  api.closeArticle = closeArticle;
