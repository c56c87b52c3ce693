"""Corpus families that look like real documentation, for gen_corpus.py.

Two families, both in six languages (id source; en, zh, ja, ar, fr translations):

- `guide`: prose-heavy task and concept pages (paragraphs, nested lists, admonitions,
  images, some tables and code);
- `reference`: code- and table-heavy reference pages with more headings and footnotes.

What makes them look like the documentation people write (the speed issue's list):
- page sizes drawn from a log-normal distribution, median ~8 KB of source Markdown
  (reference ~10 KB), with a tail to 60 KB;
- every block kind: headings with and without explicit ids, paragraphs with inline code,
  emphasis and links, nested bullet and ordered lists, tables, footnotes, fenced code in
  several languages with comments (translated in some translations, as translators do),
  admonition-like blockquotes, images;
- links in every form users write: source `.md` paths (with and without an anchor),
  directory URLs relative to the page, absolute site URLs, bare anchors, external URLs;
- text in each script's real character mix: words are drawn, with their real frequencies,
  from this repository's own site in each language (content/, which we wrote), so Chinese
  and Japanese pages are runs of CJK and kana with their own punctuation and the Latin
  brand names real translations keep, Arabic has Arabic punctuation, French its accents;
- translations follow their source block by block (same structure, code, numbers and
  link targets) with each language's own sentence lengths.

States are made by the caller (bench.py): `edited=False` is the text the translations
were made from; `edited=True` edits 10 % of source pages afterwards (a sentence
rewritten, a paragraph added, a number and a code line changed), translations untouched.

Same arguments, same bytes: seeded PRNGs (string seeds hash with SHA-512), sorted
inputs, no clock, no environment.
"""
import math
import os
import random
import re
from pathlib import Path

LANGS = ["id", "en", "zh", "ja", "ar", "fr"]
CJK = {"zh", "ja"}
ROOT = Path(__file__).resolve().parent.parent
COMMA = {"zh": "，", "ja": "、", "ar": "، ", "id": ", ", "en": ", ", "fr": ", "}  # with the space after
STOP = {"zh": "。", "ja": "。", "ar": ".", "id": ".", "en": ".", "fr": "."}
PUNCT = ".,;:!?\"'“”‘’()[]*`_<>|#،؛؟«»…-—"
QUESTION = {"zh": "？", "ja": "？", "ar": "؟", "id": "?", "en": "?", "fr": " ?"}
# Words per source sentence scale to each language's words (CJK: pieces of 1–4 characters).
SCALE = {"id": 1.0, "en": 0.95, "fr": 1.15, "ar": 0.85, "zh": 1.25, "ja": 1.45}
NOTE = {"id": "Catatan", "en": "Note", "zh": "注意", "ja": "注意", "ar": "ملاحظة", "fr": "Remarque"}
WARN = {"id": "Penting", "en": "Important", "zh": "重要", "ja": "重要", "ar": "مهم", "fr": "Important"}
FAMILIES = {
    # family: (median source bytes, log-normal sigma, block weights)
    "guide": (8000, 0.65, {"p": 46, "ul": 12, "ol": 6, "table": 5, "code": 9, "note": 7, "img": 5, "fn": 3, "h3": 7}),
    "reference": (10000, 0.7, {"p": 30, "ul": 8, "ol": 4, "table": 14, "code": 22, "note": 4, "img": 2, "fn": 5, "h3": 11}),
}
CODE_LANGS = ["sh", "python", "javascript", "rust", "yaml", "json", "toml", "html", "go", "typescript"]
COMMENT = {"sh": "#", "python": "#", "yaml": "#", "toml": "#", "javascript": "//", "rust": "//", "go": "//",
           "typescript": "//", "json": None, "html": None}
IDENT = "config user profile data consent region export token session locale request response page item " \
        "setting value account member model batch limit cache index status schema field record client".split()


def vocabulary() -> dict[str, list[str]]:
    """Each language's words, with repeats (so a uniform draw follows their frequencies),
    from the repository's own pages: `content/**/*.md` (id) and `*.LANG.md`."""
    words = {lang: [] for lang in LANGS}
    for path in sorted((ROOT / "content").rglob("*.md")):
        parts = path.name.split(".")
        lang = parts[-2] if len(parts) == 3 and parts[-2] in LANGS else "id"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^\+\+\+.*?\+\+\+", "", text, flags=re.S)
        text = re.sub(r"```.*?```|\{#[^}]*\}|\]\([^)]*\)|<[^>]+>", " ", text, flags=re.S)
        if lang in CJK:
            for run in re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uff10-\uff5a]+|[A-Za-z][A-Za-z0-9-]*", text):
                if run.isascii():
                    words[lang].append(run)
                    continue
                i = 0
                while i < len(run):  # pieces of 1-4 characters, cut where the seed says
                    n = 1 + (hash_int(run, i) % 4)
                    words[lang].append(run[i:i + n])
                    i += n
        else:
            # Split at spaces, punctuation stripped (a regex word class would cut Arabic
            # words at their diacritics, which Python does not count as word characters).
            for token in text.split():
                token = token.strip(PUNCT)
                if token and any(c.isalpha() for c in token) and not any(c in "*`|[]()#>" for c in token):
                    words[lang].append(token)
    return words


def hash_int(text: str, i: int) -> int:
    return random.Random(f"{text}/{i}").randrange(1 << 30)


class Writer:
    """Text in one language from seeds shared by all languages."""

    def __init__(self, words: dict[str, list[str]], lang: str):
        self.words, self.lang = words[lang], lang

    def sentence(self, seed, n: int, question=False) -> str:
        rng = random.Random(repr((seed, self.lang)))
        count = max(2, round(n * SCALE[self.lang]))
        picked = [rng.choice(self.words) for _ in range(count)]
        out, sep = [], "" if self.lang in CJK else " "
        for i, w in enumerate(picked):
            if i and rng.random() < 0.08:
                out.append(COMMA[self.lang])
            elif i and self.lang in CJK and (w.isascii() != picked[i - 1].isascii()):
                out.append(" ")  # real CJK text spaces Latin words apart more often than not
            elif i:
                out.append(sep)
            out.append(w)
        text = "".join(out)
        if self.lang in ("id", "en", "fr"):
            text = text[0].upper() + text[1:]
        return text + (QUESTION if question else STOP)[self.lang]

    def phrase(self, seed, n: int) -> str:
        return self.sentence(seed, n).rstrip("。.?？؟ ")


def number(lang: str, value: int) -> str:
    if lang == "id":
        return f"{value:,}".replace(",", ".")
    if lang == "fr":
        return f"{value:,}".replace(",", "\u202f")
    return f"{value:,}"


class Site:
    """Where documents live and how a link to one is spelled."""

    def __init__(self, docs: int, per_section: int, layout: str, missing):
        self.docs, self.per_section, self.layout, self.missing = docs, per_section, layout, missing

    def section(self, d: int) -> str:
        return f"s{d // self.per_section}"

    def link(self, here: int, target: int, lang: str, form: str, anchor: str = "") -> str:
        """The link from document `here`'s page in `lang` to document `target`, in `form`:
        md (source path), dir (directory URL relative to the page), abs (site URL)."""
        sec, tsec = self.section(here), self.section(target)
        tlang = lang if lang == "id" or (target, lang) not in self.missing else "id"
        prefix = "" if tlang == "id" else f"/{tlang}"
        frag = f"#{anchor}" if anchor else ""
        if form == "md":
            if self.layout == "naskah":
                name = f"doc{target}.md"
                return (name if tsec == sec else f"../{tsec}/{name}") + frag
            if self.layout == "zola":
                return f"@/{tsec}/doc{target}{'' if tlang == 'id' else '.' + tlang}.md{frag}"
            form = "dir"  # Hugo: relative directory URLs
        if form == "dir":
            # Relative to the page's own URL /SEC/docN/ (as a browser resolves it).
            return (f"../doc{target}/" if tsec == sec else f"../../{tsec}/doc{target}/") + frag
        return f"{prefix if self.layout != 'naskah' else ''}/{tsec}/doc{target}/{frag}"


def target_size(rng: random.Random, family: str) -> int:
    median, sigma, _ = FAMILIES[family]
    return int(min(60000, max(1500, median * math.exp(rng.gauss(0, sigma)))))


def code_block(seed, lang: str, writer: Writer, translate_comments: bool, edited: bool) -> str:
    rng = random.Random(repr((seed, "code")))
    kind = rng.choice(CODE_LANGS)
    mark = COMMENT[kind]
    comment_writer = writer if translate_comments else SOURCE_WRITERS[0]
    lines = []
    for i in range(rng.randint(4, 18)):
        a, b = rng.choice(IDENT), rng.choice(IDENT)
        n = rng.randint(1, 5000) + (7 if edited and i == 0 else 0)
        if mark and rng.random() < 0.25:
            text = comment_writer.phrase((seed, "c", i), 6)
            lines.append(f"{mark} {text}")
        elif kind == "sh":
            lines.append(f"naskah {a} --{b} {n} ./{a}/{b}.md")
        elif kind == "python":
            lines.append(f"{a}_{b} = client.{a}(\"{b}\", limit={n})")
        elif kind in ("javascript", "typescript"):
            lines.append(f"const {a}{b.title()} = await api.{a}({{ {b}: {n} }});")
        elif kind == "rust":
            lines.append(f"let {a}_{b} = {a}::{b}(&ctx, {n})?;")
        elif kind == "go":
            lines.append(f"{a}{b.title()}, err := {a}.{b.title()}(ctx, {n})")
        elif kind == "yaml":
            lines.append(f"{'  ' * (i % 3)}{a}_{b}: {n}")
        elif kind == "toml":
            lines.append(f"{a}_{b} = {n}")
        elif kind == "json":
            lines.append(f'  "{a}_{b}": {n},')
        else:
            lines.append(f'<div class="{a}-{b}" data-{b}="{n}"></div>')
    if kind == "json":
        lines = ["{"] + lines + ['  "end": true', "}"]
    return f"```{kind}\n" + "\n".join(lines) + "\n```"


SOURCE_WRITERS: list[Writer] = []
# Blocks per document, as its source page has them (translations follow their source).
BLOCKS: dict = {}


def document(words, site: Site, family: str, d: int, lang: str, edited: bool) -> str:
    """The Markdown of document d in `lang` (front matter included)."""
    w = Writer(words, lang)
    rng = random.Random(f"doc/{family}/{d}")
    size = target_size(rng, family)
    weights = FAMILIES[family][2]
    kinds, cum = list(weights), []
    total = 0
    for k in kinds:
        total += weights[k]
        cum.append(total)
    # Edited source pages: 10 % of documents, chosen by seed.
    edit = edited and lang == "id" and random.Random(f"edit/{d}").random() < 0.10
    translate_comments = lang != "id" and random.Random(f"tc/{d}/{lang}").random() < 0.5
    count = BLOCKS.get((family, d))
    if count is None and lang != "id":
        document(words, site, family, d, "id", False)  # the source decides how many blocks
        count = BLOCKS[(family, d)]
    blocks, footnotes, src_len, h2 = [], [], 0, 0
    b = 0
    while (src_len < size) if count is None else (b < count):
        seed = (family, d, b)
        if b % 7 == 0:
            h2 += 1
            # The first heading always has its id: links from other pages name it.
            explicit = h2 == 1 or random.Random(repr((seed, "id"))).random() < 0.6
            heading = f"## {w.phrase((seed, 'h2'), 4)}" + (f" {{#bagian-{h2}}}" if explicit else "")
            blocks.append(heading)
        pick = random.Random(repr((seed, "kind"))).randrange(total)
        kind = kinds[next(i for i, c in enumerate(cum) if pick < c)]
        block = make_block(kind, seed, w, site, d, lang, translate_comments, edit and b == 3, footnotes)
        blocks.append(block)
        src_len += len(block.encode())
        if edit and b == 5:
            blocks.append(w.sentence((seed, "added"), 25) + " " + w.sentence((seed, "added2"), 18))
        b += 1
    BLOCKS[(family, d)] = b
    if footnotes:
        blocks.append("\n".join(footnotes))
    title = w.phrase((family, d, "title"), 5)
    desc = w.sentence((family, d, "desc"), 14)
    weight = d % site.per_section
    return f'+++\ntitle = "{title}"\ndescription = "{desc}"\nweight = {weight}\n+++\n\n' + "\n\n".join(blocks) + "\n"


def make_block(kind, seed, w: Writer, site: Site, d, lang, translate_comments, edit, footnotes) -> str:
    rng = random.Random(repr((seed, "b")))
    if kind == "p":
        parts = [w.sentence((seed, s), rng.randint(8, 26), question=rng.random() < 0.05)
                 for s in range(rng.randint(2, 5))]
        if edit:
            parts[0] = w.sentence((seed, "edited"), 20)
        # Inline: code, emphasis, a number, a link in one of the forms users write.
        parts[0] = parts[0] + f" `{rng.choice(IDENT)}.{rng.choice(IDENT)}`"
        if rng.random() < 0.4:
            parts[-1] = f"**{w.phrase((seed, 'em'), 3)}** " + parts[-1]
        if rng.random() < 0.5:
            parts.insert(1, f"{number(lang, rng.randint(2, 99999))}{'' if lang in CJK else ' '}{w.phrase((seed, 'n'), 3)}{STOP[lang]}")
        if rng.random() < 0.7:
            parts.append(link_sentence(seed, w, site, d, lang, rng))
        return ("" if lang in CJK else " ").join(parts)
    if kind in ("ul", "ol"):
        lines = []
        for i in range(rng.randint(3, 7)):
            bullet = "-" if kind == "ul" else f"{i + 1}."
            lines.append(f"{bullet} {w.sentence((seed, 'li', i), rng.randint(4, 14))}")
            if rng.random() < 0.3:
                pad = " " * (len(bullet) + 1)
                for j in range(rng.randint(1, 3)):
                    lines.append(f"{pad}- {w.sentence((seed, 'li', i, j), rng.randint(3, 9))}")
        return "\n".join(lines)
    if kind == "table":
        cols = rng.randint(2, 5)
        head = "| " + " | ".join(w.phrase((seed, "th", c), 2) for c in range(cols)) + " |"
        rows = [head, "|" + "---|" * cols]
        for r in range(rng.randint(3, 9)):
            cells = [f"`{rng.choice(IDENT)}`" if c == 0 else
                     number(lang, rng.randint(1, 9999)) if c == cols - 1 else
                     w.phrase((seed, "td", r, c), rng.randint(2, 6)) for c in range(cols)]
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join(rows)
    if kind == "code":
        return code_block(seed, lang, w, translate_comments, edit)
    if kind == "note":
        label = (NOTE if rng.random() < 0.7 else WARN)[lang]
        colon = "：" if lang in CJK else " :" if lang == "fr" else ":"
        return f"> **{label}**{colon} " + w.sentence((seed, "note"), rng.randint(10, 24)) + \
               ("\n>\n> " + w.sentence((seed, "note2"), 10) if rng.random() < 0.3 else "")
    if kind == "img":
        alt = w.phrase((seed, "alt"), 4)
        return f"![{alt}](/img/shot{rng.randint(1, 8)}.png)"
    if kind == "fn":
        n = len(footnotes) + 1
        footnotes.append(f"[^{n}]: {w.sentence((seed, 'fn'), rng.randint(6, 14))}")
        return w.sentence((seed, "fnp"), rng.randint(10, 20)) + f"[^{n}]"
    # h3
    return f"### {w.phrase((seed, 'h3'), 3)}\n\n" + w.sentence((seed, "h3p"), rng.randint(10, 22))


def link_sentence(seed, w: Writer, site: Site, d, lang, rng) -> str:
    r = rng.random()
    near = min(site.docs - 1, max(0, d + rng.randint(-30, 30)))
    far = rng.randrange(site.docs)
    text = w.phrase((seed, "lt"), 3)
    if r < 0.35:
        href = site.link(d, near, lang, "md")
    elif r < 0.50:
        href = site.link(d, far, lang, "md", anchor="bagian-1")
    elif r < 0.65:
        href = site.link(d, near, lang, "dir")
    elif r < 0.78:
        href = site.link(d, far, lang, "abs")
    elif r < 0.90:
        href = "#bagian-1"
    else:
        href = f"https://example.org/{rng.choice(IDENT)}/{rng.randint(1, 999)}"
    return f"{w.phrase((seed, 'ls'), 5)} [{text}]({href}){STOP[lang]}"


def write(path: str, text: str):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def missing_plan(docs: int) -> set:
    rng = random.Random("missing")
    return {(d, lang) for d in range(docs) for lang in LANGS[1:] if rng.random() < 0.05}


def generate(family: str, docs: int, out: str, layout: str, per_section: int, edited: bool,
             only_source: bool, config_head: dict):
    """Writes the corpus; `config_head[layout](out)` writes the layout's config and theme."""
    words = vocabulary()
    SOURCE_WRITERS[:] = [Writer(words, "id")]
    missing = missing_plan(docs)
    site = Site(docs, per_section, layout, missing)
    if not only_source:
        config_head(out)
        for i in range(1, 9):
            write(f"{out}/static/img/shot{i}.png", "png")
    sections = -(-docs // per_section)
    for s in range(sections):
        for lang in LANGS:
            if only_source and lang != "id":
                continue
            w = Writer(words, lang)
            sort = 'sort_by = "weight"\n' if layout == "zola" else ""
            write(section_path(out, layout, f"s{s}", lang),
                  f'+++\ntitle = "{w.phrase((family, "sec", s), 3)} {s}"\nweight = {s}\n'
                  f'{sort}+++\n\n{w.sentence((family, "sec", s), 24)}\n')
    for lang in LANGS:
        if only_source and lang != "id":
            continue
        w = Writer(words, lang)
        write(section_path(out, layout, "", lang), f'+++\ntitle = "{w.phrase((family, "home"), 4)}"\n+++\n\n'
              f'{w.sentence((family, "home"), 30)}\n')
    for d in range(docs):
        for lang in LANGS:
            if (d, lang) in missing or (only_source and lang != "id"):
                continue
            text = document(words, site, family, d, lang, edited)
            write(page_path(out, layout, site.section(d), d, lang), text)


def page_path(out, layout, section, d, lang) -> str:
    if layout == "hugo":
        return f"{out}/content/{section}/doc{d}.{lang}.md"
    return f"{out}/content/{section}/doc{d}{'' if lang == 'id' else '.' + lang}.md"


def section_path(out, layout, section, lang) -> str:
    folder = f"{out}/content/{section}/" if section else f"{out}/content/"
    if layout == "naskah":
        return folder + ("index.md" if lang == "id" else f"index.{lang}.md")
    if layout == "hugo":
        return folder + f"_index.{lang}.md"
    return folder + ("_index.md" if lang == "id" else f"_index.{lang}.md")
