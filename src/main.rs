// glibc malloc took ~13 % of a build's CPU in malloc/free (perf, 2,000 documents);
// with mimalloc's per-thread free lists the user time of that build fell by ~15 %.
// C code's malloc and free (Oniguruma's, under the highlighter) are mimalloc's too:
// libmimalloc-sys's `override` feature (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (v2 and v3); the sys crate exports
/// no constant for it.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // mimalloc returns freed pages to the OS after a second by default. Never returning
    // them (-1) spared the page faults of reusing them, but kept what a stage freed
    // resident to the end, also where the next stage could not reuse it. After a
    // quarter second, with transparent huge pages off (below), 2,000 documents, 4
    // alternating runs: reference untracked 624 -> 597 MiB, in sync 673 -> 614 MiB,
    // guide 503 -> 475 MiB; CPU time within the runs' noise (system time +0.1-0.2 s of
    // 11-20 s). 100 ms saved a little more and cost up to 7 % of the time.
    // SAFETY: sets a plain integer option; mimalloc reads options when it uses them.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 250) };
    no_transparent_huge_pages();
    let invocation = naskah::cli::parse();
    std::process::exit(naskah::commands::run(invocation));
}

/// mimalloc asks for transparent huge pages on its arenas (already at start-up, before
/// `main`); the kernel then zeroes 2 MiB at each first touch, much of it never used by
/// a build. Without them, at 2,000 documents: system time 0.61 s -> 0.41 s, resident
/// 275 -> 241 MiB (8 alternating runs). The kernel checks this flag at each fault, so it also covers the
/// arenas reserved before.
#[cfg(target_os = "linux")]
fn no_transparent_huge_pages() {
    // Kernels before 3.15 refuse the call; a build is then merely slower, so the
    // result is not checked.
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments and touches no memory of ours.
    unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
}

#[cfg(not(target_os = "linux"))]
fn no_transparent_huge_pages() {}
