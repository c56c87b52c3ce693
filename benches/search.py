#!/usr/bin/env python3
"""Search benchmark: naskah's search against Pagefind, on the same pages and queries.

    python3 benches/search.py [--sets help,repo,real,scale] [--docs 10000] [--runs 5]
                              [--real-dir /tmp/search-real] [--install]

Four kinds of data set, each reported on its own:

- help:  tests/search_queries/corpus.toml, a help centre written for the tests in six
         languages, with the queries a reader would type (other forms of the page's words).
- repo:  this repository's site, with tests/search_queries/repo_site.toml.
- real:  documentation nobody here wrote, one folder of Markdown per language under
         --real-dir (see benches/README.md for the repositories fetched). Its queries are
         made from the pages themselves (known-item): each page's title, and the two
         words of its title that are rarest in its language.
- scale: benches/gen_corpus.py with --docs documents × 6 languages, 20 per section, for
         cost: build time with and without the index (medians of --runs, alternating),
         bytes one query loads (cold cache), and time from typing to results shown
         (cold, and with the HTTP cache warm) in headless Chromium.

Quality is recall@3 (the expected page among the first three results) and MRR@10, per
language. Pagefind (1.6.0, the extended binary, which segments Chinese and Japanese)
indexes the very pages naskah rendered, their `<main>` only (`--root-selector main`), and
answers through its own `pagefind.js` in the same browser; its binary comes from
PAGEFIND_BIN, or --install puts it in ~/.cache/naskah-bench with npm. A missing Pagefind
is reported, not fatal. Writes benches/results/search-<date>.json.

Python 3.11 standard library only, Linux; needs Debian `chromium`.
"""
from __future__ import annotations

import argparse
import collections
import datetime
import gzip
import http.server
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LANGS = ["id", "en", "zh", "ja", "ar", "fr"]
PAGEFIND_VERSION = "1.6.0"
CACHE = Path.home() / ".cache" / "naskah-bench"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = load("bench")
latency = load("latency")
say = bench.say


# --------------------------------------------------------------------------- tools


def find_pagefind(install: bool) -> Path | None:
    if os.environ.get("PAGEFIND_BIN"):
        return Path(os.environ["PAGEFIND_BIN"])
    binary = CACHE / "pagefind" / "node_modules" / "@pagefind" / "linux-x64" / "bin" / "pagefind_extended"
    if not binary.exists() and install and shutil.which("npm"):
        (CACHE / "pagefind").mkdir(parents=True, exist_ok=True)
        bench.run_cmd(["npm", "install", "--prefix", str(CACHE / "pagefind"), f"pagefind@{PAGEFIND_VERSION}"])
    return binary if binary.exists() else None


def chromium() -> str | None:
    for name in ["/usr/bin/chromium", "/usr/bin/chromium-browser"]:
        if os.access(name, os.X_OK):
            return name
    return shutil.which("chromium")


class Server:
    """Serves a folder over HTTP on a free port, each file cacheable for an hour (as a
    static host would), so that a second page load takes the index from the cache."""

    def __init__(self, folder: Path):
        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(folder), **kwargs)

            def end_headers(self):
                self.send_header("Cache-Control", "max-age=3600")
                super().end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


class Browser:
    """Headless Chromium driven over the DevTools protocol (latency.py's WebSocket)."""

    def __init__(self, binary: str):
        self.profile = tempfile.mkdtemp(prefix="naskah-search-")
        self.proc = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.time() + 30
        while not port_file.is_file() or not port_file.read_text().strip():
            if time.time() > deadline:
                raise RuntimeError("chromium did not start its debugger")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        while True:
            try:
                targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list").read())
                page = next(t for t in targets if t.get("type") == "page")
                break
            except (OSError, StopIteration, ValueError):
                if time.time() > deadline:
                    raise
                time.sleep(0.1)
        url = urllib.parse.urlparse(page["webSocketDebuggerUrl"])
        self.ws = latency.WebSocket(url.hostname, url.port, url.path)
        self.next = 0

    def call(self, method: str, params: dict | None = None, timeout: float = 120):
        self.next += 1
        ident = self.next
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params or {}}))
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for _, text in self.ws.poll(deadline):
                message = json.loads(text)
                if message.get("id") == ident:
                    if "error" in message:
                        raise RuntimeError(f"{method}: {message['error']}")
                    return message["result"]
        raise TimeoutError(method)

    def evaluate(self, expression: str, timeout: float = 120):
        result = self.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True}, timeout)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url: str, ready: str):
        """Loads `url` and waits until `ready` (an expression) is true."""
        self.evaluate("window.__leaving = true")
        self.call("Page.navigate", {"url": url})
        deadline = time.time() + 60
        while not self.evaluate(f"!window.__leaving && document.readyState === 'complete' && !!({ready})"):
            if time.time() > deadline:
                raise TimeoutError(f"{url} did not become ready")
            time.sleep(0.01)

    def close(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


# What each engine does for one query in the page: the result URLs in rank order (at
# most 10), the milliseconds from typing to results, and the index files loaded so far.
NASKAH_READY = "document.querySelector('.search') && !document.querySelector('.search').hidden"
NASKAH_QUERY = r"""(async (q) => {
  const input = document.querySelector('[role=search] input[type=search]');
  const list = document.querySelector('[data-search-results]');
  const shown = new Promise((done) => {
    const watch = new MutationObserver(() => { watch.disconnect(); done(); });
    // show() always rewrites the status ("N results"), results or not.
    watch.observe(document.querySelector('.search-status'), { childList: true, characterData: true, subtree: true });
  });
  const start = performance.now();
  input.focus();
  input.value = q;
  input.dispatchEvent(new Event('input'));
  await shown;
  const ms = performance.now() - start;
  return { ms, results: [...list.querySelectorAll('a')].map((a) => a.href),
           files: performance.getEntriesByType('resource').filter((e) => e.name.includes('/assets/search/'))
             .map((e) => [e.name, e.encodedBodySize]) };
})"""
PAGEFIND_READY = "true"
PAGEFIND_QUERY = r"""(async (q) => {
  const start = performance.now();
  if (!window.__pagefind) {
    window.__pagefind = await import(location.origin + '/pagefind/pagefind.js');
    await window.__pagefind.init();
  }
  const found = await window.__pagefind.search(q);
  const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
  const ms = performance.now() - start;
  return { ms, results: data.map((d) => new URL(d.url, location.href).href),
           files: performance.getEntriesByType('resource').filter((e) => e.name.includes('/pagefind/'))
             .map((e) => [e.name, e.encodedBodySize]) };
})"""
ENGINES = {"naskah": (NASKAH_READY, NASKAH_QUERY), "pagefind": (PAGEFIND_READY, PAGEFIND_QUERY)}


# --------------------------------------------------------------------------- data sets


def write_site(folder: Path, docs: dict[str, dict[str, tuple[str, str]]], source: str = "id",
               langs: list[str] = LANGS):
    """A naskah site of `docs`: key → language → (title, Markdown body)."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "content").mkdir(parents=True)
    names = {"id": "Bahasa Indonesia", "en": "English", "zh": "中文", "ja": "日本語",
             "ar": "العربية", "fr": "Français"}
    ordered = [source] + [l for l in langs if l != source]
    config = f'title = "Search bench"\nsource_language = "{source}"\n\n[content]\nunknown_front_matter = "warn"\n'
    for lang in ordered:
        config += f'\n[languages.{lang}]\nname = "{names[lang]}"\n'
    (folder / "naskah.toml").write_text(config)
    (folder / "content" / "index.md").write_text("+++\ntitle = \"Home\"\n+++\nHome.\n")
    for lang in ordered[1:]:
        (folder / "content" / f"index.{lang}.md").write_text("+++\ntitle = \"Home\"\n+++\nHome.\n")
    for key, versions in docs.items():
        for lang, (title, body) in versions.items():
            suffix = "" if lang == source else f".{lang}"
            path = folder / "content" / f"{key}{suffix}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"+++\ntitle = {json.dumps(title, ensure_ascii=False)}\n+++\n{body}\n")


def help_set(work: Path) -> dict:
    data = tomllib.loads((ROOT / "tests" / "search_queries" / "corpus.toml").read_text())
    docs = {d["slug"]: {l: (d["title"][l], d["body"][l]) for l in LANGS} for d in data["doc"]}
    site = work / "help"
    write_site(site, docs)
    return {"site": site, "source": "id", "queries": [(q["lang"], q["q"], q["expect"]) for q in data["query"]]}


def repo_set(work: Path) -> dict:
    site = work / "repo"
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    for name in ["naskah.toml", "content", "locales", "themes", "static", "naskah.lock"]:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, site / name)
        elif src.is_file():
            shutil.copy(src, site / name)
    data = tomllib.loads((ROOT / "tests" / "search_queries" / "repo_site.toml").read_text())
    return {"site": site, "source": "id", "queries": [(q["lang"], q["q"], q["expect"]) for q in data["query"]]}


FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.M)


def markdown_pages(folder: Path) -> dict[str, tuple[str, str]]:
    """key → (title, body) of the Markdown and MDX files under `folder`: the YAML front
    matter's title; MDX import and export lines and JSX comments dropped."""
    out = {}
    for path in sorted(folder.rglob("*.md*")):
        if path.suffix not in (".md", ".mdx"):
            continue
        text = path.read_text(errors="replace")
        front = FRONT.match(text)
        title = TITLE.search(front.group(1)) if front else None
        if not title:
            continue
        body = text[front.end():]
        body = re.sub(r"^(import|export) .*$", "", body, flags=re.M)
        body = re.sub(r"\{/\*.*?\*/\}", "", body)
        key = path.relative_to(folder).with_suffix("").as_posix().lower()
        key = re.sub(r"[^a-z0-9/_-]+", "-", key).strip("-")
        out[key] = (title.group(1).strip("'\""), body)
    return out


def real_sets(real_dir: Path, work: Path) -> list[dict]:
    """One set per `real_dir/SET/LANG/` folder: a one-language site of that folder, with
    known-item queries made from its pages' titles."""
    sets = []
    for set_dir in sorted(p for p in real_dir.iterdir() if p.is_dir()):
        for lang_dir in sorted(p for p in set_dir.iterdir() if p.is_dir()):
            lang = lang_dir.name
            if lang not in LANGS:
                continue
            pages = markdown_pages(lang_dir)
            if len(pages) < 20:
                continue
            site = work / "real" / set_dir.name / lang
            write_site(site, {k: {lang: v} for k, v in pages.items()}, source=lang, langs=[lang])
            sets.append({"name": f"{set_dir.name} {lang}", "site": site, "source": lang,
                         "queries": known_items(pages, lang)})
    return sets


def known_items(pages: dict[str, tuple[str, str]], lang: str) -> list[tuple[str, str, str]]:
    """Per page, its title, and the two words of its title rarest among the titles (for
    text without spaces, its two rarest pairs of characters); pages whose title another
    page shares are left out."""
    titles = collections.Counter(t for t, _ in pages.values())
    words = {k: title_words(t, lang) for k, (t, _) in pages.items()}
    df = collections.Counter(w for ws in words.values() for w in set(ws))
    queries = []
    for key, (title, _) in sorted(pages.items()):
        if titles[title] > 1:
            continue
        # A folder's index.md is the folder's own page, at the folder's address.
        address = "" if key == "index" else key.removesuffix("/index")
        queries.append((lang, title, address))
        rare = sorted(set(words[key]), key=lambda w: (df[w], w))[:2]
        if len(rare) == 2 and len(words[key]) > 2:
            queries.append((lang, " ".join(rare), address))
    return queries


def title_words(title: str, lang: str) -> list[str]:
    if lang in ("zh", "ja"):
        # Text without spaces as its pairs of characters; Latin words whole.
        out = []
        for run in re.findall(r"[\u3040-\u30ff\u3400-\u9fff]+|[A-Za-z0-9]+", title):
            if run.isascii():
                out += [run] if len(run) > 2 else []
            else:
                out += [run[i:i + 2] for i in range(max(1, len(run) - 1))]
        return out
    return [w for w in re.findall(r"\w+", title) if len(w) > 2]


# --------------------------------------------------------------------------- measures


def build(naskah: Path, site: Path, pagefind: Path | None) -> dict:
    out = site / "site"
    start = time.perf_counter()
    r = subprocess.run([str(naskah), "build", "--root", str(site), "--out", str(out)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"naskah build {site}: {r.stderr[-2000:]}")
    info = {"naskah_build_s": time.perf_counter() - start}
    if pagefind:
        start = time.perf_counter()
        r = subprocess.run([str(pagefind), "--site", str(out), "--root-selector", "main",
                            "--keep-index-url", "--quiet"], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"pagefind {out}: {r.stderr[-2000:]}")
        info["pagefind_index_s"] = time.perf_counter() - start
    return info


def page_url(port: int, lang: str, source: str) -> str:
    return f"http://127.0.0.1:{port}/" + ("index.html" if lang == source else f"{lang}/index.html")


def result_key(url: str, port: int, lang: str, source: str) -> str:
    path = urllib.parse.urlparse(url).path.lstrip("/")
    if lang != source and path.startswith(f"{lang}/"):
        path = path[len(lang) + 1:]
    return re.sub(r"/?index\.html$", "", path).strip("/")


def quality(browser: Browser, port: int, data: dict, engine: str) -> dict:
    ready, query = ENGINES[engine]
    by_lang = collections.defaultdict(list)
    for lang, q, expect in data["queries"]:
        by_lang[lang].append((q, expect))
    out = {}
    for lang, queries in sorted(by_lang.items()):
        browser.open(page_url(port, lang, data["source"]), ready)
        ranks, missed = [], []
        for q, expect in queries:
            answer = browser.evaluate(f"{query}({json.dumps(q)})")
            keys = [result_key(u, port, lang, data["source"]) for u in answer["results"]]
            rank = keys.index(expect) + 1 if expect in keys else None
            ranks.append(rank)
            if not rank or rank > 3:
                missed.append({"q": q, "expect": expect, "got": keys[:3]})
        n = len(ranks)
        out[lang] = {"queries": n,
                     "recall_at_3": sum(1 for r in ranks if r and r <= 3) / n,
                     "mrr_at_10": sum(1 / r for r in ranks if r) / n,
                     "missed": missed}
    return out


def costs(browser: Browser, server_root: Path, port: int, data: dict, engine: str, per_lang: int) -> dict:
    """Per language, `per_lang` queries each typed into a fresh page with an empty cache
    (bytes, ms cold) and again after reloading with the cache warm (ms warm)."""
    ready, query = ENGINES[engine]
    by_lang = collections.defaultdict(list)
    for lang, q, _ in data["queries"]:
        by_lang[lang].append(q)
    out = {}
    browser.call("Network.enable")
    for lang, queries in sorted(by_lang.items()):
        step = max(1, len(queries) // per_lang)
        sample = queries[::step][:per_lang]
        cold, warm, again, raw, zipped, found = [], [], [], [], [], []
        url = page_url(port, lang, data["source"])
        for i, q in enumerate(sample):
            browser.call("Network.clearBrowserCache")
            browser.open(url, ready)
            answer = browser.evaluate(f"{query}({json.dumps(q)})")
            cold.append(answer["ms"])
            raw.append(sum(size for _, size in answer["files"]))
            zipped.append(sum(gzipped(server_root, name, port) for name, _ in answer["files"]))
            found.append(len(answer["results"]))
            browser.open(url, ready)
            warm.append(browser.evaluate(f"{query}({json.dumps(q)})")["ms"])
            # Another query in the same page: what a reader refining a query waits.
            other = sample[(i + 1) % len(sample)]
            again.append(browser.evaluate(f"{query}({json.dumps(other)})")["ms"])
        out[lang] = {"queries": len(sample), "results_median": statistics.median(found),
                     "cold_ms_median": statistics.median(cold),
                     "warm_ms_median": statistics.median(warm), "warm_ms_max": max(warm),
                     "in_page_ms_median": statistics.median(again), "in_page_ms_max": max(again),
                     "bytes_median": statistics.median(raw), "bytes_max": max(raw),
                     "gzip_bytes_median": statistics.median(zipped), "gzip_bytes_max": max(zipped)}
    return out


def gzipped(root: Path, url: str, port: int) -> int:
    """The size a host that compresses would send (gzip -6); Pagefind's index files are
    compressed already and stay as they are."""
    path = root / urllib.parse.urlparse(url).path.lstrip("/")
    try:
        data = path.read_bytes()
    except OSError:
        return 0
    if data[:2] == b"\x1f\x8b" or path.suffix in (".wasm", ".pf_meta", ".pf_index", ".pf_fragment"):
        return len(data)
    return len(gzip.compress(data, 6))


def build_cost(naskah: Path, site: Path, runs: int) -> dict:
    """Build time with the index and without it (`[search] enabled = false`), runs
    alternating; medians, and the index's size."""
    config = site / "naskah.toml"
    original = config.read_text()
    off = original + "\n[search]\nenabled = false\n"
    times = {"with": [], "without": []}
    try:
        for i in range(runs * 2 + 2):
            which = "with" if i % 2 == 0 else "without"
            config.write_text(original if which == "with" else off)
            out = site / "bench-out"
            shutil.rmtree(out, ignore_errors=True)
            start = time.perf_counter()
            subprocess.run([str(naskah), "build", "-q", "--root", str(site), "--out", str(out)],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if i >= 2:  # the first of each is a warm-up
                times[which].append(time.perf_counter() - start)
    finally:
        config.write_text(original)
    subprocess.run([str(naskah), "build", "-q", "--root", str(site), "--out", str(site / "bench-out")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    files = list((site / "bench-out" / "assets" / "search").rglob("*.js"))
    with_s, without_s = statistics.median(times["with"]), statistics.median(times["without"])
    return {"with_s": with_s, "without_s": without_s, "added": with_s / without_s - 1,
            "runs": times, "index_bytes": sum(f.stat().st_size for f in files),
            "index_files": len(files), "largest_file_bytes": max(f.stat().st_size for f in files)}


def scale_set(naskah: Path, docs: int) -> dict:
    site = bench.corpus(bench.TMPFS_BASE, docs, "naskah-builtin", 20)
    # Queries: per language, two title words of every 50th page (known items of a
    # generated text, for cost rather than quality).
    queries = []
    for lang in LANGS:
        suffix = "" if lang == "id" else f".{lang}"
        files = sorted((site / "content").glob(f"s*/doc*{suffix}.md"))
        files = [f for f in files if f.name.count(".") == (1 if lang == "id" else 2)]
        for f in files[::max(1, len(files) // 30)][:30]:
            m = re.search(r'^title = "(.*)"$', f.read_text(), re.M)
            if m:
                words = title_words(m.group(1), lang)[:2]
                joiner = "" if lang in ("zh", "ja") else " "
                queries.append((lang, joiner.join(words), ""))
    return {"name": f"scale {docs}", "site": site, "source": "id", "queries": queries}


# --------------------------------------------------------------------------- report


def pct(x: float) -> str:
    return f"{x * 100:.0f} %"


def quality_table(name: str, results: dict) -> str:
    engines = [e for e in ENGINES if e in results]
    lines = [f"\n### {name}\n", "| lang | queries | " + " | ".join(f"{e} recall@3 | {e} MRR@10" for e in engines) + " |",
             "|---|---|" + "---|---|" * len(engines)]
    langs = sorted(next(iter(results.values())).keys())
    for lang in langs:
        row = [lang, str(results[engines[0]][lang]["queries"])]
        for e in engines:
            r = results[e].get(lang, {})
            row += [pct(r.get("recall_at_3", 0)), f"{r.get('mrr_at_10', 0):.2f}"]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="help,repo,real,scale")
    ap.add_argument("--docs", type=int, default=10000, help="documents of the scale set")
    ap.add_argument("--runs", type=int, default=5, help="timed builds each way for the build cost")
    ap.add_argument("--per-lang", type=int, default=10, help="queries per language for transfer and latency")
    ap.add_argument("--real-dir", default="/tmp/search-real", help="SET/LANG/ folders of real Markdown docs")
    ap.add_argument("--install", action="store_true", help="install Pagefind with npm when missing")
    ap.add_argument("--no-pagefind", action="store_true")
    args = ap.parse_args()
    sets = args.sets.split(",")
    binary = chromium()
    if not binary:
        say("error: no chromium (apt-get install chromium)")
        return 2
    built = bench.build_naskah()
    if not built:
        return 1
    naskah = built[0]
    pagefind = None if args.no_pagefind else find_pagefind(args.install)
    say(f"pagefind: {pagefind or 'missing (set PAGEFIND_BIN or pass --install); naskah only'}")
    work = Path(tempfile.mkdtemp(prefix="naskah-search-bench-", dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
    report = {"date": datetime.date.today().isoformat(), "machine": bench.machine_info(),
              "naskah": bench.git_describe(), "pagefind": PAGEFIND_VERSION if pagefind else None, "sets": {}}
    data_sets = []
    if "help" in sets:
        data_sets.append({"name": "help centre (written for the tests)", **help_set(work)})
    if "repo" in sets:
        data_sets.append({"name": "repository site", **repo_set(work)})
    if "real" in sets and Path(args.real_dir).is_dir():
        data_sets += real_sets(Path(args.real_dir), work)
    elif "real" in sets:
        say(f"real: {args.real_dir} is missing; skipped (see benches/README.md)")
    browser = Browser(binary)
    try:
        for data in data_sets:
            info = build(naskah, data["site"], pagefind)
            server = Server(data["site"] / "site")
            try:
                results = {e: quality(browser, server.port, data, e)
                           for e in ENGINES if e == "naskah" or pagefind}
            finally:
                server.close()
            report["sets"][data["name"]] = {"build": info, "quality": results}
            print(quality_table(data["name"], results), flush=True)
        if "scale" in sets:
            data = scale_set(naskah, args.docs)
            cost = build_cost(naskah, data["site"], args.runs)
            out = data["site"] / "bench-out"
            pagefind_s = None
            if pagefind:
                start = time.perf_counter()
                subprocess.run([str(pagefind), "--site", str(out), "--root-selector", "main",
                                "--keep-index-url", "--quiet"], check=True)
                pagefind_s = time.perf_counter() - start
            server = Server(out)
            try:
                per_engine = {e: costs(browser, out, server.port, data, e, args.per_lang)
                              for e in ENGINES if e == "naskah" or pagefind}
            finally:
                server.close()
            report["sets"][data["name"]] = {"build_cost": cost, "pagefind_index_s": pagefind_s,
                                            "per_query": per_engine}
            print(f"\n### {data['name']} documents × 6 languages\n")
            print(f"naskah build: {cost['with_s']:.2f} s with the index, {cost['without_s']:.2f} s without "
                  f"(+{pct(cost['added'])}); index {cost['index_bytes'] / 1e6:.1f} MB in {cost['index_files']} files, "
                  f"largest {cost['largest_file_bytes'] / 1e3:.0f} KB"
                  + (f"; Pagefind indexing the built site: {pagefind_s:.1f} s" if pagefind_s else ""))
            print("\n| engine | lang | results | typed → results, cold (ms) | warm cache (ms, median / max) | "
                  "next query in the page (ms, median / max) | bytes per query (median / max) | "
                  "gzip (median / max) |\n|---|---|---|---|---|---|---|---|")
            for e, langs in per_engine.items():
                for lang, r in langs.items():
                    print(f"| {e} | {lang} | {r['results_median']:.0f} | {r['cold_ms_median']:.0f} | "
                          f"{r['warm_ms_median']:.0f} / {r['warm_ms_max']:.0f} | "
                          f"{r['in_page_ms_median']:.0f} / {r['in_page_ms_max']:.0f} | "
                          f"{r['bytes_median'] / 1e3:.0f} / {r['bytes_max'] / 1e3:.0f} KB | "
                          f"{r['gzip_bytes_median'] / 1e3:.0f} / {r['gzip_bytes_max'] / 1e3:.0f} KB |")
    finally:
        browser.close()
        shutil.rmtree(work, ignore_errors=True)
    results = HERE / "results" / f"search-{report['date']}.json"
    results.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str) + "\n")
    say(f"wrote {results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
