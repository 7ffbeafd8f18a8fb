// huibian search: the index arrives as classic <script> files (so it works from file:// too);
// Chinese is matched by overlapping bigrams with positions, Latin by whole words.
(function () {
  "use strict";
  var S = (window.huibianSearch = window.huibianSearch || {});
  var meta = null, shards = {}, docs = {}, decoded = new Map(), loading = {};
  // Index keys are words too ("constructor", "tostring"): look up own properties only.
  function own(o, k) { return o && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined; }

  // ---- the tokeniser: the same algorithm as src/search/tokens.rs ----
  function isCJK(c) {
    var n = c.codePointAt(0);
    return (n >= 0x3040 && n <= 0x30ff) || (n >= 0x3100 && n <= 0x312f) || (n >= 0x31a0 && n <= 0x31bf) ||
      (n >= 0x3400 && n <= 0x4dbf) || (n >= 0x4e00 && n <= 0x9fff) || (n >= 0xac00 && n <= 0xd7af) ||
      (n >= 0xf900 && n <= 0xfaff) || (n >= 0x20000 && n <= 0x3ffff);
  }
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  function isWord(c) { return WORD.test(c) && !isCJK(c); }
  function normalize(s) { return s.normalize("NFKC").toLowerCase(); }
  function tokenize(text, start, emit) {
    var pos = start, run = [], word = "";
    for (var c of text + " ") {
      var cjk = isCJK(c);
      if (!cjk && run.length) {
        for (var i = 0; i + 1 < run.length; i++) emit(run[i] + run[i + 1], pos++);
        emit(run[run.length - 1], pos);
        pos += 2;
        run = [];
      }
      var wc = isWord(c);
      if (!wc && word) { emit(word, pos); pos += 2; word = ""; }
      if (cjk) run.push(c); else if (wc) word += c;
    }
    return pos;
  }
  S.tokens = function (text) {
    var out = [];
    tokenize(normalize(text), 0, function (t, p) { out.push([t, p]); });
    return out;
  };

  // ---- loading index files ----
  var here = document.currentScript ? document.currentScript.src : "";
  function load(src) {
    if (!loading[src]) {
      loading[src] = new Promise(function (ok, fail) {
        var s = document.createElement("script");
        s.src = src;
        s.onload = ok;
        s.onerror = function () { fail(new Error(src)); };
        document.head.appendChild(s);
      });
    }
    return loading[src];
  }
  S.meta = function (m) {
    meta = m;
    meta.own = new Map();
    Object.keys(m.big || {}).forEach(function (k) { meta.own.set(k, "b" + m.big[k]); });
    meta.doc = [];
    for (var i = 0; i < m.count; i++) {
      var r = m.docs.substr(i * 9, 9);
      meta.doc.push({ s: parseInt(r.substr(0, 2), 36), b: parseInt(r.substr(2, 1), 36), u: parseInt(r.substr(3, 2), 36), len: parseInt(r.substr(5, 4), 36) || 1 });
    }
    if (S.onmeta) S.onmeta(meta);
  };
  S.shard = function (id, entries) { shards[id] = entries; };
  S.doc = function (id, d) { docs[id] = d; };
  // FNV-1a over the key's code points, as src/search/mod.rs `shard_of`.
  function shardOf(key) {
    var h = 0x811c9dc5;
    for (var c of key) h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0;
    return h % meta.shards;
  }
  // Varints: base-32 digits, the last from 0-9a-v, the others from A-Z()*+,-.
  var DIGIT = new Int8Array(128).fill(-1), MORE = new Int8Array(128).fill(-1);
  "0123456789abcdefghijklmnopqrstuv".split("").forEach(function (c, i) { DIGIT[c.charCodeAt(0)] = i; });
  "ABCDEFGHIJKLMNOPQRSTUVWXYZ()*+,-".split("").forEach(function (c, i) { MORE[c.charCodeAt(0)] = i; });
  // Reads the numbers of `raw` one at a time.
  function reader(raw) {
    var i = 0;
    return {
      more: function () { return i < raw.length; },
      next: function () {
        var acc = 0;
        for (;;) {
          var code = raw.charCodeAt(i++), d = DIGIT[code];
          if (d >= 0) return acc * 32 + d;
          acc = acc * 32 + MORE[code];
        }
      }
    };
  }
  // Per document: 2 × doc delta (+ 1 when the count is 1 and left out), count, first position,
  // position deltas … → Map(doc → positions)
  function postings(token) {
    if (decoded.has(token)) return decoded.get(token);
    var map = new Map(), raw = own(own(shards, fileOf(token)), token);
    if (raw) {
      var r = reader(raw), doc = -1;
      while (r.more()) {
        var head = r.next();
        doc += 1 + Math.floor(head / 2);
        var count = head % 2 ? 1 : r.next(), ps = new Array(count), p = 0;
        for (var k = 0; k < count; k++) ps[k] = p += r.next();
        map.set(doc, ps);
      }
    }
    decoded.set(token, map);
    return map;
  }
  // The per-character index: the same head, count … → Map(doc → count)
  function charCounts(ch) {
    var key = "#" + ch, map = new Map(), raw = own(own(shards, fileOf(key)), key);
    if (raw) {
      var r = reader(raw), doc = -1;
      while (r.more()) {
        var head = r.next();
        doc += 1 + Math.floor(head / 2);
        map.set(doc, head % 2 ? 1 : r.next());
      }
    }
    return map;
  }
  // The file holding a key: its own (frequent tokens, listed in meta) or its hash shard.
  function fileOf(key) { return meta.own.get(key) || String(shardOf(key)); }
  function needShards(tokens) {
    var want = {};
    tokens.forEach(function (t) { want[fileOf(t)] = true; });
    return Promise.all(Object.keys(want).filter(function (n) { return !own(shards, n); }).map(function (n) {
      return load(n[0] === "b" ? "b/" + n.slice(1) + ".js" : "s/" + n + ".js");
    }));
  }
  // Is x in the sorted array a?
  function has(a, x) {
    var lo = 0, hi = a.length - 1;
    while (lo <= hi) { var m = (lo + hi) >> 1; if (a[m] === x) return true; if (a[m] < x) lo = m + 1; else hi = m - 1; }
    return false;
  }

  // ---- matching ----
  function parseTerm(term) {
    var toks = [];
    tokenize(term, 0, function (t, p) { toks.push([t, p]); });
    if (toks.length === 1 && Array.from(toks[0][0]).length === 1 && isCJK(toks[0][0])) return { term: term, single: toks[0][0] };
    // A run's last character alone follows its bigrams; only bigrams are needed to match it.
    toks = toks.filter(function (t, i) {
      var prev = toks[i - 1];
      return !(i > 0 && Array.from(t[0]).length === 1 && isCJK(t[0]) && prev[1] === t[1] - 1 && Array.from(prev[0]).length === 2);
    });
    // Within a run, bigrams at offsets 0, 2, 4 … and the last one cover every character: if AB
    // stands at p and CD at p + 2, BC stands at p + 1. Loading only those is exact, and lighter.
    var keep = toks.filter(function (t, i) {
      if (Array.from(t[0]).length !== 2 || !isCJK(t[0])) return true;
      var start = i;
      while (start > 0 && toks[start - 1][1] === toks[start][1] - 1 && Array.from(toks[start - 1][0]).length === 2) start--;
      var last = toks[i + 1] === undefined || toks[i + 1][1] !== t[1] + 1 || Array.from(toks[i + 1][0]).length !== 2;
      return (i - start) % 2 === 0 || last;
    });
    return { term: term, toks: keep };
  }
  function termTokens(t) { return t.single ? ["#" + t.single, t.single] : t.toks.map(function (x) { return x[0]; }); }
  // doc → {n: matches, title: bool}
  function matchTerm(t) {
    var out = new Map();
    if (t.single) {
      // Any occurrence: the per-character counts; a title match if the title has it alone or in a bigram.
      var alone = postings(t.single);
      charCounts(t.single).forEach(function (n, doc) {
        var ps = alone.get(doc);
        out.set(doc, { n: n, title: !!(ps && ps[0] < meta.span) });
      });
      return out;
    }
    if (!t.toks.length) return out;
    var lists = t.toks.map(function (x) { return postings(x[0]); });
    var order = lists.map(function (_, i) { return i; }).sort(function (a, b) { return lists[a].size - lists[b].size; });
    var base = t.toks[0][1];
    lists[order[0]].forEach(function (_, doc) {
      for (var k = 1; k < order.length; k++) if (!lists[order[k]].has(doc)) return;
      var pos = lists.map(function (l) { return l.get(doc); });
      var n = 0, title = false;
      pos[0].forEach(function (p) {
        for (var i = 1; i < lists.length; i++) if (!has(pos[i], p + t.toks[i][1] - base)) return;
        n++;
        if (p < meta.span) title = true;
      });
      if (n) out.set(doc, { n: n, title: title });
    });
    return out;
  }
  function allTokens(terms) {
    var all = [];
    terms.forEach(function (t) { all = all.concat(termTokens(t)); });
    return all;
  }
  // Starts loading what a query being typed will need (the search runs after a pause), but
  // not for a Latin word still being typed: each of its prefixes would load a shard.
  S.prefetch = function (query) {
    if (!meta) return;
    var q = Array.from(normalize(query));
    while (q.length && isWord(q[q.length - 1])) q.pop();
    needShards(allTokens(q.join("").split(/\s+/).filter(Boolean).map(parseTerm))).catch(function () { /* the search reports it */ });
  };
  S.search = function (query, filter) {
    var terms = normalize(query).split(/\s+/).filter(Boolean).map(parseTerm);
    if (!terms.length || !meta) return Promise.resolve({ terms: [], hits: [] });
    return needShards(allTokens(terms)).then(function () {
      var results = terms.map(matchTerm), hits = [];
      results[0].forEach(function (r, doc) {
        var total = 0, title = false;
        for (var i = 0; i < results.length; i++) {
          var ri = results[i].get(doc);
          if (!ri) return;
          total += ri.n;
          title = title || ri.title;
        }
        var m = meta.doc[doc];
        if (filter && ((filter.s !== "" && m.s !== +filter.s) || (filter.b !== "" && m.b !== +filter.b) || (filter.u !== "" && m.u !== +filter.u))) return;
        hits.push({ doc: doc, score: (title ? 1e6 : 0) + (1000 * total) / m.len });
      });
      hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      return { terms: terms.map(function (t) { return t.term; }), hits: hits };
    });
  };
  S.loadDocs = function (ids) {
    return Promise.all(ids.map(function (id) { return docs[id] ? null : load("d/" + id + ".js"); })).then(function () {
      return ids.map(function (id) { return docs[id]; });
    });
  };

  // ---- the search page ----
  function esc(s) { return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
  // Matches are found in the normalised text, shown in the document's own (full-width
  // punctuation kept): each normalised character knows where it came from.
  function snippet(text, terms) {
    var n = "", from = [], hit = [], at = -1, i = 0, j, k, h = "", open = false;
    for (var c of text) {
      var m = isCJK(c) ? c : normalize(c);
      for (j = 0; j < m.length; j++) from.push(i);
      n += m;
      i += c.length;
    }
    from.push(i);
    terms.forEach(function (t) { k = n.indexOf(t); if (k >= 0 && (at < 0 || k < at)) at = k; });
    var start = Math.max(0, at - 30), end = Math.min(n.length, start + 120);
    terms.forEach(function (t) {
      for (k = t ? n.indexOf(t, start) : -1; k >= 0 && k < end; k = n.indexOf(t, k + 1))
        for (j = k; j < k + t.length; j++) hit[j] = 1;
    });
    for (j = start; j < end; j++) {
      if (!hit[j] === open) { h += open ? "</mark>" : "<mark>"; open = !open; }
      h += esc(text.slice(from[j], from[j + 1]));
    }
    return (start ? "…" : "") + h.replace(/\s+/g, " ") + (open ? "</mark>" : "") + (end < n.length ? "…" : "");
  }
  function page() {
    var list = document.getElementById("search-results");
    if (!list) return;
    var form = document.getElementById("search-form"), input = document.getElementById("q");
    var status = document.getElementById("search-status"), more = document.getElementById("search-more");
    var root = list.getAttribute("data-root"), index = list.getAttribute("data-index") || "";
    var L = function (k) { return list.getAttribute("data-" + k) || ""; };
    var sel = { s: form.elements.section, b: form.elements.batch, u: form.elements.unit };
    var params = new URLSearchParams(location.search), hits = [], shown = 0, terms = [], run = 0, timer = 0;
    input.value = params.get("q") || "";
    function fill(select, names, key) {
      names.forEach(function (n, i) {
        var o = document.createElement("option");
        o.value = key === "s" ? i : i + 1;
        o.textContent = n;
        select.appendChild(o);
      });
      select.value = params.get(select.name) || "";
    }
    function add(d) {
      var li = document.createElement("li");
      var meta = [d.s, d.n, d.b, d.d].filter(Boolean).map(esc).join(" · ");
      li.innerHTML = '<a class="result-title" href="' + esc(root + d.u + index) + '">' + esc(d.t) + "</a>" +
        '<p class="meta">' + meta + "</p><p class=\"snippet\">" + snippet(d.x, terms) + "</p>";
      list.appendChild(li);
    }
    // The next n results, each shown as soon as it and those above it have loaded (their files
    // load at once); the list is aria-busy until the last one is in.
    function show(n) {
      var ids = hits.slice(shown, shown + n).map(function (h) { return h.doc; }), mine = run;
      shown += ids.length;
      more.hidden = shown >= hits.length;
      list.setAttribute("aria-busy", "true");
      var chain = Promise.resolve();
      ids.forEach(function (id) {
        var loaded = S.loadDocs([id]);
        chain = chain.then(function () { return loaded; }).then(function (ds) { if (mine === run) add(ds[0]); });
      });
      return chain.then(function () { if (mine === run) list.removeAttribute("aria-busy"); });
    }
    function go() {
      var q = input.value.trim(), mine = ++run;
      var f = { s: sel.s.value, b: sel.b.value, u: sel.u.value };
      try {
        var p = new URLSearchParams();
        if (q) p.set("q", q);
        ["s", "b", "u"].forEach(function (k) { if (f[k] !== "") p.set(sel[k].name, f[k]); });
        history.replaceState(null, "", "?" + p.toString());
      } catch (e) { /* file:// may refuse; the results still show */ }
      if (!q) { list.innerHTML = ""; list.removeAttribute("aria-busy"); status.textContent = ""; more.hidden = true; return; }
      S.search(q, f).then(function (r) {
        if (mine !== run) return;
        hits = r.hits; terms = r.terms; shown = 0;
        list.innerHTML = "";
        status.textContent = hits.length ? L("found").replace("{n}", hits.length) : L("none").replace("{q}", q);
        return show(20);
      }).catch(function (e) { list.removeAttribute("aria-busy"); status.textContent = L("error") + " " + e.message; });
    }
    S.onmeta = function (m) {
      fill(sel.s, m.sections, "s");
      fill(sel.b, m.batches, "b");
      fill(sel.u, m.units, "u");
      if (input.value) go();
    };
    if (meta) S.onmeta(meta);
    // While an input method composes, the box holds pinyin, not the query: wait for the text.
    function typed(e) {
      if (e.isComposing) return;
      clearTimeout(timer);
      S.prefetch(input.value);
      timer = setTimeout(go, 80);
    }
    input.addEventListener("input", typed);
    input.addEventListener("compositionend", typed);
    [sel.s, sel.b, sel.u].forEach(function (s) { s.addEventListener("change", go); });
    form.addEventListener("submit", function (e) { e.preventDefault(); go(); });
    more.addEventListener("click", function () { show(20); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", page); else page();
})();
