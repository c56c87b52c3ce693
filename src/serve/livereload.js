// naskah live reload: injected by `naskah serve` only, never by `naskah build`.
(function () {
  "use strict";
  var script = document.currentScript;
  var events = new URL("events", script.src);
  // The version this page was served at: the server answers a stale one with a reload
  // at once (an edit saved while the page was loading).
  events.searchParams.set("since", script.dataset.version || "0");
  var key = "naskah-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, Number(saved)); });
  }
  function overlay(message) {
    var box = document.getElementById("naskah-error-overlay");
    if (message === null) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "naskah-error-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
        "background:rgba(20,0,0,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;direction:ltr;text-align:left";
      document.body.appendChild(box);
    }
    box.innerHTML = "";
    var title = document.createElement("strong");
    title.textContent = "naskah: the last edit does not build (the page shows the last good version)";
    var pre = document.createElement("pre");
    // The theme styles <pre> (a light code background): the overlay's own colours win.
    pre.style.cssText = "white-space:pre-wrap;background:none;color:inherit;border:0;margin:1rem 0 0;padding:0";
    title.style.color = "inherit";
    pre.textContent = message;
    box.appendChild(title);
    box.appendChild(pre);
  }
  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }
  function swapStyles() {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("naskah", String(Date.now()));
      link.href = url.toString();
    });
  }
  var source = new EventSource(events);
  source.addEventListener("reload", function () { reload(); });
  source.addEventListener("css", function () { overlay(null); swapStyles(); });
  source.addEventListener("error-overlay", function (e) { overlay(JSON.parse(e.data).message); });
  source.addEventListener("ok", function () { overlay(null); });
})();
