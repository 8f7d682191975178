//! JSON reading and writing.
//!
//! Documents carry a `format_version` (currently 1). Reading reports malformed JSON
//! with line and column, a value of the wrong shape with its JSON Pointer as well,
//! and every field the format does not define as a `json.unknown-field` warning —
//! nothing is dropped silently. A top-level `$schema` (the document's JSON Schema,
//! `docs/schema/document.schema.json`, for editors) is accepted and not kept.
//! Writing is pretty-printed, dates in ISO 8601, and lossless: read → write → read
//! gives an equal value.
//!
//! ```
//! let text = r#"{"format_version": 1, "networks": [], "colour": "blue"}"#;
//! let loaded = oske::json::from_str(text).unwrap();
//! assert_eq!(loaded.warnings.len(), 1);
//! assert_eq!(loaded.warnings[0].code(), "json.unknown-field");
//! assert_eq!(loaded.warnings[0].pointer, "/colour");
//!
//! let err = oske::json::from_str("{\"format_version\": 1,\n \"networks\": [}").unwrap_err();
//! assert_eq!((err.line, err.column), (Some(2), Some(15)));
//! ```

use crate::document::{Document, FORMAT_VERSION};
pub use crate::json_read::FromJson;
use crate::json_tree::{self, Node};
use crate::rules::{pointer, Issue, Rule};
use std::fmt;
use std::path::Path;

/// What went wrong reading JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonErrorKind {
    /// Not well-formed JSON.
    Syntax,
    /// Well-formed, but a value has the wrong type or a required field is missing.
    Data,
    /// A `format_version` this library does not read.
    Version,
    /// The file could not be read.
    Io,
}

impl JsonErrorKind {
    /// `"syntax"`, `"data"`, `"version"`, `"io"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            JsonErrorKind::Syntax => "syntax",
            JsonErrorKind::Data => "data",
            JsonErrorKind::Version => "version",
            JsonErrorKind::Io => "io",
        }
    }
}

/// An error reading JSON, saying where (file, line, column, JSON Pointer) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// The kind of error.
    pub kind: JsonErrorKind,
    /// The file, when read from one.
    pub file: Option<String>,
    /// JSON Pointer to the offending value, for data errors.
    pub pointer: Option<String>,
    /// 1-based line.
    pub line: Option<u64>,
    /// 1-based column.
    pub column: Option<u64>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for JsonError {
    /// `plan.json:12:5: data error at /action_plans/0/period/start: "31.2.2020" is not a date…`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote_place = false;
        if let Some(file) = &self.file {
            write!(f, "{file}")?;
            wrote_place = true;
        }
        if let (Some(line), Some(col)) = (self.line, self.column) {
            if wrote_place {
                write!(f, ":{line}:{col}")?;
            } else {
                write!(f, "line {line}, column {col}")?;
            }
            wrote_place = true;
        }
        if wrote_place {
            f.write_str(": ")?;
        }
        write!(f, "{} error", self.kind.as_str())?;
        if let Some(p) = &self.pointer {
            write!(f, " at {}", if p.is_empty() { "/" } else { p })?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for JsonError {}

impl JsonError {
    fn from_serde(e: &serde_json::Error, pointer: Option<String>) -> JsonError {
        use serde_json::error::Category;
        let kind = match e.classify() {
            Category::Data => JsonErrorKind::Data,
            Category::Io => JsonErrorKind::Io,
            Category::Syntax | Category::Eof => JsonErrorKind::Syntax,
        };
        // serde_json appends " at line L column C" to its messages; we carry those apart.
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(i) if e.line() > 0 => full[..i].to_owned(),
            _ => full,
        };
        JsonError {
            kind,
            file: None,
            pointer: if kind == JsonErrorKind::Data {
                pointer
            } else {
                None
            },
            line: (e.line() > 0).then_some(e.line() as u64),
            column: (e.line() > 0).then_some(e.column() as u64),
            message,
        }
    }

    fn in_file(mut self, file: &Path) -> JsonError {
        self.file = Some(file.display().to_string());
        self
    }
}

/// A document read from JSON, with the warnings found while reading.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The document.
    pub document: Document,
    /// `json.unknown-field` warnings, in document order.
    pub warnings: Vec<Issue>,
}

fn pointer_of(tokens: &[String]) -> String {
    tokens
        .iter()
        .fold(String::new(), |acc, tok| pointer::join(&acc, tok))
}

fn parse(text: &str) -> Result<Node, JsonError> {
    serde_json::from_str::<Node>(text).map_err(|e| JsonError::from_serde(&e, None))
}

fn read_tree<T: FromJson>(text: &str, root: Node) -> Result<(T, Vec<(String, String)>), JsonError> {
    match json_tree::read::<T>(root) {
        Ok((value, unknown)) => {
            let unknown = unknown
                .into_iter()
                .map(|tokens| {
                    let field = tokens.last().cloned().unwrap_or_default();
                    (pointer_of(&tokens), field)
                })
                .collect();
            Ok((value, unknown))
        }
        Err(e) => {
            let tokens = e.at.unwrap_or_default();
            let place = json_tree::position(text, &tokens, e.key);
            Err(JsonError {
                kind: JsonErrorKind::Data,
                file: None,
                pointer: Some(pointer_of(&tokens)),
                line: place.map(|p| p.0),
                column: place.map(|p| p.1),
                message: e.message,
            })
        }
    }
}

/// A UTF-8 byte-order mark, accepted at the start of a JSON file as it is in CSV.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn data_error(pointer: String, message: String) -> JsonError {
    JsonError {
        kind: JsonErrorKind::Data,
        file: None,
        pointer: Some(pointer),
        line: None,
        column: None,
        message,
    }
}

/// The whole text must be one JSON object: `[1]` is not a document (serde would
/// read an array as a struct's fields in order).
fn expect_object(text: &str, what: &str) -> Result<(), JsonError> {
    match text
        .trim_start_matches([' ', '\t', '\r', '\n'])
        .as_bytes()
        .first()
    {
        Some(b'{') | None => Ok(()),
        Some(_) => {
            // A syntax error is reported as such, with its line and column.
            serde_json::from_str::<serde::de::IgnoredAny>(text)
                .map_err(|e| JsonError::from_serde(&e, Some(String::new())))?;
            Err(data_error(
                String::new(),
                format!("{what} must be a JSON object ({{…}})"),
            ))
        }
    }
}

/// Reads a document from JSON text (a UTF-8 byte-order mark is accepted). The
/// document and every object in it must be JSON objects, not arrays.
pub fn from_str(text: &str) -> Result<Loaded, JsonError> {
    let text = without_bom(text);
    // Syntax errors first, then the format version, before the shape.
    let root = parse(text)?;
    if !matches!(root, Node::Obj(_)) {
        let place = json_tree::position(text, &[], false);
        return Err(JsonError {
            kind: JsonErrorKind::Data,
            file: None,
            pointer: Some(String::new()),
            line: place.map(|p| p.0),
            column: place.map(|p| p.1),
            message: format!(
                "a document is a JSON object with `format_version` {FORMAT_VERSION}, not {}",
                root.display()
            ),
        });
    }
    // `null` counts as missing, as it did when the version was read as an `Option`.
    match root
        .member("format_version")
        .filter(|v| !matches!(v, Node::Null))
    {
        None => {
            return Err(JsonError {
                kind: JsonErrorKind::Data,
                file: None,
                pointer: Some("/format_version".into()),
                line: None,
                column: None,
                message: format!(
                    "missing field `format_version` (this library reads version {FORMAT_VERSION})"
                ),
            })
        }
        Some(v) if !matches!(v, Node::U64(n) if *n == u64::from(FORMAT_VERSION)) => {
            return Err(JsonError {
                kind: JsonErrorKind::Version,
                file: None,
                pointer: Some("/format_version".into()),
                line: None,
                column: None,
                message: format!(
                "format_version {} is not supported: this library reads version {FORMAT_VERSION}",
                v.display()
            ),
            })
        }
        Some(_) => {}
    }
    let (document, unknown) = read_tree::<Document>(text, root)?;
    let mut sink = crate::rules::IssueSink::default();
    sink.extend(
        unknown
            .into_iter()
            // A top-level `$schema` names the JSON Schema for editors (docs/schema/); it
            // is not data, so it is not reported (nor kept: documents are written without it).
            .filter(|(ptr, _)| ptr != "/$schema")
            .map(|(ptr, field)| Issue::new(Rule::JsonUnknownField, ptr).arg("field", field)),
    );
    let warnings = sink.finish();
    Ok(Loaded { document, warnings })
}

/// Reads a document from a JSON file; errors name the file.
pub fn from_path(path: impl AsRef<Path>) -> Result<Loaded, JsonError> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| {
        JsonError {
            kind: JsonErrorKind::Io,
            file: None,
            pointer: None,
            line: None,
            column: None,
            message: e.to_string(),
        }
        .in_file(path)
    })?;
    from_str(&text).map_err(|e| e.in_file(path))
}

/// Reads any oske value (a registry, a single plan) from JSON; unknown fields are
/// errors here, since there is no report to carry them.
///
/// The text must be a JSON object (a UTF-8 byte-order mark is accepted); see
/// [`from_str_strict`] to have every object inside checked too.
pub fn from_str_plain<T: FromJson>(text: &str) -> Result<T, JsonError> {
    let text = without_bom(text);
    expect_object(text, "the value")?;
    let (value, unknown) = read_tree::<T>(text, parse(text)?)?;
    if let Some((ptr, field)) = unknown.into_iter().next() {
        return Err(JsonError {
            kind: JsonErrorKind::Data,
            file: None,
            pointer: Some(ptr),
            line: None,
            column: None,
            message: format!("unknown field `{field}`"),
        });
    }
    Ok(value)
}

/// [`from_str_plain`] under the name the bindings use: every object inside must be a
/// JSON object too (a struct given as an array, `["n", {"fi": "x"}]` for a network, is an
/// error at its pointer), which the tree reader (`json_tree.rs`) already ensures.
pub fn from_str_strict<T: FromJson>(text: &str) -> Result<T, JsonError> {
    from_str_plain(text)
}

/// Writes a document as pretty-printed JSON (dates ISO 8601, money in integer cents).
pub fn to_string(document: &Document) -> String {
    // Serializing these types cannot fail: all map keys are strings.
    serde_json::to_string_pretty(document).unwrap_or_default()
}

/// Writes a document to a file.
pub fn to_path(document: &Document, path: impl AsRef<Path>) -> std::io::Result<()> {
    let mut text = to_string(document);
    text.push('\n');
    std::fs::write(path, text)
}
