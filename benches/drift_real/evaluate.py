#!/usr/bin/env python3
"""Score naskah's drift detection on the labelled real-world pairs made by extract.py.

For every data set folder (``--data /tmp/naskah-eval/react`` ...; several may be given) and
every language in it, builds one naskah site per mode in a temporary folder, with all the
pairs of that language (``content/SLUG.md`` = English, ``content/SLUG.LANG.md`` = translation),
runs the naskah binary and compares its verdicts with the labels.

Modes
-----
untracked    source_now + translation, no naskah.lock, ``naskah check --format json``.
             A translation is *flagged* when it has a finding of severity warning or error
             (exit status 1 only means there were findings). Reports precision, recall, F1
             and false alarms per 100 in-sync translations, and per finding kind / severity
             how many in-sync and stale translations carry it.
provenance   source_then + translation, ``naskah accept --all``, then every source replaced by
             source_now, ``naskah check --format json``. Predicted stale = status ``outdated``
             or any warning/error. Reports how many statuses are right (outdated <=> stale,
             in_sync <=> in_sync), F1 of the prediction, and errors on in-sync translations.

Baselines printed beside naskah (from meta.json): ``bytes`` = the source file's bytes
changed between source_then and source_now (what a file-level, git-date tool knows when it
has exact provenance); ``lunaria`` (astro only) = Lunaria's own verdict, git dates of both
files with its ignore keywords.

Front matter: naskah accepts a fixed set of keys, so each file's front matter is rewritten to
TOML with only ``title`` and ``description`` (when they are strings); the body is kept byte
for byte (MDX components, imports, macros: that is real input). A file that makes a run exit
2 (or print no JSON) is found from the message (or by bisection), excluded, recorded, and the
run retried.

Usage::

    python3 benches/drift_real/evaluate.py --data /tmp/naskah-eval/react /tmp/naskah-eval/vue \\
        /tmp/naskah-eval/astro --json /tmp/naskah-eval/results.json --dump-fp 40

``--naskah`` defaults to target/release/naskah, else target/debug/naskah (relative to the
repository). ``--dump-fp N`` prints N findings on in-sync translations (false alarms) per
mode, spread over kinds, each with the two lines involved: the main debugging output.
``--dump-fn N`` prints N stale translations that were not flagged.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

LANG_NAMES = {
    "en": "English",
    "id": "Bahasa Indonesia",
    "zh": "中文",
    "ja": "日本語",
    "ar": "العربية",
    "fr": "Français",
    "ko": "한국어",
}

SEVERE = ("warning", "error")


# ---------------------------------------------------------------------------------------
# data


def load_set(folder: str) -> tuple[dict, dict[str, list[dict]]]:
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    by_lang: dict[str, list[dict]] = {}
    for lang in sorted(os.listdir(folder)):
        ldir = os.path.join(folder, lang)
        if not os.path.isdir(ldir):
            continue
        pairs = []
        for slug in sorted(os.listdir(ldir)):
            d = os.path.join(ldir, slug)
            with open(os.path.join(d, "meta.json"), encoding="utf-8") as f:
                meta = json.load(f)
            texts = {}
            for name in ("source_then", "source_now", "translation"):
                with open(os.path.join(d, name + ".md"), encoding="utf-8") as f:
                    texts[name] = f.read()
            pairs.append({"slug": site_slug(slug), "dir": d, "meta": meta, **texts})
        by_lang[lang] = pairs
    return manifest, by_lang


def site_slug(slug: str) -> str:
    # naskah reads NAME.LANG.md: no dots in names; keep file names plain
    return re.sub(r"[^A-Za-z0-9_-]", "_", slug)


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter block without fences, body) for a leading --- YAML block."""
    if text.startswith("---"):
        nl = text.find("\n")
        if nl != -1 and text[:nl].strip() == "---":
            m = re.search(r"^---[ \t]*\r?$", text[nl + 1 :], re.M)
            if m:
                return text[nl + 1 : nl + 1 + m.start()], text[nl + 1 + m.end() :].lstrip("\r\n")
    return "", text


def rewrite(text: str) -> str:
    """The file as naskah gets it: TOML front matter with title and description only."""
    block, body = split_front_matter(text)
    keep = {}
    if block:
        try:
            import yaml

            data = yaml.safe_load(block) or {}
        except Exception:
            data = {}
        if isinstance(data, dict):
            for key in ("title", "description"):
                if isinstance(data.get(key), str):
                    keep[key] = data[key]
    if not keep:
        return body if block else text
    lines = ["+++"] + [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in keep.items()] + ["+++", ""]
    return "\n".join(lines) + body


# ---------------------------------------------------------------------------------------
# naskah runs


class Site:
    def __init__(self, naskah: str, lang: str, pairs: list[dict]):
        self.naskah = naskah
        self.lang = lang
        self.root = tempfile.mkdtemp(prefix=f"naskah-eval-{lang}-")
        self.files: dict[str, str] = {}  # site path -> text written
        with open(os.path.join(self.root, "naskah.toml"), "w", encoding="utf-8") as f:
            f.write(
                'title = "Drift evaluation"\nsource_language = "en"\n\n'
                f'[languages.en]\nname = "{LANG_NAMES["en"]}"\n\n'
                f'[languages.{lang}]\nname = "{LANG_NAMES.get(lang, lang)}"\n'
            )
        os.makedirs(os.path.join(self.root, "content"))
        self.pairs = pairs

    def src_path(self, p):
        return f"content/{p['slug']}.md"

    def tr_path(self, p):
        return f"content/{p['slug']}.{self.lang}.md"

    def write(self, path: str, text: str):
        text = rewrite(text)
        self.files[path] = text
        with open(os.path.join(self.root, path), "w", encoding="utf-8") as f:
            f.write(text)

    def remove(self, p):
        for path in (self.src_path(p), self.tr_path(p)):
            full = os.path.join(self.root, path)
            if os.path.exists(full):
                os.remove(full)
            self.files.pop(path, None)
        lock = os.path.join(self.root, "naskah.lock")
        if os.path.exists(lock):
            os.remove(lock)

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [self.naskah, *args, "--root", self.root],
            capture_output=True, text=True, timeout=600,
            env={**os.environ, "NO_COLOR": "1"},
        )

    def cleanup(self):
        shutil.rmtree(self.root, ignore_errors=True)


def offending(site: Site, stderr: str) -> list[dict]:
    """Pairs named by a failed run's messages."""
    named = set(re.findall(r"(content/[^\s:]+\.md)", stderr))
    return [p for p in site.pairs if site.src_path(p) in named or site.tr_path(p) in named]


def run_mode(naskah: str, lang: str, pairs: list[dict], mode: str, log) -> tuple[dict, list[dict], dict]:
    """Run one mode on one language: ({slug: record}, exclusions, raw_json)."""
    active = list(pairs)
    exclusions = []
    while True:
        site = Site(naskah, lang, active)
        for p in active:
            site.write(site.src_path(p), p["source_then"] if mode == "provenance" else p["source_now"])
            site.write(site.tr_path(p), p["translation"])
        failed, stderr = None, ""
        if mode == "provenance":
            res = site.run("accept", "--all", "-q")
            if res.returncode != 0:
                failed, stderr = "accept", res.stderr + res.stdout
            else:
                for p in active:
                    site.write(site.src_path(p), p["source_now"])
        data = None
        if failed is None:
            res = site.run("check", "--format", "json")
            stderr = res.stderr
            try:
                data = json.loads(res.stdout)
            except json.JSONDecodeError:
                data = None
            if res.returncode == 2 or data is None:
                failed = f"check exit {res.returncode}"
        if failed is None:
            records = {}
            by_path = {site.tr_path(p): p for p in active}
            for rec in data.get("translations", []):
                p = by_path.get(rec.get("file"))
                if p is not None:
                    records[p["slug"]] = {"record": rec, "pair": p, "files": site.files}
            site_files = dict(site.files)
            site.cleanup()
            for r in records.values():
                r["files"] = site_files
            return records, exclusions, data
        bad = offending(site, stderr)
        if not bad:
            bad = bisect(naskah, lang, active, mode)
        site.cleanup()
        if not bad:
            raise RuntimeError(f"{mode} {lang}: naskah failed and no single file explains it:\n{stderr[:2000]}")
        msg = stderr.strip().splitlines()[0][:300] if stderr.strip() else failed
        for p in bad:
            exclusions.append({"slug": p["slug"], "page": p["meta"]["page"], "mode": mode, "why": f"{failed}: {msg}"})
            log(f"    excluded {lang}/{p['slug']} ({mode}): {msg}")
        ids = {id(p) for p in bad}
        active = [p for p in active if id(p) not in ids]


def fails(naskah: str, lang: str, pairs: list[dict], mode: str) -> bool:
    site = Site(naskah, lang, pairs)
    try:
        for p in pairs:
            site.write(site.src_path(p), p["source_then"] if mode == "provenance" else p["source_now"])
            site.write(site.tr_path(p), p["translation"])
        if mode == "provenance":
            if site.run("accept", "--all", "-q").returncode != 0:
                return True
            for p in pairs:
                site.write(site.src_path(p), p["source_now"])
        res = site.run("check", "--format", "json")
        try:
            json.loads(res.stdout)
        except json.JSONDecodeError:
            return True
        return res.returncode == 2
    finally:
        site.cleanup()


def bisect(naskah: str, lang: str, pairs: list[dict], mode: str) -> list[dict]:
    if len(pairs) == 1:
        return pairs if fails(naskah, lang, pairs, mode) else []
    half = len(pairs) // 2
    for part in (pairs[:half], pairs[half:]):
        if fails(naskah, lang, part, mode):
            return bisect(naskah, lang, part, mode)
    return []


# ---------------------------------------------------------------------------------------
# scoring


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def severe(rec: dict) -> bool:
    return any(f["severity"] in SEVERE for f in rec["findings"])


def score(records: list[dict], mode: str) -> dict:
    c = collections.Counter()
    for r in records:
        stale = r["pair"]["meta"]["label"] == "stale"
        rec = r["record"]
        if mode == "untracked":
            pred = severe(rec)
        else:
            pred = rec["status"] == "outdated" or severe(rec)
            right = (stale and rec["status"] == "outdated") or (not stale and rec["status"] == "in_sync")
            c["status_right"] += right
            c["errors_on_in_sync"] += 0 if stale else sum(1 for f in rec["findings"] if f["severity"] == "error")
            c["in_sync_with_error"] += 0 if stale else any(f["severity"] == "error" for f in rec["findings"])
        c["n"] += 1
        c["stale"] += stale
        c["tp"] += pred and stale
        c["fp"] += pred and not stale
        c["fn"] += (not pred) and stale
    p, rcl, f1 = prf(c["tp"], c["fp"], c["fn"])
    n_sync = c["n"] - c["stale"]
    out = {
        "n": c["n"], "stale": c["stale"], "in_sync": n_sync,
        "tp": c["tp"], "fp": c["fp"], "fn": c["fn"],
        "precision": p, "recall": rcl, "f1": f1,
        "false_alarms_per_100_in_sync": 100 * c["fp"] / n_sync if n_sync else 0.0,
    }
    if mode == "provenance":
        out["status_right_pct"] = 100 * c["status_right"] / c["n"] if c["n"] else 0.0
        out["errors_on_in_sync"] = c["errors_on_in_sync"]
        out["in_sync_with_error"] = c["in_sync_with_error"]
    return out


def baseline(records: list[dict], key: str, positive) -> dict | None:
    vals = [r["pair"]["meta"].get(key) for r in records]
    if any(v is None for v in vals) or not vals:
        return None
    tp = fp = fn = 0
    for r, v in zip(records, vals):
        stale = r["pair"]["meta"]["label"] == "stale"
        pred = v == positive
        tp += pred and stale
        fp += pred and not stale
        fn += (not pred) and stale
    p, rcl, f1 = prf(tp, fp, fn)
    n_sync = sum(1 for r in records if r["pair"]["meta"]["label"] != "stale")
    return {"precision": p, "recall": rcl, "f1": f1, "false_alarms_per_100_in_sync": 100 * fp / n_sync if n_sync else 0.0}


def per_kind(records: list[dict]) -> dict:
    kinds: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for r in records:
        label = r["pair"]["meta"]["label"]
        fs = r["record"]["findings"]
        for kind in {f["kind"] for f in fs}:
            kinds["kind:" + kind][label] += 1
        for kind in {f["kind"] for f in fs if f["severity"] in SEVERE}:
            kinds["kind:" + kind][label + "_severe"] += 1
        for sev in {f["severity"] for f in fs}:
            kinds["severity:" + sev][label] += 1
        kinds["status:" + r["record"]["status"]][label] += 1
        for f in fs:
            kinds["kind:" + f["kind"]]["findings"] += 1
    out = {}
    for k, c in sorted(kinds.items()):
        carrying = c["stale"] + c["in_sync"]
        severe_carrying = c["stale_severe"] + c["in_sync_severe"]
        out[k] = {
            "in_sync": c["in_sync"], "stale": c["stale"], "findings": c["findings"],
            "precision": c["stale"] / carrying if carrying else 0.0,
            "in_sync_severe": c["in_sync_severe"], "stale_severe": c["stale_severe"],
            "precision_severe": c["stale_severe"] / severe_carrying if severe_carrying else 0.0,
        }
    return out


# ---------------------------------------------------------------------------------------
# output


def pct(x: float) -> str:
    return f"{100 * x:.1f}"


def table(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def line_of(text: str, n: int | None) -> str:
    if not n:
        return ""
    lines = text.split("\n")
    return lines[n - 1].strip() if 0 < n <= len(lines) else ""


def fence_block(text: str, n: int | None) -> list[str] | None:
    """The lines of the fenced code block that opens at line n, if one does."""
    lines = text.split("\n")
    if not n or not 0 < n <= len(lines):
        return None
    m = re.match(r"^\s*(`{3,}|~{3,})", lines[n - 1])
    if not m:
        return None
    fence = m.group(1)
    body = []
    for line in lines[n:]:
        if line.strip().startswith(fence):
            break
        body.append(line)
    return body


def first_difference(a: list[str], b: list[str]) -> tuple[str, str] | None:
    import difflib

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            return (" / ".join(x.strip() for x in a[i1:i2][:2]) or "(nothing)",
                    " / ".join(x.strip() for x in b[j1:j2][:2]) or "(nothing)")
    return None


def clip(s: str, n: int = 160) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def dump(records: list[dict], n: int, want_stale: bool, title: str):
    """Findings on in-sync translations (want_stale False), round-robin over kinds."""
    if n <= 0:
        return
    print(f"\n### {title}\n")
    if not want_stale:
        by_kind = collections.defaultdict(list)
        for r in records:
            if r["pair"]["meta"]["label"] != "in_sync":
                continue
            for f in r["record"]["findings"]:
                if f["severity"] in SEVERE:
                    by_kind[f["kind"]].append((r, f))
        for k in by_kind:
            # a fixed shuffle, so the dump spreads over sets, languages and pages
            by_kind[k].sort(key=lambda rf: (rf[0]["set"], rf[0]["lang"], rf[0]["pair"]["slug"], rf[1]["line"] or 0))
            random.Random(k).shuffle(by_kind[k])
        print("false-alarm findings by kind: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(by_kind.items(), key=lambda kv: -len(kv[1]))) + "\n")
        picked = []
        queues = {k: list(v) for k, v in sorted(by_kind.items(), key=lambda kv: -len(kv[1]))}
        # take every other finding per translation first, so one page does not fill the dump
        while len(picked) < n and any(queues.values()):
            for k in list(queues):
                q = queues[k]
                seen = {(id(r), ) for r, _ in picked}
                idx = next((i for i, (r, _) in enumerate(q) if (id(r),) not in seen), 0 if q else None)
                if idx is None:
                    continue
                picked.append(q.pop(idx))
                if len(picked) >= n:
                    break
        for r, f in picked:
            src_file = r["record"]["source"]
            files = r["files"]
            print(f"- **{f['kind']}** ({f['severity']}) {r['set']}/{r['lang']} `{r['pair']['meta']['page']}`"
                  f" tr:{f.get('line')} src:{f.get('source_line')}")
            print(f"  - msg: {clip(f['message'], 300)}")
            print(f"  - src: `{clip(line_of(files.get(src_file, ''), f.get('source_line')))}`")
            print(f"  - tr:  `{clip(line_of(files.get(r['record']['file'], ''), f.get('line')))}`")
            sb = fence_block(files.get(src_file, ""), f.get("source_line"))
            tb = fence_block(files.get(r["record"]["file"], ""), f.get("line"))
            if sb is not None and tb is not None:
                d = first_difference(sb, tb)
                if d:
                    print(f"  - code block, first difference: src `{clip(d[0], 120)}` vs tr `{clip(d[1], 120)}`")
    else:
        missed = [r for r in records if r["pair"]["meta"]["label"] == "stale" and not r["_pred"]]
        missed.sort(key=lambda r: (r["set"], r["lang"], r["pair"]["slug"]))
        for r in missed[:n]:
            m = r["pair"]["meta"]
            kinds = collections.Counter(f["kind"] for f in r["record"]["findings"])
            print(f"- {r['set']}/{r['lang']} `{m['page']}` status {r['record']['status']}, findings {dict(kinds) or '-'}; label why: {clip(m['why'], 200)}")


def report_mode(set_name: str, mode: str, by_lang: dict[str, list[dict]]) -> dict:
    res = {"per_language": {}, "all": None, "kinds": None, "baselines": {}}
    rows = []
    allrecs = []
    for lang, recs in by_lang.items():
        s = score(recs, mode)
        res["per_language"][lang] = s
        allrecs += recs
        rows.append((lang, s))
    s = score(allrecs, mode)
    res["all"] = s
    rows.append(("**all**", s))
    if mode == "untracked":
        header = ["lang", "pairs", "stale", "in sync", "flagged", "precision", "recall", "F1", "false alarms /100 in-sync"]
        body = [[lang, str(s["n"]), str(s["stale"]), str(s["in_sync"]), str(s["tp"] + s["fp"]), pct(s["precision"]),
                 pct(s["recall"]), pct(s["f1"]), f"{s['false_alarms_per_100_in_sync']:.1f}"] for lang, s in rows]
    else:
        header = ["lang", "pairs", "stale", "in sync", "status right %", "precision", "recall", "F1",
                  "false alarms /100 in-sync", "errors on in-sync (translations)"]
        body = [[lang, str(s["n"]), str(s["stale"]), str(s["in_sync"]), f"{s['status_right_pct']:.1f}", pct(s["precision"]),
                 pct(s["recall"]), pct(s["f1"]), f"{s['false_alarms_per_100_in_sync']:.1f}",
                 f"{s['errors_on_in_sync']} ({s['in_sync_with_error']})"] for lang, s in rows]
    print(f"\n### {set_name} — {mode}\n")
    print(table(body, header))
    if mode == "untracked":
        # the same with info findings counted as flags (length-ratio and demoted invariants)
        tp = sum(1 for r in allrecs if r["record"]["findings"] and r["pair"]["meta"]["label"] == "stale")
        fp = sum(1 for r in allrecs if r["record"]["findings"] and r["pair"]["meta"]["label"] != "stale")
        fn = sum(1 for r in allrecs if not r["record"]["findings"] and r["pair"]["meta"]["label"] == "stale")
        p, rcl, f1 = prf(tp, fp, fn)
        n_sync = sum(1 for r in allrecs if r["pair"]["meta"]["label"] != "stale")
        res["any_finding"] = {"precision": p, "recall": rcl, "f1": f1, "false_alarms_per_100_in_sync": 100 * fp / n_sync if n_sync else 0.0}
        print(f"\nflagging on any finding, info included: P {pct(p)} R {pct(rcl)} F1 {pct(f1)}, "
              f"false alarms {res['any_finding']['false_alarms_per_100_in_sync']:.1f}/100 in-sync")
    for key, positive, name in (("naive_source_changed", True, "bytes"), ("lunaria", "outdated", "lunaria")):
        b = baseline(allrecs, key, positive)
        if b:
            res["baselines"][name] = b
    if mode == "provenance" and res["baselines"]:
        print("\nbaselines (same pairs): " + "; ".join(
            f"{name}: P {pct(b['precision'])} R {pct(b['recall'])} F1 {pct(b['f1'])}, false alarms {b['false_alarms_per_100_in_sync']:.1f}/100"
            for name, b in res["baselines"].items()))
    shapes = collections.defaultdict(list)
    for r in allrecs:
        m = re.match(r"\d+ change\(s\), (in place|structural)", r["pair"]["meta"]["why"])
        if m:
            shapes[m.group(1)].append(r)
    if shapes:
        res["recall_by_change_shape"] = {k: sum(1 for r in v if r["_pred"]) / len(v) for k, v in shapes.items()}
        print(f"\nrecall ({mode}) by the shape of the English change: " + "; ".join(
            f"{k} {sum(1 for r in v if r['_pred'])}/{len(v)}" for k, v in sorted(shapes.items()))
            + " (in place = units rewritten, none added or removed)")
    frag = [r for r in allrecs if r["pair"]["meta"]["why"].startswith("only link fragments changed")]
    if frag:
        flagged = sum(1 for r in frag if r["_pred"])
        outdated = sum(1 for r in frag if r["record"]["status"] == "outdated")
        res["fragment_only_stale"] = {"n": len(frag), "predicted_stale": flagged, "outdated": outdated}
        print(f"\nstale pairs whose English changed only in link fragments (a judgement call): {len(frag)}; "
              f"naskah predicted stale {flagged}" + (f", status outdated {outdated}" if mode == "provenance" else ""))
    kinds = per_kind(allrecs)
    res["kinds"] = kinds
    def sev_cols(k, v):
        if not k.startswith("kind:"):
            return ["", "", ""]
        return [str(v["in_sync_severe"]), str(v["stale_severe"]),
                pct(v["precision_severe"]) if v["in_sync_severe"] + v["stale_severe"] else "-"]

    krows = [[k, str(v["in_sync"]), str(v["stale"]), pct(v["precision"]), *sev_cols(k, v), str(v["findings"]) if k.startswith("kind:") else ""]
             for k, v in sorted(kinds.items(), key=lambda kv: (kv[0].split(":")[0], -(kv[1]["in_sync"] + kv[1]["stale"])))]
    print(f"\n{set_name} — {mode}: translations carrying each kind (any severity, then as warning/error) / severity / status\n")
    print(table(krows, ["kind", "in-sync carrying", "stale carrying", "precision %",
                        "in-sync, warn/err", "stale, warn/err", "precision warn/err %", "findings"]))
    return res


def default_naskah() -> str:
    for p in ("target/release/naskah", "target/debug/naskah"):
        full = os.path.join(REPO, p)
        if os.path.exists(full):
            return full
    sys.exit("no naskah binary: build it (cargo build --release) or pass --naskah")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", nargs="+", required=True, help="folders written by extract.py")
    ap.add_argument("--naskah", default=None)
    ap.add_argument("--modes", default="untracked,provenance")
    ap.add_argument("--json", default=None, help="write machine-readable results here")
    ap.add_argument("--dump-fp", type=int, default=0, help="print N false-alarm findings per mode")
    ap.add_argument("--dump-fn", type=int, default=0, help="print N missed stale translations per mode")
    ap.add_argument("--langs", default=None, help="only these languages (comma-separated)")
    args = ap.parse_args()
    naskah = os.path.abspath(args.naskah or default_naskah())
    modes = args.modes.split(",")

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    version = subprocess.run([naskah, "--version"], capture_output=True, text=True).stdout.strip()
    head = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--", "src"], capture_output=True, text=True).stdout.strip()
    print(f"# naskah drift evaluation on real translations\n\nbinary: `{naskah}` ({version}); repository at {head}"
          f"{' with uncommitted changes in src/' if dirty else ''}")
    results = {"naskah": naskah, "version": version, "repo_head": head, "src_dirty": bool(dirty), "sets": {}}
    all_records = {m: [] for m in modes}
    for folder in args.data:
        manifest, by_lang = load_set(folder)
        set_name = manifest["set"]
        if args.langs:
            by_lang = {k: v for k, v in by_lang.items() if k in args.langs.split(",")}
        print(f"\n## {set_name}\n\nseed {manifest['seed']}, limit {manifest['limit']}; commits: "
              + ", ".join(f"{r} {c[:10]}" for r, c in manifest["commits"].items()))
        sres = {"manifest": manifest, "modes": {}, "exclusions": []}
        for mode in modes:
            recs_by_lang = {}
            for lang, pairs in by_lang.items():
                log(f"{set_name}/{lang}: {mode}, {len(pairs)} pairs")
                records, excl, _ = run_mode(naskah, lang, pairs, mode, log)
                sres["exclusions"] += [{**e, "lang": lang} for e in excl]
                recs = []
                for slug, r in sorted(records.items()):
                    r["set"], r["lang"] = set_name, lang
                    rec = r["record"]
                    r["_pred"] = severe(rec) if mode == "untracked" else (rec["status"] == "outdated" or severe(rec))
                    recs.append(r)
                missing = len(pairs) - len(excl) - len(recs)
                if missing:
                    log(f"    {missing} translations had no record in the JSON")
                recs_by_lang[lang] = recs
                all_records[mode] += recs
            sres["modes"][mode] = report_mode(set_name, mode, recs_by_lang)
            sres["modes"][mode]["verdicts"] = [
                {"lang": r["lang"], "page": r["pair"]["meta"]["page"], "label": r["pair"]["meta"]["label"],
                 "status": r["record"]["status"], "predicted_stale": r["_pred"],
                 "findings": [{k: f.get(k) for k in ("kind", "severity", "line", "source_line", "message")}
                              for f in r["record"]["findings"]]}
                for recs in recs_by_lang.values() for r in recs
            ]
        if sres["exclusions"]:
            why = collections.Counter(e["why"].split(":")[0] + ": " + e["why"].split(": ", 2)[-1][:80] for e in sres["exclusions"])
            print(f"\nexclusions ({len(sres['exclusions'])}): " + "; ".join(f"{n}× {w}" for w, n in why.most_common()))
        else:
            print("\nexclusions: none")
        results["sets"][set_name] = sres
    if len(args.data) > 1:
        print("\n## all sets\n")
        for mode in modes:
            s = score(all_records[mode], mode)
            results.setdefault("all", {})[mode] = s
            extra = f", status right {s['status_right_pct']:.1f} %, errors on in-sync {s['errors_on_in_sync']}" if mode == "provenance" else ""
            print(f"- {mode}: {s['n']} pairs ({s['stale']} stale): P {pct(s['precision'])} R {pct(s['recall'])} "
                  f"F1 {pct(s['f1'])}, false alarms {s['false_alarms_per_100_in_sync']:.1f}/100 in-sync{extra}")
    for mode in modes:
        dump(all_records[mode], args.dump_fp, False, f"false alarms ({mode}): findings on in-sync translations")
        dump(all_records[mode], args.dump_fn, True, f"missed ({mode}): stale translations not flagged")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
