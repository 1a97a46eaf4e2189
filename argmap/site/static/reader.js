/* argmap reader: map panes (pan, zoom, fit), the article <-> map link, search, code toggles, presenter mode.
   Plain ES2017, no build step; svg-pan-zoom (BSD-2-Clause) is loaded before this file. Works from file://. */
(function () {
  "use strict";
  var ROWS = window.ARGMAP_ROWS || {};
  var panes = [];
  var selected = null;

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
  function fold(s) { return String(s).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019]/g, "'"); }

  /* ---------- presenter mode ---------- */
  function setPresent(on) {
    document.documentElement.classList.toggle("present", on);
    try { localStorage.setItem("argmap-present", on ? "1" : ""); } catch (e) { /* storage may be off */ }
    $$(".present-toggle").forEach(function (b) { b.setAttribute("aria-pressed", on ? "true" : "false"); });
    panes.forEach(function (p) { p.resize(); });
    if (selected) select(selected, "text");  // re-zoom the selected box for the new type size
  }
  function initPresent() {
    var on = /[?&]present\b/.test(location.search);
    try { on = on || localStorage.getItem("argmap-present") === "1"; } catch (e) { /* ignore */ }
    $$(".present-toggle").forEach(function (b) {
      b.addEventListener("click", function () { setPresent(!document.documentElement.classList.contains("present")); });
    });
    setPresent(on);
  }

  /* ---------- map panes ---------- */
  function pinch() {
    var start = null;
    function dist(t) { var dx = t[0].clientX - t[1].clientX, dy = t[0].clientY - t[1].clientY; return Math.sqrt(dx * dx + dy * dy); }
    return {
      haltEventListeners: [],
      init: function (o) {
        var el = o.svgElement, pz = o.instance;
        this.start = function (e) { if (e.touches.length === 2) { start = { d: dist(e.touches), z: pz.getZoom() }; pz.disablePan(); e.preventDefault(); } };
        this.move = function (e) {
          if (start && e.touches.length === 2) {
            var r = el.getBoundingClientRect();
            var cx = (e.touches[0].clientX + e.touches[1].clientX) / 2 - r.left, cy = (e.touches[0].clientY + e.touches[1].clientY) / 2 - r.top;
            pz.zoomAtPoint(start.z * dist(e.touches) / start.d, { x: cx, y: cy });
            e.preventDefault();
          }
        };
        this.end = function (e) { if (start && e.touches.length < 2) { start = null; pz.enablePan(); } };
        el.addEventListener("touchstart", this.start, { passive: false });
        el.addEventListener("touchmove", this.move, { passive: false });
        el.addEventListener("touchend", this.end);
      },
      destroy: function (o) {
        o.svgElement.removeEventListener("touchstart", this.start);
        o.svgElement.removeEventListener("touchmove", this.move);
        o.svgElement.removeEventListener("touchend", this.end);
      }
    };
  }

  function Pane(el) {
    var svg = $("svg", el);
    this.el = el;
    this.svg = svg;
    svg.setAttribute("width", "100%");
    svg.setAttribute("height", "100%");
    /* The map is drawn at its pane's size in pixels, not 100%: a percentage-sized SVG is laid out again, every box and
       label, whenever anything near it is (each selection rewrites the info box), which cost 15 ms a click on a laptop. */
    this.size();
    this.pz = window.svgPanZoom(svg, {
      zoomEnabled: true, controlIconsEnabled: false, dblClickZoomEnabled: true, mouseWheelZoomEnabled: true,
      preventMouseEventsDefault: false, fit: true, center: true, minZoom: 0.5, maxZoom: 40, zoomScaleSensitivity: 0.25,
      customEventsHandler: pinch()
    });
    var self = this, pz = this.pz;
    el.addEventListener("keydown", function (e) {
      if (e.target !== el) return;
      var step = 60, k = e.key;
      if (k === "ArrowLeft") pz.panBy({ x: step, y: 0 });
      else if (k === "ArrowRight") pz.panBy({ x: -step, y: 0 });
      else if (k === "ArrowUp") pz.panBy({ x: 0, y: step });
      else if (k === "ArrowDown") pz.panBy({ x: 0, y: -step });
      else if (k === "+" || k === "=") pz.zoomIn();
      else if (k === "-" || k === "_") pz.zoomOut();
      else if (k === "0" || k === "f") self.fit();
      else return;
      e.preventDefault();
    });
    var tools = el.parentNode.querySelector(".map-tools");
    if (tools) {
      tools.addEventListener("click", function (e) {
        var b = e.target.closest("button");
        if (!b) return;
        if (b.dataset.act === "in") pz.zoomIn();
        else if (b.dataset.act === "out") pz.zoomOut();
        else if (b.dataset.act === "fit") self.fit();
      });
    }
  }
  Pane.prototype.size = function () {
    var w = this.el.clientWidth + "px", h = this.el.clientHeight + "px";
    if (this.svg.style.width === w && this.svg.style.height === h) return false;
    this.svg.style.width = w;
    this.svg.style.height = h;
    return true;
  };
  Pane.prototype.fit = function () { this.size(); this.pz.resize(); this.pz.fit(); this.pz.center(); };
  Pane.prototype.resize = function () { if (this.size()) this.pz.resize(); };
  /* Bring a node into view, zoomed so its box is comfortably readable. */
  Pane.prototype.show = function (node) {
    /* From the node's box in the pan-zoom viewport's coordinates (which pan and zoom leave alone), not from the
       screen: svg-pan-zoom redraws on the next animation frame, so the screen lags behind its state. */
    var pz = this.pz, vp = this.svg.querySelector(".svg-pan-zoom_viewport");
    var t = vp.getCTM().inverse().multiply(node.getCTM()), b = node.getBBox();
    var p = this.svg.createSVGPoint();
    p.x = b.x + b.width / 2; p.y = b.y + b.height / 2;
    var c = p.matrixTransform(t), w = b.width * Math.abs(t.a), h = b.height * Math.abs(t.d);
    var sizes = pz.getSizes(), real = sizes.realZoom;
    /* 11 pt labels drawn at 1.3x (14 px) on a screen, at 2x (22 px) in presenter mode for a projector */
    var want = Math.max(real, document.documentElement.classList.contains("present") ? 2 : 1.3);
    if (w * want > 0.9 * sizes.width) want = 0.9 * sizes.width / w;
    if (h * want > 0.8 * sizes.height) want = 0.8 * sizes.height / h;
    pz.zoom(pz.getZoom() * want / real);
    real = pz.getSizes().realZoom;
    pz.pan({ x: sizes.width / 2 - c.x * real, y: sizes.height / 2 - c.y * real });
  };

  function initPanes() {
    $$(".map-pane").forEach(function (el) {
      if (!$("svg", el) || !window.svgPanZoom) return;
      var p = new Pane(el);
      el.argmapPane = p;
      panes.push(p);
    });
    /* a pane changes size with the window, and with what is next to it (the info box, presenter mode) */
    if (window.ResizeObserver) {
      var ro = new ResizeObserver(function (entries) { entries.forEach(function (e) { e.target.argmapPane.resize(); }); });
      panes.forEach(function (p) { ro.observe(p.el); });
    } else {
      window.addEventListener("resize", function () { panes.forEach(function (p) { p.resize(); }); });
    }
    window.addEventListener("beforeprint", function () { panes.forEach(function (p) { p.fit(); }); });
  }

  /* ---------- article <-> map ---------- */
  function rowOf(el) { var g = el.closest("g.node[data-row]"); return g ? g.getAttribute("data-row") : null; }

  function describe(id) {
    var r = ROWS[id];
    if (!r) return "<p>" + esc(id) + " is not a row of this map.</p>";
    var head = "<p class=\"info-head\"><span class=\"tag t-" + esc(r.type) + "\">" + esc(r.type) + "</span> <b>" + esc(id) + "</b> " + esc(r.text) + "</p>";
    var body;
    if (r.same_as) {
      body = "<p>" + esc(id) + " restates " + esc(r.same_as) + " in a second place of the map; its words are those of " + esc(r.same_as) + ".</p>";
    } else if (r.quote) {
      body = "<blockquote>“" + esc(r.quote) + "” <span class=\"para\">(¶" + esc(r.paragraph) + ")</span></blockquote>";
      if (!r.found) body += "<p>Its quote was not found in paragraph " + esc(r.paragraph) + ".</p>";
    } else {
      var who = r.origin === "analyst" ? "the analyst" : r.origin === "article" ? "the author" : "the class group “" + r.origin + "”";
      body = "<p class=\"no-quote\">" + esc(id) + " was added by " + esc(who) + ": it quotes nothing from the article.</p>";
    }
    var rel = r.parent ? "<p class=\"rel\">" + esc(id) + " " + esc(r.relation || "supports") + " " + esc(r.parent) + (ROWS[r.parent] ? ": " + esc(ROWS[r.parent].text) : "") + "</p>" : "";
    var note = r.note ? "<p class=\"note\">Note: " + esc(r.note) + "</p>" : "";
    var links = [];
    if (!$(".article") && (r.quote || r.same_as)) links.push("<a href=\"article.html#" + encodeURIComponent(id) + "\">Show it in the article</a>");
    if (r.branch && !location.pathname.match(new RegExp("branch-" + r.branch + "\\.html$"))) links.push("<a href=\"branch-" + encodeURIComponent(r.branch) + ".html#" + encodeURIComponent(id) + "\">Its branch</a>");
    return head + body + rel + note + (links.length ? "<p>" + links.join(" · ") + "</p>" : "");
  }

  function select(id, from) {
    var r = ROWS[id];
    selected = id;
    var info = $("#info");
    $$(".hl").forEach(function (e) { e.classList.remove("hl"); });
    var nodes = $$("g.node[data-row]").filter(function (g) { var d = g.getAttribute("data-row"); return d === id || (ROWS[d] && ROWS[d].same_as === id) || (r && r.same_as === d); });
    nodes.forEach(function (g) { g.classList.add("hl"); });
    var own = nodes.filter(function (g) { return g.getAttribute("data-row") === id; })[0] || nodes[0];
    var target = r && r.same_as ? r.same_as : id;
    var marks = $$(".article mark[data-ids]").filter(function (m) { return m.getAttribute("data-ids").split(" ").indexOf(target) >= 0; });
    marks.forEach(function (m) { m.classList.add("hl"); });
    if (own && from !== "map") {
      var pane = own.closest(".map-pane");
      if (pane && pane.argmapPane) pane.argmapPane.show(own);
    }
    if (marks.length && from !== "text") {
      marks[0].scrollIntoView({ block: "center", inline: "nearest" });
    }
    if (info) info.innerHTML = describe(id);
    if (history.replaceState) history.replaceState(null, "", "#" + encodeURIComponent(id));
  }

  function initLinks() {
    $$(".linked g.node[data-row]").forEach(function (g) {
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      /* the box's own words, as drawn, name the button (what a sighted user would say to a voice control) */
      g.setAttribute("aria-label", $$("text", g).map(function (t) { return t.textContent; }).join(" "));
    });
    document.addEventListener("click", function (e) {
      var b = e.target.closest(".article .badge[data-id]");
      if (b) { select(b.getAttribute("data-id"), "text"); return; }
      var m = e.target.closest(".article mark[data-ids]");
      if (m) { select(m.getAttribute("data-ids").split(" ").slice(-1)[0], "text"); return; }
      var id = e.target.closest && e.target.closest(".linked") && rowOf(e.target);
      if (id) select(id, "map");
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" && e.key !== " ") return;
      var t = e.target;
      if (t.matches && t.matches(".badge[data-id]")) { e.preventDefault(); select(t.getAttribute("data-id"), "text"); }
      else if (t.matches && t.matches(".article mark[data-ids]")) { e.preventDefault(); select(t.getAttribute("data-ids").split(" ").slice(-1)[0], "text"); }
      else if (t.matches && t.matches(".linked g.node[data-row]")) { e.preventDefault(); select(t.getAttribute("data-row"), "map"); }
    });
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash && ROWS[hash] && $(".linked")) select(hash);
  }

  /* ---------- search ---------- */
  function search(q) {
    var words = fold(q).split(/[^\p{L}\p{N}'.-]+/u).filter(Boolean);
    if (!words.length) return [];
    var exact = q.trim().toUpperCase();
    var out = [];
    Object.keys(ROWS).forEach(function (id) {
      var r = ROWS[id];
      if (id.toUpperCase() === exact) { out.unshift(id); return; }
      var hay = fold(id + " " + r.text + " " + (r.quote || ""));
      if (words.every(function (w) { return hay.indexOf(w) >= 0; })) out.push(id);
    });
    return out;
  }
  function initSearch() {
    var form = $("#search-page"), list = $("#results"), status = $("#search-status");
    if (!form || !list) return;
    var input = $("input[name=q]", form);
    function run() {
      var q = input.value, ids = search(q);
      status.textContent = q.trim() ? ids.length + (ids.length === 1 ? " row matches" : " rows match") + " “" + q.trim() + "”." : "Type an id (T1, C14) or any word of a row's text or quote.";
      list.innerHTML = ids.map(function (id) {
        var r = ROWS[id];
        var quote = r.quote ? "<q>" + esc(r.quote) + "</q> (¶" + esc(r.paragraph) + ")" : r.same_as ? "restates " + esc(r.same_as) : "added by " + esc(r.origin) + "; quotes nothing";
        var href = r.quote || r.same_as ? "article.html#" + encodeURIComponent(id) : r.branch ? "branch-" + encodeURIComponent(r.branch) + ".html#" + encodeURIComponent(id) : "overview.html#" + encodeURIComponent(id);
        return "<li><a href=\"" + href + "\"><span class=\"tag t-" + esc(r.type) + "\">" + esc(r.type) + "</span> <b>" + esc(id) + "</b> " + esc(r.text) + "</a><br><span class=\"quote\">" + quote + "</span></li>";
      }).join("");
    }
    var m = /[?&]q=([^&]*)/.exec(location.search);
    if (m) input.value = decodeURIComponent(m[1].replace(/\+/g, " "));
    input.addEventListener("input", run);
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    run();
  }

  /* ---------- notebooks: code cells ---------- */
  function initCode() {
    var b = $("#toggle-code");
    if (!b) return;
    b.addEventListener("click", function () {
      var open = b.getAttribute("aria-pressed") !== "true";
      $$("details.code").forEach(function (d) { d.open = open; });
      b.setAttribute("aria-pressed", open ? "true" : "false");
      b.textContent = open ? "Hide all code" : "Show all code";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initPresent();
    initPanes();
    initLinks();
    initSearch();
    initCode();
    document.documentElement.classList.add("js");
  });
})();
