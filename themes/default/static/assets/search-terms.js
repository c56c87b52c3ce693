// Search terms in the browser: exactly what src/search/terms.rs makes of a page's text,
// made of a reader's query (a test runs both on the same words). See terms.rs for why
// each step is there.
(function (root) {
  "use strict";

  var MARK = /\p{M}/u;
  var WORD = /[\p{Alphabetic}\p{N}]/u;

  function fold(text) {
    var lower = text.normalize("NFKD").toLowerCase();
    var out = "";
    for (var c of lower) {
      if (MARK.test(c) || c === "\u0640") continue;
      var code = c.codePointAt(0);
      if (c === "أ" || c === "إ" || c === "آ" || c === "ٱ") c = "ا";
      else if (c === "ة") c = "ه";
      else if (c === "ى" || c === "ئ") c = "ي";
      else if (c === "ؤ") c = "و";
      else if (code >= 0x660 && code <= 0x669) c = String(code - 0x660);
      else if (code >= 0x6f0 && code <= 0x6f9) c = String(code - 0x6f0);
      out += c;
    }
    return out;
  }

  function isCjk(c) {
    var n = c.codePointAt(0);
    return (n >= 0x3040 && n <= 0x30ff) || (n >= 0x3400 && n <= 0x4dbf) ||
      (n >= 0x4e00 && n <= 0x9fff) || (n >= 0xf900 && n <= 0xfaff) ||
      (n >= 0xac00 && n <= 0xd7af);
  }

  function length(s) { return Array.from(s).length; }

  function stripSuffix(word, suffix, keep) {
    if (!word.endsWith(suffix)) return null;
    var rest = word.slice(0, word.length - suffix.length);
    return length(rest) >= keep ? rest : null;
  }

  function stripPrefix(word, prefix, keep) {
    if (!word.startsWith(prefix)) return null;
    var rest = word.slice(prefix.length);
    return length(rest) >= keep ? rest : null;
  }

  function vowelFirst(word) { return /^[aeiou]/.test(word); }

  function indonesian(word) {
    var w = word, rest, i;
    var particles = ["lah", "kah", "tah", "pun"];
    for (i = 0; i < particles.length; i++) {
      if ((rest = stripSuffix(w, particles[i], 4)) !== null) { w = rest; break; }
    }
    var possessives = ["nya", "ku", "mu"];
    for (i = 0; i < possessives.length; i++) {
      if ((rest = stripSuffix(w, possessives[i], 4)) !== null) { w = rest; break; }
    }
    var beforeSuffix = w;
    var suffixes = w.startsWith("pe") ? ["an", "kan", "i"] : ["kan", "an", "i"];
    var suffix = "";
    for (i = 0; i < suffixes.length; i++) {
      // -ai ends roots that docs use often (pakai, mulai, selesai): see terms.rs.
      if (suffixes[i] === "i" && w.endsWith("ai")) continue;
      if ((rest = stripSuffix(w, suffixes[i], 3)) !== null) { w = rest; suffix = suffixes[i]; break; }
    }
    for (i = 0; i < 2; i++) {
      var next = indonesianPrefix(w, suffix === "an");
      if (next === null) break;
      w = next;
    }
    if (suffix === "an" && (rest = stripSuffix(w, "an", 3)) !== null) w = rest;
    return length(w) < 3 ? beforeSuffix : w;
  }

  // The word without its prefix, the sound the prefix replaced put back; null when
  // it has none.
  function indonesianPrefix(w, withAn) {
    var rest, i;
    var sibilant = ["meny", "peny"];
    for (i = 0; i < sibilant.length; i++) {
      if ((rest = stripPrefix(w, sibilant[i], 3)) !== null) return "s" + rest;
    }
    var nasal = ["meng", "peng", "mem", "pem"];
    for (i = 0; i < nasal.length; i++) {
      if ((rest = stripPrefix(w, nasal[i], 3)) !== null) {
        return nasal[i].endsWith("m") && vowelFirst(rest) ? "p" + rest : rest;
      }
    }
    var dental = ["men", "pen"];
    for (i = 0; i < dental.length; i++) {
      if ((rest = stripPrefix(w, dental[i], 3)) !== null) {
        return vowelFirst(rest) ? "t" + rest : rest;
      }
    }
    var plain = ["ber", "ter", "per", "me", "pe", "di", "ke", "be"];
    for (i = 0; i < plain.length; i++) {
      if (plain[i] === "ke" && !withAn) continue;
      if ((rest = stripPrefix(w, plain[i], 3)) !== null) return rest;
    }
    return null;
  }

  function firstSuffix(w, suffixes, keep) {
    for (var i = 0; i < suffixes.length; i++) {
      var rest = stripSuffix(w, suffixes[i], keep);
      if (rest !== null) return rest;
    }
    return null;
  }

  function english(word) {
    var w = word.endsWith("'s") ? word.slice(0, -2) : word;
    var rest;
    if ((rest = stripSuffix(w, "ies", 3)) !== null) w = rest + "y";
    else if (!w.endsWith("ss") && (rest = stripSuffix(w, "s", 3)) !== null) w = rest;
    var ending = ["ing", "ed", "ly"].filter(function (e) { return stripSuffix(w, e, 3) !== null; })[0];
    if (ending) {
      w = stripSuffix(w, ending, 3);
      // A consonant doubled before the ending is one (running: run).
      if (ending !== "ly" && /([bdgmnprt])\1$/.test(w)) w = w.slice(0, -1);
    }
    if ((rest = firstSuffix(w, ["ation", "ment"], 3)) !== null) w = rest;
    else if ((rest = stripSuffix(w, "er", 4)) !== null) w = rest;
    rest = stripSuffix(w, "e", 3);
    return rest !== null ? rest : w;
  }

  function french(word) {
    var w = word, rest;
    if ((rest = firstSuffix(w, ["s", "x"], 3)) !== null) w = rest;
    if ((rest = firstSuffix(w, ["ation", "ement", "ment"], 3)) !== null) w = rest;
    if ((rest = stripSuffix(w, "e", 3)) !== null) w = rest;
    rest = firstSuffix(w, ["er", "ez", "e"], 3);
    return rest !== null ? rest : w;
  }

  function arabic(word) {
    var w = word, rest, i;
    var articles = ["وال", "بال", "كال", "فال", "لل", "ال"];
    for (var round = 0; round < 2; round++) {
      var found = false;
      for (i = 0; i < articles.length; i++) {
        if ((rest = stripPrefix(w, articles[i], 3)) !== null) { w = rest; found = true; break; }
      }
      if (!found) break;
    }
    rest = firstSuffix(w, ["ها", "هم", "كم", "نا", "هن", "ات", "ون", "ين", "ان", "ك", "ي", "ه", "ا"], 3);
    return rest !== null ? rest : w;
  }

  function stem(word, lang) {
    if (lang === "id" || lang === "ms") return indonesian(word);
    if (lang === "en") return english(word);
    if (lang === "fr") return french(word);
    if (lang === "ar") return arabic(word);
    return word;
  }

  function terms(text, lang) {
    var primary = lang.split("-")[0].toLowerCase();
    var out = [], word = "", cjk = [];
    function flushWord() { if (word) { out.push(stem(word, primary)); word = ""; } }
    function flushCjk() {
      if (cjk.length === 1) out.push(cjk[0]);
      for (var i = 0; i + 1 < cjk.length; i++) out.push(cjk[i] + cjk[i + 1]);
      cjk = [];
    }
    for (var c of fold(text)) {
      if (isCjk(c)) { flushWord(); cjk.push(c); }
      else if (WORD.test(c)) { flushCjk(); word += c; }
      else { flushWord(); flushCjk(); }
    }
    flushWord();
    flushCjk();
    return out;
  }

  if (typeof module !== "undefined" && module.exports) module.exports = terms;
  else root.naskahSearchTerms = terms;
})(this);
