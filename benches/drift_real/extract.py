#!/usr/bin/env python3
"""Build labelled (source_then, source_now, translation) triples from real translated docs.

This is the data half of naskah's real-world drift evaluation (the other half is
evaluate.py). It reads public git mirrors (bare repositories, as the `fetch` tool leaves
them under /work/.mirror/OWNER+NAME/repo), never modifies them, and writes, for each
sampled (page, language) pair, a folder ``OUT/LANG/SLUG/`` with

* ``source_now.md``   - the English source at the evaluation commit,
* ``source_then.md``  - the English source at the revision the translation was made from,
* ``translation.md``  - the translation at the evaluation commit,
* ``meta.json``       - set, lang, page, label ("stale" | "in_sync"), the revisions, why.

plus ``OUT/manifest.json`` (seed, limit, commit ids, counts, what was skipped and why).
The fetched text is data: keep it under /tmp, never commit it.

Requirements: git, and markdown-it-py + PyYAML for the labelling (install them once with
``python3 -m venv /tmp/naskah-eval-venv && /tmp/naskah-eval-venv/bin/pip install
markdown-it-py pyyaml`` and run this script with ``/tmp/naskah-eval-venv/bin/python``).

Data sets
=========

``react`` - separate translation repositories that merge upstream
    Upstream ``reactjs/react.dev``; translations ``reactjs/{id,zh-hans,ja,ar,fr}.react.dev``
    (forks: they carry upstream's commits and merge upstream in "sync" merges; translators
    then resolve conflicts and translate file by file). Pages: ``src/content/**.md``.

``vue`` - the same method on ``vuejs/docs`` and ``vuejs-translations/docs-{zh-cn,fr,ar}``
    (those three merge upstream; ``docs-ja`` and ``docs-ko`` port upstream changes by hand
    without merging them, so their provenance cannot be read from merges and they are left
    out). Pages: ``src/**.md``.

``astro`` - one repository, source and translations side by side
    ``withastro/docs``: ``src/content/docs/en/P`` and ``src/content/docs/{zh-cn,ja,fr,ko,ar}/P``.
    Label from the history of both files (see below). The manifest also records Lunaria's
    verdict for each pair (Astro's own file-level, git-date tracker) so naskah can be
    compared with it.

MDN (``mdn/content`` + ``mdn/translated-content``, whose front matter records
``l10n.sourceCommit``) was the preferred third set, but both repositories are larger than
the 500 MB a ``fetch`` may bring here, so it is not included.

Held out: ``tldr-pages/tldr`` and ``kubernetes/website`` are never fetched or used: they
are kept for an independent check.

Provenance (which English revision a translation was made from)
================================================================

Fork sets (react, vue). Let U be every commit of the upstream mirror (``rev-list --all``),
ordered by upstream topological order. In the translation repository (evaluation commit =
its HEAD), for every commit c compute ``frontier(c)``: the newest upstream commit that is an
ancestor of c (c itself when c is in U) - that is, the upstream revision most recently
merged into the translation before c. For a page path P, a *translation edit event* is a
commit c not in U whose blob of P differs from P's blob in every parent of c (a non-merge
commit that changes P, or a merge whose result for P is neither side's: a merge that
combined upstream changes into the translated file, or resolved a conflict by editing it).
Events are walked in topological order; the first event that produces a given blob gives
that blob its provenance ``frontier(c)``; an event that produces a blob seen before (a
conflict resolved by keeping the old translation, a revert) keeps the earlier provenance.
The translation at HEAD has the provenance of its blob; a HEAD blob that no event produced
(the file was never translated, it is upstream's English) is skipped. Then
``source_then`` = upstream P at the provenance commit, ``source_now`` = upstream P at
``frontier(HEAD)`` (the English the translation repository itself ships at HEAD).

Astro (one repository, first-parent history of HEAD: each commit is one merged PR).
``t_any`` = the last commit that touched ``LANG/P``; ``t_tr`` = the last commit that touched
``LANG/P`` and is a translator's edit: not a bulk commit (one that touches the same P in 3 or
more locales: a mechanical fix applied everywhere) and whose message has none of Lunaria's
ignore keywords (typo, broken link, i18nIgnore, lunaria-ignore, en-only, i18nReady). English
changes between ``t_tr`` and ``t_any`` made by commits that also touched ``LANG/P`` were
followed by the translation; any other non-cosmetic English change in that span means the
translator's base is ``t_tr`` and the pair is stale (``source_then`` = en@t_tr); otherwise
``source_then`` = en@t_any. ``source_now`` = en@HEAD. Caveat: Astro squash-merges, so en@t is
the English of the merge, not of the PR's branch point (this leans towards "in_sync").

Labels
======

``in_sync`` when source_then and source_now are equal except cosmetically, ``stale``
otherwise. "Cosmetic" is decided without naskah (that would be circular): both files are
parsed with markdown-it-py (CommonMark + tables + strikethrough, raw HTML on) and reduced to
a list of units: front matter title and description; for every inline run its visible
text with inline code, link targets and image sources/alt kept in place; code blocks
(contents, not the info string); raw HTML blocks. Whitespace is folded everywhere (NFC,
runs of white space to one space, in code too), link targets are canonicalized (scheme and
host lower case, no leading ``./``, no trailing ``/`` or ``.html`` on a site path), ESM ``import``/``export`` lines of
MDX are dropped. Equal unit lists = cosmetic (emphasis style, reflow, list markers, heading
style, indentation, link spelling, other front-matter keys). A change of a link's fragment
alone (``#old-anchor`` -> ``#new-anchor``) is *not* cosmetic (the translation's link now
misses the anchor); such pairs say so in ``why`` so they can be counted apart.

Pairs are dropped (and counted in the manifest) when a file is over 60 KB, the translation
still has merge-conflict markers, the source does not exist at the provenance revision, or
the translation is mostly untranslated (over half of its text units of 20+ characters are
identical to units of the English source).

Sampling: all candidate pairs are labelled; the sample gives each language an equal share
of ``limit`` (a language with fewer candidates leaves the rest of its share to the others),
half stale and half in_sync when both exist (the remainder from the other label), drawn with
``random.Random(f"{seed}:{set}:{lang}")`` from the candidates sorted by path. Same mirrors +
same seed + same limit = same data.

Usage::

    PY=/tmp/naskah-eval-venv/bin/python
    $PY benches/drift_real/extract.py react --repos /work/.mirror --out /tmp/naskah-eval/react --seed 1 --limit 400
    $PY benches/drift_real/extract.py vue   --repos /work/.mirror --out /tmp/naskah-eval/vue   --seed 1 --limit 300
    $PY benches/drift_real/extract.py astro --repos /work/.mirror --out /tmp/naskah-eval/astro --seed 1 --limit 400

``--repos`` is the folder holding the ``OWNER+NAME/repo`` mirrors (or pass ``--mirror
OWNER/NAME=PATH`` to point at a specific git dir).
"""

from __future__ import annotations

import argparse
import collections
import difflib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import unicodedata

try:
    import yaml
    from markdown_it import MarkdownIt
except ImportError:  # pragma: no cover
    sys.exit(
        "extract.py needs markdown-it-py and PyYAML:\n"
        "  python3 -m venv /tmp/naskah-eval-venv && "
        "/tmp/naskah-eval-venv/bin/pip install markdown-it-py pyyaml\n"
        "then run it with /tmp/naskah-eval-venv/bin/python"
    )

MAX_BYTES = 60_000

# naskah language code for each repository language
SETS = {
    "react": {
        "kind": "fork",
        "upstream": "reactjs/react.dev",
        "translations": {
            "id": "reactjs/id.react.dev",
            "zh": "reactjs/zh-hans.react.dev",
            "ja": "reactjs/ja.react.dev",
            "ar": "reactjs/ar.react.dev",
            "fr": "reactjs/fr.react.dev",
        },
        "prefix": "src/content/",
        "exts": (".md",),
    },
    "vue": {
        "kind": "fork",
        "upstream": "vuejs/docs",
        "translations": {
            "zh": "vuejs-translations/docs-zh-cn",
            "fr": "vuejs-translations/docs-fr",
            "ar": "vuejs-translations/docs-ar",
        },
        "prefix": "src/",
        "exts": (".md",),
    },
    "astro": {
        "kind": "astro",
        "repo": "withastro/docs",
        "root": "src/content/docs/",
        "source": "en",
        "translations": {"zh": "zh-cn", "ja": "ja", "fr": "fr", "ko": "ko", "ar": "ar"},
        "exts": (".md", ".mdx"),
        "ignored_keywords": ["lunaria-ignore", "typo", "en-only", "broken link", "i18nready", "i18nignore"],
    },
}

HELD_OUT = {"tldr-pages/tldr", "kubernetes/website"}


# ---------------------------------------------------------------------------------------
# git access


class Git:
    def __init__(self, gitdir: str):
        self.gitdir = gitdir
        self._cat = None

    def run(self, *args: str, stdin: str | None = None) -> str:
        res = subprocess.run(
            ["git", f"--git-dir={self.gitdir}", *args],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        if res.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)} failed: {res.stderr.strip()}")
        return res.stdout

    def rev_parse(self, rev: str) -> str:
        return self.run("rev-parse", rev).strip()

    def blob(self, spec: str) -> bytes | None:
        """Contents of `rev:path` or of a blob id, or None when absent."""
        if self._cat is None:
            self._cat = subprocess.Popen(
                ["git", f"--git-dir={self.gitdir}", "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        self._cat.stdin.write(spec.encode() + b"\n")
        self._cat.stdin.flush()
        header = self._cat.stdout.readline().decode()
        parts = header.split()
        if len(parts) < 3 or parts[1] == "missing" or parts[-1] == "missing":
            return None
        size = int(parts[2])
        data = self._cat.stdout.read(size)
        self._cat.stdout.read(1)
        if parts[1] != "blob":
            return None
        return data

    def close(self):
        if self._cat is not None:
            self._cat.stdin.close()
            self._cat.wait()
            self._cat = None


def mirror_path(repos: str, name: str, overrides: dict[str, str]) -> str:
    if name in HELD_OUT:
        sys.exit(f"{name} is held out: never use it")
    if name in overrides:
        return overrides[name]
    path = os.path.join(repos, name.replace("/", "+"), "repo")
    if not os.path.isdir(path):
        sys.exit(f"no mirror of {name} at {path}: fetch github:{name} first")
    return path


# ---------------------------------------------------------------------------------------
# labelling: visible units of a Markdown/MDX page

_MD = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
_WS = re.compile(r"\s+")
_ESM = re.compile(r"^(import\s.+\sfrom\s+['\"].+['\"];?|import\s+['\"].+['\"];?|export\s+(const|let|var|function|default)\b.*)$")


def fold(text: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def split_front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---"):
        end = re.search(r"^---[ \t]*$", text[3:], re.M)
        first_nl = text.find("\n")
        if end and first_nl != -1 and text[:first_nl].strip() == "---":
            block = text[first_nl + 1 : 3 + end.start()]
            body = text[3 + end.end() :]
            try:
                data = yaml.safe_load(block) or {}
            except yaml.YAMLError:
                data = {}
            return (data if isinstance(data, dict) else {}), body.lstrip("\n")
    return {}, text


def norm_link(href: str | None) -> str:
    href = (href or "").strip()
    m = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)(.*)$", href)
    if m:
        href = m.group(1).lower() + m.group(2).lower() + m.group(3)
    while href.startswith("./"):
        href = href[2:]
    path, sep, rest = re.match(r"^([^?#]*)([?#]?)(.*)$", href).groups()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", path) and path.endswith(".html"):
        path = path[: -len(".html")]  # site-relative /a/b.html = /a/b (VitePress clean URLs)
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return path + sep + rest


def strip_esm(body: str) -> str:
    """The body without MDX's top-level import/export lines (code blocks untouched)."""
    out, fence = [], None
    for line in body.split("\n"):
        m = re.match(r"^ {0,3}(`{3,}|~{3,})", line)
        if fence is None and m:
            fence = m.group(1)
        elif fence is not None and re.match(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$", line):
            fence = None
        elif fence is None and not line.startswith((" ", "\t")) and _ESM.match(line.strip()):
            continue
        out.append(line)
    return "\n".join(out)


def visible_units(text: str) -> list[str]:
    fm, body = split_front_matter(text)
    units = []
    for key in ("title", "description"):
        if fm.get(key) is not None:
            units.append(f"{key}: {fold(str(fm[key]))}")
    body = strip_esm(body)
    for tok in _MD.parse(body):
        if tok.type == "inline":
            buf = []
            for c in tok.children or []:
                if c.type == "text":
                    buf.append(c.content)
                elif c.type in ("softbreak", "hardbreak"):
                    buf.append(" ")
                elif c.type == "code_inline":
                    buf.append(f"`{c.content}`")
                elif c.type == "link_open":
                    buf.append(f"[->{norm_link(c.attrGet('href'))}]")
                elif c.type == "image":
                    buf.append(f"![{norm_link(c.attrGet('src'))}|{c.content}]")
                elif c.type == "html_inline":
                    buf.append(c.content)
            t = fold("".join(buf))
            if t:
                units.append("text: " + t)
        elif tok.type in ("fence", "code_block"):
            units.append("code: " + fold(tok.content))
        elif tok.type == "html_block":
            t = fold(tok.content)
            if t:
                units.append("html: " + t)
    return units


def compare_sources(then: str, now: str) -> tuple[str, str]:
    """(label, why) for a source pair."""
    if then == now:
        return "in_sync", "source identical"
    a, b = visible_units(then), visible_units(now)
    if a == b:
        return "in_sync", "source changed cosmetically only"
    unfragment = re.compile(r"(\[->[^\]#]*)#[^\]]*\]")
    if [unfragment.sub(r"\1]", u) for u in a] == [unfragment.sub(r"\1]", u) for u in b]:
        return "stale", "only link fragments changed (an anchor renamed: the translation's links now miss it)"
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    changed = [op for op in sm.get_opcodes() if op[0] != "equal"]
    n_then = sum(op[2] - op[1] for op in changed)
    n_now = sum(op[4] - op[3] for op in changed)
    op = changed[0]
    example = (b[op[3]] if op[4] > op[3] else "(removed) " + a[op[1]])[:100]
    # "in place": every change rewrites as many units as it replaces (no unit added or
    # removed), which a check without provenance can only see through invariants
    shape = "in place" if all(o[0] == "replace" and o[2] - o[1] == o[4] - o[3] for o in changed) else "structural"
    return "stale", f"{len(changed)} change(s), {shape}: {n_then} unit(s) -> {n_now}; first: {example}"


def mostly_untranslated(translation: str, source: str) -> bool:
    src = {u for u in visible_units(source) if u.startswith("text: ") and len(u) >= 26}
    tr = [u for u in visible_units(translation) if u.startswith("text: ") and len(u) >= 26]
    if not tr:
        return True
    same = sum(1 for u in tr if u in src)
    return same * 2 > len(tr)


_INLINE_MARKS = re.compile(r"`[^`]*`|\[->[^\]]*\]|!\[[^\]]*\]")


def prose_signature(text: str) -> list[str]:
    """The prose of a page: its text units without inline code, link targets or images."""
    out = []
    for u in visible_units(text):
        if u.startswith(("text: ", "title: ", "description: ")):
            t = fold(_INLINE_MARKS.sub(" ", u))
            if t:
                out.append(t)
    return out


def decode(data: bytes | None) -> str | None:
    if data is None:
        return None
    return data.decode("utf-8", errors="replace")


CONFLICT = re.compile(r"^(<<<<<<<|>>>>>>>)( |$)", re.M)


# ---------------------------------------------------------------------------------------
# fork sets: react, vue


def fork_candidates(cfg: dict, lang: str, repo: str, git: Git, up: Git, upstream_pos: dict, up_head: str, now_mode: str, log) -> tuple[list, dict]:
    """All labelled candidates of one translation repository."""
    prefix, exts = cfg["prefix"], cfg["exts"]
    head = git.rev_parse("HEAD")
    order = [line.split() for line in git.run("rev-list", "--topo-order", "--reverse", "--parents", head).splitlines() if line]
    topo = {c[0]: i for i, c in enumerate(order)}
    parents = {c[0]: c[1:] for c in order}
    frontier: dict[str, str | None] = {}
    for c, *ps in order:
        if c in upstream_pos:
            frontier[c] = c
            continue
        best = None
        for p in ps:
            f = frontier.get(p)
            if f is not None and (best is None or upstream_pos[f] > upstream_pos[best]):
                best = f
        frontier[c] = best
    merged_rev = frontier[head]
    if merged_rev is None:
        raise RuntimeError(f"{repo}: no upstream commit in its history")
    now_rev = merged_rev if now_mode == "merged" else up_head
    own = [c for c, *_ in order if c not in upstream_pos]
    log(f"  {repo}: HEAD {head[:10]}, {len(order)} commits, {len(own)} not upstream, last merged upstream {merged_rev[:10]}, source_now = upstream {now_rev[:10]}")

    # per (commit, parent): changed paths under prefix -> new blob
    changed: dict[tuple[str, str | None], dict[str, str]] = collections.defaultdict(dict)
    out = git.run(
        "log", "-m", "--pretty=oneline", "--raw", "--no-abbrev", "--no-renames", "--root",
        "--no-walk=unsorted", "--stdin", "--", prefix,
        stdin="\n".join(own) + "\n",
    )
    key = None
    header = re.compile(r"^([0-9a-f]{40})(?: \(from ([0-9a-f]{40})\))?")
    for line in out.splitlines():
        if line.startswith(":"):
            meta, path = line.split("\t", 1)
            new_blob = meta.split()[3]
            if path.endswith(exts):
                changed[key][path] = new_blob
        else:
            m = header.match(line)
            if m:
                c, p = m.group(1), m.group(2)
                if p is None:
                    ps = parents.get(c, [])
                    p = ps[0] if ps else None
                key = (c, p)
    # events per path, in topological order
    events: dict[str, list[tuple[int, str, str]]] = collections.defaultdict(list)
    for c in own:
        ps = parents[c] or [None]
        first = changed.get((c, ps[0]), {})
        for path, blob in first.items():
            if set(blob) == {"0"}:
                continue
            if all(changed.get((c, p), {}).get(path) == blob for p in ps):
                events[path].append((topo[c], c, blob))

    head_files = [
        line.split("\t", 1)
        for line in git.run("ls-tree", "-r", head, "--", prefix).splitlines()
        if line.endswith(exts)
    ]
    skipped = collections.Counter()
    cands = []
    for meta, path in head_files:
        head_blob = meta.split()[2]
        prov_of_blob: dict[str, tuple[str, str]] = {}
        prev = None  # (provenance, prose of the translation) of the last clean state
        for _, c, blob in sorted(events.get(path, [])):
            if blob in prov_of_blob or frontier[c] is None:
                continue
            prov = (frontier[c], c)
            text = decode(git.blob(blob)) or ""
            if CONFLICT.search(text):
                prov_of_blob[blob] = prov
                continue
            prose = prose_signature(text)
            if prev is not None and prov[0] != prev[0][0] and prose == prev[1]:
                old_src = decode(git.blob(f"{prev[0][0]}:{path}"))
                new_src = decode(git.blob(f"{prov[0]}:{path}"))
                if old_src is not None and new_src is not None and prose_signature(old_src) != prose_signature(new_src):
                    # the English prose changed but the translated prose did not: a sync
                    # resolved by keeping the translation, not a re-translation
                    prov = prev[0]
            prev = (prov, prose)
            prov_of_blob[blob] = prov
        if head_blob not in prov_of_blob:
            skipped["never translated (HEAD blob made by no translation edit)"] += 1
            continue
        then_rev, edit_commit = prov_of_blob[head_blob]
        translation = decode(git.blob(head_blob))
        then = decode(git.blob(f"{then_rev}:{path}"))
        now = decode(up.blob(f"{now_rev}:{path}"))
        reason = check_triple(then, now, translation)
        if reason:
            skipped[reason] += 1
            continue
        label, why = compare_sources(then, now)
        cands.append(
            {
                "set": None,
                "lang": lang,
                "page": path,
                "label": label,
                "source_then_rev": then_rev,
                "source_now_rev": now_rev,
                "translation_rev": head,
                "translation_edit": edit_commit,
                "why": why,
                "naive_source_changed": then != now,
                "repo": repo,
                "_texts": (then, now, translation),
            }
        )
    return cands, {"head": head, "last_merged_upstream": merged_rev, "source_now_rev": now_rev, "skipped": dict(skipped)}


def check_triple(then, now, translation) -> str | None:
    if now is None:
        return "source absent at evaluation commit"
    if then is None:
        return "source absent at provenance revision"
    if translation is None:
        return "translation unreadable"
    if max(len(x.encode()) for x in (then, now, translation)) > MAX_BYTES:
        return f"over {MAX_BYTES // 1000} KB"
    if CONFLICT.search(translation):
        return "merge-conflict markers in translation"
    if mostly_untranslated(translation, then):
        return "mostly untranslated"
    return None


def extract_fork(name: str, cfg: dict, args, log) -> tuple[dict, dict]:
    up = Git(mirror_path(args.repos, cfg["upstream"], args.mirror))
    up_order = [c for c in up.run("rev-list", "--topo-order", "--reverse", "--all").split() if c]
    upstream_pos = {c: i for i, c in enumerate(up_order)}
    up_head = up.rev_parse("HEAD")
    log(f"{name}: upstream {cfg['upstream']} HEAD {up_head[:10]}, {len(up_order)} commits")
    per_lang, commits = {}, {cfg["upstream"]: up_head}
    info = {}
    for lang, repo in cfg["translations"].items():
        if lang not in args.langs:
            continue
        git = Git(mirror_path(args.repos, repo, args.mirror))
        cands, meta = fork_candidates(cfg, lang, repo, git, up, upstream_pos, up_head, args.now, log)
        git.close()
        per_lang[lang] = cands
        commits[repo] = meta["head"]
        info[lang] = meta
    up.close()
    return per_lang, {"commits": commits, "per_language": info}


# ---------------------------------------------------------------------------------------
# astro: one repository


def extract_astro(name: str, cfg: dict, args, log) -> tuple[dict, dict]:
    git = Git(mirror_path(args.repos, cfg["repo"], args.mirror))
    head = git.rev_parse("HEAD")
    root, src_lang, exts = cfg["root"], cfg["source"], cfg["exts"]
    out = git.run(
        "log", "--first-parent", "--diff-merges=first-parent", "--format=C %H %s",
        "--name-only", "--no-renames", head, "--", root,
    )
    commits = []  # newest first: (sha, subject, {rel: set(locales)})
    for line in out.splitlines():
        if line.startswith("C "):
            sha, _, subject = line[2:].partition(" ")
            commits.append((sha, subject, collections.defaultdict(set)))
        elif line.strip():
            m = re.match(re.escape(root) + r"([^/]+)/(.+)$", line)
            if m and m.group(2).endswith(exts):
                commits[-1][2][m.group(2)].add(m.group(1))
    commits.reverse()  # oldest first
    index = {c[0]: i for i, c in enumerate(commits)}
    touching: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
    for i, (_, _, files) in enumerate(commits):
        for rel, locales in files.items():
            for loc in locales:
                touching[(loc, rel)].append(i)
    ignored = cfg["ignored_keywords"]

    def is_ignored(i):
        return any(k in commits[i][1].lower() for k in ignored)

    def is_bulk(i, rel):
        return len(commits[i][2][rel] - {src_lang}) >= 3

    log(f"{name}: {cfg['repo']} HEAD {head[:10]}, {len(commits)} first-parent commits touching {root}")
    per_lang, info = {}, {}
    for lang, loc in cfg["translations"].items():
        if lang not in args.langs:
            continue
        files = [
            line.split("\t", 1)[1]
            for line in git.run("ls-tree", "-r", head, "--", root + loc + "/").splitlines()
            if line.endswith(exts)
        ]
        skipped = collections.Counter()
        cands = []
        for path in files:
            rel = path[len(root + loc + "/"):]
            src_path = root + src_lang + "/" + rel
            tr_hist = touching.get((loc, rel), [])
            if not tr_hist:
                skipped["no history"] += 1
                continue
            t_any = tr_hist[-1]
            real = [i for i in tr_hist if not is_bulk(i, rel) and not is_ignored(i)]
            t_tr = real[-1] if real else tr_hist[0]
            then_i = t_any
            unfollowed = None
            for i in touching.get((src_lang, rel), []):
                if t_tr < i <= t_any and loc not in commits[i][2][rel]:
                    # the English just before commit i (its first parent)
                    before = decode(git.blob(f"{commits[i][0]}^1:{src_path}"))
                    after = decode(git.blob(f"{commits[i][0]}:{src_path}"))
                    if before is not None and after is not None and compare_sources(before, after)[0] == "stale":
                        unfollowed = commits[i][0]
                        then_i = t_tr
                        break
            then_rev = commits[then_i][0]
            then = decode(git.blob(f"{then_rev}:{src_path}"))
            now = decode(git.blob(f"{head}:{src_path}"))
            translation = decode(git.blob(f"{head}:{path}"))
            reason = check_triple(then, now, translation)
            if reason:
                skipped[reason] += 1
                continue
            label, why = compare_sources(then, now)
            if unfollowed and label == "in_sync":
                label, why = "stale", "source changed by an unfollowed commit after the translator's edit"
            if unfollowed:
                why += f" (unfollowed en change {unfollowed[:10]} after translator edit {commits[t_tr][0][:10]})"
            # Lunaria: outdated when the source's last non-ignored commit is newer than the
            # translation's last non-ignored commit
            src_hist = [i for i in touching.get((src_lang, rel), []) if not is_ignored(i)]
            tr_nonign = [i for i in tr_hist if not is_ignored(i)]
            lunaria = "outdated" if src_hist and tr_nonign and src_hist[-1] > tr_nonign[-1] else "up-to-date"
            cands.append(
                {
                    "set": None,
                    "lang": lang,
                    "page": rel,
                    "label": label,
                    "source_then_rev": then_rev,
                    "source_now_rev": head,
                    "translation_rev": head,
                    "translation_edit": commits[t_tr][0],
                    "why": why,
                    "naive_source_changed": then != now,
                    "lunaria": lunaria,
                    "repo": cfg["repo"],
                    "repo_lang": loc,
                    "_texts": (then, now, translation),
                }
            )
        per_lang[lang] = cands
        info[lang] = {"skipped": dict(skipped)}
        log(f"  {loc}: {len(files)} files, {len(cands)} candidates, skipped {dict(skipped)}")
    git.close()
    return per_lang, {"commits": {cfg["repo"]: head}, "per_language": info}


# ---------------------------------------------------------------------------------------


def sample(per_lang: dict, set_name: str, seed: int, limit: int) -> dict:
    """Up to `limit` pairs: an equal share per language (a language with fewer candidates
    leaves its unused share to the others), each share half stale, half in_sync when the
    candidates allow (the rest from the other label)."""
    langs = sorted(lang for lang in per_lang if per_lang[lang])
    quota = {lang: 0 for lang in langs}
    left = limit
    while left > 0:
        open_ = [lang for lang in langs if quota[lang] < len(per_lang[lang])]
        if not open_:
            break
        share = max(1, left // len(open_))
        for lang in open_:
            add = min(share, len(per_lang[lang]) - quota[lang], left)
            quota[lang] += add
            left -= add
            if left == 0:
                break
    chosen = {}
    for lang in langs:
        rng = random.Random(f"{seed}:{set_name}:{lang}")
        by = {"stale": [], "in_sync": []}
        for c in sorted(per_lang[lang], key=lambda c: c["page"]):
            by[c["label"]].append(c)
        q = quota[lang]
        n_stale = min(len(by["stale"]), max(q // 2, q - len(by["in_sync"])))
        n_sync = min(len(by["in_sync"]), q - n_stale)
        picked = rng.sample(by["stale"], n_stale) + rng.sample(by["in_sync"], n_sync)
        chosen[lang] = sorted(picked, key=lambda c: c["page"])
    return chosen


def slug_of(page: str, prefix: str) -> str:
    if page.startswith(prefix):
        page = page[len(prefix):]
    page = re.sub(r"\.mdx?$", "", page)
    return page.replace("/", "__")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("set", choices=sorted(SETS))
    ap.add_argument("--repos", default="/work/.mirror", help="folder of OWNER+NAME/repo mirrors")
    ap.add_argument("--mirror", action="append", default=[], metavar="OWNER/NAME=GITDIR")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=int, default=400, help="pairs in the sample, over all languages")
    ap.add_argument("--langs", default="id,zh,ja,ar,fr,ko")
    ap.add_argument(
        "--now", choices=("upstream-head", "merged"), default="upstream-head",
        help="fork sets: source_now is upstream's HEAD (default) or the upstream commit last merged into the translation",
    )
    args = ap.parse_args()
    args.mirror = dict(m.split("=", 1) for m in args.mirror)
    args.langs = set(args.langs.split(","))
    cfg = SETS[args.set]

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    if cfg["kind"] == "fork":
        per_lang, info = extract_fork(args.set, cfg, args, log)
        prefix = cfg["prefix"]
    else:
        per_lang, info = extract_astro(args.set, cfg, args, log)
        prefix = ""
    for lang, cands in per_lang.items():
        cnt = collections.Counter(c["label"] for c in cands)
        log(f"  {lang}: candidates stale={cnt['stale']} in_sync={cnt['in_sync']}")
    chosen = sample(per_lang, args.set, args.seed, args.limit)

    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    counts = {}
    for lang, cands in chosen.items():
        for c in cands:
            slug = slug_of(c["page"], prefix)
            d = os.path.join(args.out, lang, slug)
            os.makedirs(d)
            then, now, translation = c.pop("_texts")
            c["set"] = args.set
            for fname, text in (("source_then.md", then), ("source_now.md", now), ("translation.md", translation)):
                with open(os.path.join(d, fname), "w", encoding="utf-8") as f:
                    f.write(text)
            with open(os.path.join(d, "meta.json"), "w", encoding="utf-8") as f:
                json.dump(c, f, ensure_ascii=False, indent=1)
            counts.setdefault(lang, collections.Counter())[c["label"]] += 1
    candidates = {
        lang: dict(collections.Counter(c["label"] for c in cands)) for lang, cands in per_lang.items()
    }
    manifest = {
        "set": args.set,
        "seed": args.seed,
        "limit": args.limit,
        "commits": info["commits"],
        "candidates": candidates,
        "sample": {lang: dict(cnt) for lang, cnt in counts.items()},
        "per_language": info["per_language"],
        "command": " ".join(sys.argv),
    }
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    log(f"{args.set}: wrote {sum(sum(c.values()) for c in counts.values())} pairs to {args.out}: "
        + ", ".join(f"{lang} {dict(cnt)}" for lang, cnt in counts.items()))


if __name__ == "__main__":
    main()
