// Site navigation. Each page carries the part of the tree on the path to it; where the
// site's lists are too long for that, naskah writes the whole tree to
// assets/nav.LANG.js (window.naskahNav: [title, path, children?] entries) and this
// script shows it instead: sections fold, those on the path to the current page are
// open, and a folded section's pages are built only when it is opened. In both cases
// the current page is scrolled into the sidebar's view.
(function () {
  "use strict";
  var nav = document.querySelector("nav.site-nav[data-nav-root]");
  if (!nav) return;
  var tree = window.naskahNav;
  var list = nav.querySelector("ul");
  if (Array.isArray(tree) && list) {
    var full = wholeTree(tree);
    var home = list.firstElementChild;
    if (home) full.insertBefore(home.cloneNode(true), full.firstChild);
    list.replaceWith(full);
  }
  showCurrent();

  function wholeTree(items) {
    var root = nav.getAttribute("data-nav-root") || "";
    var current = nav.getAttribute("data-nav-current");
    var label = nav.getAttribute("data-nav-toggle") || "";
    var trail = findTrail(items, current, []) || [];
    var count = 0;

    function build(entries, depth, onTrail) {
      var ul = document.createElement("ul");
      entries.forEach(function (entry, i) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + entry[1];
        a.textContent = entry[0];
        if (entry[1] === current) a.setAttribute("aria-current", "page");
        li.appendChild(a);
        if (Array.isArray(entry[2]) && entry[2].length) {
          var open = onTrail && trail[depth] === i;
          li.className = "nav-section";
          // The button goes before the list of pages, which opens below both.
          var expand = toggle(li, entry[2], depth + 1, open, "nav-list-" + ++count);
          if (open) expand(true);
        }
        ul.appendChild(li);
      });
      return ul;
    }

    function toggle(li, children, depth, open, id) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "nav-toggle";
      button.setAttribute("aria-label", label);
      button.setAttribute("aria-controls", id);
      button.setAttribute("aria-expanded", "false");
      li.appendChild(button);
      button.addEventListener("click", function () {
        var expanded = button.getAttribute("aria-expanded") === "true";
        expand(!expanded);
      });
      function expand(on) {
        var sub = li.querySelector(":scope > ul");
        if (on && !sub) {
          sub = build(children, depth, open);
          sub.id = id;
          li.appendChild(sub);
        }
        if (sub) sub.hidden = !on;
        button.setAttribute("aria-expanded", on ? "true" : "false");
      }
      return expand;
    }

    return build(items, 0, true);
  }

  function findTrail(entries, path, prefix) {
    if (!path) return null;
    for (var i = 0; i < entries.length; i++) {
      if (entries[i][1] === path) return prefix.concat(i);
      if (Array.isArray(entries[i][2])) {
        var found = findTrail(entries[i][2], path, prefix.concat(i));
        if (found) return found;
      }
    }
    return null;
  }

  // Only the sidebar scrolls: the page itself stays where the reader is.
  function showCurrent() {
    var current = nav.querySelector('[aria-current="page"]');
    if (!current || nav.scrollHeight <= nav.clientHeight) return;
    var top = current.getBoundingClientRect().top - nav.getBoundingClientRect().top;
    nav.scrollTop += top - nav.clientHeight / 3;
  }
})();
