#!/usr/bin/env python3
"""Deterministic corpus generator for naskah's benchmarks.

Writes N documents in six languages (id source; en, zh, ja, ar, fr translations) with
realistic Markdown (front matter, headings with ids, paragraphs, lists, tables, code,
links, images), a share of missing and drifted translations, and naskah.lock accepting
the rest. The same corpus can be laid out for naskah, Hugo and Zola.

    gen_corpus.py --docs 2000 --out DIR [--layout naskah|hugo|zola]

Same arguments, same bytes: a seeded PRNG, no clock, no environment.
"""
import argparse
import os
import random

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


def naskah(docs, out):
    write(f"{out}/naskah.toml", 'title = "Bench"\nbase_url = "https://bench.example.org/"\n\n' +
          "".join(f'[languages.{l}]\nname = "{NAMES[l]}"\n\n' for l in LANGS))
    write(f"{out}/static/img/x.png", "png")
    states = plan(docs)
    for d in range(docs):
        section = f"s{d // 100}"
        if d % 100 == 0:
            for lang in LANGS:
                suffix = "" if lang == "id" else f".{lang}"
                write(f"{out}/content/{section}/index{suffix}.md", f'+++\ntitle = "{title(d, lang)} {d // 100}"\nweight = {d // 100}\n+++\n{sentence((d, "sec"), lang, 20)}\n')
        for lang in LANGS:
            state = states.get((d, lang), "ok")
            if state == "missing":
                continue
            suffix = "" if lang == "id" else f".{lang}"
            body = document(d, d, lang, drift=(lang == "id"))
            if lang != "id" and state == "ok":
                body = document(d, d, lang, drift=True)
            front = f'+++\ntitle = "{title(d, lang)}"\ndescription = "{sentence((d, "desc"), lang, 8)}"\nweight = {d % 100}\n+++\n'
            write(f"{out}/content/{section}/doc{d}{suffix}.md", front + body)
    for lang in LANGS:
        suffix = "" if lang == "id" else f".{lang}"
        write(f"{out}/content/index{suffix}.md", f'+++\ntitle = "{title(-1, lang)}"\n+++\n{sentence((-1,), lang, 30)}\n')


def hugo(docs, out):
    write(f"{out}/hugo.toml", 'baseURL = "https://bench.example.org/"\ntitle = "Bench"\ndefaultContentLanguage = "id"\n'
          'defaultContentLanguageInSubdir = false\ndisableKinds = ["taxonomy", "term", "RSS"]\n\n[languages]\n' +
          "".join(f'[languages.{l}]\nlanguageName = "{NAMES[l]}"\nweight = {i + 1}\n' for i, l in enumerate(LANGS)) +
          '\n[markup.goldmark.renderer]\nunsafe = true\n')
    layouts = f"{out}/layouts/_default"
    base = ('<!DOCTYPE html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
            '{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}</head><body>'
            '<nav>{{ range .AllTranslations }}<a href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a> {{ end }}</nav>'
            '<main><h1>{{ .Title }}</h1>{{ .Content }}{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</main></body></html>\n')
    for name in ("single.html", "list.html"):
        write(f"{layouts}/{name}", base)
    write(f"{out}/layouts/index.html", base)
    write(f"{out}/static/img/x.png", "png")
    states = plan(docs)
    for d in range(docs):
        section = f"s{d // 100}"
        for lang in LANGS:
            if states.get((d, lang), "ok") == "missing":
                continue
            body = document(d, d, lang, drift=True).replace(f"doc{d + 1}.md", f"../doc{d + 1}/")
            write(f"{out}/content/{section}/doc{d}.{lang}.md", f'+++\ntitle = "{title(d, lang)}"\nweight = {d % 100}\n+++\n{body}')
        if d % 100 == 0:
            for lang in LANGS:
                write(f"{out}/content/{section}/_index.{lang}.md", f'+++\ntitle = "{title(d, lang)} {d // 100}"\n+++\n')


def zola(docs, out):
    extra = "".join(f'[languages.{l}]\ntitle = "Bench"\n' for l in LANGS[1:])
    write(f"{out}/config.toml", 'base_url = "https://bench.example.org"\ntitle = "Bench"\ndefault_language = "id"\n'
          'compile_sass = false\nbuild_search_index = false\n\n[markdown]\n\n' + extra)
    base = ('<!DOCTYPE html><html lang="{{ lang }}"><head><meta charset="utf-8"><title>{% if page %}{{ page.title }}{% else %}{{ section.title }}{% endif %}</title>'
            '{% if page %}{% for t in page.translations %}<link rel="alternate" hreflang="{{ t.lang }}" href="{{ t.permalink }}">{% endfor %}{% endif %}</head><body>'
            '<nav>{% if page %}{% for t in page.translations %}<a href="{{ t.permalink }}">{{ t.lang }}</a> {% endfor %}{% endif %}</nav>'
            '<main>{% if page %}<h1>{{ page.title }}</h1>{{ page.content | safe }}{% else %}<h1>{{ section.title }}</h1>{% for p in section.pages %}<a href="{{ p.permalink }}">{{ p.title }}</a>{% endfor %}{% endif %}</main></body></html>\n')
    for name in ("page.html", "section.html", "index.html"):
        write(f"{out}/templates/{name}", base)
    write(f"{out}/static/img/x.png", "png")
    states = plan(docs)
    for lang in LANGS:
        suffix = "" if lang == "id" else f".{lang}"
        write(f"{out}/content/_index{suffix}.md", '+++\ntitle = "Home"\n+++\n')
    for d in range(docs):
        section = f"s{d // 100}"
        if d % 100 == 0:
            for lang in LANGS:
                suffix = "" if lang == "id" else f".{lang}"
                write(f"{out}/content/{section}/_index{suffix}.md", f'+++\ntitle = "{title(d, lang)} {d // 100}"\n+++\n')
        for lang in LANGS:
            if states.get((d, lang), "ok") == "missing" and lang != "id":
                continue
            suffix = "" if lang == "id" else f".{lang}"
            body = document(d, d, lang, drift=True).replace(f"](doc{d + 1}.md)", f"](@/{section if (d + 1) // 100 == d // 100 else f's{(d + 1) // 100}'}/doc{d + 1}.md)")
            if d + 1 >= docs:
                body = body.replace(f"(@/s{(d + 1) // 100}/doc{d + 1}.md)", "(https://example.org/)").replace(f"(@/{section}/doc{d + 1}.md)", "(https://example.org/)")
            write(f"{out}/content/{section}/doc{d}{suffix}.md", f'+++\ntitle = "{title(d, lang)}"\nweight = {d % 100}\n+++\n{body}')


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--layout", choices=["naskah", "hugo", "zola"], default="naskah")
    args = ap.parse_args()
    {"naskah": naskah, "hugo": hugo, "zola": zola}[args.layout](args.docs, args.out)


if __name__ == "__main__":
    main()
