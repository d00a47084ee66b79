//! Compiling user regexes under the size limit, and the errors they give.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};

use regex_automata::{meta, Input, PatternID};

use crate::regex_lowering::Lowered;

/// A compiled user regex (the `regex` crate's engine, linear time) that searches with a
/// per-thread cache: no lock and no shared mutable state on the apply path.
#[derive(Debug)]
pub(crate) struct Regex {
    /// Unique for the life of the process: the key of this regex's per-thread caches.
    id: u64,
    inner: meta::Regex,
    /// How the pattern can run without the engine, worked out once, when it is compiled.
    lowered: Option<Lowered>,
    /// The pattern is anchored at the start (`^`, not multi-line): it matches at most once.
    anchored_start: bool,
    /// Text every match starts the string with, if the pattern says so.
    prefix: Option<Box<str>>,
}

impl Deref for Regex {
    type Target = meta::Regex;

    fn deref(&self) -> &meta::Regex {
        &self.inner
    }
}

/// Per-thread search caches, by regex id. Bounded: the oldest is dropped past `MAX`, so a
/// thread that serves many tenants' regexes keeps only the most recent ones warm.
struct ThreadCaches(Vec<(u64, meta::Cache)>);

impl ThreadCaches {
    const MAX: usize = 32;
}

thread_local! {
    static CACHES: RefCell<ThreadCaches> = const { RefCell::new(ThreadCaches(Vec::new())) };
}

impl Regex {
    /// Runs `f` with this thread's cache for this regex (made on first use).
    #[inline]
    pub(crate) fn with_cache<R>(&self, f: impl FnOnce(&meta::Regex, &mut meta::Cache) -> R) -> R {
        CACHES.with(|cell| {
            let Ok(mut caches) = cell.try_borrow_mut() else {
                return f(&self.inner, &mut self.inner.create_cache());
            };
            let caches = &mut caches.0;
            let at = match caches.iter().rposition(|(id, _)| *id == self.id) {
                Some(at) => at,
                None => {
                    if caches.len() == ThreadCaches::MAX {
                        caches.remove(0);
                    }
                    caches.push((self.id, self.inner.create_cache()));
                    caches.len() - 1
                }
            };
            f(&self.inner, &mut caches[at].1)
        })
    }

    /// What the pattern can be lowered to, if it can run without the engine.
    pub(crate) fn lowered(&self) -> Option<&Lowered> {
        self.lowered.as_ref()
    }

    /// Whether the regex can match at most once in any string (anchored at the start).
    pub(crate) fn at_most_one_match(&self) -> bool {
        self.anchored_start
    }

    /// Whether `s` cannot match, as its start tells (no search needed).
    #[inline]
    pub(crate) fn surely_misses(&self, s: &str) -> bool {
        self.prefix.as_deref().is_some_and(|p| !s.starts_with(p))
    }

    /// Whether the regex matches anywhere in `s`.
    #[inline]
    pub(crate) fn is_match(&self, s: &str) -> bool {
        if self.surely_misses(s) {
            return false;
        }
        self.with_cache(|regex, cache| regex.is_match_with(cache, &Input::new(s)))
    }
}

/// Compiles `pattern` with the engine's regex syntax (the `regex` crate's, with ASCII `\d`,
/// `\w`, `\s`, `\b`, `\B`: see [`crate::regex_syntax_ascii`]), its compiled size capped at
/// `size_limit` bytes.
pub(crate) fn compile(pattern: &str, size_limit: usize) -> Result<Regex, String> {
    static NEXT_ID: AtomicU64 = AtomicU64::new(0);
    let hir = crate::regex_syntax_ascii::parse(pattern)?;
    meta::Regex::builder()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(size_limit))
                .onepass_size_limit(Some(size_limit))
                .dfa_size_limit(Some(size_limit))
                .hybrid_cache_capacity(2 * (1 << 20)),
        )
        .build_from_hir(&hir)
        .map_err(|e| {
            if let Some(limit) = e.size_limit() {
                format!("the compiled regex is larger than the size limit of {limit} bytes")
            } else {
                e.to_string()
            }
        })
        .map(|inner| {
            let analysis = crate::regex_lowering::analyse(&hir);
            Regex {
                id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
                inner,
                lowered: analysis.lowered,
                anchored_start: analysis.anchored_start,
                prefix: analysis.prefix,
            }
        })
}

/// Number of capture groups including group 0 (the whole match).
pub(crate) fn group_count(regex: &Regex) -> usize {
    regex.group_info().group_len(PatternID::ZERO)
}

/// The index of a named group.
pub(crate) fn group_index(regex: &Regex, name: &str) -> Option<usize> {
    regex.group_info().to_index(PatternID::ZERO, name)
}

/// Compiled regexes by (pattern, size limit), held weakly: a regex lives while a pipeline uses it.
type Interned = HashMap<(Box<str>, usize), Weak<Regex>>;

/// Compiles `pattern`, sharing one compiled regex among all pipelines that use the same
/// pattern under the same size limit (multi-tenant services hold many copies of few rules).
pub(crate) fn compile_shared(pattern: &str, size_limit: usize) -> Result<Arc<Regex>, String> {
    static CACHE: OnceLock<Mutex<Interned>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = (Box::<str>::from(pattern), size_limit);
    if let Some(regex) = lock(cache).get(&key).and_then(Weak::upgrade) {
        return Ok(regex);
    }
    // Compile outside the lock: other threads keep compiling their own rules meanwhile.
    let regex = Arc::new(compile(pattern, size_limit)?);
    let mut map = lock(cache);
    if map.len() >= 1024 && map.len().is_power_of_two() {
        map.retain(|_, weak| weak.strong_count() > 0);
    }
    let entry = map.entry(key).or_default();
    match entry.upgrade() {
        Some(existing) => Ok(existing),
        None => {
            *entry = Arc::downgrade(&regex);
            Ok(regex)
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // The map stays consistent even if a holder panicked: recover it.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
