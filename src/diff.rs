//! Impact diffs: two pipelines (the configuration in service and a changed one) over a stream
//! of numbers; which numbers change, and which transforms made them change. Streaming and
//! bounded in memory: an accumulator fed one number at a time.

use std::collections::HashMap;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::error::ApplyError;
use crate::outcome::{ErrorJson, Outcome};
use crate::pipeline::Pipeline;

/// How much a [`Diff`] keeps: its memory is bounded by these, whatever the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffOptions {
    /// Examples kept per group (default 20; `usize::MAX` keeps every difference).
    pub examples_per_group: usize,
    /// Groups kept (default 256); differences of any further pair of deciding transforms
    /// are counted in one last group marked [`other`](DiffGroup::other).
    pub max_groups: usize,
}

impl Default for DiffOptions {
    fn default() -> DiffOptions {
        DiffOptions {
            examples_per_group: 20,
            max_groups: 256,
        }
    }
}

/// An impact diff in progress: feed it numbers with [`push`](Diff::push), read the
/// [`summary`](Diff::summary) at any time.
///
/// A number is *different* when its output differs between the two pipelines, or it fails in
/// one and not the other, or it fails in both with different errors. Differences are grouped
/// by the pair (transforms that decided in the old pipeline, in the new one), as
/// [`Outcome::decided`] gives them.
///
/// ```
/// use callerid_transform::{Diff, Pipeline};
///
/// let old = Pipeline::from_json(r#"[{"type": "if_prefix", "value": "0", "number": 1},
///                                   {"type": "replace_prefix", "value": "0", "value2": "+44"}]"#)?;
/// let new = Pipeline::from_json(r#"[{"type": "if_pattern", "value": "0XXXXXXXXXX", "number": 1},
///                                   {"type": "replace_prefix", "value": "0", "value2": "+44"}]"#)?;
/// let mut diff = Diff::new(&old, &new);
/// for n in ["02079460000", "0800123", "+33123456"] {
///     if let Some(d) = diff.push(n) {
///         assert_eq!((d.input, d.old.output(), d.new.output()), ("0800123", Some("+44800123"), Some("0800123")));
///     }
/// }
/// let summary = diff.summary();
/// assert_eq!((summary.seen, summary.unchanged, summary.different), (3, 2, 1));
/// assert_eq!((summary.groups[0].old.as_slice(), summary.groups[0].new.as_slice()), (&[1][..], &[][..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Diff {
    old: Pipeline,
    new: Pipeline,
    options: DiffOptions,
    old_output: String,
    new_output: String,
    old_outcome: Outcome,
    new_outcome: Outcome,
    /// The current difference's group key: old's deciding transforms, `SEPARATOR`, new's.
    key: Vec<usize>,
    index: HashMap<Box<[usize]>, usize>,
    groups: Vec<DiffGroup>,
    other: Option<DiffGroup>,
    totals: Totals,
}

const SEPARATOR: usize = usize::MAX;

#[derive(Debug, Clone, Copy, Default)]
struct Totals {
    seen: u64,
    unchanged: u64,
    different: u64,
    newly_failing: u64,
    newly_fixed: u64,
}

/// One number whose result differs, as [`Diff::push`] reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Difference<'a> {
    /// The number.
    pub input: &'a str,
    /// Its outcome under the old pipeline.
    pub old: &'a Outcome,
    /// Its outcome under the new pipeline.
    pub new: &'a Outcome,
}

/// A kept example of a group: the number and both results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffExample {
    /// The number.
    pub input: String,
    /// Its result under the old pipeline.
    pub old: Result<String, ApplyError>,
    /// Its result under the new pipeline.
    pub new: Result<String, ApplyError>,
}

/// Differences that the same transforms decided, on each side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffGroup {
    /// The transforms (0-based) that decided the old result ([`Outcome::decided`]).
    pub old: Vec<usize>,
    /// The transforms that decided the new result.
    pub new: Vec<usize>,
    /// This is the overflow group: differences beyond
    /// [`DiffOptions::max_groups`] groups, whatever decided them (`old` and `new` are empty).
    pub other: bool,
    /// How many differences.
    pub count: u64,
    /// The first few of them ([`DiffOptions::examples_per_group`]).
    pub examples: Vec<DiffExample>,
}

/// The totals and groups of a diff so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiffSummary {
    /// Numbers fed in.
    pub seen: u64,
    /// Numbers with the same result under both pipelines.
    pub unchanged: u64,
    /// Numbers whose result differs.
    pub different: u64,
    /// Numbers that applied under the old pipeline and fail under the new one.
    pub newly_failing: u64,
    /// Numbers that failed under the old pipeline and apply under the new one.
    pub newly_fixed: u64,
    /// The differences grouped, largest group first (ties in order of first appearance),
    /// the overflow group last.
    pub groups: Vec<DiffGroup>,
}

/// A result as the JSON shapes show it: `{"output": string|null, "error": {...}|null}`.
struct ResultJson<'a>(&'a Result<String, ApplyError>);

impl Serialize for ResultJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("output", &self.0.as_ref().ok())?;
        map.serialize_entry("error", &self.0.as_ref().err().map(ErrorJson))?;
        map.end()
    }
}

impl Serialize for DiffExample {
    /// `{"input", "old": {"output", "error"}, "new": {"output", "error"}}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("input", &self.input)?;
        map.serialize_entry("old", &ResultJson(&self.old))?;
        map.serialize_entry("new", &ResultJson(&self.new))?;
        map.end()
    }
}

impl Diff {
    /// A diff of `old` against `new` with the default [`DiffOptions`].
    pub fn new(old: &Pipeline, new: &Pipeline) -> Diff {
        Diff::with_options(old, new, DiffOptions::default())
    }

    /// A diff of `old` against `new` keeping what `options` allows.
    pub fn with_options(old: &Pipeline, new: &Pipeline, options: DiffOptions) -> Diff {
        Diff {
            old: old.clone(),
            new: new.clone(),
            options,
            old_output: String::with_capacity(64),
            new_output: String::with_capacity(64),
            old_outcome: Outcome::new(),
            new_outcome: Outcome::new(),
            key: Vec::new(),
            index: HashMap::new(),
            groups: Vec::new(),
            other: None,
            totals: Totals::default(),
        }
    }

    /// Runs both pipelines on `input` and counts it; the difference, if its result differs.
    ///
    /// Unchanged numbers take two [`Pipeline::apply_into`]s and allocate nothing; a
    /// difference also takes two [`Pipeline::outcome_into`]s to find who decided it.
    pub fn push<'a>(&'a mut self, input: &'a str) -> Option<Difference<'a>> {
        let totals = &mut self.totals;
        totals.seen += 1;
        let old = self.old.apply_into(input, &mut self.old_output);
        let new = self.new.apply_into(input, &mut self.new_output);
        match (&old, &new) {
            (Ok(()), Ok(())) if self.old_output == self.new_output => {
                totals.unchanged += 1;
                return None;
            }
            (Err(a), Err(b)) if a == b => {
                totals.unchanged += 1;
                return None;
            }
            (Ok(()), Err(_)) => totals.newly_failing += 1,
            (Err(_), Ok(())) => totals.newly_fixed += 1,
            _ => {}
        }
        totals.different += 1;
        self.old.outcome_into(input, &mut self.old_outcome);
        self.new.outcome_into(input, &mut self.new_outcome);
        self.record(input);
        Some(Difference {
            input,
            old: &self.old_outcome,
            new: &self.new_outcome,
        })
    }

    /// Counts the current difference in its group, keeping it as an example if there is room.
    fn record(&mut self, input: &str) {
        self.key.clear();
        self.key.extend(self.old_outcome.decided());
        self.key.push(SEPARATOR);
        self.key.extend(self.new_outcome.decided());
        let group = match self.index.get(self.key.as_slice()) {
            Some(&i) => &mut self.groups[i],
            None if self.groups.len() < self.options.max_groups => {
                self.index
                    .insert(self.key.clone().into_boxed_slice(), self.groups.len());
                self.groups.push(DiffGroup {
                    old: self.old_outcome.decided().collect(),
                    new: self.new_outcome.decided().collect(),
                    other: false,
                    count: 0,
                    examples: Vec::new(),
                });
                self.groups.last_mut().expect("just pushed")
            }
            None => self.other.get_or_insert_with(|| DiffGroup {
                old: Vec::new(),
                new: Vec::new(),
                other: true,
                count: 0,
                examples: Vec::new(),
            }),
        };
        group.count += 1;
        if group.examples.len() < self.options.examples_per_group {
            let result = |o: &Outcome| o.result().map(str::to_string).map_err(Clone::clone);
            group.examples.push(DiffExample {
                input: input.to_string(),
                old: result(&self.old_outcome),
                new: result(&self.new_outcome),
            });
        }
    }

    /// Numbers fed in so far.
    pub fn seen(&self) -> u64 {
        self.totals.seen
    }

    /// The totals and the groups so far, largest group first.
    pub fn summary(&self) -> DiffSummary {
        let mut groups = self.groups.clone();
        // A stable sort: equal counts stay in order of first appearance.
        crate::order::sort_by_u64_key(&mut groups, |g| u64::MAX - g.count);
        groups.extend(self.other.clone());
        let t = self.totals;
        DiffSummary {
            seen: t.seen,
            unchanged: t.unchanged,
            different: t.different,
            newly_failing: t.newly_failing,
            newly_fixed: t.newly_fixed,
            groups,
        }
    }
}
