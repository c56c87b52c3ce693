//! Support for the unit tests: a seeded pseudo-random generator.
//!
//! Consumes: a seed.
//! Produces: `next(bound)`, a number below `bound`, the same sequence for the same seed.
//! Guarantees: tests that draw random inputs draw the same ones on every run and machine.

/// A seeded xorshift generator: `next(bound)` is below `bound`.
pub(crate) fn xorshift(seed: u64) -> impl Fn(usize) -> usize {
    let state = std::cell::Cell::new(seed);
    move |bound: usize| {
        let mut x = state.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        state.set(x);
        (x % bound as u64) as usize
    }
}
