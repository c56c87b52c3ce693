#!/usr/bin/env python3
"""Deterministic corpus generator for naskah's benchmarks.

Writes N documents in six languages (id source; en, zh, ja, ar, fr translations) with
realistic Markdown (front matter, headings with ids, paragraphs, lists, tables, code,
links, images), a share of missing and drifted translations, and naskah.lock accepting
the rest. The same corpus can be laid out for naskah, Hugo and Zola.

    gen_corpus.py --docs 2000 --out DIR [--layout naskah|hugo|zola] [--per-section N]

Documents go into sections of N (100 by default; 20 gives the "many small sections"
shape of real documentation, where sections grow with the site).

Same arguments, same bytes: a seeded PRNG, no clock, no environment.
"""
import argparse
import os
import posixpath
import random

import corpus_docs

# Documents per section (--per-section).
PER_SECTION = 100
LANGS = ["id", "en", "zh", "ja", "ar", "fr"]
NAMES = {"id": "Bahasa Indonesia", "en": "English", "zh": "中文", "ja": "日本語", "ar": "العربية", "fr": "Français"}
WORDS = {
    "id": "data pengguna akun pengaturan privasi model pelatihan publik profil aplikasi fitur keamanan informasi layanan kebijakan anggota jaringan pesan halaman bantuan".split(),
    "en": "data user account settings privacy model training public profile application feature security information service policy member network message page help".split(),
    "fr": "données utilisateur compte paramètres confidentialité modèle entraînement public profil application fonction sécurité information service politique membre réseau message page aide".split(),
    "zh": "数据 用户 账户 设置 隐私 模型 训练 公开 资料 应用 功能 安全 信息 服务 政策 会员 网络 消息 页面 帮助".split(),
    "ja": "データ ユーザー アカウント 設定 プライバシー モデル 学習 公開 プロフィール アプリ 機能 セキュリティ 情報 サービス ポリシー メンバー ネットワーク メッセージ ページ ヘルプ".split(),
    "ar": "البيانات المستخدم الحساب الإعدادات الخصوصية النموذج التدريب العامة الملف التطبيق الميزة الأمان المعلومات الخدمة السياسة العضو الشبكة الرسالة الصفحة المساعدة".split(),
}
GLUE = {"id": ["dan", "untuk", "yang", "dengan", "pada"], "en": ["and", "for", "the", "with", "on"],
        "fr": ["et", "pour", "le", "avec", "sur"], "zh": ["和", "的", "与", "在", "为"],
        "ja": ["と", "の", "で", "に", "を"], "ar": ["و", "في", "من", "على", "إلى"]}
SEP = {"zh": "", "ja": "", "id": " ", "en": " ", "fr": " ", "ar": " "}
END = {"zh": "。", "ja": "。", "ar": ".", "id": ".", "en": ".", "fr": "."}


def sentence(rng_state, lang, n):
    rng = random.Random(repr(rng_state))
    words = []
    for i in range(n):
        words.append(rng.choice(WORDS[lang]) if i % 3 else rng.choice(GLUE[lang]))
    text = SEP[lang].join(words)
    return text[0].upper() + text[1:] + END[lang] if lang in ("id", "en", "fr") else text + END[lang]


def number(lang, value):
    if lang == "id":
        return f"{value:,}".replace(",", ".")
    if lang == "fr":
        return f"{value:,}".replace(",", "\u202f")
    return f"{value:,}"


def document(seed, doc, lang, drift):
    """The Markdown body of one document in one language, built block by block from the
    same seeds so that translations align with the source."""
    rng = random.Random(seed)
    blocks = []
    sections = rng.randint(3, 5)
    for s in range(sections):
        hid = f"bagian-{s + 1}"
        blocks.append(f"## {sentence((seed, s, 'h'), lang, 3)[:-1]} {{#{hid}}}")
        for p in range(rng.randint(1, 3)):
            text = sentence((seed, s, p), lang, rng.randint(14, 40))
            if drift and s == 1 and p == 0:
                text = sentence((seed, s, p, "edited"), lang, 20)
            blocks.append(text + f" {number(lang, 1000 * (s + 1) + p)}")
        kind = (seed + s) % 4
        if kind == 0:
            blocks.append("\n".join(f"- {sentence((seed, s, 'li', i), lang, 8)}" for i in range(rng.randint(3, 5))))
        elif kind == 1:
            rows = ["| a | b |", "|---|---|"] + [f"| {sentence((seed, s, 't', i), lang, 3)} | {i * 7} |" for i in range(3)]
            blocks.append("\n".join(rows))
        elif kind == 2:
            blocks.append(f"```sh\nnaskah build --root docs/{doc}\n```")
        else:
            target = f"doc{(doc + 1)}.md"
            blocks.append(f"{sentence((seed, s, 'l'), lang, 10)} [{sentence((seed, s, 'lt'), lang, 2)[:-1]}]({target}) ![x](/img/x.png)")
    return "\n\n".join(blocks) + "\n"


def title(seed, lang):
    return sentence((seed, "title"), lang, 4)[:-1]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def plan(docs):
    """(doc, lang) → 'ok' | 'missing' | 'drifted', deterministic."""
    rng = random.Random(42)
    out = {}
    for d in range(docs):
        for lang in LANGS[1:]:
            r = rng.random()
            out[(d, lang)] = "missing" if r < 0.05 else "drifted" if r < 0.15 else "ok"
    return out


# The naskah theme the benchmark builds with: the same page as the peers' minimal
# template (title, description, hreflang alternates with x-default, a language switcher,
# the content, a section's list of pages) plus what only naskah has, its notices (machine
# translation disclaimer, fallback and drift banners, from the built-in `_notices.html`).
# bench.py also builds the corpus with the full built-in theme, reported on its own line.
BENCH_PAGE = (
    '<!DOCTYPE html><html lang="{{ lang }}" dir="{{ dir }}"><head><meta charset="utf-8">'
    '<title>{{ page.title }}</title>'
    '{% if page.description %}<meta name="description" content="{{ page.description }}">{% endif %}'
    '{% if page.noindex %}<meta name="robots" content="noindex">{% endif %}'
    '{% for alt in page.alternates %}<link rel="alternate" hreflang="{{ alt.hreflang }}" href="{{ alt.href }}">{% endfor %}'
    '</head><body>'
    '<nav>{% for l in page.languages %}<a href="{{ root }}{{ l.path }}" hreflang="{{ l.code }}">{{ l.name }}</a> {% endfor %}</nav>'
    '<main><h1>{{ page.title }}</h1>{% include "_notices.html" %}{{ page.content | safe }}'
    '{% if page.children %}<ul>{% for child in page.children %}<li><a href="{{ root }}{{ child.path }}">{{ child.title }}</a></li>{% endfor %}</ul>{% endif %}'
    '</main></body></html>\n')


def naskah_head(out):
    """naskah.toml and the bench theme."""
    write(f"{out}/naskah.toml", 'title = "Bench"\nbase_url = "https://bench.example.org/"\ntheme = "bench"\n\n' +
          "".join(f'[languages.{l}]\nname = "{NAMES[l]}"\n\n' for l in LANGS))
    for name in ("page.html", "section.html"):
        write(f"{out}/themes/bench/templates/{name}", BENCH_PAGE)


def naskah(docs, out, phase="all"):
    """phase "old": every page as it was when the translations were made; "new": the
    source edited since, with the "ok" translations following it and the "drifted" ones
    left as they were (their file names go to ok-translations.txt, to accept again).
    bench.py runs old → `naskah accept --all` → new → `naskah accept <ok translations>`,
    so provenance is recorded and drift is real. "all" writes the final state, no lock."""
    naskah_head(out)
    write(f"{out}/static/img/x.png", "png")
    states = plan(docs)
    ok_translations = []
    for d in range(docs):
        section = f"s{d // PER_SECTION}"
        if d % PER_SECTION == 0:
            for lang in LANGS:
                suffix = "" if lang == "id" else f".{lang}"
                write(f"{out}/content/{section}/index{suffix}.md", f'+++\ntitle = "{title(d, lang)} {d // PER_SECTION}"\nweight = {d // PER_SECTION}\n+++\n{sentence((d, "sec"), lang, 20)}\n')
        for lang in LANGS:
            state = states.get((d, lang), "ok")
            if state == "missing":
                continue
            suffix = "" if lang == "id" else f".{lang}"
            path = f"content/{section}/doc{d}{suffix}.md"
            edited = phase != "old" and (lang == "id" or state == "ok")
            if phase == "new" and lang != "id" and state == "drifted":
                continue
            if lang != "id" and state == "ok":
                ok_translations.append(path)
            body = body_with_link(d, docs, lang, states, naskah_link(d, lang), edited)
            front = f'+++\ntitle = "{title(d, lang)}"\ndescription = "{sentence((d, "desc"), lang, 8)}"\nweight = {d % PER_SECTION}\n+++\n'
            write(f"{out}/{path}", front + body)
    for lang in LANGS:
        suffix = "" if lang == "id" else f".{lang}"
        write(f"{out}/content/index{suffix}.md", f'+++\ntitle = "{title(-1, lang)}"\n+++\n{sentence((-1,), lang, 30)}\n')
    if phase == "new":
        write(f"{out}/ok-translations.txt", "\n".join(ok_translations) + "\n")


def naskah_link(d, lang):
    """naskah links name the source file; naskah picks the reader's language itself."""
    def link(target, section, _lang):
        return f"doc{target}.md" if section == f"s{d // PER_SECTION}" else f"../{section}/doc{target}.md"
    return link


def next_link(d, docs, lang, states):
    """Where document d's link to `doc{d + 1}.md` points from its page in `lang`, for the
    peers: (target document, target section, language of the target page), or None past
    the last document. Like naskah, a link goes to the reader's language where the target
    is translated, else to the source page; and across sections (doc99 → s1/doc100)."""
    t = d + 1
    if t >= docs:
        return None
    has = lang == "id" or states.get((t, lang), "ok") != "missing"
    return t, f"s{t // PER_SECTION}", lang if has else "id"


def body_with_link(d, docs, lang, states, link, edited=True):
    """document() with its `doc{d + 1}.md` link replaced by `link(target, section, lang)`
    (an external URL past the last document)."""
    body = document(d, d, lang, drift=edited)
    target = next_link(d, docs, lang, states)
    href = "https://example.org/" if target is None else link(*target)
    return body.replace(f"](doc{d + 1}.md)", f"]({href})")


def hugo_head(out):
    """hugo.toml and the layouts (see hugo())."""
    write(f"{out}/hugo.toml", 'baseURL = "https://bench.example.org/"\ntitle = "Bench"\ndefaultContentLanguage = "id"\n'
          'defaultContentLanguageInSubdir = false\ndisableKinds = ["taxonomy", "term", "rss"]\nenableRobotsTXT = true\n\n' +
          "".join(f'[languages.{l}]\nweight = {i + 1}\n' for i, l in enumerate(LANGS)) +
          '\n[markup.goldmark.renderer]\nunsafe = true\n')
    names = " ".join(f'"{l}" "{NAMES[l]}"' for l in LANGS)
    base = ('{{ $names := dict ' + names + ' }}'
            '<!DOCTYPE html><html lang="{{ .Language.Lang }}" dir="{{ if eq .Language.Lang "ar" }}rtl{{ else }}ltr{{ end }}">'
            '<head><meta charset="utf-8"><title>{{ .Title }}</title>'
            '{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}'
            '{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">'
            '{{ if eq .Language.Lang "id" }}<link rel="alternate" hreflang="x-default" href="{{ .Permalink }}">{{ end }}{{ end }}'
            '</head><body>'
            '<nav>{{ range .AllTranslations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ index $names .Language.Lang }}</a> {{ end }}</nav>'
            '<main><h1>{{ .Title }}</h1>{{ .Content }}'
            '<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main></body></html>\n')
    for name in ("_default/single.html", "_default/list.html", "index.html", "404.html"):
        write(f"{out}/layouts/{name}", base)


def hugo(docs, out):
    """Hugo: one file per language (`doc0.id.md`, `doc0.en.md`), the source language at
    the root and the others under /LANG/ (as naskah), one minimal template with a
    language switcher, hreflang alternates and x-default. Language names come from a
    dict in the template so the same layout builds with old (Debian's 0.111) and new
    Hugo (`languageName` is deprecated since 0.158, `label` unknown before it)."""
    hugo_head(out)
    write(f"{out}/static/img/x.png", "png")
    states = plan(docs)

    def url(doc, section, lang):
        return ("" if lang == "id" else f"/{lang}") + f"/{section}/doc{doc}/"

    for lang in LANGS:
        write(f"{out}/content/_index.{lang}.md", f'+++\ntitle = "{title(-1, lang)}"\n+++\n{sentence((-1,), lang, 30)}\n')
    for d in range(docs):
        section = f"s{d // PER_SECTION}"
        if d % PER_SECTION == 0:
            for lang in LANGS:
                write(f"{out}/content/{section}/_index.{lang}.md",
                      f'+++\ntitle = "{title(d, lang)} {d // PER_SECTION}"\nweight = {d // PER_SECTION}\n+++\n{sentence((d, "sec"), lang, 20)}\n')
        for lang in LANGS:
            if states.get((d, lang), "ok") == "missing":
                continue
            here = url(d, section, lang)
            body = body_with_link(d, docs, lang, states, lambda *t: posixpath.relpath(url(*t), here) + "/")
            front = f'+++\ntitle = "{title(d, lang)}"\ndescription = "{sentence((d, "desc"), lang, 8)}"\nweight = {d % PER_SECTION}\n+++\n'
            write(f"{out}/content/{section}/doc{d}.{lang}.md", front + body)


def zola_head(out):
    """config.toml and the templates (see zola())."""
    names = "".join(f'{l} = "{NAMES[l]}"\n' for l in LANGS)
    write(f"{out}/config.toml", 'base_url = "https://bench.example.org"\ntitle = "Bench"\ndefault_language = "id"\n'
          'compile_sass = false\nbuild_search_index = false\n\n'
          f'[extra.names]\n{names}\n' + "".join(f'[languages.{l}]\ntitle = "Bench"\n\n' for l in LANGS[1:]))
    head = ('<!DOCTYPE html><html lang="{{ lang }}" dir="{% if lang == "ar" %}rtl{% else %}ltr{% endif %}">'
            '<head><meta charset="utf-8"><title>{{ X.title }}</title>'
            '{% if X.description %}<meta name="description" content="{{ X.description }}">{% endif %}'
            '{% for t in X.translations %}<link rel="alternate" hreflang="{{ t.lang }}" href="{{ t.permalink | safe }}">'
            '{% if t.lang == config.default_language %}<link rel="alternate" hreflang="x-default" href="{{ t.permalink | safe }}">{% endif %}{% endfor %}'
            '</head><body>'
            '<nav>{% for t in X.translations %}<a href="{{ t.permalink | safe }}" hreflang="{{ t.lang }}">{{ config.extra.names[t.lang] }}</a> {% endfor %}</nav>'
            '<main><h1>{{ X.title }}</h1>{{ X.content | safe }}')
    tail = '</main></body></html>\n'
    write(f"{out}/templates/page.html", head.replace("X.", "page.") + tail)
    write(f"{out}/templates/section.html", head.replace("X.", "section.") +
          '<ul>{% for p in section.pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a></li>{% endfor %}</ul>' + tail)
    write(f"{out}/templates/index.html", head.replace("X.", "section.") +
          '<ul>{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}'
          '<li><a href="{{ sub.permalink | safe }}">{{ sub.title }}</a></li>{% endfor %}</ul>' + tail)


def zola(docs, out):
    """Zola: the default language without a suffix (`doc0.md`), `[languages.xx]` tables
    for the others, internal links as `@/s0/doc1.en.md` (Zola checks them and fails the
    build on a broken one), sections sorted by weight, and page, section and home
    templates with a language switcher, hreflang alternates and x-default."""
    zola_head(out)
    write(f"{out}/static/img/x.png", "png")
    states = plan(docs)
    for lang in LANGS:
        suffix = "" if lang == "id" else f".{lang}"
        write(f"{out}/content/_index{suffix}.md", f'+++\ntitle = "{title(-1, lang)}"\n+++\n{sentence((-1,), lang, 30)}\n')
    for d in range(docs):
        section = f"s{d // PER_SECTION}"
        if d % PER_SECTION == 0:
            for lang in LANGS:
                suffix = "" if lang == "id" else f".{lang}"
                write(f"{out}/content/{section}/_index{suffix}.md",
                      f'+++\ntitle = "{title(d, lang)} {d // PER_SECTION}"\nsort_by = "weight"\nweight = {d // PER_SECTION}\n+++\n{sentence((d, "sec"), lang, 20)}\n')
        for lang in LANGS:
            if states.get((d, lang), "ok") == "missing":
                continue
            suffix = "" if lang == "id" else f".{lang}"
            body = body_with_link(d, docs, lang, states,
                                  lambda doc, sec, tl: f"@/{sec}/doc{doc}{'' if tl == 'id' else '.' + tl}.md")
            front = f'+++\ntitle = "{title(d, lang)}"\ndescription = "{sentence((d, "desc"), lang, 8)}"\nweight = {d % PER_SECTION}\n+++\n'
            write(f"{out}/content/{section}/doc{d}{suffix}.md", front + body)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--layout", choices=["naskah", "hugo", "zola"], default="naskah")
    ap.add_argument("--family", choices=["small", *corpus_docs.FAMILIES], default="small",
                    help="small: the original ~4 KB pages; guide, reference: real-sized documentation "
                         "(see corpus_docs.py)")
    ap.add_argument("--phase", choices=["all", "old", "new"], default="all",
                    help="small family, naskah layout only: see naskah() (bench.py records provenance between the phases)")
    ap.add_argument("--edited", action="store_true",
                    help="guide/reference: 10 %% of source pages edited after the translations were made")
    ap.add_argument("--only-source", action="store_true",
                    help="guide/reference: write the source pages only (over a corpus made without --edited)")
    ap.add_argument("--per-section", type=int, default=100, help="documents per section (default 100)")
    args = ap.parse_args()
    global PER_SECTION
    PER_SECTION = max(1, args.per_section)
    if args.family != "small":
        heads = {"naskah": naskah_head, "hugo": hugo_head, "zola": zola_head}
        corpus_docs.generate(args.family, args.docs, args.out, args.layout, PER_SECTION, args.edited,
                             args.only_source, heads[args.layout])
    elif args.layout == "naskah":
        naskah(args.docs, args.out, args.phase)
    else:
        {"hugo": hugo, "zola": zola}[args.layout](args.docs, args.out)


if __name__ == "__main__":
    main()
