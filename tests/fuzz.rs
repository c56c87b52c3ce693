//! Random sites against the real binary: nothing a user's files hold may crash naskah,
//! make it answer something other than 0, 1 or 2, print a panic, write outside its
//! output folder, or give different answers to the same input.
//!
//! Each case is a site made by a seeded generator: mixed scripts (Latin, CJK, Arabic),
//! bidi controls, combining marks, emoji, numbers in several notations, URLs, code,
//! links that resolve and links that do not, headings, lists, tables, fences in several
//! languages, raw HTML, placeholders and shortcodes; front matter in TOML, YAML or
//! broken, with LF, CRLF or CR line endings; translations that follow the source or
//! drift; and a lock that is absent, accepted, then truncated, given conflict markers
//! or a record twice. Each case builds, accepts, edits the source and checks.
//!
//! CI runs a bounded number of cases (`NASKAH_FUZZ_CASES`, default 150, under half a
//! minute); longer runs:
//!
//! ```sh
//! NASKAH_FUZZ_CASES=5000 NASKAH_FUZZ_SEED=7 cargo test --release --test fuzz -- --nocapture
//! ```
//!
//! A failing case prints its seed and keeps its site in a temporary folder, so it can
//! be run again by hand.

mod support;

use std::path::Path;
use std::process::Command;

/// A small, seeded PRNG (xorshift64*): the same seed makes the same site.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

const WORDS: &[&str] = &[
    "data",
    "pengguna",
    "akun",
    "privasi",
    "model",
    "AI",
    "Jejaring",
    "the",
    "données",
    "été",
    "データ",
    "学習",
    "设置",
    "隐私",
    "البيانات",
    "الخصوصية",
    "e\u{301}te\u{301}",
    "ﻻ",
    "🙂",
    "\u{202e}kebalik\u{202c}",
    "\u{2066}isolasi\u{2069}",
    "x\u{200d}y",
    "Ａｂｃ",
    "ـــ",
];
const INLINE: &[&str] = &[
    "7",
    "1.000,5",
    "1,000.5",
    "١٢٣",
    "３回",
    "4M",
    "400万",
    "3 November 2025",
    "½",
    "https://example.org/a?b=1#c",
    "更多信息：https://example.org/x。",
    "me@example.org",
    "`kubectl get <nama-pod>`",
    "`{{jalur/ke/berkas}}`",
    "[tautan](lain.md)",
    "[rusak](tidak-ada.md#x)",
    "[luar](https://example.org/)",
    "![gambar](g.png)",
    "**tebal**",
    "_miring_",
    "<span>html</span>",
    "{{< note >}}",
    "{{% tip %}}",
    "&amp;",
    "[^1]",
    "\\*",
    "<!-- komentar -->",
];
const FENCES: &[&str] = &[
    "sh", "yaml", "js", "python", "", "json", "html", "sql", "go",
];

fn sentence(rng: &mut Rng) -> String {
    let n = 1 + rng.below(12);
    (0..n)
        .map(|_| {
            if rng.chance(4) {
                rng.pick(INLINE).to_string()
            } else {
                rng.pick(WORDS).to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn block(rng: &mut Rng) -> String {
    match rng.below(9) {
        0 => format!("{} {}", "#".repeat(1 + rng.below(6)), sentence(rng)),
        1 => (0..1 + rng.below(5))
            .map(|_| format!("- {}", sentence(rng)))
            .collect::<Vec<_>>()
            .join("\n"),
        2 => (0..1 + rng.below(4))
            .map(|k| format!("{}. {}", k + 1, sentence(rng)))
            .collect::<Vec<_>>()
            .join("\n"),
        3 => format!(
            "| {} | {} |\n|---|---|\n| {} | {} |",
            sentence(rng),
            sentence(rng),
            sentence(rng),
            sentence(rng)
        ),
        4 => format!(
            "```{}\n# {}\n{} --pilihan {}\n```",
            rng.pick(FENCES),
            sentence(rng),
            rng.pick(&["ls", "kubectl apply -f", "echo", "const x ="]),
            sentence(rng)
        ),
        5 => format!("> [!NOTE]\n> {}", sentence(rng)),
        6 => format!("<div>\n{}\n</div>", sentence(rng)),
        7 => format!("[^1]: {}", sentence(rng)),
        _ => sentence(rng),
    }
}

fn body(rng: &mut Rng, blocks: usize) -> String {
    (0..blocks)
        .map(|_| block(rng))
        .collect::<Vec<_>>()
        .join("\n\n")
        + "\n"
}

fn front_matter(rng: &mut Rng, title: &str) -> String {
    match rng.below(40) {
        0..=11 => String::new(),
        12..=23 => format!("---\ntitle: \"{title}\"\ndraft: {}\n---\n", rng.chance(5)),
        24..=35 => format!("+++\ntitle = \"{title}\"\nweight = {}\n+++\n", rng.below(9)),
        36 => format!("+++\ntitle = \"{title}\"\n"),
        37 => "---\ntitle: [tidak, ditutup\n---\n".to_string(),
        _ => format!(
            "+++\ntitle = \"{title}\"\nslug = \"{}\"\n+++\n",
            rng.pick(&["a", "x/y", "../luar", "translations"])
        ),
    }
}

fn line_endings(rng: &mut Rng, text: &str) -> String {
    match rng.below(4) {
        0 => text.replace('\n', "\r\n"),
        1 => text.replace('\n', "\r"),
        _ => text.to_string(),
    }
}

/// One random site in `root`.
fn generate(rng: &mut Rng, root: &Path) -> Vec<String> {
    let languages = ["en", "ar", "ja", "zh", "fr"];
    let chosen: Vec<&str> = languages
        .iter()
        .copied()
        .filter(|_| rng.chance(2))
        .collect();
    let mut config = "title = \"Uji\"\n[languages.id]\nname = \"Indonesia\"\n".to_string();
    for lang in &chosen {
        config.push_str(&format!("[languages.{lang}]\nname = \"{lang}\"\n"));
    }
    if rng.chance(20) {
        config.push_str("[languages.\"x bad\"]\nname = \"?\"\n");
    }
    write(root, "naskah.toml", &config);
    let names = [
        "index",
        "panduan/index",
        "panduan/menolak",
        "lain",
        "c#",
        "data publik",
    ];
    let mut sources = Vec::new();
    for name in names.iter().take(1 + rng.below(names.len())) {
        let title = sentence(rng).replace('"', "'");
        let blocks = 1 + rng.below(8);
        let source = format!("{}{}", front_matter(rng, &title), body(rng, blocks));
        write(
            root,
            &format!("content/{name}.md"),
            &line_endings(rng, &source),
        );
        sources.push(format!("content/{name}.md"));
        for lang in &chosen {
            if rng.chance(3) {
                continue;
            }
            let text = if rng.chance(2) {
                source.clone()
            } else {
                let blocks = 1 + rng.below(8);
                format!("{}{}", front_matter(rng, &title), body(rng, blocks))
            };
            write(
                root,
                &format!("content/{name}.{lang}.md"),
                &line_endings(rng, &text),
            );
        }
    }
    if rng.chance(4) {
        write(
            root,
            "locales/en/site.ftl",
            &format!("site-title = {}\n", sentence(rng)),
        );
    }
    if rng.chance(15) {
        write(root, "content/print.win.md", "# x\n");
    }
    sources
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Runs naskah; panics (with the case's seed) unless it ended normally with 0, 1 or 2
/// and printed no panic.
fn naskah(seed: u64, root: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_naskah"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1764374400")
        .output()
        .expect("run naskah");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code().unwrap_or_else(|| {
        panic!(
            "seed {seed}: naskah {args:?} was killed ({:?}); site kept in {}\n{stderr}",
            output.status,
            root.display()
        )
    });
    assert!(
        (0..=2).contains(&code) && !stderr.contains("panicked"),
        "seed {seed}: naskah {args:?} exited {code}; site kept in {}\n{stderr}",
        root.display()
    );
    (code, String::from_utf8_lossy(&output.stdout).into_owned())
}

fn check_json(seed: u64, root: &Path) -> Option<String> {
    let (code, stdout) = naskah(seed, root, &["check", "--format", "json"]);
    if code == 2 {
        return None;
    }
    let parsed: Result<serde_json::Value, _> = serde_json::from_str(&stdout);
    assert!(
        parsed.is_ok(),
        "seed {seed}: check printed no JSON:\n{stdout}"
    );
    Some(stdout)
}

fn corrupt_lock(rng: &mut Rng, root: &Path) {
    let path = root.join("naskah.lock");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let damaged = match rng.below(4) {
        // Cut anywhere, even inside a character: a lock that is not UTF-8 any more.
        0 => {
            std::fs::write(&path, &text.as_bytes()[..text.len() / 2]).unwrap();
            return;
        }
        1 => format!("<<<<<<< HEAD\n{text}=======\n{text}>>>>>>> main\n"),
        2 => {
            let start = text.find("[[translation]]").unwrap_or(0);
            format!("{text}\n{}", &text[start..])
        }
        _ => text.replace("version = 1", "version = 9"),
    };
    std::fs::write(path, damaged).unwrap();
}

#[test]
fn random_sites_never_crash_naskah() {
    let cases: u64 = std::env::var("NASKAH_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    let first: u64 = std::env::var("NASKAH_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut outcomes = [0usize; 3];
    for seed in first..first + cases {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let sources = generate(&mut rng, root);
        let (code, _) = naskah(seed, root, &["build", "-q"]);
        outcomes[code as usize] += 1;
        if code == 0 {
            // Nothing is written outside the output folder but the lock and staging.
            for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
                let rel = entry.path().strip_prefix(root).unwrap();
                let top = rel
                    .components()
                    .next()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned());
                assert!(
                    matches!(
                        top.as_deref(),
                        None | Some("site" | "content" | "locales" | "naskah.toml")
                    ),
                    "seed {seed}: wrote {}",
                    rel.display()
                );
            }
        }
        let first_check = check_json(seed, root);
        assert_eq!(
            first_check,
            check_json(seed, root),
            "seed {seed}: check is not deterministic"
        );
        naskah(seed, root, &["accept", "--all", "-q"]);
        if let Some(source) = sources.get(rng.below(sources.len())) {
            let path = root.join(source);
            let mut text = std::fs::read_to_string(&path).unwrap_or_default();
            text.push_str(&format!("\n{}\n", body(&mut rng, 2)));
            std::fs::write(&path, text).unwrap();
        }
        check_json(seed, root);
        naskah(seed, root, &["build", "-q"]);
        if rng.chance(2) {
            corrupt_lock(&mut rng, root);
            check_json(seed, root);
            naskah(seed, root, &["accept", "--all", "--rebuild-lock", "-q"]);
            check_json(seed, root);
        }
    }
    eprintln!(
        "fuzz: {cases} random sites from seed {first}: builds exited 0 ×{}, 1 ×{}, 2 ×{}; no crash, no panic, deterministic checks",
        outcomes[0], outcomes[1], outcomes[2]
    );
}
