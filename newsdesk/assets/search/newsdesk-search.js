/* newsdesk search: a sharded full-text index loaded with <script> tags.
 *
 * Works the same over http, under a sub-path and from file:// with no network: every part
 * of the index is a small JavaScript file (docs/assets/search-index/, written by
 * newsdesk/search/index.py) that calls __newsdeskSearch.register(name, data). Only the
 * manifest (document table, shard boundaries) is loaded up front, when the search box is
 * first used; a query then loads the term shards of its words, the position shards of a
 * quoted phrase, and the document chunks of the results on screen. Nothing else is fetched.
 *
 * Ranking: documents must contain every word (the last one as a prefix while typing;
 * "quoted phrases" must appear as such). Tier 3: the words make up a whole title or name
 * (an entity's alias counts); tier 2: all of them are in the title or a name; tier 1: the
 * rest. Within a tier: BM25 over the whole document, plus a bonus for words in the title
 * or a name. If no document has all the words, documents with some of them are shown.
 *
 * The tokeniser mirrors newsdesk/search/tokenize.py exactly (tests compare the two).
 * Licence: MIT, as newsdesk.
 */
(function () {
  "use strict";

  var NS = (window.__newsdeskSearch = window.__newsdeskSearch || {});
  if (NS.version) return; // loaded twice
  NS.version = 1;

  /* ------------------------------------------------------------------ tokeniser */

  var FOLD = {
    "\u00df": "ss", "\u1e9e": "ss", "\u00e6": "ae", "\u0153": "oe", "\u00f8": "o", "\u0111": "d",
    "\u00f0": "d", "\u00fe": "th", "\u0142": "l", "\u0131": "i", "\u0127": "h", "\u0167": "t", "\u014b": "n"
  };
  var FOLD_RE = new RegExp("[" + Object.keys(FOLD).join("") + "]", "g");
  var NON_ASCII = /[^\x00-\x7f]/;
  var MARKS = /\p{M}/gu;
  var POSSESSIVE = /([\p{L}\p{N}])['\u2019\u02bc]s(?![\p{L}\p{N}])/gu;
  var INNER_APOSTROPHE = /([\p{L}\p{N}])['\u2019\u02bc](?=[\p{L}\p{N}])/gu;
  var ACRONYM = /(^|[^\p{L}\p{N}])((?:\p{L}\.){2,})/gu;
  var TERM = /[\p{L}\p{N}]+/gu;
  var MAX_TERM = 40;

  function normalize(text) {
    text = text.toLowerCase().replace(FOLD_RE, function (c) { return FOLD[c]; });
    if (NON_ASCII.test(text)) text = text.normalize("NFKD").replace(MARKS, "").toLowerCase();
    text = text.replace(POSSESSIVE, "$1").replace(INNER_APOSTROPHE, "$1");
    return text.replace(ACRONYM, function (_, before, letters) { return before + letters.replace(/\./g, ""); });
  }

  function tokenize(text) {
    var out = normalize(text).match(TERM) || [];
    return out.filter(function (t) { return t.length <= MAX_TERM; });
  }

  NS.normalize = normalize;
  NS.tokenize = tokenize;

  /* ------------------------------------------------------------------ number code */

  var DIGIT = new Int8Array(128).fill(-1);
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".split("").forEach(function (c, i) {
    DIGIT[c.charCodeAt(0)] = i;
  });

  function decode(code) {
    var out = [], value = 0;
    for (var i = 0; i < code.length; i++) {
      var d = DIGIT[code.charCodeAt(i)];
      if (d >= 32) value = value * 32 + d - 32;
      else { out.push(value * 32 + d); value = 0; }
    }
    return out;
  }

  /* ------------------------------------------------------------------ loading shards */

  var store = Object.create(null), pending = Object.create(null);
  // buildId: the manifest's id, put on every shard's URL; manifestVersion: the hash of
  // manifest.js that the page was built with (data-nd-version), put on the manifest's URL.
  // So a browser's cache never mixes files of two builds.
  var indexBase = null, buildId = "", manifestVersion = "";

  NS.register = function (name, data) { store[name] = data; };
  NS.loaded = function () { return Object.keys(store); };

  function load(name) {
    if (store[name]) return Promise.resolve(store[name]);
    if (pending[name]) return pending[name];
    var promise = new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      var version = name === "manifest" ? manifestVersion : buildId;
      el.src = indexBase + name + ".js" + (version ? "?v=" + encodeURIComponent(version) : "");
      el.async = true;
      el.charset = "utf-8";
      el.onload = function () {
        el.remove();
        delete pending[name];
        if (store[name]) resolve(store[name]);
        else reject(new Error(name + ".js did not register its data"));
      };
      el.onerror = function () {
        el.remove();
        delete pending[name];
        reject(new Error("could not load " + el.src));
      };
      document.head.appendChild(el);
    });
    pending[name] = promise;
    return promise;
  }

  /* ------------------------------------------------------------------ the index */

  var K1 = 1.2, B = 0.75, MIN_LENGTH = 0.5, TITLE_BONUS = 1.0, NAME_BONUS = 0.8, SHORT_NAME_BONUS = 2.0;
  var MAX_PREFIX_SHARDS = 3, MAX_EXPANSIONS = 64, TITLE = 1, NAME = 2;
  var M = null; // the prepared manifest

  function prepare(m) {
    var n = m.docs, kind = new Uint8Array(n), kinds = [];
    m.kinds.forEach(function (k, i) {
      kinds.push(k[0]);
      kind.fill(i, k[1], k[2]);
    });
    var length = Float64Array.from(decode(m.length)), total = 0;
    for (var i = 0; i < n; i++) total += length[i];
    var avgdl = n ? total / n || 1 : 1;
    // A floor on the length, so that a few lines (an entity's roles) do not outrank articles.
    for (var j = 0; j < n; j++) length[j] = Math.max(length[j], avgdl * MIN_LENGTH);
    return {
      raw: m, n: n, kinds: kinds, kind: kind,
      sources: m.sources, source: Uint32Array.from(decode(m.source)),
      length: length, avgdl: avgdl,
      names: Uint8Array.from(decode(m.names)),
      terms: m.terms, positions: m.positions, chunk: m.chunk,
      stop: new Set(m.stopwords), gap: m.fieldGap
    };
  }

  function manifest() {
    if (M) return Promise.resolve(M);
    return load("manifest").then(function (m) {
      if (!M) {
        M = prepare(m);
        buildId = m.id;
      }
      return M;
    });
  }

  function lastAtMost(list, term) { // index of the last entry <= term, -1 if none
    var lo = 0, hi = list.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] <= term) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  function termShards(term, prefix) {
    var first = lastAtMost(M.terms, term), out = [];
    if (first >= 0) out.push(first);
    if (prefix) {
      for (var i = first + 1; i < M.terms.length && M.terms[i].lastIndexOf(term, 0) === 0; i++) out.push(i);
    }
    return out;
  }

  var own = Object.prototype.hasOwnProperty;
  var decoded = Object.create(null); // term -> {ids, codes}

  function postings(term) {
    if (decoded[term]) return decoded[term];
    var shard = store["t/" + lastAtMost(M.terms, term)];
    if (!shard || !own.call(shard, term)) return null;
    var values = decode(shard[term]), count = values.length >> 1;
    var ids = new Int32Array(count), codes = new Int32Array(count), id = 0;
    for (var i = 0; i < count; i++) {
      id += values[2 * i];
      ids[i] = id;
      codes[i] = values[2 * i + 1];
    }
    return (decoded[term] = { ids: ids, codes: codes });
  }

  function idf(df) { return Math.log(1 + (M.n - df + 0.5) / (df + 0.5)); }

  // One word of the query: the documents that have it (or, for a prefix, a word that
  // starts with it), each with its weight and title/name flags; sorted by document id.
  function matchWord(word) {
    var terms = [];
    if (word.prefix && word.expand) {
      word.shards.forEach(function (s) {
        var shard = store["t/" + s];
        for (var t in shard) if (t.lastIndexOf(word.term, 0) === 0) terms.push(t);
      });
      terms = terms.map(function (t) { return { t: t, p: postings(t) }; })
        .sort(function (a, b) {
          return (b.t === word.term) - (a.t === word.term) || b.p.ids.length - a.p.ids.length || (a.t < b.t ? -1 : 1);
        }).slice(0, MAX_EXPANSIONS);
    } else {
      var p = postings(word.term);
      if (p) terms.push({ t: word.term, p: p });
    }
    word.expansions = terms.map(function (x) { return x.t; });
    var weight = new Map(), flags = new Map();
    terms.forEach(function (x) {
      var w = x.t === word.term ? 1 : 0.5 + 0.4 * word.term.length / x.t.length;
      var f = idf(x.p.ids.length) * w, ids = x.p.ids, codes = x.p.codes;
      for (var i = 0; i < ids.length; i++) {
        var d = ids[i], tf = codes[i] >> 2, fl = codes[i] & 3;
        var s = f * (tf * (K1 + 1)) / (tf + K1 * (1 - B + B * M.length[d] / M.avgdl));
        if (fl & TITLE) s += f * TITLE_BONUS;
        else if (fl & NAME) s += f * NAME_BONUS;
        var old = weight.get(d);
        if (old === undefined) { weight.set(d, s); flags.set(d, fl); }
        else { if (s > old) weight.set(d, s); flags.set(d, flags.get(d) | fl); }
      }
    });
    var ids2 = Int32Array.from(weight.keys()).sort();
    var ws = new Float64Array(ids2.length), fs = new Uint8Array(ids2.length);
    for (var j = 0; j < ids2.length; j++) { ws[j] = weight.get(ids2[j]); fs[j] = flags.get(ids2[j]); }
    return { ids: ids2, w: ws, f: fs, idf: terms.length ? idf(terms[0].p.ids.length) : 0 };
  }

  /* ------------------------------------------------------------------ queries */

  function parse(query) {
    var words = [], phrases = [], seen = Object.create(null);
    var re = /"([^"]*)("?)|([^"]+)/g, m, parts = [];
    while ((m = re.exec(query))) {
      if (m[3] !== undefined) parts.push({ text: m[3], phrase: false, closed: false });
      else parts.push({ text: m[1], phrase: true, closed: m[2] === '"' });
    }
    var endsOpen = !/[\s"]$/.test(query);
    parts.forEach(function (part, i) {
      var tokens = tokenize(part.text), typing = endsOpen && i === parts.length - 1;
      // While a phrase is being typed ('"prime minis'), its last word is a prefix, outside the phrase.
      var phrase = part.phrase && typing && !part.closed ? tokens.slice(0, -1) : tokens;
      if (part.phrase && phrase.length > 1) phrases.push(phrase);
      tokens.forEach(function (t, j) {
        var prefix = typing && j === tokens.length - 1;
        var key = t + (prefix ? "*" : "");
        if (seen[key]) return;
        seen[key] = true;
        words.push({ term: t, prefix: prefix });
      });
    });
    // "iraq iraq*": the exact word is already required, the prefix adds nothing.
    words = words.filter(function (w) { return !(w.prefix && seen[w.term]); });
    return { words: words, phrases: phrases };
  }

  function phraseShardOf(term) { return lastAtMost(M.positions, term); }

  var positionCache = Object.create(null);

  function positionsOf(term, doc) {
    var p = postings(term);
    if (!p) return null;
    var lo = 0, hi = p.ids.length - 1, at = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (p.ids[mid] === doc) { at = mid; break; }
      if (p.ids[mid] < doc) lo = mid + 1; else hi = mid - 1;
    }
    if (at < 0) return null;
    var all = positionCache[term];
    if (!all) {
      var shard = store["p/" + phraseShardOf(term)];
      if (!shard || !own.call(shard, term)) return null;
      var values = decode(shard[term]), k = 0;
      all = [];
      while (k < values.length) {
        var count = values[k++], list = new Set(), pos = 0;
        for (var c = 0; c < count; c++) { pos += values[k++]; list.add(pos); }
        all.push(list);
      }
      positionCache[term] = all;
    }
    return all[at];
  }

  function hasPhrase(doc, phrase) {
    var parts = [];
    phrase.forEach(function (t, offset) { if (!M.stop.has(t)) parts.push({ t: t, o: offset }); });
    if (parts.length < 2) return true; // one real word: already required
    var sets = parts.map(function (x) { return positionsOf(x.t, doc); });
    if (sets.some(function (s) { return !s; })) return false;
    var first = parts[0];
    for (var p of sets[0]) {
      var start = p - first.o, ok = true;
      for (var i = 1; i < parts.length && ok; i++) ok = sets[i].has(start + parts[i].o);
      if (ok) return true;
    }
    return false;
  }

  // Load what the query needs, then rank. Resolves to {words, matches: [{id, tier, score}], partial}.
  function search(query) {
    return manifest().then(function () {
      var q = parse(query);
      var names = [];
      q.words.forEach(function (w) {
        var shards = termShards(w.term, w.prefix);
        w.expand = w.prefix && shards.length <= MAX_PREFIX_SHARDS;
        w.shards = w.expand ? shards : shards.slice(0, 1);
        w.shards.forEach(function (s) { names.push("t/" + s); });
      });
      q.phrases.forEach(function (phrase) {
        phrase.forEach(function (t) { if (!M.stop.has(t)) names.push("p/" + phraseShardOf(t)); });
      });
      names = names.filter(function (n, i) { return n.slice(2) !== "-1" && names.indexOf(n) === i; });
      return Promise.all(names.map(load)).then(function () { return rank(q); });
    });
  }

  function rank(q) {
    var words = q.words, result = { words: words, matches: [], partial: false };
    if (!words.length) return result;
    var lists = words.map(matchWord);
    var nq = words.length, sumIdf = 0;
    lists.forEach(function (l) { sumIdf += l.idf; });
    // Count, per document, how many words it has, summing weights and AND-ing the flags.
    var count = new Uint8Array(M.n), score = new Float64Array(M.n), inTitle = new Uint8Array(M.n), inName = new Uint8Array(M.n);
    inTitle.fill(1); inName.fill(1);
    lists.forEach(function (l) {
      for (var i = 0; i < l.ids.length; i++) {
        var d = l.ids[i];
        count[d]++;
        score[d] += l.w[i];
        if (!(l.f[i] & TITLE)) inTitle[d] = 0;
        if (!(l.f[i] & (TITLE | NAME))) inName[d] = 0;
      }
    });
    var matches = [];
    for (var d = 0; d < M.n; d++) if (count[d] === nq) matches.push(d);
    if (q.phrases.length) matches = matches.filter(function (doc) { return q.phrases.every(function (p) { return hasPhrase(doc, p); }); });
    if (!matches.length && nq > 1 && !q.phrases.length) {
      result.partial = true;
      for (var e = 0; e < M.n; e++) if (count[e] > 0) matches.push(e);
    }
    result.matches = matches.map(function (doc) {
      var complete = count[doc] === nq, tier = 1, s = score[doc];
      if (complete && inName[doc]) {
        tier = nq >= M.names[doc] ? 3 : 2;
        s += sumIdf * SHORT_NAME_BONUS / Math.max(M.names[doc], 1);
      }
      if (!complete) tier = 0;
      return { id: doc, tier: tier, count: count[doc], score: s };
    }).sort(function (a, b) {
      return b.count - a.count || b.tier - a.tier || b.score - a.score || a.id - b.id;
    });
    return result;
  }

  function docs(ids) {
    var chunks = [];
    ids.forEach(function (id) {
      var c = "d/" + Math.floor(id / M.chunk);
      if (chunks.indexOf(c) < 0) chunks.push(c);
    });
    return Promise.all(chunks.map(load)).then(function () {
      return ids.map(function (id) {
        var row = store["d/" + Math.floor(id / M.chunk)][id % M.chunk];
        var src = M.source[id];
        return {
          id: id, title: row[0], url: row[1], date: row[2], snippet: row[3],
          kind: M.kinds[M.kind[id]], source: src ? M.sources[src - 1] : null
        };
      });
    });
  }

  NS.search = search;
  NS.docs = docs;
  NS.parse = parse;

  /* ------------------------------------------------------------------ the page */

  var KIND_LABEL = { article: "Article", person: "Person", organization: "Organisation", place: "Place", page: "Page" };
  var KIND_FILTER = { article: "Articles", person: "People", organization: "Organisations", place: "Places", page: "Pages" };
  var PAGE_SIZE = 10;

  function config() {
    var el = document.getElementById("__config");
    try { return el ? JSON.parse(el.textContent) : {}; } catch (e) { return {}; }
  }

  function t(cfg, key, fallback) {
    return (cfg.translations && cfg.translations[key]) || fallback;
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // ``text`` as HTML with the words of the query marked (the last one also as a prefix).
  function highlight(text, words) {
    if (!words.length) return esc(text);
    var exact = new Set(), prefixes = [];
    words.forEach(function (w) { (w.prefix ? prefixes : []).push(w.term); exact.add(w.term); });
    var out = "", last = 0, re = /[\p{L}\p{N}]+(?:['\u2019\u02bc.][\p{L}\p{N}]+)*\.?/gu, m;
    while ((m = re.exec(text))) {
      var terms = tokenize(m[0]), hit = terms.some(function (x) {
        return exact.has(x) || prefixes.some(function (p) { return x.lastIndexOf(p, 0) === 0; });
      });
      if (hit) {
        out += esc(text.slice(last, m.index)) + "<mark>" + esc(m[0]) + "</mark>";
        last = m.index + m[0].length;
      }
    }
    return out + esc(text.slice(last));
  }

  function mount(root) {
    var cfg = config();
    var here = document.baseURI || location.href;
    indexBase = new URL(root.getAttribute("data-nd-index") || "assets/search-index/", here).href;
    manifestVersion = root.getAttribute("data-nd-version") || "";
    var siteRoot = new URL(cfg.base != null ? cfg.base + "/" : indexBase + "../../", here).href;
    var toggle = document.getElementById("__search");
    var input = root.querySelector(".nd-search__input");
    var form = root.querySelector("form");
    var meta = root.querySelector(".md-search-result__meta");
    var list = root.querySelector(".md-search-result__list");
    var filters = root.querySelector(".nd-search__filters");
    var scroller = root.querySelector(".md-search__scrollwrap");
    var state = { seq: 0, result: null, shown: [], rendered: 0, kind: "", source: "", loading: 0, view: 0 };

    function open(value) {
      if (toggle && !toggle.checked) toggle.click();
      if (value) manifest().catch(function () {}); // start loading the manifest
    }

    function close() {
      if (toggle && toggle.checked) toggle.click();
      input.blur();
    }

    function setMeta(text) { meta.textContent = text; }

    function countText(n) {
      if (n === 0) return t(cfg, "search.result.none", "No matching documents");
      if (n === 1) return t(cfg, "search.result.one", "1 matching document");
      return t(cfg, "search.result.other", "# matching documents").replace("#", n.toLocaleString("en"));
    }

    function run() {
      var query = input.value, seq = ++state.seq;
      if (!query.trim()) {
        state.view++;
        state.result = null;
        list.innerHTML = "";
        filters.hidden = true;
        setMeta(t(cfg, "search.result.placeholder", "Type to start searching"));
        return;
      }
      var slow = setTimeout(function () { if (seq === state.seq) setMeta("Loading the search index…"); }, 150);
      search(query).then(function (result) {
        clearTimeout(slow);
        if (seq !== state.seq) return;
        result.query = query;
        state.result = result;
        return show();
      }).catch(function (err) {
        clearTimeout(slow);
        if (seq !== state.seq) return;
        list.innerHTML = "";
        setMeta("Search is not available: " + err.message);
        if (window.console) console.warn("newsdesk search:", err);
      });
    }

    function filtered() {
      return state.result.matches.filter(function (m) {
        return (!state.kind || M.kinds[M.kind[m.id]] === state.kind) &&
          (!state.source || (M.source[m.id] && M.sources[M.source[m.id] - 1] === state.source));
      });
    }

    function renderFilters() {
      var matches = state.result.matches, kinds = {}, sources = {};
      matches.forEach(function (m) {
        var k = M.kinds[M.kind[m.id]];
        kinds[k] = (kinds[k] || 0) + 1;
        var s = M.source[m.id];
        if (s) sources[M.sources[s - 1]] = (sources[M.sources[s - 1]] || 0) + 1;
      });
      var html = '<button type="button" class="nd-search__chip" data-kind="" aria-pressed="' + !state.kind + '">All <span>' +
        matches.length.toLocaleString("en") + "</span></button>";
      M.kinds.forEach(function (k) {
        if (!kinds[k] && state.kind !== k) return;
        html += '<button type="button" class="nd-search__chip" data-kind="' + k + '" aria-pressed="' + (state.kind === k) + '">' +
          esc(KIND_FILTER[k] || k) + " <span>" + (kinds[k] || 0).toLocaleString("en") + "</span></button>";
      });
      var names = Object.keys(sources).sort(function (a, b) { return sources[b] - sources[a] || (a < b ? -1 : 1); });
      if (state.source && !sources[state.source]) names.unshift(state.source);
      if (names.length || state.source) {
        html += '<select class="nd-search__source" aria-label="Source"><option value="">All sources</option>';
        names.forEach(function (s) {
          html += '<option value="' + esc(s) + '"' + (s === state.source ? " selected" : "") + ">" + esc(s) +
            " (" + (sources[s] || 0) + ")</option>";
        });
        html += "</select>";
      }
      // Keep the keyboard focus on the chip or list that was used.
      var active = document.activeElement, focused = null;
      if (active && filters.contains(active)) focused = active.tagName === "SELECT" ? "select" : '[data-kind="' + active.getAttribute("data-kind") + '"]';
      filters.innerHTML = html;
      filters.hidden = false;
      if (focused && filters.querySelector(focused)) filters.querySelector(focused).focus();
    }

    function show() {
      state.view++;
      renderFilters();
      state.shown = filtered();
      state.rendered = 0;
      list.innerHTML = "";
      var n = state.shown.length, text = countText(n);
      if (state.result.partial && n) text += " (with some of the words; none has all of them)";
      if (state.shown.length !== state.result.matches.length) text += " of " + state.result.matches.length.toLocaleString("en");
      setMeta(text);
      if (!n) root.setAttribute("data-nd-results", state.result.query);
      return more();
    }

    // Render the next PAGE_SIZE results of the current view (a view: one query and filter).
    function more() {
      var view = state.view;
      if (state.loading === view || state.rendered >= state.shown.length) return Promise.resolve();
      state.loading = view;
      var batch = state.shown.slice(state.rendered, state.rendered + PAGE_SIZE);
      return docs(batch.map(function (m) { return m.id; })).then(function (rows) {
        if (state.loading === view) state.loading = 0;
        if (view !== state.view) return;
        var terms = state.result.words.map(function (w) { return w.term; }).join(" ");
        var html = "";
        rows.forEach(function (doc) {
          var href = new URL(doc.url, siteRoot);
          // The page a result opens marks the words searched for (markTerms, below).
          if (terms) href.searchParams.set("h", terms);
          var info = [KIND_LABEL[doc.kind] || doc.kind];
          if (doc.source) info.push(esc(doc.source));
          if (doc.date) info.push(esc(doc.date));
          html += '<li class="md-search-result__item nd-search-result__item nd-kind-' + doc.kind + '">' +
            '<a href="' + esc(href.href) + '" class="md-search-result__link" data-nd-kind="' + doc.kind + '">' +
            '<article class="md-search-result__article md-typeset">' +
            '<div class="nd-search-result__info"><span class="nd-search-result__kind">' + info[0] + "</span>" +
            (info.length > 1 ? " · " + info.slice(1).join(" · ") : "") + "</div>" +
            "<h1>" + highlight(doc.title, state.result.words) + "</h1>" +
            (doc.snippet ? '<p class="nd-search-result__snippet">' + highlight(doc.snippet, state.result.words) + "</p>" : "") +
            "</article></a></li>";
        });
        list.insertAdjacentHTML("beforeend", html);
        state.rendered += rows.length;
        root.setAttribute("data-nd-results", state.result.query); // for tests and the benchmark
        root.dispatchEvent(new CustomEvent("nd-search:results", { detail: { query: state.result.query } }));
        // Fill the visible area if the list is shorter than the scroller.
        if (scroller.clientHeight > 0 && scroller.scrollHeight <= scroller.clientHeight + 40) return more();
      }).catch(function (err) {
        if (state.loading === view) state.loading = 0;
        if (view === state.view) setMeta("Search is not available: " + err.message);
      });
    }

    function links() { return Array.prototype.slice.call(list.querySelectorAll("a.md-search-result__link")); }

    input.addEventListener("focus", function () { open(true); });
    input.addEventListener("input", run);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(function () { run(); input.focus(); }, 0); });
    filters.addEventListener("click", function (ev) {
      var chip = ev.target.closest && ev.target.closest("[data-kind]");
      if (!chip || !state.result) return;
      state.kind = chip.getAttribute("data-kind");
      show();
    });
    filters.addEventListener("change", function (ev) {
      if (!ev.target.classList.contains("nd-search__source") || !state.result) return;
      state.source = ev.target.value;
      show();
    });
    scroller.addEventListener("scroll", function () {
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 80) more();
    });
    list.addEventListener("click", function (ev) {
      if (ev.target.closest && ev.target.closest("a")) setTimeout(close, 0);
    });
    if (toggle) {
      // The header's search button (phones) and the overlay toggle the checkbox: follow it.
      toggle.addEventListener("change", function () {
        if (toggle.checked && document.activeElement !== input) input.focus();
        if (!toggle.checked && document.activeElement === input) input.blur();
      });
    }

    root.addEventListener("keydown", function (ev) {
      var items = links(), at = items.indexOf(document.activeElement);
      if (ev.key === "Escape") { ev.preventDefault(); close(); return; }
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (!items.length) return;
        ev.preventDefault();
        var next = ev.key === "ArrowDown" ? at + 1 : at - 1;
        if (next < -1) next = -1;
        if (next >= items.length) { next = items.length - 1; more(); }
        if (next === -1) input.focus(); else { items[next].focus(); items[next].scrollIntoView({ block: "nearest" }); }
        return;
      }
      if (ev.key === "Enter" && document.activeElement === input) {
        ev.preventDefault();
        if (items.length) items[0].click();
      }
    });

    document.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return;
      var el = document.activeElement;
      if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
      if (ev.key === "/" || ev.key === "s" || ev.key === "S" || ev.key === "f" || ev.key === "F") {
        ev.preventDefault();
        ev.stopPropagation();
        input.focus();
        input.select();
      }
    }, true);

    var params = new URLSearchParams(location.search);
    if (params.get("q")) {
      input.value = params.get("q");
      open(true);
      input.focus();
      run();
    }
  }

  // On the page a result leads to: mark the words searched for (?h=...), as Material does.
  function markTerms() {
    var h = new URLSearchParams(location.search).get("h");
    var content = document.querySelector(".md-content article") || document.querySelector(".md-content");
    if (!h || !content || content.getAttribute("data-nd-marked") === h) return;
    content.setAttribute("data-nd-marked", h);
    var terms = tokenize(h), last = terms[terms.length - 1];
    if (!terms.length) return;
    var exact = new Set(terms), walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT), nodes = [], node;
    while ((node = walker.nextNode())) {
      if (!node.parentElement.closest("script, style, mark, code, pre, svg")) nodes.push(node);
    }
    var re = /[\p{L}\p{N}]+(?:['\u2019\u02bc.][\p{L}\p{N}]+)*\.?/gu;
    nodes.forEach(function (text) {
      var value = text.nodeValue, m, last2 = 0, frag = null;
      re.lastIndex = 0;
      while ((m = re.exec(value))) {
        var hit = tokenize(m[0]).some(function (x) { return exact.has(x) || x.lastIndexOf(last, 0) === 0; });
        if (!hit) continue;
        frag = frag || document.createDocumentFragment();
        frag.appendChild(document.createTextNode(value.slice(last2, m.index)));
        var mark = document.createElement("mark");
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = m[0];
        frag.appendChild(mark);
        last2 = m.index + m[0].length;
      }
      if (frag) {
        frag.appendChild(document.createTextNode(value.slice(last2)));
        text.parentNode.replaceChild(frag, text);
      }
    });
  }

  function start() {
    var root = document.getElementById("nd-search");
    if (!root || root.getAttribute("data-nd-mounted")) return;
    root.setAttribute("data-nd-mounted", "1");
    mount(root);
    markTerms();
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) window.document$.subscribe(markTerms);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
