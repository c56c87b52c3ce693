// glibc malloc took ~13 % of a build's CPU in malloc/free (perf, 2,000 documents);
// with mimalloc's per-thread free lists the user time of that build fell by ~15 %.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (v2 and v3); the sys crate exports
/// no constant for it.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() {
    // mimalloc returns freed pages to the OS after a second; a build then faults them in
    // again, and on this kind of VM the kernel zeroing fresh pages was a quarter of the
    // build's CPU (perf). Keeping them: 1,260-1,680 page faults -> 530 at 2,000
    // documents. `serve` keeps its peak, which the next rebuild reuses.
    // SAFETY: sets a plain integer option; mimalloc reads options when it uses them.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    let invocation = naskah::cli::parse();
    std::process::exit(naskah::commands::run(invocation));
}
