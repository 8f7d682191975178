//! The model's JSON reader: each document type is read from the parsed tree
//! ([`Node`]) by code written here, not by serde's derived `Deserialize`.
//!
//! Why: serde's derive generates, for every struct, a visitor with an `Option` per
//! field, its own duplicate and missing checks and the clean-up of the fields read so
//! far on every error path, all generic over the deserializer: about 213 KB of the
//! Android library (BENCHMARKS.md, Kotlin, fourth round). Here a struct is a table of
//! field names handled by ONE non-generic loop ([`members`]: unknown fields, duplicates,
//! placing errors), and the code per struct is only the `match` that reads each field
//! with its type's reader and the check of the required ones.
//!
//! Behaviour is serde's, exactly: the same documents are accepted and the same errors
//! given (the texts of serde's derive and of its primitive visitors, at the same JSON
//! Pointers): `invalid type: string "x", expected struct Meeting`, `missing field
//! \`id\``, `duplicate field \`id\``, `unknown variant \`x\`, expected one of …`,
//! `invalid value: integer \`-1\`, expected u32`. Unknown fields are recorded in
//! document order for the `json.unknown-field` warnings. Every JSON entry point
//! ([`crate::json`]) reads through [`FromJson`]; the model types' `Deserialize` impls
//! (public API, for Rust users' own serde formats) parse any self-describing input into
//! the same tree and run the same reader ([`deserialize`]), so there is one reading
//! behaviour. The registry format is read the same way; only the issue records and
//! source maps (which the Python binding reads back) keep serde's derive and are read
//! through it ([`via_serde!`]).
//!
//! The tables must say what the serde attributes say (names, `rename`, `default`,
//! variants): `core/tests/json_fields.rs` holds every table to the JSON Schema that
//! schemars generates from those attributes, type by type.

use crate::json_tree::{DeError, DeErrorInner, Node, NodeDe, Path, Unknown};
use serde::de::{self, Error as _, Expected, Unexpected};

/// A value the JSON entry points ([`crate::json::from_str_plain`],
/// [`crate::json::from_str_strict`]) can read: every type of the document and
/// registry formats. Implemented in this crate only.
pub trait FromJson: Sized {
    /// Reads the value at `de`'s place; errors carry their pointer.
    #[doc(hidden)]
    fn read_json(de: NodeDe<'_>) -> Result<Self, DeError>;
}

/// Gives an error without a place the place `path`.
fn placed(path: &Path<'_>, mut e: DeError) -> DeError {
    if e.at.is_none() {
        e.at = Some(path.to_tokens());
    }
    e
}

/// `invalid type: <what the node is>, expected <exp>`, at `path`.
#[inline(never)]
pub(crate) fn type_error(node: &Node, exp: &dyn Expected, path: &Path<'_>) -> DeError {
    placed(path, DeError::invalid_type(node.unexpected(), exp))
}

/// What the readers of structs give [`members`]: the struct's own reading of field
/// `i` (its index in the field list) from the value at `de`.
pub(crate) type FieldReader<'f> = &'f mut dyn FnMut(usize, NodeDe<'_>) -> Result<(), DeError>;

/// Reads a struct's members, in document order: a known field through `field` (once;
/// a second time is `duplicate field`), an unknown one recorded for the warnings. Not
/// generic: the one copy of this work for every struct. `expecting` is serde's
/// `struct Name`; with `deny_unknown` an unknown field is an error at its key, as
/// with `#[serde(deny_unknown_fields)]`. Returns the fields seen, as bits.
#[inline(never)]
pub(crate) fn members(
    de: NodeDe<'_>,
    expecting: &str,
    names: &'static [&'static str],
    deny_unknown: bool,
    field: FieldReader<'_>,
) -> Result<u64, DeError> {
    let NodeDe {
        node,
        path,
        unknown,
    } = de;
    let Node::Obj(members) = node else {
        return Err(type_error(&node, &expecting, path));
    };
    let mut seen = 0u64;
    for (key, value) in members {
        let here = Path::Key(path, &key);
        let Some(i) = names.iter().position(|n| *n == key) else {
            if deny_unknown {
                // `#[serde(deny_unknown_fields)]`: an error at the key.
                let mut e = DeError::unknown_field(&key, names);
                e.at = Some(here.to_tokens());
                e.key = true;
                return Err(e);
            }
            unknown.borrow_mut().push(here.to_tokens());
            continue;
        };
        if seen & (1 << i) != 0 {
            return Err(placed(path, DeError::duplicate_field(names[i])));
        }
        seen |= 1 << i;
        field(
            i,
            NodeDe {
                node: value,
                path: &here,
                unknown,
            },
        )
        .map_err(|e| placed(&here, e))?;
    }
    Ok(seen)
}

/// An error with this message about the value at `path`.
#[inline(never)]
pub(crate) fn custom_at(message: String, path: &Path<'_>) -> DeError {
    placed(path, DeError::custom(message))
}

/// `invalid type: <unexp>, expected <exp>`, at `path`.
#[inline(never)]
pub(crate) fn custom_type_error(unexp: Unexpected<'_>, exp: &str, path: &Path<'_>) -> DeError {
    placed(path, DeError::invalid_type(unexp, &exp))
}

/// `missing field \`name\``, at the struct's `path`.
#[inline(never)]
pub(crate) fn missing(name: &'static str, path: &Path<'_>) -> DeError {
    placed(path, DeError::missing_field(name))
}

/// Reads an enum's variant as serde reads it from the tree: its index in `names`, and
/// its value when given as an object of one member (`{"name": value}`; `None` for a
/// bare string). `expecting` is serde's `enum Name`.
#[inline(never)]
pub(crate) fn variant_value(
    de: NodeDe<'_>,
    expecting: &str,
    names: &'static [&'static str],
) -> Result<(usize, Option<Node>), DeError> {
    let path = de.path;
    let find = |name: &str| {
        names
            .iter()
            .position(|n| *n == name)
            .ok_or_else(|| placed(path, DeError::unknown_variant(name, names)))
    };
    match de.node {
        Node::Str(s) => Ok((find(&s)?, None)),
        Node::Obj(mut m) if m.len() == 1 => match m.pop() {
            Some((name, value)) => Ok((find(&name)?, Some(value))),
            None => Err(type_error(&Node::Obj(Vec::new()), &expecting, path)),
        },
        other => Err(type_error(&other, &expecting, path)),
    }
}

/// Reads a unit variant: [`variant_value`], whose value, if given, must be `null`.
#[inline(never)]
pub(crate) fn variant(
    de: NodeDe<'_>,
    expecting: &str,
    names: &'static [&'static str],
) -> Result<usize, DeError> {
    let path = de.path;
    match variant_value(de, expecting, names)? {
        (i, None | Some(Node::Null)) => Ok(i),
        (_, Some(other)) => Err(type_error(&other, &"unit", path)),
    }
}

/// An integer in `min..=max`, as serde's visitor of that primitive reads it
/// (`expecting` is its name, `u32`): a float is the wrong type, a whole number out of
/// range an invalid value.
#[inline(never)]
fn integer(de: NodeDe<'_>, min: i128, max: i128, expecting: &str) -> Result<i128, DeError> {
    let (n, unexp) = match de.node {
        Node::U64(n) => (i128::from(n), Unexpected::Unsigned(n)),
        Node::I64(n) => (i128::from(n), Unexpected::Signed(n)),
        other => return Err(type_error(&other, &expecting, de.path)),
    };
    if (min..=max).contains(&n) {
        Ok(n)
    } else {
        Err(placed(de.path, DeError::invalid_value(unexp, &expecting)))
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn read_json(de: NodeDe<'_>) -> Result<Self, DeError> {
                // In range: the conversion cannot fail.
                integer(de, <$t>::MIN.into(), <$t>::MAX.into(), stringify!($t))
                    .map(|n| n as $t)
            }
        }
    )*};
}
integers!(u32, u64, i32, i64);

impl FromJson for f64 {
    fn read_json(de: NodeDe<'_>) -> Result<Self, DeError> {
        match de.node {
            Node::U64(n) => Ok(n as f64),
            Node::I64(n) => Ok(n as f64),
            Node::F64(n) => Ok(n),
            other => Err(type_error(&other, &"f64", de.path)),
        }
    }
}

impl FromJson for bool {
    fn read_json(de: NodeDe<'_>) -> Result<Self, DeError> {
        match de.node {
            Node::Bool(b) => Ok(b),
            other => Err(type_error(&other, &"a boolean", de.path)),
        }
    }
}

impl FromJson for String {
    fn read_json(de: NodeDe<'_>) -> Result<Self, DeError> {
        match de.node {
            Node::Str(s) => Ok(s),
            other => Err(type_error(&other, &"a string", de.path)),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn read_json(de: NodeDe<'_>) -> Result<Self, DeError> {
        match de.node {
            Node::Null => Ok(None),
            _ => T::read_json(de).map(Some),
        }
    }
}

/// The elements of an array, each with its index in the path; `None` (and the
/// error) when the node is not an array.
fn elements(de: NodeDe<'_>) -> Result<(Vec<Node>, &Path<'_>, &Unknown), DeError> {
    match de.node {
        Node::Arr(items) => Ok((items, de.path, de.unknown)),
        other => Err(type_error(&other, &"a sequence", de.path)),
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read_json(de: NodeDe<'_>) -> Result<Self, DeError> {
        let (items, path, unknown) = elements(de)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, node) in items.into_iter().enumerate() {
            let here = Path::Index(path, i);
            let v = T::read_json(NodeDe {
                node,
                path: &here,
                unknown,
            })
            .map_err(|e| placed(&here, e))?;
            out.push(v);
        }
        Ok(out)
    }
}

/// Readers of the fields serde reads `with = "serde_date"` (and its `option` and
/// `vec`): ISO 8601 or `d.m.yyyy` text.
pub(crate) mod date {
    use super::*;
    use chrono::NaiveDate;

    fn parse(s: &str, path: &Path<'_>) -> Result<NaiveDate, DeError> {
        crate::date::parse_date(s).map_err(|e| placed(path, DeError::custom(e)))
    }

    /// `serde_date`.
    pub(crate) fn one(de: NodeDe<'_>) -> Result<NaiveDate, DeError> {
        let path = de.path;
        let s = String::read_json(de)?;
        parse(&s, path)
    }

    /// `serde_date::option`.
    pub(crate) fn option(de: NodeDe<'_>) -> Result<Option<NaiveDate>, DeError> {
        match de.node {
            Node::Null => Ok(None),
            _ => one(de).map(Some),
        }
    }

    /// `serde_date::vec`: every element must be a string (an error at the element);
    /// then each is parsed, and a bad date is an error at the list, as with serde.
    pub(crate) fn vec(de: NodeDe<'_>) -> Result<Vec<NaiveDate>, DeError> {
        let path = de.path;
        let texts = Vec::<String>::read_json(de)?;
        texts.iter().map(|s| parse(s, path)).collect()
    }
}

/// Reads the value of a type that keeps serde's derive (shared with the registry
/// format) through the tree deserializer, as before.
macro_rules! via_serde {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::json_read::FromJson for $t {
            fn read_json(
                de: $crate::json_tree::NodeDe<'_>,
            ) -> Result<Self, $crate::json_tree::DeError> {
                $crate::json_tree::NodeDe::read_serde(de)
            }
        }
    )*};
}
pub(crate) use via_serde;

/// `Deserialize` for a type read by [`FromJson`]: the input parsed into the tree, then
/// the same reader. Unknown fields are ignored (as serde's derive does); an error's
/// message names its JSON Pointer unless it is about the whole value.
pub(crate) fn deserialize<'de, D: de::Deserializer<'de>, T: FromJson>(d: D) -> Result<T, D::Error> {
    let node = <Node as de::Deserialize>::deserialize(d)?;
    let unknown = Unknown::default();
    T::read_json(NodeDe {
        node,
        path: &Path::Root,
        unknown: &unknown,
    })
    .map_err(|e| D::Error::custom(with_pointer(*e)))
}

fn with_pointer(e: DeErrorInner) -> String {
    match e.at.as_deref() {
        Some(tokens) if !tokens.is_empty() => {
            let p = tokens
                .iter()
                .fold(String::new(), |acc, t| crate::rules::pointer::join(&acc, t));
            format!("{} at {p}", e.message)
        }
        _ => e.message,
    }
}

/// A struct read by [`members`]: `json_struct! { Type { field: kind, … } }`, fields in
/// declaration order (serde's order of the missing-field checks), `field as "name"`
/// for a renamed one, `deny_unknown_fields Type { … }` as serde's attribute; each `kind` one of
/// `req` (required), `def` (`#[serde(default)]`), `or(expr)` (a default given by
/// `expr`), optionally followed by `with reader` (a reader fn instead of the field
/// type's [`FromJson`]). Also gives the type its `Deserialize` impl.
macro_rules! json_struct {
    (deny_unknown_fields $ty:ident { $($body:tt)* }) => {
        $crate::json_read::json_struct!(@impl true, $ty { $($body)* });
    };
    ($ty:ident { $($body:tt)* }) => {
        $crate::json_read::json_struct!(@impl false, $ty { $($body)* });
    };
    (@impl $deny:literal, $ty:ident {
        $($field:ident $(as $json:literal)? : $kind:ident $(($dflt:expr))? $(with $reader:path)?),+ $(,)?
    }) => {
        impl $crate::json_read::FromJson for $ty {
            fn read_json(
                de: $crate::json_tree::NodeDe<'_>,
            ) -> Result<Self, $crate::json_tree::DeError> {
                const NAMES: &[&str] = &[$($crate::json_read::json_struct!(@name $field $($json)?)),+];
                const _: () = assert!(NAMES.len() <= 64);
                #[allow(unused_variables)]
                let path = de.path;
                $(let mut $field = None;)+
                $crate::json_read::members(
                    de,
                    concat!("struct ", stringify!($ty)),
                    NAMES,
                    $deny,
                    &mut |i, v| {
                        let mut k = 0usize;
                        $(
                            if i == k {
                                $field = Some($crate::json_read::json_struct!(@read v $(, $reader)?)?);
                                return Ok(());
                            }
                            k += 1;
                        )+
                        let _ = k;
                        Ok(())
                    },
                )?;
                Ok($ty {
                    $($field: match $field {
                        Some(v) => v,
                        None => $crate::json_read::json_struct!(
                            @missing NAMES, $field $($json)?, path, $kind $(($dflt))?
                        ),
                    },)+
                })
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::json_read::deserialize(d)
            }
        }
    };
    (@name $field:ident) => { stringify!($field) };
    (@name $field:ident $json:literal) => { $json };
    (@read $v:ident) => { $crate::json_read::FromJson::read_json($v) };
    (@read $v:ident, $reader:path) => { $reader($v) };
    (@missing $names:ident, $field:ident $($json:literal)?, $path:ident, req) => {
        return Err($crate::json_read::missing(
            $crate::json_read::json_struct!(@name $field $($json)?),
            $path,
        ))
    };
    (@missing $names:ident, $field:ident $($json:literal)?, $path:ident, def) => { Default::default() };
    (@missing $names:ident, $field:ident $($json:literal)?, $path:ident, or($dflt:expr)) => { $dflt };
}
pub(crate) use json_struct;

/// A unit-only enum read by [`variant`]: `json_enum! { Type { Variant = "name", … } }`.
/// Also gives the type its `Deserialize` impl.
macro_rules! json_enum {
    ($ty:ident { $($variant:ident = $name:literal),+ $(,)? }) => {
        impl $crate::json_read::FromJson for $ty {
            fn read_json(
                de: $crate::json_tree::NodeDe<'_>,
            ) -> Result<Self, $crate::json_tree::DeError> {
                const NAMES: &[&str] = &[$($name),+];
                const VALUES: &[$ty] = &[$($ty::$variant),+];
                let i = $crate::json_read::variant(de, concat!("enum ", stringify!($ty)), NAMES)?;
                Ok(VALUES[i])
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::json_read::deserialize(d)
            }
        }
    };
}
pub(crate) use json_enum;
