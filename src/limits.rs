//! Resource limits (SPEC §5): defaults, settable by the embedding program only.

/// The limits a pipeline is compiled and applied under.
///
/// ```
/// use callerid_transform::Limits;
///
/// let limits = Limits::default();
/// assert_eq!(limits.max_length, 256);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    /// Most transforms in one configuration (default 256).
    pub max_transforms: usize,
    /// Most characters in a `value` or `value2` (default 256).
    pub max_value_len: usize,
    /// Most bytes one compiled regex may take (default 1 MiB, the `regex` crate's size limit).
    pub regex_size_limit: usize,
    /// Most characters in the input and in every intermediate result (default 256).
    pub max_length: usize,
    /// Most bytes of configuration JSON accepted (default 1 MiB).
    pub max_config_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_transforms: 256,
            max_value_len: 256,
            regex_size_limit: 1 << 20,
            max_length: 256,
            max_config_bytes: 1 << 20,
        }
    }
}
