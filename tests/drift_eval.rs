//! Precision and recall of the translation-drift detector over a generated fixture set.
//!
//! Four realistic Indonesian help articles with faithful translations (English for all,
//! Arabic and Japanese for one) are mutated by families of edits, each with its ground
//! truth: the exact findings `naskah check` must report, as `(kind, line in the
//! translation, line in the source)`, and the status. "Must not fire" families
//! (formatting, reflow, reorder, link canonicalization, a typo fixed in the
//! translation, no change) expect nothing; "must fire" families (a sentence appended,
//! a list item added or removed, a heading renamed, code, a number, a link or an e-mail
//! address changed in the source; a paragraph deleted, the translation truncated, a
//! paragraph left untranslated, a wrong number, a heading level or an extra paragraph
//! in the translation) expect their findings at their lines.
//!
//! A finding counts as a true positive only when kind and both lines match. Precision
//! and recall are computed per layer (provenance: `source-*`; structure:
//! `missing-segment`, `extra-segment`, `heading-structure`; invariants: `*-mismatch`,
//! `untranslated`); `length-ratio` (info, supporting evidence only) is counted apart.
//! `cargo test --test drift_eval -- --nocapture` prints the tables.

mod support;

use support::ekspor::{AR as EKSPOR_AR, EN as EKSPOR_EN, ID as EKSPOR_ID, JA as EKSPOR_JA};

use std::collections::BTreeMap;
use std::fmt::Write as _;

use support::{TestSite, drift_accept, drift_check, drift_findings, drift_translations, end_line};

// --- Fixtures ---------------------------------------------------------------------------
//
// Sources wrap their paragraphs; translations keep one line per paragraph, so lines in
// the two files differ. Every translation has exactly the block structure of its source
// (the evaluation checks it), which lets mutations and expected positions be derived.

const MENOLAK_ID: &str = "\
# Cara menolak penggunaan data Anda untuk AI generatif {#menolak-ai}

Anda dapat menolak penggunaan data publik Anda untuk melatih model AI generatif
Jejaring Karier kapan saja. Untuk mengetahui data apa saja yang digunakan, baca
[Bagaimana Jejaring Karier menggunakan data publik](./data-publik-ai.md).

Pengaturan ini berlaku untuk seluruh akun, jadi Anda cukup mengubahnya sekali, baik
di web maupun di aplikasi.

## Menolak melalui web {#menolak-melalui-web}

1. Masuk ke Jejaring Karier melalui browser.
2. Klik foto profil Anda di kanan atas, lalu pilih **Pengaturan & Privasi**.
3. Di menu sebelah kiri, pilih **Privasi data**.
4. Nonaktifkan tombol **Gunakan data saya untuk melatih model AI**.

Setelah masuk, Anda juga dapat membuka halaman ini secara langsung melalui alamat
`/settings/data-privacy`.

## Setelah Anda menolak {#setelah-menolak}

Penolakan Anda berlaku paling lambat 3 hari setelah Anda menyimpan pengaturan. Kami
juga mengirimkan email konfirmasi ke alamat email utama Anda dalam waktu 24 jam.

Penolakan tidak berlaku surut. Data yang sudah digunakan untuk melatih model sebelum
penolakan berlaku tidak dihapus dari model yang sudah dilatih.

## Pertanyaan umum {#pertanyaan-umum}

### Apakah saya masih dapat menggunakan fitur AI? {#faq-fitur-ai}

Ya. Anda tetap dapat menggunakan semua fitur AI generatif, seperti *asisten penulisan
profil*, meskipun Anda menolak.

Jika tombol kembali aktif, hubungi tim dukungan melalui
[formulir bantuan](https://www.example.com/bantuan/kontak).
";

const MENOLAK_EN: &str = "\
# How to opt out of the use of your data for generative AI {#menolak-ai}

You can opt out of the use of your public data to train Jejaring Karier's generative AI models at any time. To find out which data is used, read [How Jejaring Karier uses public data](data-publik-ai.md).

This setting applies to your whole account, so you only need to change it once, either on the web or in the app.

## Opting out on the web {#menolak-melalui-web}

1. Sign in to Jejaring Karier in your browser.
2. Click your profile photo in the top right corner, then select **Settings & Privacy**.
3. In the menu on the left, select **Data privacy**.
4. Turn off the **Use my data to train AI models** toggle.

Once you are signed in, you can also open this page directly at `/settings/data-privacy`.

## After you opt out {#setelah-menolak}

Your opt-out takes effect no later than 3 days after you save the setting. We also send a confirmation email to your primary email address within 24 hours.

Opting out is not retroactive. Data that was already used to train models before your opt-out took effect is not removed from models that have already been trained.

## Frequently asked questions {#pertanyaan-umum}

### Can I still use AI features? {#faq-fitur-ai}

Yes. You can continue to use all generative AI features, such as the *profile writing assistant*, even if you opt out.

If the toggle turns back on, contact our support team using the [help form](https://www.example.com/bantuan/kontak).
";

const DUA_LANGKAH_ID: &str = "\
# Mengaktifkan verifikasi dua langkah {#verifikasi-dua-langkah}

Verifikasi dua langkah melindungi akun Anda meskipun kata sandi Anda diketahui orang
lain. Setelah fitur ini aktif, Anda memasukkan kode 6 digit setiap kali masuk dari
perangkat baru.

## Metode yang tersedia {#metode}

| Metode | Waktu pengiriman |
|---|---|
| Aplikasi autentikator | langsung |
| SMS | hingga 2 menit |

Kami menyarankan **aplikasi autentikator**, karena kode SMS dapat tertunda atau
dicegat.

## Mengaktifkan fitur {#mengaktifkan}

1. Buka **Pengaturan & Privasi** › **Keamanan akun**.
2. Pilih **Verifikasi dua langkah**, lalu klik **Aktifkan**.
3. Pindai kode QR dengan aplikasi autentikator Anda.
4. Masukkan kode yang ditampilkan aplikasi untuk mengonfirmasi.

Simpan kode cadangan Anda di tempat yang aman. Administrator dapat membuat kode baru
dengan perintah berikut:

```sh
jejaring-admin kode-cadangan --pengguna nama@example.com
```

## Jika Anda kehilangan perangkat {#kehilangan-perangkat}

Gunakan salah satu dari 10 kode cadangan Anda untuk masuk. Setiap kode hanya dapat
digunakan satu kali.

Jika Anda tidak lagi memiliki kode cadangan, kirim email ke keamanan@example.com dari
alamat email utama akun Anda. Baca juga [cara mengekspor data akun](./ekspor.md)
sebelum menghapus perangkat lama.
";

const DUA_LANGKAH_EN: &str = "\
# Turning on two-step verification {#verifikasi-dua-langkah}

Two-step verification protects your account even if someone else learns your password. Once it is on, you enter a 6-digit code each time you sign in from a new device.

## Available methods {#metode}

| Method | Delivery time |
|---|---|
| Authenticator app | instant |
| SMS | up to 2 minutes |

We recommend an **authenticator app**, because SMS codes can be delayed or intercepted.

## Turning it on {#mengaktifkan}

1. Go to **Settings & Privacy** › **Account security**.
2. Select **Two-step verification**, then click **Turn on**.
3. Scan the QR code with your authenticator app.
4. Enter the code shown in the app to confirm.

Keep your backup codes in a safe place. Administrators can generate new codes with the following command:

```sh
jejaring-admin kode-cadangan --pengguna nama@example.com
```

## If you lose your device {#kehilangan-perangkat}

Use one of your 10 backup codes to sign in. Each code can be used only once.

If you no longer have any backup codes, send an email to keamanan@example.com from your account's primary email address. Also read [how to export your account data](ekspor.md) before you remove your old device.
";

const PREMIUM_ID: &str = "\
# Berlangganan Jejaring Karier Premium {#premium}

Dengan *Premium*, Anda dapat melihat siapa yang mengunjungi profil Anda, mengirim pesan
kepada perekrut, dan mengikuti kursus daring tanpa batas.

Harga di bawah ini berlaku sejak 1 Januari 2026 dan sudah termasuk PPN 11%.

## Paket dan harga {#paket}

| Paket | Harga per bulan | Harga per tahun |
|---|---|---|
| Karier | Rp 99.000 | Rp 990.000 |
| Bisnis | Rp 249.000 | Rp 2.490.000 |

Anda dapat mencoba paket mana pun secara gratis selama 30 hari. Kami akan mengingatkan
Anda 7 hari sebelum masa uji coba berakhir.

## Membatalkan langganan {#membatalkan}

- Buka **Pengaturan & Privasi** › **Langganan**.
- Klik **Batalkan langganan** dan ikuti petunjuknya.
- Akses Premium tetap aktif hingga akhir periode penagihan.

Pembatalan tidak mengembalikan biaya yang sudah dibayar, kecuali jika diwajibkan oleh
hukum. Lihat [ketentuan pengembalian dana](https://www.example.com/legal/refund) untuk
rinciannya.

## Faktur {#faktur}

Faktur dikirim ke email penagihan Anda setiap bulan. Untuk faktur atas nama
perusahaan, hubungi tagihan@example.com dan sertakan NPWP perusahaan Anda.
";

const PREMIUM_EN: &str = "\
# Subscribing to Jejaring Karier Premium {#premium}

With *Premium*, you can see who viewed your profile, send messages to recruiters and take unlimited online courses.

The prices below apply from 1 January 2026 and include 11% VAT.

## Plans and prices {#paket}

| Plan | Price per month | Price per year |
|---|---|---|
| Career | IDR 99,000 | IDR 990,000 |
| Business | IDR 249,000 | IDR 2,490,000 |

You can try any plan for free for 30 days. We will remind you 7 days before your trial ends.

## Cancelling your subscription {#membatalkan}

- Go to **Settings & Privacy** › **Subscriptions**.
- Click **Cancel subscription** and follow the instructions.
- Premium access stays active until the end of the billing period.

Cancelling does not refund fees already paid, unless required by law. See the [refund terms](https://www.example.com/legal/refund) for details.

## Invoices {#faktur}

Invoices are sent to your billing email every month. For invoices in a company's name, contact tagihan@example.com and include your company's tax ID (NPWP).
";

/// Every document: its name under `content/bantuan/`, its source, its translations.
/// Translations of a document: (language, text).
type Translations = &'static [(&'static str, &'static str)];

const DOCS: &[(&str, &str, Translations)] = &[
    (
        "ekspor",
        EKSPOR_ID,
        &[("en", EKSPOR_EN), ("ar", EKSPOR_AR), ("ja", EKSPOR_JA)],
    ),
    ("menolak-ai", MENOLAK_ID, &[("en", MENOLAK_EN)]),
    ("dua-langkah", DUA_LANGKAH_ID, &[("en", DUA_LANGKAH_EN)]),
    ("premium", PREMIUM_ID, &[("en", PREMIUM_EN)]),
];

/// Pages the fixtures link to.
const STUBS: &[(&str, &str)] = &[
    (
        "privasi",
        "# Panduan privasi {#privasi}\n\nKami menjaga data pribadi Anda.\n",
    ),
    (
        "data-publik-ai",
        "# Data publik dan AI generatif {#data-publik-ai}\n\nHalaman ini menjelaskan data yang digunakan.\n",
    ),
];

const CONFIG: &str = "\
title = \"Evaluasi\"

[languages.id]
name = \"Bahasa Indonesia\"

[languages.en]
name = \"English\"

[languages.ar]
name = \"العربية\"

[languages.ja]
name = \"日本語\"
";

// --- A block model of the fixtures -------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Heading(usize),
    Paragraph,
    List,
    Table,
    Code,
}

/// A top-level Markdown block: lines without the blank lines around them.
#[derive(Debug, Clone)]
struct Block {
    kind: BlockKind,
    lines: Vec<String>,
}

fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut fence = false;
    for line in text.lines() {
        if fence {
            current.push(line.to_string());
            fence = !line.starts_with("```");
            continue;
        }
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(block(std::mem::take(&mut current)));
            }
            continue;
        }
        fence = line.starts_with("```") && current.is_empty();
        current.push(line.to_string());
    }
    if !current.is_empty() {
        blocks.push(block(current));
    }
    blocks
}

fn block(lines: Vec<String>) -> Block {
    let first = &lines[0];
    let kind = if first.starts_with('#') {
        BlockKind::Heading(first.chars().take_while(|&c| c == '#').count())
    } else if first.starts_with("```") {
        BlockKind::Code
    } else if first.starts_with('|') {
        BlockKind::Table
    } else if is_item(first) {
        BlockKind::List
    } else {
        BlockKind::Paragraph
    };
    Block { kind, lines }
}

fn is_item(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    line.starts_with("- ") || (digits > 0 && line[digits..].starts_with(". "))
}

fn render(blocks: &[Block]) -> String {
    let mut out = blocks
        .iter()
        .map(|b| b.lines.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n");
    out.push('\n');
    out
}

/// Line offsets, within a block, of the segments naskah makes of it: one per list
/// item, one per table cell (the delimiter row has none), one for anything else.
fn segment_offsets(block: &Block) -> Vec<usize> {
    match block.kind {
        BlockKind::List => (0..block.lines.len())
            .filter(|&i| is_item(&block.lines[i]))
            .collect(),
        BlockKind::Table => (0..block.lines.len())
            .filter(|&i| i != 1)
            .flat_map(|i| {
                let cells = block.lines[i].trim().trim_matches('|').split('|').count();
                std::iter::repeat_n(i, cells)
            })
            .collect(),
        _ => vec![0],
    }
}

/// The 1-based line of segment `seg` of block `b` in the rendered text.
fn line(blocks: &[Block], b: usize, seg: usize) -> usize {
    let start: usize = blocks[..b].iter().map(|x| x.lines.len() + 1).sum::<usize>() + 1;
    start + segment_offsets(&blocks[b])[seg]
}

/// The lines of segment `seg` of a block (a list item with its continuation lines;
/// a whole paragraph).
fn segment_lines(block: &Block, seg: usize) -> std::ops::Range<usize> {
    let offsets = segment_offsets(block);
    match block.kind {
        BlockKind::List => offsets[seg]..offsets.get(seg + 1).copied().unwrap_or(block.lines.len()),
        BlockKind::Table => offsets[seg]..offsets[seg] + 1,
        _ => 0..block.lines.len(),
    }
}

/// Renumbers an ordered list after an item was added or removed.
fn renumber(block: &mut Block) {
    let mut n = 0;
    for line in &mut block.lines {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && line[digits..].starts_with(". ") {
            n += 1;
            *line = format!("{n}{}", &line[digits..]);
        }
    }
}

fn is_paragraph(b: &Block) -> bool {
    b.kind == BlockKind::Paragraph
}

fn is_heading(b: &Block) -> bool {
    matches!(b.kind, BlockKind::Heading(_))
}

/// Applies `f` to the prose of a line: the parts outside inline code.
fn outside_code(line: &str, f: impl Fn(&str) -> String) -> String {
    line.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 0 {
                f(part)
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("`")
}

/// Byte offset of the first digit of prose in `line`: not in inline code, a link
/// target, a URL or an e-mail address.
fn first_prose_digit(line: &str) -> Option<usize> {
    let mut in_code = false;
    let mut in_target = false;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '`' => in_code = !in_code,
            '(' if previous == ']' => in_target = true,
            ')' if in_target => in_target = false,
            _ => {}
        }
        previous = c;
        if in_code || in_target || !(c.is_ascii_digit() || ('٠'..='٩').contains(&c)) {
            continue;
        }
        let word_start = line[..i].rfind(char::is_whitespace).map_or(0, |s| s + 1);
        let word_end = line[i..]
            .find(char::is_whitespace)
            .map_or(line.len(), |e| i + e);
        let word = &line[word_start..word_end];
        if word.contains('@') || word.contains("://") {
            continue;
        }
        return Some(i);
    }
    None
}

/// Changes the digit at byte `at` to another one (same script).
fn bump_digit(line: &str, at: usize) -> String {
    let c = line[at..].chars().next().unwrap();
    let bumped = match c {
        '9' => '8',
        '٩' => '٨',
        c => char::from_u32(c as u32 + 1).unwrap(),
    };
    format!("{}{bumped}{}", &line[..at], &line[at + c.len_utf8()..])
}

/// The first list item or paragraph with a digit in its prose: (block, segment, line
/// Another spelling of the same link target: `./x.md` ⇄ `x.md`, host case and a
/// trailing slash toggled for URLs.
fn respell_link(target: &str) -> String {
    if let Some((scheme, rest)) = target.split_once("://") {
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let (scheme, host) = if host.chars().any(char::is_uppercase) {
            (scheme.to_lowercase(), host.to_lowercase())
        } else {
            (scheme.to_uppercase(), host.to_uppercase())
        };
        let path = match path.strip_suffix('/') {
            Some(p) => p.to_string(),
            None if path.is_empty() => String::new(),
            None => format!("{path}/"),
        };
        format!("{scheme}://{host}/{path}")
    } else if let Some(rest) = target.strip_prefix("./") {
        rest.to_string()
    } else {
        format!("./{target}")
    }
}

/// Greedy re-wrap of a paragraph at `width` columns, never starting a line with
/// something that would begin another block.
fn rewrap(lines: &[String], width: usize) -> Vec<String> {
    let joined = lines.join(" ");
    let mut tokens: Vec<String> = Vec::new();
    let mut in_code = false;
    for word in joined.split_whitespace() {
        if in_code {
            let last = tokens.last_mut().unwrap();
            last.push(' ');
            last.push_str(word);
        } else {
            tokens.push(word.to_string());
        }
        if word.matches('`').count() % 2 == 1 {
            in_code = !in_code;
        }
    }
    let safe = |t: &str| {
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        let starts_block = t.starts_with(['-', '+', '*', '#', '>', '=', '|', '_', '`'])
            || (digits > 0 && t[digits..].starts_with(['.', ')']));
        !starts_block
    };
    let mut out: Vec<String> = Vec::new();
    for token in tokens {
        match out.last_mut() {
            Some(line)
                if line.chars().count() + 1 + token.chars().count() <= width || !safe(&token) =>
            {
                line.push(' ');
                line.push_str(&token);
            }
            _ => out.push(token),
        }
    }
    out
}

// --- Cases ----------------------------------------------------------------------------------

type Key = (String, usize, Option<usize>);

fn key(kind: &str, line: usize, source_line: Option<usize>) -> Key {
    (kind.to_string(), line, source_line)
}

/// One document × language with its blocks.
struct Pair {
    doc: &'static str,
    lang: &'static str,
    src: Vec<Block>,
    tr: Vec<Block>,
}

/// One mutated pair and what `naskah check` must say about it.
struct Case {
    doc: &'static str,
    lang: &'static str,
    family: &'static str,
    /// Where in the document the family applied its edit.
    at: String,
    /// Ground truth: a finding must be reported.
    fire: bool,
    /// The texts `naskah accept` saw; `None`: never accepted.
    accepted: Option<(String, String)>,
    source: String,
    translation: String,
    status: &'static str,
    expected: Vec<Key>,
}

impl Pair {
    /// A case whose source was edited after acceptance.
    fn provenance(
        &self,
        family: &'static str,
        at: String,
        src: Vec<Block>,
        expected: Vec<Key>,
    ) -> Case {
        let accepted = Some((render(&self.src), render(&self.tr)));
        self.case(family, at, accepted, src, self.tr.clone(), expected)
    }

    /// A case whose translation was edited, never accepted.
    fn untracked(
        &self,
        family: &'static str,
        at: String,
        tr: Vec<Block>,
        expected: Vec<Key>,
    ) -> Case {
        self.case(family, at, None, self.src.clone(), tr, expected)
    }

    fn case(
        &self,
        family: &'static str,
        at: String,
        accepted: Option<(String, String)>,
        src: Vec<Block>,
        tr: Vec<Block>,
        expected: Vec<Key>,
    ) -> Case {
        let fire = !expected.is_empty();
        let status = match (&accepted, fire) {
            (None, _) => "untracked",
            (Some(_), true) => "outdated",
            (Some(_), false) => "in_sync",
        };
        Case {
            doc: self.doc,
            lang: self.lang,
            family,
            at,
            fire,
            accepted,
            source: render(&src),
            translation: render(&tr),
            status,
            expected,
        }
    }
}

/// A mutation family: its cases for a pair, one per place it applies to (none when
/// the pair has no such place).
type Family = fn(&Pair) -> Vec<Case>;

const FAMILIES: &[Family] = &[
    // Must not fire.
    unchanged_untracked,
    unchanged_accepted,
    formatting,
    reflow,
    reorder,
    link_canonicalization,
    translation_typo_fix,
    // Must fire: provenance (the source edited after acceptance).
    sentence_appended,
    list_item_added,
    list_item_removed,
    heading_renamed,
    code_changed,
    number_changed,
    link_changed,
    email_changed,
    // Must fire: structure and invariants of an untracked translation.
    paragraph_deleted,
    truncated,
    untranslated,
    number_wrong,
    heading_level,
    paragraph_added,
];

fn blocks_where(blocks: &[Block], pred: impl Fn(&Block) -> bool) -> Vec<usize> {
    (0..blocks.len()).filter(|&i| pred(&blocks[i])).collect()
}

/// The line of the first translation segment at or after block `b`, or the end.
fn next_line(blocks: &[Block], b: usize) -> usize {
    if b < blocks.len() {
        line(blocks, b, 0)
    } else {
        end_line(&render(blocks))
    }
}

fn unchanged_untracked(p: &Pair) -> Vec<Case> {
    vec![p.untracked("unchanged (untracked)", "-".into(), p.tr.clone(), vec![])]
}

fn unchanged_accepted(p: &Pair) -> Vec<Case> {
    vec![p.provenance("unchanged (accepted)", "-".into(), p.src.clone(), vec![])]
}

/// Every `*`/`**` emphasis of the source written with `_`/`__`.
fn formatting(p: &Pair) -> Vec<Case> {
    let mut src = p.src.clone();
    for block in &mut src {
        if matches!(
            block.kind,
            BlockKind::Paragraph | BlockKind::List | BlockKind::Table
        ) {
            for line in &mut block.lines {
                *line = outside_code(line, |s| s.replace("**", "__").replace('*', "_"));
            }
        }
    }
    if render(&src) == render(&p.src) {
        return vec![];
    }
    vec![p.provenance("formatting", "all".into(), src, vec![])]
}

/// Every paragraph of the source re-wrapped at 50 columns.
fn reflow(p: &Pair) -> Vec<Case> {
    let mut src = p.src.clone();
    for block in &mut src {
        if block.kind == BlockKind::Paragraph {
            block.lines = rewrap(&block.lines, 50);
        }
    }
    vec![p.provenance("reflow", "all".into(), src, vec![])]
}

/// Two adjacent source paragraphs swapped (each such pair).
fn reorder(p: &Pair) -> Vec<Case> {
    blocks_where(&p.src, is_paragraph)
        .into_iter()
        .filter(|&b| b + 1 < p.src.len() && is_paragraph(&p.src[b + 1]))
        .map(|b| {
            let mut src = p.src.clone();
            src.swap(b, b + 1);
            p.provenance("reorder", format!("block {b}"), src, vec![])
        })
        .collect()
}

/// Every link target of the source spelled another, equivalent way.
fn link_canonicalization(p: &Pair) -> Vec<Case> {
    let mut src = p.src.clone();
    for block in &mut src {
        for line in &mut block.lines {
            let mut out = String::new();
            let mut rest = line.as_str();
            while let Some(open) = rest.find("](") {
                let start = open + 2;
                let end = start + rest[start..].find(')').unwrap();
                out.push_str(&rest[..start]);
                out.push_str(&respell_link(&rest[start..end]));
                rest = &rest[end..];
            }
            out.push_str(rest);
            *line = out;
        }
    }
    if render(&src) == render(&p.src) {
        return vec![];
    }
    vec![p.provenance("link canonicalization", "all".into(), src, vec![])]
}

/// Accepted with a typo (two letters swapped in the first paragraph), then fixed.
fn translation_typo_fix(p: &Pair) -> Vec<Case> {
    let Some(b) = blocks_where(&p.tr, is_paragraph).first().copied() else {
        return vec![];
    };
    let line = &p.tr[b].lines[0];
    let Some(word) = line
        .split(|c: char| !c.is_alphabetic())
        .find(|w| w.chars().count() >= 6)
    else {
        return vec![];
    };
    let chars: Vec<char> = word.chars().collect();
    let mut typo = chars.clone();
    typo.swap(2, 3);
    if typo == chars {
        return vec![];
    }
    let typo: String = typo.into_iter().collect();
    let mut with_typo = p.tr.clone();
    with_typo[b].lines[0] = line.replacen(word, &typo, 1);
    vec![p.case(
        "translation typo fix",
        format!("block {b}"),
        Some((render(&p.src), render(&with_typo))),
        p.src.clone(),
        p.tr.clone(),
        vec![],
    )]
}

/// A sentence appended to a source paragraph (each paragraph).
fn sentence_appended(p: &Pair) -> Vec<Case> {
    blocks_where(&p.src, is_paragraph)
        .into_iter()
        .map(|b| {
            let mut src = p.src.clone();
            src[b]
                .lines
                .last_mut()
                .unwrap()
                .push_str(" Perubahan ini berlaku untuk semua akun Anda.");
            let expected = vec![key(
                "source-changed",
                line(&p.tr, b, 0),
                Some(line(&src, b, 0)),
            )];
            p.provenance("sentence appended", format!("block {b}"), src, expected)
        })
        .collect()
}

/// A list item added to the source (each list, each place in it).
fn list_item_added(p: &Pair) -> Vec<Case> {
    let mut cases = Vec::new();
    for b in blocks_where(&p.src, |x| x.kind == BlockKind::List) {
        let items = segment_offsets(&p.src[b]);
        let ordered = !p.src[b].lines[0].starts_with('-');
        for i in 0..=items.len() {
            let mut src = p.src.clone();
            let at = items.get(i).copied().unwrap_or(src[b].lines.len());
            let marker = if ordered { "0." } else { "-" };
            src[b].lines.insert(
                at,
                format!("{marker} Simpan arsip di tempat yang aman dan jangan membagikannya kepada siapa pun."),
            );
            renumber(&mut src[b]);
            // Reported where the item would go: before the translation's next segment.
            let t = if i < items.len() {
                line(&p.tr, b, i)
            } else {
                next_line(&p.tr, b + 1)
            };
            let expected = vec![key("source-added", t, Some(line(&src, b, i)))];
            cases.push(p.provenance(
                "list item added",
                format!("block {b} item {i}"),
                src,
                expected,
            ));
        }
    }
    cases
}

/// A list item removed from the source (each item of each list of two or more).
fn list_item_removed(p: &Pair) -> Vec<Case> {
    let mut cases = Vec::new();
    for b in blocks_where(&p.src, |x| {
        x.kind == BlockKind::List && segment_offsets(x).len() >= 2
    }) {
        for i in 0..segment_offsets(&p.src[b]).len() {
            let mut src = p.src.clone();
            let lines = segment_lines(&src[b], i);
            src[b].lines.drain(lines);
            renumber(&mut src[b]);
            let expected = vec![key("source-removed", line(&p.tr, b, i), None)];
            cases.push(p.provenance(
                "list item removed",
                format!("block {b} item {i}"),
                src,
                expected,
            ));
        }
    }
    cases
}

/// A source heading renamed (each heading).
fn heading_renamed(p: &Pair) -> Vec<Case> {
    blocks_where(&p.src, is_heading)
        .into_iter()
        .map(|b| {
            let mut src = p.src.clone();
            src[b].lines[0] = src[b].lines[0].replacen(" {#", " (diperbarui) {#", 1);
            let expected = vec![key(
                "source-changed",
                line(&p.tr, b, 0),
                Some(line(&src, b, 0)),
            )];
            p.provenance("heading renamed", format!("block {b}"), src, expected)
        })
        .collect()
}

/// An option added to a command in a source code block (each code block).
fn code_changed(p: &Pair) -> Vec<Case> {
    blocks_where(&p.src, |x| x.kind == BlockKind::Code)
        .into_iter()
        .map(|b| {
            let mut src = p.src.clone();
            src[b].lines[1].push_str(" --verbose");
            let (t, s) = (line(&p.tr, b, 0), Some(line(&src, b, 0)));
            let expected = vec![key("source-changed", t, s), key("code-mismatch", t, s)];
            p.provenance("code changed", format!("block {b}"), src, expected)
        })
        .collect()
}

/// Where the prose of paragraphs and list items has digits: (block, segment, line in
/// the block, byte offset of the first digit), one per segment.
fn numbers(blocks: &[Block]) -> Vec<(usize, usize, usize, usize)> {
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::List) {
            continue;
        }
        for seg in 0..segment_offsets(block).len() {
            for l in segment_lines(block, seg) {
                let text = &block.lines[l];
                // The digits of an ordered list's marker are not text.
                let marker = if is_item(text) {
                    text.find(' ').unwrap() + 1
                } else {
                    0
                };
                if let Some(at) = first_prose_digit(&text[marker..]) {
                    out.push((b, seg, l, marker + at));
                    break;
                }
            }
        }
    }
    out
}

/// A number changed in the source (the first of each paragraph or list item).
fn number_changed(p: &Pair) -> Vec<Case> {
    numbers(&p.src)
        .into_iter()
        .map(|(b, seg, l, at)| {
            let mut src = p.src.clone();
            src[b].lines[l] = bump_digit(&src[b].lines[l], at);
            let (t, s) = (line(&p.tr, b, seg), Some(line(&src, b, seg)));
            let expected = vec![key("source-changed", t, s), key("number-mismatch", t, s)];
            p.provenance("number changed", format!("block {b}:{seg}"), src, expected)
        })
        .collect()
}

/// Link targets in paragraphs and list items: (block, segment, line, byte range).
fn links(blocks: &[Block]) -> Vec<(usize, usize, usize, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::List) {
            continue;
        }
        for seg in 0..segment_offsets(block).len() {
            for l in segment_lines(block, seg) {
                let text = &block.lines[l];
                if let Some(open) = text.find("](") {
                    let start = open + 2;
                    let end = start + text[start..].find(')').unwrap();
                    out.push((b, seg, l, start..end));
                }
            }
        }
    }
    out
}

/// A link target changed in the source (each link): a URL gets another path, a page
/// link points at another page.
fn link_changed(p: &Pair) -> Vec<Case> {
    links(&p.src)
        .into_iter()
        .map(|(b, seg, l, range)| {
            let mut src = p.src.clone();
            let target = &p.src[b].lines[l][range.clone()];
            let new = if target.contains("://") {
                format!("{}-baru", target.trim_end_matches('/'))
            } else if target.contains("privasi") {
                "data-publik-ai.md".to_string()
            } else {
                "privasi.md".to_string()
            };
            src[b].lines[l].replace_range(range, &new);
            let (t, s) = (line(&p.tr, b, seg), Some(line(&src, b, seg)));
            let expected = vec![key("source-changed", t, s), key("link-mismatch", t, s)];
            p.provenance(
                "link target changed",
                format!("block {b}:{seg}"),
                src,
                expected,
            )
        })
        .collect()
}

/// An e-mail address written in the source text changed (each one).
fn email_changed(p: &Pair) -> Vec<Case> {
    let mut cases = Vec::new();
    for (b, block) in p.src.iter().enumerate() {
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::List) {
            continue;
        }
        for seg in 0..segment_offsets(block).len() {
            for l in segment_lines(block, seg) {
                let text = &block.lines[l];
                let Some(at) = text.find("@example.com") else {
                    continue;
                };
                let mut src = p.src.clone();
                src[b].lines[l] = format!("{}-akun{}", &text[..at], &text[at..]);
                let (t, s) = (line(&p.tr, b, seg), Some(line(&src, b, seg)));
                let expected = vec![key("source-changed", t, s), key("url-mismatch", t, s)];
                cases.push(p.provenance(
                    "e-mail address changed",
                    format!("block {b}:{seg}"),
                    src,
                    expected,
                ));
            }
        }
    }
    cases
}

/// A paragraph deleted from the translation (each paragraph).
fn paragraph_deleted(p: &Pair) -> Vec<Case> {
    blocks_where(&p.tr, is_paragraph)
        .into_iter()
        .map(|b| {
            let mut tr = p.tr.clone();
            tr.remove(b);
            let expected = vec![key(
                "missing-segment",
                next_line(&tr, b),
                Some(line(&p.src, b, 0)),
            )];
            p.untracked("paragraph deleted", format!("block {b}"), tr, expected)
        })
        .collect()
}

/// The translation cut before a level-2 heading (each one): every source segment
/// from there on is missing, reported at the end of the translation.
fn truncated(p: &Pair) -> Vec<Case> {
    blocks_where(&p.tr, |x| x.kind == BlockKind::Heading(2))
        .into_iter()
        .map(|b| {
            let tr = p.tr[..b].to_vec();
            let end = end_line(&render(&tr));
            let expected = (b..p.src.len())
                .flat_map(|k| (0..segment_offsets(&p.src[k]).len()).map(move |seg| (k, seg)))
                .map(|(k, seg)| key("missing-segment", end, Some(line(&p.src, k, seg))))
                .collect();
            p.untracked("translation truncated", format!("block {b}"), tr, expected)
        })
        .collect()
}

/// A paragraph of the translation replaced by its Indonesian source (each paragraph
/// of eight words or more without numbers: copied Indonesian numbers would also, and
/// rightly, be read in the translation's notation, which is another finding).
fn untranslated(p: &Pair) -> Vec<Case> {
    blocks_where(&p.src, |x| {
        is_paragraph(x)
            && x.lines
                .iter()
                .all(|l| !l.chars().any(|c| c.is_ascii_digit()))
            && x.lines.join(" ").split_whitespace().count() >= 8
    })
    .into_iter()
    .map(|b| {
        let mut tr = p.tr.clone();
        tr[b] = p.src[b].clone();
        let expected = vec![key(
            "untranslated",
            line(&tr, b, 0),
            Some(line(&p.src, b, 0)),
        )];
        p.untracked("left untranslated", format!("block {b}"), tr, expected)
    })
    .collect()
}

/// A number changed in the translation (the first of each paragraph or list item).
fn number_wrong(p: &Pair) -> Vec<Case> {
    numbers(&p.tr)
        .into_iter()
        .map(|(b, seg, l, at)| {
            let mut tr = p.tr.clone();
            tr[b].lines[l] = bump_digit(&tr[b].lines[l], at);
            let expected = vec![key(
                "number-mismatch",
                line(&tr, b, seg),
                Some(line(&p.src, b, seg)),
            )];
            p.untracked(
                "wrong number in translation",
                format!("block {b}:{seg}"),
                tr,
                expected,
            )
        })
        .collect()
}

/// A translation heading one level deeper than in the source (each heading).
fn heading_level(p: &Pair) -> Vec<Case> {
    blocks_where(&p.tr, is_heading)
        .into_iter()
        .map(|b| {
            let mut tr = p.tr.clone();
            tr[b].lines[0].insert(0, '#');
            let expected = vec![key(
                "heading-structure",
                line(&tr, b, 0),
                Some(line(&p.src, b, 0)),
            )];
            p.untracked("heading level changed", format!("block {b}"), tr, expected)
        })
        .collect()
}

/// A translator's note added after a paragraph of the translation (each paragraph).
fn paragraph_added(p: &Pair) -> Vec<Case> {
    let note = match p.lang {
        "ar" => "ملاحظة من المترجم: تمت مراجعة هذه الصفحة آخر مرة قبل التحديث الأخير للنظام.",
        "ja" => "翻訳者注：このページは、システムの最新の更新前に最後に確認されました。",
        _ => "Translator's note: this page was last reviewed before the latest system update.",
    };
    blocks_where(&p.tr, is_paragraph)
        .into_iter()
        .map(|b| {
            let mut tr = p.tr.clone();
            tr.insert(
                b + 1,
                Block {
                    kind: BlockKind::Paragraph,
                    lines: vec![note.to_string()],
                },
            );
            let expected = vec![key("extra-segment", line(&tr, b + 1, 0), None)];
            p.untracked(
                "paragraph added in translation",
                format!("block {b}"),
                tr,
                expected,
            )
        })
        .collect()
}

// --- Running and scoring -------------------------------------------------------------------

fn pairs() -> Vec<Pair> {
    let mut out = Vec::new();
    for &(doc, source, translations) in DOCS {
        for &(lang, translation) in translations {
            let (src, tr) = (parse(source), parse(translation));
            assert_eq!(
                render(&src),
                source,
                "{doc}: fixture not in canonical layout"
            );
            assert_eq!(
                render(&tr),
                translation,
                "{doc}.{lang}: fixture not in canonical layout"
            );
            let shape = |blocks: &[Block]| -> Vec<(BlockKind, usize)> {
                blocks
                    .iter()
                    .map(|b| (b.kind, segment_offsets(b).len()))
                    .collect()
            };
            assert_eq!(
                shape(&src),
                shape(&tr),
                "{doc}.{lang}: block structure differs"
            );
            out.push(Pair { doc, lang, src, tr });
        }
    }
    out
}

/// What `naskah check` reported for a case: its status and findings as keys
/// (`length-ratio` apart).
struct Outcome {
    status: String,
    findings: Vec<Key>,
    length_ratio: usize,
}

fn run_case(case: &Case) -> Outcome {
    // A whole site: every other document with all its translations (they must stay
    // clean), and this case's document with its one translation, edited.
    let site = TestSite::empty().file("naskah.toml", CONFIG);
    for (name, text) in STUBS {
        site.write(&format!("content/bantuan/{name}.md"), text);
    }
    for &(doc, source, translations) in DOCS {
        site.write(&format!("content/bantuan/{doc}.md"), source);
        for &(lang, translation) in translations {
            if doc != case.doc {
                site.write(&format!("content/bantuan/{doc}.{lang}.md"), translation);
            }
        }
    }
    let source = format!("content/bantuan/{}.md", case.doc);
    let file = format!("content/bantuan/{}.{}.md", case.doc, case.lang);
    if let Some((s, t)) = &case.accepted {
        site.write(&source, s);
        site.write(&file, t);
        let run = drift_accept(site.root(), &["--all"]);
        assert_eq!(run.code, 0, "accept: {}", run.stderr);
    }
    site.write(&source, &case.source);
    site.write(&file, &case.translation);
    let (_, report) = drift_check(site.root(), &[]);
    let mut outcome = Outcome {
        status: String::new(),
        findings: Vec::new(),
        length_ratio: 0,
    };
    for entry in drift_translations(&report) {
        if entry["file"] == file.as_str() {
            outcome.status = entry["status"].as_str().unwrap_or_default().to_string();
        }
        for finding in drift_findings(entry) {
            if finding.kind == "length-ratio" {
                outcome.length_ratio += 1;
            } else {
                outcome.findings.push(finding.key());
            }
        }
    }
    outcome
}

fn layer(kind: &str) -> &'static str {
    match kind {
        "source-changed" | "source-added" | "source-removed" => "provenance",
        "missing-segment" | "extra-segment" | "heading-structure" => "structure",
        _ => "invariants",
    }
}

const LAYERS: [&str; 3] = ["provenance", "structure", "invariants"];

/// True positives, false positives and false negatives.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Multiset matching of expected and reported keys, per layer; `strict` compares
/// kind and both lines, otherwise the kind only.
fn score(
    expected: &[Key],
    actual: &[Key],
    strict: bool,
) -> (BTreeMap<&'static str, Counts>, Vec<Key>, Vec<Key>) {
    let same = |a: &Key, b: &Key| if strict { a == b } else { a.0 == b.0 };
    let mut left: Vec<Key> = actual.to_vec();
    let mut counts: BTreeMap<&'static str, Counts> =
        LAYERS.iter().map(|l| (*l, Counts::default())).collect();
    let mut missed = Vec::new();
    for e in expected {
        match left.iter().position(|a| same(a, e)) {
            Some(i) => {
                left.remove(i);
                counts.get_mut(layer(&e.0)).unwrap().tp += 1;
            }
            None => {
                counts.get_mut(layer(&e.0)).unwrap().fn_ += 1;
                missed.push(e.clone());
            }
        }
    }
    for a in &left {
        counts.get_mut(layer(&a.0)).unwrap().fp += 1;
    }
    (counts, missed, left)
}

fn show(keys: &[Key]) -> String {
    keys.iter()
        .map(|(k, l, s)| match s {
            Some(s) => format!("{k}@{l}←{s}"),
            None => format!("{k}@{l}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Known detector bugs, each with the cases it spoils: (family, where or "" for
/// anywhere, language or "" for any, bug). Every other case must be exact.
const KNOWN_BUGS: &[(&str, &str, &str, &str)] = &[(
    "paragraph added in translation",
    "",
    "ja",
    "B5: CJK length model: a translator's note is paired with a short source \
     paragraph and its real translation reported as extra (the kind is right, the \
     line is the neighbour's)",
)];

fn known_bug(case: &Case) -> Option<&'static str> {
    KNOWN_BUGS
        .iter()
        .find(|(family, at, lang, _)| {
            *family == case.family
                && (at.is_empty() || *at == case.at)
                && (lang.is_empty() || *lang == case.lang)
        })
        .map(|b| &b.3[..2])
}

/// The targets: precision and recall over all layers (kind and both lines must match).
const MIN_PRECISION: f64 = 0.95;
const MIN_RECALL: f64 = 0.9;

/// What the detector meets today (0.996): a floor against regressions.
const FLOOR_PRECISION: f64 = 0.98;

/// The evaluation, run once for all tests.
struct Evaluation {
    report: String,
    total: Counts,
    /// Cases not exact and not explained by a known bug.
    unexplained: Vec<String>,
}

fn evaluation() -> &'static Evaluation {
    static EVALUATION: std::sync::OnceLock<Evaluation> = std::sync::OnceLock::new();
    EVALUATION.get_or_init(evaluate)
}

fn evaluate() -> Evaluation {
    let pairs = pairs();
    let cases: Vec<Case> = pairs
        .iter()
        .flat_map(|p| FAMILIES.iter().flat_map(move |f| f(p)))
        .collect();
    let mut strict: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut lenient: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut clean: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut families: BTreeMap<(usize, &str), (bool, usize, usize, Counts)> = BTreeMap::new();
    let mut languages: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let (mut failures, mut unexplained, mut length_ratios) =
        (String::new(), Vec::new(), Vec::new());
    let (mut status_ok, mut no_fire_clean, mut no_fire, mut fire_detected, mut fire) =
        (0, 0, 0, 0, 0);
    let family_order = |name: &str| cases.iter().position(|c| c.family == name).unwrap();
    for case in &cases {
        let outcome = run_case(case);
        let name = format!("{}.{} / {} ({})", case.doc, case.lang, case.family, case.at);
        if outcome.length_ratio > 0 {
            length_ratios.push(format!("{name}: {}", outcome.length_ratio));
        }
        let (counts, missed, unexpected) = score(&case.expected, &outcome.findings, true);
        let (kind_counts, _, _) = score(&case.expected, &outcome.findings, false);
        let bug = known_bug(case);
        for (layer, c) in &counts {
            strict.entry(layer).or_default().add(*c);
            if bug.is_none() {
                clean.entry(layer).or_default().add(*c);
            }
        }
        for (layer, c) in &kind_counts {
            lenient.entry(layer).or_default().add(*c);
        }
        let status_right = outcome.status == case.status;
        status_ok += usize::from(status_right);
        let exact = status_right && missed.is_empty() && unexpected.is_empty();
        if case.fire {
            fire += 1;
            let kinds_found = case
                .expected
                .iter()
                .any(|e| outcome.findings.iter().any(|a| a.0 == e.0));
            fire_detected += usize::from(kinds_found);
        } else {
            no_fire += 1;
            no_fire_clean += usize::from(outcome.findings.is_empty());
        }
        let entry = families
            .entry((family_order(case.family), case.family))
            .or_insert((case.fire, 0, 0, Counts::default()));
        entry.1 += 1;
        entry.2 += usize::from(exact);
        for c in counts.values() {
            entry.3.add(*c);
        }
        let lang = languages.entry(case.lang).or_default();
        lang.0 += 1;
        lang.1 += usize::from(exact);
        if !exact {
            let line = format!(
                "{name}: status {} (expected {}); missed [{}]; unexpected [{}]",
                outcome.status,
                case.status,
                show(&missed),
                show(&unexpected)
            );
            let _ = writeln!(failures, "  [{}] {line}", bug.unwrap_or("??"));
            if bug.is_none() {
                unexplained.push(line);
            }
        }
    }

    let mut table = String::new();
    let _ = writeln!(
        table,
        "\ndrift detector: {} cases, {} documents × languages, {} families\n",
        cases.len(),
        pairs.len(),
        families.len()
    );
    let _ = writeln!(
        table,
        "{:<12} {:>4} {:>4} {:>4}  {:>9} {:>7}   {:>10} {:>7}",
        "layer", "TP", "FP", "FN", "precision", "recall", "kind-only:", "recall"
    );
    let mut total = Counts::default();
    let mut total_lenient = Counts::default();
    let row = |table: &mut String, name: &str, c: Counts, k: Counts| {
        let _ = writeln!(
            table,
            "{name:<12} {:>4} {:>4} {:>4}  {:>9.3} {:>7.3}   {:>10.3} {:>7.3}",
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall(),
            k.precision(),
            k.recall()
        );
    };
    for layer in LAYERS {
        total.add(strict[layer]);
        total_lenient.add(lenient[layer]);
        row(&mut table, layer, strict[layer], lenient[layer]);
    }
    row(&mut table, "overall", total, total_lenient);
    let mut total_clean = Counts::default();
    for c in clean.values() {
        total_clean.add(*c);
    }
    let _ = writeln!(
        table,
        "\nwithout the cases of known bugs: precision {:.3}, recall {:.3} ({} TP, {} FP, {} FN)",
        total_clean.precision(),
        total_clean.recall(),
        total_clean.tp,
        total_clean.fp,
        total_clean.fn_
    );
    let _ = writeln!(
        table,
        "cases: status right {status_ok}/{}; must-not-fire cases clean {no_fire_clean}/{no_fire}; \
         must-fire cases with the expected kind {fire_detected}/{fire}",
        cases.len()
    );
    let _ = writeln!(
        table,
        "length-ratio notes (info, not scored): {}\n",
        if length_ratios.is_empty() {
            "none".to_string()
        } else {
            length_ratios.join("; ")
        }
    );
    let _ = writeln!(
        table,
        "{:<32} {:<8} {:>5} {:>5} {:>4} {:>4} {:>4}",
        "family", "truth", "cases", "exact", "TP", "FP", "FN"
    );
    for ((_, name), (fire, n, exact, c)) in &families {
        let _ = writeln!(
            table,
            "{name:<32} {:<8} {n:>5} {exact:>5} {:>4} {:>4} {:>4}",
            if *fire { "fire" } else { "no fire" },
            c.tp,
            c.fp,
            c.fn_
        );
    }
    let _ = writeln!(table);
    for (lang, (n, exact)) in &languages {
        let _ = writeln!(table, "{lang}: {exact}/{n} cases exact");
    }
    let _ = writeln!(table, "\nknown bugs:");
    let mut seen = Vec::new();
    for (_, _, _, bug) in KNOWN_BUGS {
        if !seen.contains(&&bug[..2]) {
            seen.push(&bug[..2]);
            let _ = writeln!(table, "  {bug}");
        }
    }
    if !failures.is_empty() {
        let _ = write!(
            table,
            "\ncases not exact ([bug] finding@line←source line; ?? = not a known bug):\n{failures}"
        );
    }
    Evaluation {
        report: table,
        total,
        unexplained,
    }
}

/// Prints the tables; fails on any case that is not exact and not explained by a known
/// bug, on recall under the target, and on precision under today's floor.
#[test]
fn precision_and_recall_over_mutation_families() {
    let e = evaluation();
    println!("{}", e.report);
    assert!(
        e.unexplained.is_empty(),
        "cases not exact and not explained by a known bug:\n{}\n{}",
        e.unexplained.join("\n"),
        e.report
    );
    assert!(
        e.total.recall() >= MIN_RECALL,
        "recall {:.3} < {MIN_RECALL}{}",
        e.total.recall(),
        e.report
    );
    assert!(
        e.total.precision() >= FLOOR_PRECISION,
        "precision {:.3} < {FLOOR_PRECISION} (regression){}",
        e.total.precision(),
        e.report
    );
}

/// The targets over every case, ground truth unchanged.
#[test]
fn precision_and_recall_meet_the_targets() {
    let e = evaluation();
    assert!(
        e.total.precision() >= MIN_PRECISION && e.total.recall() >= MIN_RECALL,
        "precision {:.3} (target {MIN_PRECISION}), recall {:.3} (target {MIN_RECALL}){}",
        e.total.precision(),
        e.total.recall(),
        e.report
    );
}
