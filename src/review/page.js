"use strict";
// The review page's script. It renders the JSON blob of #review-data, one article at a
// time. Article text only ever enters the page as text nodes (textContent), never as markup.
(function () {
  var errors = [];
  window.addEventListener("error", function (e) { errors.push(String(e.message)); });
  var consoleError = console.error;
  console.error = function () { errors.push(Array.prototype.join.call(arguments, " ")); consoleError.apply(console, arguments); };

  var data = JSON.parse(document.getElementById("review-data").textContent);
  var PALETTE = ["#fde2a7", "#c9e7f5", "#d7f0c8", "#f6d0e1", "#e3d7f7", "#ffd6c2", "#cdeee6", "#f2e6b3",
                 "#d9e2f5", "#f5d5d5", "#e0f0d0", "#efdcf2"];
  var current = -1;
  var colours = {};

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { for (var k in attrs) { if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]); } }
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function colourOf(article, claim) {
    var key = article + ":" + (claim.speaker_id || claim.speaker || "none");
    if (!(key in colours)) colours[key] = PALETTE[Object.keys(colours).length % PALETTE.length];
    return colours[key];
  }

  function summary() {
    var s = data.summary, f = s.findings || {};
    var parts = [s.articles + " article" + (s.articles === 1 ? "" : "s"), s.claims + " claims", s.speakers + " speakers",
                 s.conflicts + " conflicting measure" + (s.conflicts === 1 ? "" : "s")];
    var sev = Object.keys(f).map(function (k) { return f[k] + " " + k + (f[k] === 1 ? "" : "s"); });
    document.getElementById("summary").textContent = parts.join(" · ") + (sev.length ? " · findings: " + sev.join(", ") : "");
  }

  function articleName(a) { return a.title || a.path; }

  function articleList() {
    var list = document.getElementById("article-list");
    var q = document.getElementById("article-filter").value.toLowerCase();
    list.textContent = "";
    data.articles.forEach(function (a, i) {
      if (q && (a.path + " " + (a.title || "")).toLowerCase().indexOf(q) < 0) return;
      var b = el("button", { type: "button", "data-article": i, "aria-current": i === current ? "true" : "false" });
      b.appendChild(document.createTextNode(articleName(a)));
      b.appendChild(el("br"));
      b.appendChild(el("span", { "class": "count" }, a.claims.length + " claims, " + a.findings.length + " findings"));
      b.addEventListener("click", function () { select(i); });
      var li = el("li"); li.appendChild(b); list.appendChild(li);
    });
  }

  // Splits the text at every span boundary and wraps each piece in the claims, figures and
  // findings that cover it. Offsets are code points, as everywhere in claimtrace.
  function renderText(ai) {
    var a = data.articles[ai];
    var chars = Array.from(a.text);
    var marks = [];
    a.claims.forEach(function (c) {
      c.spans.forEach(function (s) { if (s.end > s.start) marks.push({ kind: "claim", start: s.start, end: s.end, claim: c, role: s.role }); });
    });
    a.findings.forEach(function (f, fi) { if (f.end > f.start) marks.push({ kind: "finding", start: f.start, end: f.end, finding: f, index: fi }); });
    figuresOf(ai).forEach(function (g) { if (g.end > g.start) marks.push({ kind: "figure", start: g.start, end: g.end, figure: g }); });
    var cuts = [0, chars.length];
    marks.forEach(function (m) { m.start = Math.max(0, Math.min(m.start, chars.length)); m.end = Math.max(m.start, Math.min(m.end, chars.length)); cuts.push(m.start, m.end); });
    cuts = cuts.filter(function (v, i, all) { return all.indexOf(v) === i; }).sort(function (x, y) { return x - y; });
    var box = document.getElementById("article-text");
    box.textContent = "";
    var seenClaim = {}, seenFigure = {}, seenFinding = {};
    for (var k = 0; k + 1 < cuts.length; k++) {
      var from = cuts[k], to = cuts[k + 1];
      var piece = chars.slice(from, to).join("");
      var covering = marks.filter(function (m) { return m.start <= from && to <= m.end; });
      if (!covering.length) { box.appendChild(document.createTextNode(piece)); continue; }
      var node = el("span", { "data-start": from, "data-end": to }, piece);
      var claims = covering.filter(function (m) { return m.kind === "claim"; });
      if (claims.length) {
        // The innermost claim gives the colour: a claim nested in another's quote shows.
        claims.sort(function (x, y) { return (x.end - x.start) - (y.end - y.start); });
        var inner = claims[0], c = inner.claim;
        node.classList.add("claim", "role-" + inner.role);
        node.style.background = colourOf(ai, c);
        node.setAttribute("data-claim", c.id);
        node.setAttribute("data-claims", claims.map(function (m) { return m.claim.id; }).join(" "));
        if (!seenClaim[c.id]) {
          seenClaim[c.id] = true;
          node.id = "claim-" + ai + "-" + c.id;
          node.setAttribute("data-first", "true");
          node.setAttribute("tabindex", "0");
          node.setAttribute("role", "button");
          node.setAttribute("aria-label", "Claim " + c.id + " by " + (c.speaker || "no named source"));
        }
      }
      covering.forEach(function (m) {
        if (m.kind === "figure") {
          var key = m.figure.claim + "-" + m.start;
          if (!seenFigure[key]) { seenFigure[key] = true; node.setAttribute("data-figure", key); }
        } else if (m.kind === "finding") {
          node.classList.add("finding", "severity-" + m.finding.severity);
          node.title = (node.title ? node.title + "\n" : "") + m.finding.rule + ": " + m.finding.message;
          if (!seenFinding[m.index]) { seenFinding[m.index] = true; node.setAttribute("data-finding", m.index); }
        }
      });
      box.appendChild(node);
    }
  }

  function legend(ai) {
    var box = document.getElementById("legend");
    box.textContent = "";
    var done = {};
    data.articles[ai].claims.forEach(function (c) {
      var name = c.speaker || "no named source";
      if (done[name]) return;
      done[name] = true;
      var s = el("span", null, name);
      s.style.background = colourOf(ai, c);
      box.appendChild(s);
    });
  }

  function figuresOf(ai) {
    var out = [];
    data.measures.forEach(function (m) { m.figures.forEach(function (f) { if (f.article === ai) out.push(f); }); });
    return out;
  }

  function claimById(ai, id) {
    var cs = data.articles[ai].claims;
    for (var i = 0; i < cs.length; i++) if (cs[i].id === id) return cs[i];
    return null;
  }

  function showClaim(ai, id) {
    var c = claimById(ai, id);
    if (!c) return;
    var dl = document.getElementById("claim-details");
    dl.textContent = "";
    var rows = [["Claim", c.id + " (" + c.status + ")"], ["Speaker", c.speaker || "none named"], ["Channel", c.channel || "—"],
                ["Cue", c.cue || "—"], ["Mode", c.mode], ["Anonymity", c.anonymity || "—"],
                ["Hedges", c.hedges.length ? c.hedges.join(", ") : "—"], ["Figures", c.figures.length ? c.figures.join("; ") : "—"],
                ["Rule", c.rule]];
    rows.forEach(function (r) { dl.appendChild(el("dt", null, r[0])); dl.appendChild(el("dd", null, r[1])); });
    document.getElementById("claim-card").hidden = false;
  }

  function goTo(ai, selector) {
    if (ai !== current) select(ai);
    var target = document.querySelector(selector);
    if (!target) return null;
    target.scrollIntoView({ block: "center" });
    target.classList.remove("flash");
    void target.offsetWidth; // restart the animation
    target.classList.add("flash");
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    return target;
  }

  function figureLink(f) {
    var label = "“" + f.text + "”";
    if (f.article !== current) label += " (" + articleName(data.articles[f.article]) + ")";
    var a = el("a", { href: "#", "class": "figure-link", "data-article": f.article, "data-figure": f.claim + "-" + f.start }, label);
    a.addEventListener("click", function (e) {
      e.preventDefault();
      goTo(f.article, '[data-figure="' + f.claim + "-" + f.start + '"]');
    });
    return a;
  }

  function measures() {
    var box = document.getElementById("measure-list");
    box.textContent = "";
    var shown = data.measures.filter(function (m) { return m.figures.some(function (f) { return f.article === current; }); });
    if (!shown.length) { box.appendChild(el("p", null, "No figures in this article.")); return; }
    shown.forEach(function (m) {
      var conflicted = m.relations.some(function (r) { return r.kind === "conflicts"; });
      var sec = el("div", { "class": "measure" + (conflicted ? " has-conflict" : ""), "data-measure": m.measure });
      sec.appendChild(el("h3", null, m.label + (conflicted ? " — conflict" : "") + " (" + m.independent_sources + " independent source" + (m.independent_sources === 1 ? "" : "s") + ")"));
      var t = el("table");
      var head = el("tr"); ["Figure", "Source", "Words"].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
      t.appendChild(head);
      m.figures.forEach(function (f) {
        var tr = el("tr");
        tr.appendChild(el("td", null, f.value));
        tr.appendChild(el("td", null, f.speaker + (f.channel ? " via " + f.channel : "")));
        var td = el("td"); td.appendChild(figureLink(f)); tr.appendChild(td);
        t.appendChild(tr);
      });
      sec.appendChild(t);
      var rel = el("ul");
      m.relations.forEach(function (r) {
        var fa = m.figures.filter(function (f) { return f.claim === r.a; })[0];
        var fb = m.figures.filter(function (f) { return f.claim === r.b; })[0];
        var name = function (f, id) { return f ? f.value + " (" + f.speaker + ")" : id; };
        rel.appendChild(el("li", { "class": "relation-" + r.kind }, name(fa, r.a) + " " + r.kind + " " + name(fb, r.b)));
      });
      if (m.relations.length) sec.appendChild(rel);
      box.appendChild(sec);
    });
  }

  function findings(ai) {
    var list = document.getElementById("finding-list");
    list.textContent = "";
    var fs = data.articles[ai].findings;
    if (!fs.length) { list.appendChild(el("li", null, "No findings.")); return; }
    fs.forEach(function (f, i) {
      var li = el("li");
      li.appendChild(el("span", { "class": "sev sev-" + f.severity }, f.severity));
      li.appendChild(document.createTextNode(" "));
      var a = el("a", { href: "#" }, f.rule);
      a.addEventListener("click", function (e) { e.preventDefault(); goTo(ai, '[data-finding="' + i + '"]'); });
      li.appendChild(a);
      li.appendChild(document.createTextNode(": " + f.message));
      list.appendChild(li);
    });
  }

  function select(ai) {
    if (ai < 0 || ai >= data.articles.length) return;
    current = ai;
    var a = data.articles[ai];
    document.getElementById("article-title").textContent = articleName(a);
    document.getElementById("article-meta").textContent = [a.outlet, a.date, a.path].filter(Boolean).join(" · ");
    renderText(ai);
    legend(ai);
    measures();
    findings(ai);
    document.getElementById("claim-card").hidden = true;
    Array.prototype.forEach.call(document.querySelectorAll("#article-list button"), function (b) {
      b.setAttribute("aria-current", Number(b.getAttribute("data-article")) === ai ? "true" : "false");
    });
  }

  // The graph arrives as inert text; it is parsed as SVG and stripped of anything active
  // before it joins the page.
  function graph() {
    var src = document.getElementById("graph-source");
    var view = document.getElementById("graph-view");
    if (!src) { view.appendChild(el("p", null, "No graph.")); return; }
    var doc = new DOMParser().parseFromString(src.content.textContent || src.textContent, "image/svg+xml");
    var svg = doc.documentElement;
    if (!svg || svg.nodeName.toLowerCase() !== "svg") { view.appendChild(el("p", null, "The graph could not be read.")); return; }
    Array.prototype.forEach.call(svg.querySelectorAll("script, foreignObject"), function (n) { n.remove(); });
    Array.prototype.forEach.call(svg.querySelectorAll("*"), function (n) {
      Array.prototype.slice.call(n.attributes).forEach(function (at) {
        var v = at.value.replace(/\s/g, "").toLowerCase();
        if (/^on/i.test(at.name) || ((at.name === "href" || at.name === "xlink:href") && !/^#/.test(v))) n.removeAttribute(at.name);
      });
    });
    view.appendChild(document.importNode(svg, true));
  }

  function filterGraph() {
    var q = document.getElementById("graph-filter").value.trim().toLowerCase();
    Array.prototype.forEach.call(document.querySelectorAll("#graph-view g"), function (g) {
      var hasTitle = Array.prototype.some.call(g.children, function (c) { return c.nodeName.toLowerCase() === "title"; });
      if (!hasTitle) return;
      g.classList.toggle("dim", q !== "" && g.textContent.toLowerCase().indexOf(q) < 0);
    });
  }

  var text = document.getElementById("article-text");
  function claimEvent(e) {
    var t = e.target.closest ? e.target.closest("[data-claim]") : null;
    if (t) showClaim(current, t.getAttribute("data-claim"));
  }
  text.addEventListener("mouseover", claimEvent);
  text.addEventListener("focusin", claimEvent);
  text.addEventListener("click", claimEvent);
  text.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { claimEvent(e); e.preventDefault(); } });
  document.getElementById("article-filter").addEventListener("input", articleList);
  document.getElementById("graph-filter").addEventListener("input", filterGraph);

  summary();
  select(0);
  articleList();
  graph();

  // `#selftest`: the browser test's probe. It reads the page as a reader would, follows one
  // conflict link, and writes what it saw into #selftest-result.
  if (location.hash === "#selftest") {
    var result = { errors: errors, ready_ms: Math.round(performance.now()) };
    var first = document.querySelectorAll("#article-text [data-first]");
    var ids = {};
    Array.prototype.forEach.call(document.querySelectorAll("#article-text [data-claim]"), function (n) { ids[n.getAttribute("data-claim")] = true; });
    result.claims = data.articles.length ? data.articles[0].claims.length : 0;
    result.highlighted = Object.keys(ids).length;
    result.first_marks = first.length;
    result.conflicts = Array.prototype.map.call(document.querySelectorAll(".measure.has-conflict h3"), function (h) { return h.textContent; });
    var link = document.querySelector(".measure.has-conflict .figure-link");
    if (link) {
      window.scrollTo(0, 0);
      var before = window.scrollY;
      link.click();
      var target = document.querySelector('#article-text [data-figure="' + link.getAttribute("data-figure") + '"]');
      var box = target ? target.getBoundingClientRect() : null;
      result.link = {
        figure: link.getAttribute("data-figure"),
        scrolled_from: before,
        scrolled_to: window.scrollY,
        target_in_view: !!box && box.top >= 0 && box.bottom <= window.innerHeight,
        flashed: !!target && target.classList.contains("flash"),
        focused: document.activeElement === target
      };
    }
    // How long switching to another article takes (the page renders one at a time).
    var t0 = performance.now();
    select(data.articles.length - 1);
    result.switch_ms = Math.round(performance.now() - t0);
    select(0);
    result.injected_script_ran = typeof window.__claimtrace_injected !== "undefined";
    result.graph_nodes = document.querySelectorAll("#graph-view svg").length;
    // The graph filter: typing a measure dims the nodes that do not mention it.
    var filter = document.getElementById("graph-filter");
    filter.value = "guards";
    filter.dispatchEvent(new Event("input"));
    var titled = Array.prototype.filter.call(document.querySelectorAll("#graph-view g"), function (g) {
      return Array.prototype.some.call(g.children, function (c) { return c.nodeName.toLowerCase() === "title"; });
    });
    result.graph_filter = { titled: titled.length, dimmed: document.querySelectorAll("#graph-view g.dim").length };
    filter.value = "";
    filter.dispatchEvent(new Event("input"));
    var out = el("pre", { id: "selftest-result" }, JSON.stringify(result));
    document.body.appendChild(out);
  }
})();
