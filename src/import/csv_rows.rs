//! CSV (or tab- or semicolon-separated) tables with a header row, as the vendors' tools
//! export them: column lookup by name, and the source line of every row.

use super::{Context, ImportNote};

/// A table read from CSV text.
pub(crate) struct Table {
    /// Column names from the header row, trimmed and lower-cased.
    pub(crate) columns: Vec<String>,
    /// The data rows.
    pub(crate) rows: Vec<Row>,
}

/// One data row.
pub(crate) struct Row {
    /// The 1-based line the row starts on.
    pub(crate) line: usize,
    values: Vec<String>,
}

impl Table {
    /// The value of `column` in `row` (trimmed; `""` when the column or the value is absent).
    pub(crate) fn get<'r>(&self, row: &'r Row, column: &str) -> &'r str {
        self.columns
            .iter()
            .position(|c| c == column)
            .and_then(|i| row.values.get(i))
            .map_or("", String::as_str)
    }

    /// Whether the header names `column`.
    pub(crate) fn has(&self, column: &str) -> bool {
        self.columns.iter().any(|c| c == column)
    }
}

/// The separator: a tab or a semicolon when the header uses one and no comma, else a comma.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if header.contains('\t') {
        b'\t'
    } else if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    }
}

/// Reads `text` as a table with a header row naming at least `required` (case-insensitive).
/// Malformed input becomes errors in `ctx` with their lines; `None` when nothing usable.
pub(crate) fn read(text: &str, required: &[&str], ctx: &mut Context) -> Option<Table> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let columns: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            ctx.error(csv_error(&e, "the header row"));
            return None;
        }
    };
    if columns.iter().all(String::is_empty) {
        ctx.error(ImportNote::whole(format!(
            "the input is empty; expected a header row naming the columns {}",
            required.join(", ")
        )));
        return None;
    }
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|r| !columns.iter().any(|c| c == r))
        .collect();
    if !missing.is_empty() {
        ctx.error(ImportNote::at(
            1,
            format!(
                "the header row lacks the column{} {}; it names {}",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", "),
                columns.join(", ")
            ),
        ));
        return None;
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as usize);
                if r.len() > columns.len() {
                    ctx.error(ImportNote::at(
                        line,
                        format!(
                            "{} values, but the header names {} columns",
                            r.len(),
                            columns.len()
                        ),
                    ));
                    continue;
                }
                rows.push(Row {
                    line,
                    values: r.iter().map(str::to_string).collect(),
                });
            }
            Err(e) => ctx.error(csv_error(&e, "a row")),
        }
    }
    Some(Table { columns, rows })
}

fn csv_error(e: &csv::Error, what: &str) -> ImportNote {
    let line = e.position().map(|p| p.line() as usize);
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => format!("{what} is not valid UTF-8"),
        _ => format!("{what} is not valid CSV (look at its quotes)"),
    };
    ImportNote { line, message }
}

/// Parses a whole number for `column`, with an error naming the line when it is not one.
pub(crate) fn number(value: &str, column: &str, line: usize, ctx: &mut Context) -> Option<i64> {
    match value.parse::<i64>() {
        Ok(n) => Some(n),
        Err(_) => {
            ctx.error(ImportNote::at(
                line,
                format!("`{column}` must be a whole number, found {value:?}"),
            ));
            None
        }
    }
}

/// Errors (strict) or warns (lossy) for columns not in `known` that hold values.
pub(crate) fn unknown_columns(table: &Table, known: &[&str], harmless: &[&str], ctx: &mut Context) {
    for (i, column) in table.columns.iter().enumerate() {
        if known.contains(&column.as_str()) || harmless.contains(&column.as_str()) {
            continue;
        }
        let Some(row) = table
            .rows
            .iter()
            .find(|r| r.values.get(i).is_some_and(|v| !v.is_empty()))
        else {
            continue;
        };
        ctx.inexact(
            row.line,
            &format!(
                "the column `{column}` is not part of this format ({}), so what it does cannot be carried over",
                known.join(", ")
            ),
            "its values are ignored",
        );
    }
}
