// Search, in the reader's language only: the box in the header (`/` focuses it, arrows
// move through the results, Enter opens one, Escape closes them, a second Escape
// empties the box), a search box that controls a listbox of results (the WAI-ARIA
// listbox pattern: focus stays in the box, the active result is its
// aria-activedescendant; the box stays `type="search"`, on which HTML allows no
// combobox state). The index is a set of script files under assets/search/LANG/ (so
// it loads from file:// too): meta.js first, then one terms shard per query term and
// the docs chunks of the results. Queries are cut into terms by search-terms.js,
// exactly as naskah cut the pages.
(function () {
  "use strict";
  var box = document.querySelector(".search[data-search-lang]");
  if (!box || typeof window.naskahSearchTerms !== "function") return;
  var input = box.querySelector("input");
  var list = box.querySelector("[data-search-results]");
  var status = box.querySelector(".search-status");
  var root = box.getAttribute("data-search-root") || "";
  var lang = box.getAttribute("data-search-lang");
  var base = root + "assets/search/" + lang + "/";
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var files = {};
  var index = { meta: null, docs: {}, terms: {} };
  var active = -1;
  var asked = 0;

  function arrived(name) {
    var file = files[name];
    if (file) file.done();
  }
  window.naskahSearch = {
    meta: function (_, meta) { index.meta = meta; arrived("meta"); },
    docs: function (_, k, rows) { index.docs[k] = rows; arrived("docs-" + k); },
    terms: function (_, k, terms) { index.terms[k] = terms; arrived("terms-" + k); }
  };

  // Loads assets/search/LANG/NAME.js once; the promise settles when its call arrives.
  // meta.js is asked for afresh on each page (a cache may hold one of an earlier
  // build); the other files by the version meta.js names, so that a cached file of an
  // earlier build, whose documents are numbered otherwise, is never mixed in.
  function load(name) {
    if (!files[name]) {
      var file = {};
      file.promise = new Promise(function (done) {
        file.done = done;
        var script = document.createElement("script");
        var version = name === "meta" ? String(Date.now()) : (index.meta && index.meta.v) || "";
        script.src = base + name + ".js?v=" + version;
        script.onerror = function () { done(); };
        document.head.appendChild(script);
      });
      files[name] = file;
    }
    return files[name].promise;
  }

  var encoder = new TextEncoder();

  // FNV-1a (32 bits) of the term's UTF-8 bytes: its shard, as src/search/index.rs says.
  function fnv(text) {
    var hash = 0x811c9dc5;
    var bytes = encoder.encode(text);
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  function unique(items) {
    return items.filter(function (item, i) { return items.indexOf(item) === i; });
  }

  // Documents with the most of the terms first, then by score: each term's score in
  // the page (BM25, and more for a term of the title; written by naskah), rarer terms
  // counting more. A term whose list is full (on most pages, listing only the best)
  // adds to the score but not to the count, or it would hide the pages it leaves out.
  function rank(terms) {
    var meta = index.meta;
    var scores = {}, hits = {};
    terms.forEach(function (term) {
      var shard = index.terms[fnv(term) % meta.shards] || {};
      // Own terms only: `constructor` is not a term because objects have one.
      var postings = Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : [];
      var listed = postings.length / 2;
      var counts = !meta.cap || listed < meta.cap ? 1 : 0;
      var idf = Math.log(1 + meta.docs / (listed || 1));
      for (var i = 0; i < postings.length; i += 2) {
        var doc = postings[i];
        scores[doc] = (scores[doc] || 0) + postings[i + 1] * idf;
        hits[doc] = (hits[doc] || 0) + counts;
      }
    });
    var docs = Object.keys(scores).map(Number).sort(function (a, b) {
      return hits[b] - hits[a] || scores[b] - scores[a] || a - b;
    });
    return { docs: docs.slice(0, 10), total: docs.length };
  }

  function search(query) {
    var ticket = ++asked;
    var terms = unique(window.naskahSearchTerms(query, lang));
    if (!terms.length) return show({ docs: [], total: 0 }, terms, ticket);
    load("meta").then(function () {
      if (!index.meta) return null;
      return Promise.all(terms.map(function (term) {
        return load("terms-" + (fnv(term) % index.meta.shards));
      }));
    }).then(function () {
      if (!index.meta) return;
      var found = rank(terms);
      var chunks = unique(found.docs.map(function (d) { return Math.floor(d / index.meta.chunk); }));
      return Promise.all(chunks.map(function (k) { return load("docs-" + k); })).then(function () {
        show(found, terms, ticket);
      });
    });
  }

  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

  // The snippet as text, with what the query matched marked: words whose terms it has,
  // and in text without spaces the characters of the pairs it has.
  function snippet(text, terms) {
    var out = document.createElement("span");
    out.className = "search-snippet";
    var mark = null;
    function add(piece, hit) {
      if (hit) {
        if (!mark) {
          mark = document.createElement("mark");
          out.appendChild(mark);
        }
        mark.appendChild(document.createTextNode(piece));
      } else {
        mark = null;
        out.appendChild(document.createTextNode(piece));
      }
    }
    function found(piece) {
      var got = window.naskahSearchTerms(piece, lang);
      return got.length > 0 && got.every(function (t) { return terms.indexOf(t) >= 0; });
    }
    text.split(/([\p{L}\p{M}\p{N}]+)/u).forEach(function (part) {
      if (!CJK.test(part)) {
        var got = window.naskahSearchTerms(part, lang);
        add(part, got.some(function (t) { return terms.indexOf(t) >= 0; }));
        return;
      }
      var chars = Array.from(part);
      chars.forEach(function (c, i) {
        var hit = (i + 1 < chars.length && found(c + chars[i + 1])) ||
          (i > 0 && found(chars[i - 1] + c)) || (chars.length === 1 && found(c));
        add(c, hit);
      });
    });
    return out;
  }

  // "3 results" in the reader's language: meta.js has the Fluent text of each plural
  // category, `{count}` in place of the number.
  function count(n) {
    var forms = (index.meta && index.meta.count) || {};
    var category = plural ? plural.select(n) : "other";
    return (forms[category] || forms.other || "{count}").replace("{count}", String(n));
  }

  // "No results" is said next to the list, not in it: a listbox holds options only.
  var none = document.createElement("p");
  none.className = "search-none";
  none.hidden = true;
  list.parentNode.insertBefore(none, list.nextSibling);

  function show(found, terms, ticket) {
    if (ticket !== asked) return;
    list.textContent = "";
    deselect();
    found.docs.forEach(function (doc, i) {
      var row = (index.docs[Math.floor(doc / index.meta.chunk)] || [])[doc % index.meta.chunk];
      if (!row) return;
      var link = document.createElement("a");
      link.id = "search-result-" + i;
      link.href = root + row[1];
      link.setAttribute("role", "option");
      link.setAttribute("aria-selected", "false");
      // Focus stays in the box (the combobox pattern): results are not tab stops.
      link.tabIndex = -1;
      var title = document.createElement("span");
      title.className = "search-title";
      title.textContent = row[0];
      link.appendChild(title);
      // A translation whose source changed since: said next to its title.
      if (row[4] && index.meta.outdated) {
        var outdated = document.createElement("span");
        outdated.className = "search-outdated";
        outdated.textContent = index.meta.outdated;
        link.appendChild(outdated);
      }
      if (row[2]) {
        var section = document.createElement("span");
        section.className = "search-section";
        section.textContent = row[2];
        link.appendChild(section);
      }
      if (row[3]) link.appendChild(snippet(row[3], terms));
      list.appendChild(link);
    });
    var open = input.value.trim() !== "";
    var listed = list.children.length;
    status.textContent = open ? count(listed ? found.total : 0) : "";
    none.textContent = open && !listed ? count(0) : "";
    none.hidden = !open || listed > 0;
    expand(open && listed > 0);
  }

  function expand(open) {
    list.hidden = !open;
  }

  function deselect() {
    var current = list.querySelector("[aria-selected=true]");
    if (current) current.setAttribute("aria-selected", "false");
    active = -1;
    input.removeAttribute("aria-activedescendant");
  }

  function move(step) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) return;
    // Arrows open the list again after Escape closed it.
    if (list.hidden) expand(true);
    if (active >= 0) options[active].setAttribute("aria-selected", "false");
    active = (active + step + options.length) % options.length;
    options[active].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }

  function close() {
    expand(false);
    none.hidden = true;
    deselect();
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 60);
  });
  input.addEventListener("keydown", function (event) {
    // Keys that an input method is composing with (Chinese, Japanese) are its own.
    if (event.isComposing || event.keyCode === 229) return;
    if (event.key === "ArrowDown") { move(1); event.preventDefault(); }
    else if (event.key === "ArrowUp") { move(-1); event.preventDefault(); }
    else if (event.key === "Enter") {
      // Only a result the reader can see opens.
      var options = list.hidden ? [] : list.querySelectorAll("[role=option]");
      var chosen = options[active >= 0 ? active : 0];
      if (chosen) { window.location.href = chosen.href; event.preventDefault(); }
    } else if (event.key === "Escape") {
      // The first Escape closes the results, the second empties the box.
      if (!list.hidden || !none.hidden) close();
      else { input.value = ""; status.textContent = ""; list.textContent = ""; close(); }
      event.preventDefault();
    }
  });
  input.addEventListener("focus", function () {
    load("meta");
    if (input.value.trim()) search(input.value);
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      input.focus();
      event.preventDefault();
    }
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) close();
  });
  box.hidden = false;
})();
