// Page behaviour, all optional (the page reads the same without it): a copy button on
// every code block, and the table of contents marks the section being read.
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main) return;
  var copyLabel = main.getAttribute("data-copy-label") || "Copy";
  var copiedLabel = main.getAttribute("data-copied-label") || "Copied";

  // Copy buttons. The button names its action; a live region says when it is done.
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  main.appendChild(status);
  main.querySelectorAll(".content pre").forEach(function (pre) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-code";
    button.textContent = copyLabel;
    button.addEventListener("click", function () {
      var code = pre.querySelector("code") || pre;
      copy(code.innerText).then(function () {
        button.textContent = copiedLabel;
        status.textContent = copiedLabel;
        setTimeout(function () { button.textContent = copyLabel; }, 2000);
      }, function () {});
    });
    pre.appendChild(button);
  });

  // A table wider than the column scrolls sideways (naskah.css): then it takes the
  // keyboard focus, so that it can be scrolled without a mouse (WCAG 2.1.1).
  function focusScrollers() {
    main.querySelectorAll(".content table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth) table.tabIndex = 0;
      else table.removeAttribute("tabindex");
    });
  }
  focusScrollers();
  window.addEventListener("resize", focusScrollers);

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// and plain http: the older way, through a selection.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand && document.execCommand("copy");
      area.remove();
      if (done) resolve(); else reject();
    });
  }

  // Dark mode: the system's choice until the reader presses the button, then theirs,
  // remembered (the head of the page applies it before the first paint).
  var toggle = document.querySelector(".theme-toggle");
  if (toggle) {
    var root = document.documentElement;
    var system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    var isDark = function () {
      return root.dataset.theme ? root.dataset.theme === "dark" : !!(system && system.matches);
    };
    var show = function () { toggle.setAttribute("aria-pressed", isDark() ? "true" : "false"); };
    toggle.hidden = false;
    show();
    if (system && system.addEventListener) system.addEventListener("change", show);
    toggle.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem("naskah-theme", next); } catch (e) {}
      show();
    });
  }

  // The table of contents: the heading last scrolled past is the current section.
  var toc = document.querySelector("nav.toc");
  if (!toc) return;
  var links = {};
  toc.querySelectorAll('a[href^="#"]').forEach(function (a) {
    links[decodeURIComponent(a.getAttribute("href").slice(1))] = a;
  });
  var headings = Object.keys(links)
    .map(function (id) { return document.getElementById(id); })
    .filter(Boolean);
  function mark() {
    var current = null;
    headings.forEach(function (h) {
      if (h.getBoundingClientRect().top <= 80) current = h;
    });
    Object.keys(links).forEach(function (id) { links[id].removeAttribute("aria-current"); });
    if (current) links[current.id].setAttribute("aria-current", "true");
  }
  window.addEventListener("scroll", mark, { passive: true });
  mark();
})();
