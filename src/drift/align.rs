//! Structural alignment of a source document with its translation.
//!
//! Consumes: the body segments of both (kind, heading level, length, invariants) and the
//! expected length ratio of the language.
//! Produces: beads, in order: 1–1, 1–0 (source segment without counterpart), 0–1 (extra
//! translation segment), 2–1 and 1–2 (paragraphs split or merged by the translator).
//! Guarantees: dynamic programming over the whole document (Gale–Church style), so the
//! result is the cheapest alignment, not a greedy one; kinds never pair with other kinds;
//! shared invariants (numbers, code, links) pull segments together. Cells that provably
//! lie on no cheapest alignment (their cost so far plus a floor on the rest exceeds a
//! known alignment's cost) are dropped, which changes the work, never the result.

use crate::markdown::segments::SegmentKind;

/// What the aligner needs to know about a segment.
#[derive(Debug, Clone)]
pub struct Shape {
    pub kind: SegmentKind,
    pub level: u8,
    /// Length in characters.
    pub len: usize,
    /// Numbers, code and link targets, as [`invariant_keys`], sorted.
    pub invariants: Vec<u64>,
    /// Provenance says this source segment is new since the translation was accepted,
    /// so it most likely has no counterpart.
    pub new: bool,
}

/// A group of aligned segments (indices into the source and translation lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bead {
    pub source: Segments,
    pub target: Segments,
    /// A recorded source segment that no longer exists (index into the provenance's
    /// removed list) stood here; `source` is then empty.
    pub removed: Option<usize>,
}

/// The segments of one side of a bead: at most two (a paragraph split or merged), held
/// in place rather than allocated.
pub type Segments = smallvec::SmallVec<[usize; 2]>;

const GAP: f64 = 2.5;
/// A further unmatched segment in the same run.
const GAP_EXTEND: f64 = 1.5;
/// Gap cost of a source segment known to be new: cheap, so the gap lands on it.
const NEW_GAP: f64 = 0.3;
/// Machine translation keeps paragraphs; a merge must beat a gap clearly.
const MERGE: f64 = 3.0;
const LEVEL_MISMATCH: f64 = 2.0;
/// Pseudo-length that keeps short segments from producing huge log ratios.
const SMOOTHING: f64 = 8.0;

/// Invariants as the aligner compares them: a 64-bit digest each, sorted, so that the
/// dynamic programme compares integers, not strings (a collision would only make two
/// different invariants count as shared: a weaker pull, not a wrong finding). Fx, not
/// SipHash: nothing here faces an adversary, and SipHash was a visible share of the
/// feature extraction.
pub fn invariant_keys<'a>(invariants: impl IntoIterator<Item = &'a String>) -> Vec<u64> {
    let mut keys: Vec<u64> = invariants
        .into_iter()
        .map(|s| std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, s))
        .collect();
    keys.sort_unstable();
    keys
}

/// The dynamic programme's tables, kept from one alignment to the next: a site aligns
/// thousands of pairs, and fresh tables of some 50 KB each were mostly page faults.
#[derive(Debug, Default)]
pub struct Scratch {
    /// The costs of the rows a cell reads: its own, the one above and the one above
    /// that (a merge spans two rows). Older rows are never read again.
    rows: [CostRow; 3],
    /// (previous state, di, dj) that reached each cell walked and state, row after row
    /// as the walk reaches them; the first entry stands for every cell not walked.
    step: Vec<[Step; STATES]>,
    /// Where each row's walked cells are in `step` (see [`Walked`]).
    walked: Vec<Walked>,
    /// What is left from each position on (see [`RowFloor`]).
    remaining: Remaining,
    /// Which cells may be walked.
    band: Band,
}

/// One row's costs, each cell's states side by side, from column `first` on.
#[derive(Debug, Default)]
struct CostRow {
    first: usize,
    cells: Vec<[f64; STATES]>,
}

/// A cell the walk did not reach (or left behind as too costly).
const UNREACHED: [f64; STATES] = [f64::INFINITY; STATES];

impl CostRow {
    /// Column `j`'s costs, [`UNREACHED`] outside the cells walked (one comparison: a
    /// column before `first` wraps to an index past the end).
    fn at(&self, j: usize) -> &[f64; STATES] {
        self.cells
            .get(j.wrapping_sub(self.first))
            .unwrap_or(&UNREACHED)
    }

    fn restart(&mut self, first: usize) {
        self.first = first;
        self.cells.clear();
    }
}

/// Row `i` walked columns `first..first + len`, kept in `step` from `start`.
#[derive(Debug, Clone, Copy)]
struct Walked {
    first: usize,
    start: usize,
    len: usize,
}

/// From each source (target) position on: how many segments have invariants, and how
/// many source segments are new.
#[derive(Debug, Default)]
struct Remaining {
    source_invariants: Vec<u32>,
    target_invariants: Vec<u32>,
    source_new: Vec<u32>,
}

/// The columns each row may be walked in: row `i` within `lo[i]..=hi[i]`. Every column
/// for documents of ordinary size (the exact alignment); for very large ones (a
/// changelog, an API list: thousands of blocks a side, whose full table would take
/// gigabytes) a band around the line the shared invariants draw, so that memory and
/// time grow with the size, not its square.
#[derive(Debug, Default)]
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
}

/// Beyond this many cells (were every one walked: about 9 MB of steps, and the time of a
/// million cells), the band is used.
const DENSE_CELLS: usize = 1 << 20;
/// Columns kept on each side of the band's centre line.
const BAND_HALF_WIDTH: usize = 32;

impl Band {
    /// Every cell of an `n` × `m` table.
    fn full(&mut self, n: usize, m: usize) {
        self.lo.clear();
        self.hi.clear();
        self.lo.resize(n + 1, 0);
        self.hi.resize(n + 1, m);
    }

    /// The cells within `half` columns of a centre line through the anchors (segments
    /// that share an invariant found once on each side, in order), or the diagonal.
    fn around_anchors(&mut self, source: &[Shape], target: &[Shape], half: usize) {
        let (n, m) = (source.len(), target.len());
        let anchors = anchors(source, target);
        let centre = |i: usize| -> usize {
            let after = anchors.partition_point(|&(ai, _)| ai <= i);
            let (i0, j0) = anchors[after - 1];
            let (i1, j1) = anchors.get(after).copied().unwrap_or((i0, j0));
            if i1 == i0 {
                j0
            } else {
                j0 + (i - i0) * (j1 - j0) / (i1 - i0)
            }
        };
        self.lo.clear();
        self.hi.clear();
        for i in 0..=n {
            let (before, here, next) = (
                centre(i.saturating_sub(1)),
                centre(i),
                centre((i + 1).min(n)),
            );
            self.lo.push(before.min(here).saturating_sub(half));
            self.hi.push((here.max(next) + half).min(m));
        }
        // The first cell and the last are in the band whatever the anchors say: with no
        // source segment, the one row's centre is the end's column, which left the
        // start out and nothing was aligned.
        self.lo[0] = 0;
        self.hi[n] = m;
    }
}

/// `(0, 0)`, the pairs of segments that share an invariant found once on each side,
/// in order on both sides (the longest such chain), and `(n, m)`.
fn anchors(source: &[Shape], target: &[Shape]) -> Vec<(usize, usize)> {
    use rustc_hash::FxHashMap;
    let once = |shapes: &[Shape]| {
        let mut seen: FxHashMap<u64, Option<usize>> = FxHashMap::default();
        for (k, shape) in shapes.iter().enumerate() {
            for &key in &shape.invariants {
                seen.entry(key)
                    .and_modify(|at| *at = None)
                    .or_insert(Some(k));
            }
        }
        seen
    };
    let (in_source, in_target) = (once(source), once(target));
    let mut pairs: Vec<(usize, usize)> = in_source
        .iter()
        .filter_map(|(key, at)| Some((((*at)?), in_target.get(key).copied().flatten()?)))
        .collect();
    // By source position, and within one source segment by falling target position,
    // so that no two pairs of one source segment can both be in a chain.
    pairs.sort_unstable_by_key(|&(i, j)| (i, std::cmp::Reverse(j)));
    pairs.dedup();
    // The longest chain increasing on both sides (patience sorting), so one anchor out
    // of order cannot bend the band away from the rest.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs[t].1 < j);
        previous[k] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut chain = Vec::new();
    let mut at = tails.last().copied();
    while let Some(k) = at {
        chain.push(pairs[k]);
        at = previous[k];
    }
    chain.reverse();
    let mut out = vec![(0, 0)];
    out.extend(
        chain
            .into_iter()
            .filter(|&(i, j)| i > 0 && j > 0 && i < source.len() && j < target.len()),
    );
    out.push((source.len(), target.len()));
    out
}

impl Remaining {
    fn count(&mut self, source: &[Shape], target: &[Shape]) {
        suffix_counts(&mut self.source_invariants, source, |s| {
            !s.invariants.is_empty()
        });
        suffix_counts(&mut self.target_invariants, target, |s| {
            !s.invariants.is_empty()
        });
        suffix_counts(&mut self.source_new, source, |s| s.new);
    }
}

/// `counts[k]`: how many of `shapes[k..]` satisfy `test`.
fn suffix_counts(counts: &mut Vec<u32>, shapes: &[Shape], test: impl Fn(&Shape) -> bool) {
    counts.clear();
    counts.resize(shapes.len() + 1, 0);
    for (k, shape) in shapes.iter().enumerate().rev() {
        counts[k] = counts[k + 1] + u32::from(test(shape));
    }
}

/// Aligns `source` with `target`; `ratio` is the expected target/source length ratio.
///
/// Gaps are affine (Gotoh): opening a run of unmatched segments costs more than
/// extending one, because content goes missing in runs (a truncated translation, a
/// section not translated), rarely one paragraph here and one there.
///
/// Each cell pulls from its predecessors in row-major order (into a match: a two-row
/// step, then a two-column step, then the 1–1 step; a gap from its one predecessor),
/// states in order, and keeps the first strict minimum: so among alignments of equal
/// cost the same one always wins.
pub fn align_with(
    scratch: &mut Scratch,
    source: &[Shape],
    target: &[Shape],
    ratio: f64,
) -> Vec<Bead> {
    let (n, m) = (source.len(), target.len());
    let banded = (n + 1).saturating_mul(m + 1) > DENSE_CELLS;
    align_in(
        scratch,
        (source, target),
        ratio,
        banded.then_some(BAND_HALF_WIDTH),
    )
}

/// [`align_with`] over every cell, or over a band of `half` columns each side.
///
/// Only the cells walked are kept, row by row as the walk reaches them (most of a large
/// table is never reached: filling it was most of the aligner's time on long pages),
/// and costs only for the three rows a cell reads.
fn align_in(
    scratch: &mut Scratch,
    (source, target): (&[Shape], &[Shape]),
    ratio: f64,
    half: Option<usize>,
) -> Vec<Bead> {
    let (n, m) = (source.len(), target.len());
    match half {
        Some(half) => scratch.band.around_anchors(source, target, half),
        None => scratch.band.full(n, m),
    }
    scratch.remaining.count(source, target);
    let table = Table {
        source,
        target,
        ratio,
        source_logs: source.iter().map(|s| source_log(s.len, ratio)).collect(),
        target_logs: target.iter().map(|t| target_log(t.len)).collect(),
        source_merges: source.iter().map(|s| mergeable(s.kind)).collect(),
        target_merges: target.iter().map(|t| mergeable(t.kind)).collect(),
        remaining: &scratch.remaining,
    };
    // A cell whose cheapest way in plus the least the rest can cost exceeds the cost of
    // a path already known is on no cheapest alignment, nor the first of equals into a
    // cell that is: dropping it changes nothing but the work (most cells far from the
    // diagonal). The margin covers rounding. In a band the known path may leave it, so
    // nothing is dropped there.
    let bound = match half {
        None => {
            let known = table.greedy_cost();
            known + 1e-6 * (1.0 + known.abs())
        }
        Some(_) => f64::INFINITY,
    };
    let (rows, step, walked) = (&mut scratch.rows, &mut scratch.step, &mut scratch.walked);
    for row in rows.iter_mut() {
        row.restart(0);
    }
    step.clear();
    step.push([NOWHERE; STATES]);
    walked.clear();
    // Only cells with a live predecessor can be reached: a row is walked from the first
    // live column of the two rows above, and ends past their last live column where the
    // row's own run of live cells (gaps in the translation) ends. The cells skipped stay
    // unreached, as walking them would leave them: the result is the same.
    let mut live: [Option<(usize, usize)>; 2] = [None, None]; // rows i - 1 and i - 2
    for i in 0..=n {
        let above = live.iter().flatten();
        let from = above.clone().map(|r| r.0).min().unwrap_or(0);
        let reach = above.map(|r| r.1 + 2).max().unwrap_or(0);
        let first_column = scratch.band.lo[i].max(from);
        // The oldest row's memory becomes this row's.
        rows.rotate_right(1);
        let [current, up, up_two] = rows;
        current.restart(first_column);
        let start = step.len();
        let floor = table.floor_of_row(i);
        let mut row: Option<(usize, usize)> = None;
        for j in first_column..=scratch.band.hi[i] {
            if j > reach && row.is_none_or(|(_, last)| last + 1 < j) {
                break;
            }
            let mut cell = table.relax((i, j), [current, up, up_two]);
            if (i, j) == (0, 0) {
                cell.cost[MATCHED] = 0.0;
            }
            // A cell is dropped when even its cheapest state exceeds the bound. Its
            // other states keep their costs: a way through one is dearer than the
            // bound, so it is dearer than the cheapest way into any cell on a cheapest
            // alignment and never decides one of those cells' states or ties. Nor does
            // it make a cell live: no move costs less than the floor falls by along it,
            // so what is reached through such a state stays above the bound (but for
            // rounding, which can only walk a cell more).
            let least = cheapest(&cell.cost);
            if least.is_finite() && least + floor.at(j) <= bound {
                row = Some((row.map_or(j, |r| r.0), j));
            } else {
                cell.cost = UNREACHED;
            }
            current.cells.push(cell.cost);
            step.push(cell.step);
        }
        let len = current.cells.len();
        walked.push(Walked {
            first: first_column,
            start,
            len,
        });
        live = [row, live[0]];
    }
    let end = *rows[0].at(m);
    let last = (0..STATES)
        .min_by(|&a, &b| end[a].total_cmp(&end[b]))
        .unwrap_or(MATCHED);
    let cell = |i: usize, j: usize| {
        let row = walked[i];
        let k = j.wrapping_sub(row.first);
        if k < row.len { row.start + k } else { 0 }
    };
    trace(step, &cell, (n, m), last)
}

/// The sequences being aligned, with what the walk looks up for every cell.
struct Table<'a> {
    source: &'a [Shape],
    target: &'a [Shape],
    ratio: f64,
    /// [`source_log`] of each source segment, [`target_log`] of each target segment,
    /// so that a pair's length cost is a subtraction (the walk costs millions of pairs;
    /// their logarithms were a visible share of `naskah check`).
    source_logs: Vec<f64>,
    target_logs: Vec<f64>,
    /// [`mergeable`] of each segment.
    source_merges: Vec<bool>,
    target_merges: Vec<bool>,
    remaining: &'a Remaining,
}

/// The least any way from a cell of one row to the end can cost, in any state: each
/// pair of segments that both have invariants at best -0.5 (every other pair, merge and
/// gap costs at least 0), and the difference between what is left on each side must be
/// made up by gaps or merges, at least [`NEW_GAP`] for each new source segment left and
/// [`GAP_EXTEND`] for the rest. What depends on the row is looked up once per row.
struct RowFloor<'a> {
    left_source: usize,
    source_invariants: u32,
    source_new: usize,
    left_targets: usize,
    target_invariants: &'a [u32],
}

impl RowFloor<'_> {
    /// The floor from column `j`.
    fn at(&self, j: usize) -> f64 {
        let left_target = self.left_targets - j;
        let pairs = self.source_invariants.min(self.target_invariants[j]);
        let shift = if self.left_source >= left_target {
            let excess = self.left_source - left_target;
            let cheap = self.source_new.min(excess);
            NEW_GAP * cheap as f64 + GAP_EXTEND * (excess - cheap) as f64
        } else {
            GAP_EXTEND * (left_target - self.left_source) as f64
        };
        -0.5 * f64::from(pairs) + shift
    }
}

/// One cell's cheapest way into each state, and the step that gave it.
struct Cell {
    cost: [f64; STATES],
    step: [Step; STATES],
}

impl Cell {
    /// Lowers state `into` to the cheapest of the states of `from` plus the move's cost
    /// from each (`costs`), states in order, the first strict minimum kept, and records
    /// the step `(di, dj)`.
    fn take_cheaper(
        &mut self,
        into: usize,
        from: &[f64; STATES],
        costs: [f64; STATES],
        (di, dj): (u8, u8),
    ) {
        let (mut best, mut chosen) = (self.cost[into], None);
        for (state, (way, add)) in from.iter().zip(costs).enumerate() {
            let c = way + add;
            if c < best {
                (best, chosen) = (c, Some(state));
            }
        }
        if let Some(state) = chosen {
            self.cost[into] = best;
            self.step[into] = (state as u8, di, dj);
        }
    }
}

impl Table<'_> {
    /// What the least cost of the rest (see [`RowFloor`]) takes from row `i`.
    fn floor_of_row(&self, i: usize) -> RowFloor<'_> {
        let left = self.remaining;
        RowFloor {
            left_source: self.source.len() - i,
            source_invariants: left.source_invariants[i],
            source_new: left.source_new[i] as usize,
            left_targets: self.target.len(),
            target_invariants: &left.target_invariants,
        }
    }

    /// The cost of one alignment, as the programme adds it up: pairs where the kinds
    /// allow, gaps on the longer side where they do not.
    fn greedy_cost(&self) -> f64 {
        let (n, m) = (self.source.len(), self.target.len());
        let (mut i, mut j, mut state, mut total) = (0, 0, MATCHED, 0.0);
        while i < n || j < m {
            let pair = if i < n && j < m {
                self.pair(i, j)
            } else {
                f64::INFINITY
            };
            let (next, di, dj) = if pair.is_finite() {
                (MATCHED, 1, 1)
            } else if j == m || (i < n && n - i >= m - j) {
                (SOURCE_GAP, 1, 0)
            } else {
                (TARGET_GAP, 0, 1)
            };
            total += if next == MATCHED {
                pair
            } else {
                bead_cost(
                    &self.source[i..i + di],
                    &self.target[j..j + dj],
                    self.ratio,
                    state == next,
                )
            };
            (i, j, state) = (i + di, j + dj, next);
        }
        total
    }

    /// The 1–1 cost of source segment `i` with target segment `j`: [`pair_cost`] with
    /// the logarithms looked up.
    fn pair(&self, i: usize, j: usize) -> f64 {
        let (s, t) = (&self.source[i], &self.target[j]);
        pair_cost_with(s, t, self.target_logs[j] - self.source_logs[i])
    }

    /// Cell `(i, j)`'s cheapest way into each state, from `rows`: rows `i` (walked up
    /// to column `j - 1`), `i - 1` and `i - 2`.
    ///
    /// Written out per state rather than looped over moves and states: this runs for
    /// every cell walked, millions a site. The order is still the walk's (see
    /// [`align_with`]), states in order, first strict minimum kept, so ties go as they
    /// always did. A move from a cell not reached adds to infinity and so never wins.
    ///
    /// A match costs its 1–1 pair first: a merge costs at least [`MERGE_FLOOR`], so a
    /// merge whose cheapest way in plus that exceeds the pair's cost cannot win, and its
    /// cost (a logarithm and an overlap of invariants) is not computed.
    fn relax(&self, (i, j): (usize, usize), [current, up, up_two]: [&CostRow; 3]) -> Cell {
        let mut cell = Cell {
            cost: UNREACHED,
            step: [NOWHERE; STATES],
        };
        if i > 0 && j > 0 {
            let diagonal = up.at(j - 1);
            let from = cheapest(diagonal);
            let pair = if from.is_finite() {
                self.pair(i - 1, j - 1)
            } else {
                f64::INFINITY
            };
            let ceiling = from + pair;
            // A two-row step before a two-column step, as the walk reaches them. Code
            // blocks, headings and table cells never merge (most segments of code-heavy
            // pages): told before anything is looked up.
            if i >= 2 && self.mergeable(i - 2..i, j - 1..j) {
                self.merge(&mut cell, up_two.at(j - 1), (i, j), ceiling, (2, 1));
            }
            if j >= 2 && self.mergeable(i - 1..i, j - 2..j) {
                self.merge(&mut cell, up.at(j - 2), (i, j), ceiling, (1, 2));
            }
            if pair.is_finite() {
                cell.take_cheaper(MATCHED, diagonal, [pair; STATES], (1, 1));
            }
        }
        if i > 0 {
            let new = self.source[i - 1].new;
            let (opening, extending) = (gap_cost(new, false), gap_cost(new, true));
            let costs = [opening, extending, opening];
            cell.take_cheaper(SOURCE_GAP, up.at(j), costs, (1, 0));
        }
        if j > 0 {
            let (opening, extending) = (gap_cost(false, false), gap_cost(false, true));
            let costs = [opening, opening, extending];
            cell.take_cheaper(TARGET_GAP, current.at(j - 1), costs, (0, 1));
        }
        cell
    }

    /// Whether every segment of `sources` and `targets` may merge.
    fn mergeable(&self, sources: std::ops::Range<usize>, targets: std::ops::Range<usize>) -> bool {
        let all = |merges: &[bool]| merges.iter().all(|&m| m);
        all(&self.source_merges[sources]) && all(&self.target_merges[targets])
    }

    /// A 2–1 or 1–2 merge into cell `(i, j)` from `way`, the cell `(di, dj)` before it,
    /// unless it cannot cost less than `ceiling`.
    fn merge(
        &self,
        cell: &mut Cell,
        way: &[f64; STATES],
        (i, j): (usize, usize),
        ceiling: f64,
        (di, dj): (u8, u8),
    ) {
        let from = cheapest(way);
        if from.is_infinite() || from + MERGE_FLOOR > ceiling {
            return;
        }
        let sides = (
            &self.source[i - usize::from(di)..i],
            &self.target[j - usize::from(dj)..j],
        );
        let cost = bead_cost(sides.0, sides.1, self.ratio, false);
        if cost.is_finite() {
            cell.take_cheaper(MATCHED, way, [cost; STATES], (di, dj));
        }
    }
}

/// The least of a cell's costs over its states (costs are never NaN).
fn cheapest(costs: &[f64; STATES]) -> f64 {
    costs
        .iter()
        .fold(f64::INFINITY, |low, &c| if c < low { c } else { low })
}

/// The least a 2–1 or 1–2 merge can cost: [`MERGE`], no length cost, and the best
/// overlap of invariants (-0.5).
const MERGE_FLOOR: f64 = MERGE - 0.5;

const STATES: usize = 3;
/// How a cell's state was reached: (previous state, di, dj); all zero where it was not.
type Step = (u8, u8, u8);
const NOWHERE: Step = (0, 0, 0);
const MATCHED: usize = 0;
const SOURCE_GAP: usize = 1;
const TARGET_GAP: usize = 2;

fn trace(
    step: &[[Step; STATES]],
    cell: &dyn Fn(usize, usize) -> usize,
    end: (usize, usize),
    last: usize,
) -> Vec<Bead> {
    let mut beads = Vec::new();
    let ((mut i, mut j), mut state) = (end, last);
    while i > 0 || j > 0 {
        let (previous, di, dj) = step[cell(i, j)][state];
        let (di, dj) = (di as usize, dj as usize);
        if di == 0 && dj == 0 {
            break;
        }
        beads.push(Bead {
            source: (i - di..i).collect(),
            target: (j - dj..j).collect(),
            removed: None,
        });
        i -= di;
        j -= dj;
        state = previous as usize;
    }
    beads.reverse();
    beads
}

fn bead_cost(source: &[Shape], target: &[Shape], ratio: f64, extends_gap: bool) -> f64 {
    match (source, target) {
        ([s], []) => gap_cost(s.new, extends_gap),
        ([], [_]) => gap_cost(false, extends_gap),
        ([s], [t]) => pair_cost(s, t, ratio),
        ([a, b], [t]) => merged_cost(&[a, b], t, ratio, false),
        ([s], [a, b]) => merged_cost(&[a, b], s, ratio, true),
        _ => f64::INFINITY,
    }
}

/// An unmatched segment: cheap for a source segment known to be new, else opening a
/// run of them costs more than extending one.
fn gap_cost(new_source: bool, extends: bool) -> f64 {
    match (new_source, extends) {
        (true, _) => NEW_GAP,
        (false, false) => GAP,
        (false, true) => GAP_EXTEND,
    }
}

fn merged_cost(parts: &[&Shape; 2], whole: &Shape, ratio: f64, parts_are_target: bool) -> f64 {
    if !mergeable(whole.kind) || !parts.iter().all(|p| mergeable(p.kind)) {
        return f64::INFINITY;
    }
    let parts_len = parts[0].len + parts[1].len;
    let (s_len, t_len) = if parts_are_target {
        (whole.len, parts_len)
    } else {
        (parts_len, whole.len)
    };
    let mut cost = MERGE + length_cost(s_len, t_len, ratio);
    let any_invariants =
        !whole.invariants.is_empty() || parts.iter().any(|p| !p.invariants.is_empty());
    if any_invariants {
        let (a, b) = (&parts[0].invariants, &parts[1].invariants);
        let both = common_with_union(a, b, &whole.invariants);
        let union = a.len() + b.len() + whole.invariants.len() - both;
        cost += 0.5
            - if union == 0 {
                1.0
            } else {
                both as f64 / union as f64
            };
    }
    cost
}

/// Whether a segment of kind `kind` may be merged with its neighbour. A list item's text
/// may continue in a paragraph that is not indented enough to stay in the item (a
/// non-breaking space, a tab lost): merges go across the two kinds.
fn mergeable(kind: SegmentKind) -> bool {
    matches!(kind, SegmentKind::Paragraph | SegmentKind::ListItem)
}

/// [`common`] of the multiset union of sorted `a` and `b` with sorted `whole`, without
/// building the union.
fn common_with_union(a: &[u64], b: &[u64], whole: &[u64]) -> usize {
    let (mut i, mut j, mut k, mut both) = (0, 0, 0, 0usize);
    while k < whole.len() && (i < a.len() || j < b.len()) {
        let take_a = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => x <= y,
            (Some(_), None) => true,
            _ => false,
        };
        let next = if take_a { &a[i] } else { &b[j] };
        match next.cmp(&whole[k]) {
            std::cmp::Ordering::Less => {}
            std::cmp::Ordering::Greater => {
                k += 1;
                continue;
            }
            std::cmp::Ordering::Equal => {
                both += 1;
                k += 1;
            }
        }
        if take_a {
            i += 1;
        } else {
            j += 1;
        }
    }
    both
}

/// How far a target length is from what the source's leads to expect, in log terms.
/// Written as a difference of [`target_log`] and [`source_log`], which the aligner
/// computes once per segment: the same bits whether looked up or computed here.
fn length_cost(s_len: usize, t_len: usize, ratio: f64) -> f64 {
    length_cost_of(target_log(t_len) - source_log(s_len, ratio))
}

fn length_cost_of(log_difference: f64) -> f64 {
    1.2 * log_difference.abs()
}

/// The logarithm of the (smoothed) length a source segment leads to expect.
fn source_log(s_len: usize, ratio: f64) -> f64 {
    (s_len as f64 * ratio + SMOOTHING).ln()
}

/// The logarithm of a target segment's (smoothed) length.
fn target_log(t_len: usize) -> f64 {
    (t_len as f64 + SMOOTHING).ln()
}

fn pair_cost(s: &Shape, t: &Shape, ratio: f64) -> f64 {
    pair_cost_with(s, t, target_log(t.len) - source_log(s.len, ratio))
}

/// [`pair_cost`] given the difference of the two segments' length logarithms.
fn pair_cost_with(s: &Shape, t: &Shape, log_difference: f64) -> f64 {
    if s.kind != t.kind {
        return f64::INFINITY;
    }
    let mut cost = length_cost_of(log_difference);
    if s.level != t.level {
        cost += LEVEL_MISMATCH;
    }
    cost + invariant_cost(&s.invariants, &t.invariants)
}

/// Shared invariants pull segments together; disjoint ones push them apart (a paragraph
/// with a link is not the translation of one without).
fn invariant_cost(a: &[u64], b: &[u64]) -> f64 {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => 0.0,
        (false, false) => {
            let similarity = jaccard(a, b);
            if similarity == 0.0 {
                1.5
            } else {
                0.5 - similarity
            }
        }
        _ => 1.0,
    }
}

/// Jaccard similarity of two sorted multisets.
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let both = common(a, b);
    let union = a.len() + b.len() - both;
    if union == 0 {
        1.0
    } else {
        both as f64 / union as f64
    }
}

/// How many elements two sorted multisets share.
pub fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both
}

#[cfg(test)]
mod tests {
    use super::*;
    use SegmentKind::*;

    fn align(source: &[Shape], target: &[Shape], ratio: f64) -> Vec<Bead> {
        align_with(&mut Scratch::default(), source, target, ratio)
    }

    #[test]
    fn union_overlap_equals_the_overlap_of_the_sorted_concatenation() {
        let set = |items: &[&str]| {
            let strings: Vec<String> = items.iter().map(|s| s.to_string()).collect();
            invariant_keys(&strings)
        };
        let cases = [
            (set(&["1", "3"]), set(&["2", "3"]), set(&["3", "3", "4"])),
            (set(&[]), set(&["a", "b"]), set(&["a", "b", "c"])),
            (set(&["x"]), set(&[]), set(&[])),
            (
                set(&["1", "1", "7"]),
                set(&["1", "9"]),
                set(&["1", "1", "1", "9"]),
            ),
        ];
        for (a, b, whole) in cases {
            let mut joined = [a.as_slice(), b.as_slice()].concat();
            joined.sort();
            assert_eq!(common_with_union(&a, &b, &whole), common(&joined, &whole));
        }
    }

    /// The aligner as it was first written (each cell pushes to its successors), kept as
    /// the reference the pulling version must agree with, tie for tie.
    fn push_reference(source: &[Shape], target: &[Shape], ratio: f64) -> Vec<Bead> {
        let (n, m) = (source.len(), target.len());
        let width = m + 1;
        let cell = |i: usize, j: usize| i * width + j;
        let mut cost = vec![UNREACHED; (n + 1) * width];
        let mut step = vec![[NOWHERE; STATES]; (n + 1) * width];
        cost[cell(0, 0)][MATCHED] = 0.0;
        for i in 0..=n {
            for j in 0..=m {
                // At most one entry per state; on the stack (this runs for every cell).
                let mut reachable = [(0usize, 0.0f64); STATES];
                let mut count = 0;
                for (state, &here) in cost[cell(i, j)].iter().enumerate() {
                    if here.is_finite() {
                        reachable[count] = (state, here);
                        count += 1;
                    }
                }
                if count == 0 {
                    continue;
                }
                let reachable = &reachable[..count];
                for (di, dj) in [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)] {
                    let (ni, nj) = (i + di, j + dj);
                    if ni > n || nj > m {
                        continue;
                    }
                    let next = match (di, dj) {
                        (_, 0) => SOURCE_GAP,
                        (0, _) => TARGET_GAP,
                        _ => MATCHED,
                    };
                    // The bead's cost depends on the state only through gap extension.
                    let opening = bead_cost(&source[i..ni], &target[j..nj], ratio, false);
                    if opening.is_infinite() {
                        continue;
                    }
                    let extending = if next == MATCHED {
                        opening
                    } else {
                        bead_cost(&source[i..ni], &target[j..nj], ratio, true)
                    };
                    for &(state, here) in reachable {
                        let c = here + if state == next { extending } else { opening };
                        let at = cell(ni, nj);
                        if c < cost[at][next] {
                            cost[at][next] = c;
                            step[at][next] = (state as u8, di as u8, dj as u8);
                        }
                    }
                }
            }
        }
        let last = (0..STATES)
            .min_by(|&a, &b| cost[cell(n, m)][a].total_cmp(&cost[cell(n, m)][b]))
            .unwrap_or(MATCHED);
        trace(&step, &cell, (n, m), last)
    }

    /// Random documents with many ties (few lengths, few invariants, repeated kinds), and
    /// translations of them: the pulling aligner, with its bound, must choose exactly
    /// what the pushing one, without, chose.
    #[test]
    fn pulling_agrees_with_pushing_tie_for_tie() {
        let next = crate::testing::xorshift(0x9e37_79b9_7f4a_7c15);
        let kinds = [Paragraph, ListItem, Heading, CodeBlock];
        let random_doc = |len: usize| -> Vec<Shape> {
            (0..len)
                .map(|_| Shape {
                    kind: kinds[next(4)],
                    level: next(3) as u8,
                    len: [10, 40, 40, 120][next(4)],
                    invariants: (0..next(3)).map(|_| next(3) as u64).collect::<Vec<_>>(),
                    new: next(5) == 0,
                })
                .map(|mut s| {
                    s.invariants.sort_unstable();
                    s
                })
                .collect()
        };
        let mut pulling = Scratch::default();
        for round in 0..3000 {
            // Small documents, and long ones where most cells are far from the diagonal.
            let (a, b) = if round % 2 == 0 { (13, 11) } else { (40, 37) };
            let source = random_doc(round % a);
            let target = if round % 4 == 1 {
                // A translation of the source: the same shapes, a few dropped, changed
                // or added, as real pairs are (and where the bound prunes most).
                let mut target = Vec::new();
                for shape in &source {
                    match next(10) {
                        0 => {}
                        1 => target.extend(random_doc(1)),
                        2 => {
                            target.push(shape.clone());
                            target.extend(random_doc(1));
                        }
                        _ => target.push(Shape {
                            len: shape.len + next(20),
                            new: false,
                            ..shape.clone()
                        }),
                    }
                }
                target
            } else {
                random_doc((round * 7) % b)
            };
            let ratio = [0.5, 1.0, 1.3][round % 3];
            assert_eq!(
                align_with(&mut pulling, &source, &target, ratio),
                push_reference(&source, &target, ratio),
                "round {round}"
            );
        }
    }

    /// A side with no segments is aligned in a band as without: every segment of the
    /// other side unmatched (the band once left the first cell out when the source
    /// was empty, and nothing came back).
    #[test]
    fn an_empty_side_is_aligned_in_a_band() {
        let some: Vec<Shape> = (0..100).map(|k| shape(Paragraph, 10 + k)).collect();
        for (source, target) in [(&[][..], &some[..]), (&some[..], &[][..])] {
            let beads = align_in(&mut Scratch::default(), (source, target), 1.0, Some(4));
            assert_eq!(beads, align(source, target, 1.0));
            assert_eq!(beads.len(), 100);
        }
    }

    /// With a band wider than the table, the banded aligner is the exact one.
    #[test]
    fn a_band_wide_enough_is_exact() {
        let next = crate::testing::xorshift(0x2545_f491_4f6c_dd1d);
        let kinds = [Paragraph, ListItem, Heading];
        let doc = |len: usize| -> Vec<Shape> {
            (0..len)
                .map(|_| Shape {
                    kind: kinds[next(3)],
                    level: 0,
                    len: [10, 40, 120][next(3)],
                    invariants: if next(4) == 0 {
                        vec![next(50) as u64]
                    } else {
                        vec![]
                    },
                    new: false,
                })
                .collect()
        };
        let mut banded = Scratch::default();
        for round in 0..300 {
            let (source, target) = (doc(round % 23), doc((round * 7) % 19));
            assert_eq!(
                align_in(&mut banded, (&source, &target), 1.0, Some(1 << 20)),
                push_reference(&source, &target, 1.0),
                "round {round}"
            );
        }
    }

    /// A very large pair (20,000 paragraphs a side, a few dropped in the translation)
    /// is aligned in a band: tables linear in the size (the full table would be 400
    /// million cells), and the pairs still right.
    #[test]
    fn very_large_documents_are_aligned_in_a_band() {
        let n = 20_000;
        let source: Vec<Shape> = (0..n)
            .map(|k| Shape {
                invariants: if k % 50 == 0 { vec![k as u64] } else { vec![] },
                ..shape(Paragraph, 40 + (k * 37) % 200)
            })
            .collect();
        let dropped = |k: usize| k % 1000 == 500;
        let target: Vec<Shape> = source
            .iter()
            .enumerate()
            .filter(|(k, _)| !dropped(*k))
            .map(|(_, s)| s.clone())
            .collect();
        let mut scratch = Scratch::default();
        let beads = align_with(&mut scratch, &source, &target, 1.0);
        assert!(
            scratch.step.len() < 2_100_000,
            "{} cells",
            scratch.step.len()
        );
        let gaps: Vec<usize> = beads
            .iter()
            .filter(|b| b.target.is_empty())
            .flat_map(|b| b.source.clone())
            .collect();
        let expected: Vec<usize> = (0..n).filter(|&k| dropped(k)).collect();
        assert_eq!(gaps, expected);
    }

    fn shape(kind: SegmentKind, len: usize) -> Shape {
        Shape {
            kind,
            level: if kind == Heading { 2 } else { 0 },
            len,
            invariants: vec![],
            new: false,
        }
    }

    fn pairs(beads: &[Bead]) -> Vec<(Vec<usize>, Vec<usize>)> {
        beads
            .iter()
            .map(|b| (b.source.to_vec(), b.target.to_vec()))
            .collect()
    }

    #[test]
    fn one_to_one() {
        let s = [
            shape(Heading, 20),
            shape(Paragraph, 200),
            shape(Paragraph, 120),
        ];
        let t = [
            shape(Heading, 8),
            shape(Paragraph, 70),
            shape(Paragraph, 45),
        ];
        let beads = align(&s, &t, 0.35);
        assert_eq!(
            pairs(&beads),
            [(vec![0], vec![0]), (vec![1], vec![1]), (vec![2], vec![2])]
        );
    }

    #[test]
    fn missing_paragraph_becomes_a_gap() {
        let s = [
            shape(Paragraph, 300),
            shape(Paragraph, 40),
            shape(ListItem, 50),
            shape(Paragraph, 200),
        ];
        let t = [
            shape(Paragraph, 310),
            shape(ListItem, 55),
            shape(Paragraph, 190),
        ];
        let beads = align(&s, &t, 1.0);
        assert_eq!(pairs(&beads)[1], (vec![1], vec![]));
    }

    #[test]
    fn split_paragraph_is_one_to_two() {
        let s = [
            shape(Heading, 10),
            shape(Paragraph, 400),
            shape(Heading, 10),
        ];
        let t = [
            shape(Heading, 11),
            shape(Paragraph, 190),
            shape(Paragraph, 215),
            shape(Heading, 12),
        ];
        let beads = align(&s, &t, 1.0);
        assert_eq!(pairs(&beads)[1], (vec![1], vec![1, 2]));
    }
}
