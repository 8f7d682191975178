//! The one deserializer behind [`crate::json`]: JSON text is parsed once by serde_json
//! into a small tree ([`Node`], objects kept in document order, duplicate keys kept),
//! then the oske types are read from that tree by [`NodeDe`], which tracks the JSON
//! Pointer of every value (for data errors) and reports every field the types do not
//! read (the `json.unknown-field` warnings).
//!
//! Why not serde_json's streaming deserializer wrapped in `serde_path_to_error` and
//! `serde_ignored`: every derived `Deserialize` impl of the model was then generated
//! for three stacked deserializer types and their visitor wrappers (about 545 KB of
//! machine code in the Android library). Here serde_json is generated once, for
//! [`Node`], and the model once, for [`NodeDe`], an in-memory walk.
//!
//! Data errors carry the line and column of the last character of the value they
//! are about, found again in the text from the pointer ([`position`]), which is where
//! serde_json's streaming reader reported them.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use serde::forward_to_deserialize_any;
use std::cell::RefCell;
use std::fmt;

/// A parsed JSON value. Objects keep their members in document order.
pub enum Node {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(String),
    Arr(Vec<Node>),
    Obj(Vec<(String, Node)>),
}

impl<'de> de::Deserialize<'de> for Node {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Bool(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(Node::U64(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::I64(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node::F64(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Str(v))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Arr(items))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value()?;
                    members.push((key, value));
                }
                Ok(Node::Obj(members))
            }
        }
        d.deserialize_any(V)
    }
}

impl Node {
    pub(crate) fn unexpected(&self) -> Unexpected<'_> {
        match self {
            Node::Null => Unexpected::Unit,
            Node::Bool(b) => Unexpected::Bool(*b),
            Node::U64(n) => Unexpected::Unsigned(*n),
            Node::I64(n) => Unexpected::Signed(*n),
            Node::F64(n) => Unexpected::Float(*n),
            Node::Str(s) => Unexpected::Str(s),
            Node::Arr(_) => Unexpected::Seq,
            Node::Obj(_) => Unexpected::Map,
        }
    }

    /// The member `key` of an object (the last one, if the key is repeated).
    pub(crate) fn member(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Obj(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value as serde_json writes it (for messages): `2`, `"1"`, `null`.
    pub(crate) fn display(&self) -> String {
        match self {
            Node::Null => "null".into(),
            Node::Bool(b) => b.to_string(),
            Node::U64(n) => n.to_string(),
            Node::I64(n) => n.to_string(),
            Node::F64(n) => serde_json::Number::from_f64(*n)
                .map(|n| n.to_string())
                .unwrap_or_else(|| n.to_string()),
            Node::Str(s) => serde_json::to_string(s).unwrap_or_default(),
            Node::Arr(_) => "[…]".into(),
            Node::Obj(_) => "{…}".into(),
        }
    }
}

/// Where a value is: the chain of keys and indexes from the root.
#[derive(Clone, Copy)]
pub enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn tokens(&self, out: &mut Vec<String>) {
        match *self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.tokens(out);
                out.push(key.to_owned());
            }
            Path::Index(parent, i) => {
                parent.tokens(out);
                out.push(i.to_string());
            }
        }
    }

    /// The path's tokens, unescaped (`["networks", "0", "period"]`).
    pub(crate) fn to_tokens(self) -> Vec<String> {
        let mut t = Vec::new();
        self.tokens(&mut t);
        t
    }
}

/// A data error: the message and the pointer tokens of the value it is about.
#[derive(Debug)]
pub struct DeErrorInner {
    pub(crate) message: String,
    pub(crate) at: Option<Vec<String>>,
    /// The error is about the last token's key (an unknown field of a type that
    /// denies them), not its value: the line and column are the key's.
    pub(crate) key: bool,
}

/// The error of [`NodeDe`], boxed: one pointer wide, so that every `Result` the
/// derived `Deserialize` impls pass around is small (the model's reading code is
/// generated once per type, and moving 48-byte errors made it larger by a tenth).
pub type DeError = Box<DeErrorInner>;

impl fmt::Display for DeErrorInner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeErrorInner {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> DeError {
        Box::new(DeErrorInner {
            message: msg.to_string(),
            at: None,
            key: false,
        })
    }

    /// As serde_json words it: `invalid type: null, expected …` for a JSON `null`.
    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> DeError {
        match unexp {
            Unexpected::Unit => {
                de::Error::custom(format_args!("invalid type: null, expected {exp}"))
            }
            _ => de::Error::custom(format_args!("invalid type: {unexp}, expected {exp}")),
        }
    }
}

/// Fields read by no type: `(pointer tokens, field)`, in document order.
pub type Unknown = RefCell<Vec<Vec<String>>>;

/// Reads a value from a [`Node`], tracking where it is.
pub struct NodeDe<'a> {
    pub(crate) node: Node,
    /// By reference: every value read passes a `NodeDe` by value, and a path inline
    /// made it 24 bytes larger.
    pub(crate) path: &'a Path<'a>,
    pub(crate) unknown: &'a Unknown,
}

impl NodeDe<'_> {
    /// Reads a type that keeps serde's derive (see `json_read::via_serde!`), its
    /// error placed here if it has no place yet.
    pub(crate) fn read_serde<T: de::DeserializeOwned>(self) -> Result<T, DeError> {
        let path = self.path;
        Self::place(path, T::deserialize(self))
    }

    /// Gives an error without a place the place of this value.
    fn place<T>(path: &Path<'_>, mut r: Result<T, DeError>) -> Result<T, DeError> {
        if let Err(e) = &mut r {
            Self::place_error(path, e);
        }
        r
    }

    /// [`NodeDe::place`]'s work, not generic: one copy, not one per type read.
    fn place_error(path: &Path<'_>, e: &mut DeError) {
        if e.at.is_none() {
            e.at = Some(path.to_tokens());
        }
    }
}

impl<'de> de::Deserializer<'de> for NodeDe<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let (path, unknown) = (self.path, self.unknown);
        let r = match self.node {
            Node::Null => visitor.visit_unit(),
            Node::Bool(b) => visitor.visit_bool(b),
            Node::U64(n) => visitor.visit_u64(n),
            Node::I64(n) => visitor.visit_i64(n),
            Node::F64(n) => visitor.visit_f64(n),
            Node::Str(s) => visitor.visit_string(s),
            Node::Arr(items) => visitor.visit_seq(Seq {
                items: items.into_iter(),
                index: 0,
                path,
                unknown,
            }),
            Node::Obj(members) => visitor.visit_map(Map {
                members: members.into_iter(),
                current: None,
                path,
                unknown,
            }),
        };
        Self::place(path, r)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node {
            Node::Null => Self::place(self.path, visitor.visit_none()),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let (path, unknown) = (self.path, self.unknown);
        let r = match self.node {
            Node::Str(s) => visitor.visit_enum(s.into_deserializer()),
            Node::Obj(mut members) if members.len() == 1 => match members.pop() {
                Some((variant, value)) => visitor.visit_enum(Enum {
                    variant,
                    value,
                    path,
                    unknown,
                }),
                None => Err(de::Error::invalid_type(Unexpected::Map, &visitor)),
            },
            other => Err(de::Error::invalid_type(other.unexpected(), &visitor)),
        };
        Self::place(path, r)
    }

    /// A field no type reads: recorded, and its value skipped.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.unknown.borrow_mut().push(self.path.to_tokens());
        visitor.visit_unit()
    }

    // The typed entry points call only the visitor method the JSON value calls for
    // and report any other value as an invalid type, without going through
    // `deserialize_any`: generated once per visitor, `deserialize_any` would bring
    // every `visit_*` of every visitor into the library (a struct's `visit_seq` is as
    // large as its `visit_map`). So, unlike serde_json, a struct is read from an
    // object only, not from an array of its fields.

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let (path, unknown) = (self.path, self.unknown);
        let r = match self.node {
            Node::Obj(members) => visitor.visit_map(Map {
                members: members.into_iter(),
                current: None,
                path,
                unknown,
            }),
            other => Err(de::Error::invalid_type(other.unexpected(), &visitor)),
        };
        Self::place(path, r)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let (path, unknown) = (self.path, self.unknown);
        let r = match self.node {
            Node::Arr(items) => visitor.visit_seq(Seq {
                items: items.into_iter(),
                index: 0,
                path,
                unknown,
            }),
            other => Err(de::Error::invalid_type(other.unexpected(), &visitor)),
        };
        Self::place(path, r)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let path = self.path;
        let r = match self.node {
            Node::Str(s) => visitor.visit_string(s),
            other => Err(de::Error::invalid_type(other.unexpected(), &visitor)),
        };
        Self::place(path, r)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let path = self.path;
        let r = match self.node {
            Node::Bool(b) => visitor.visit_bool(b),
            other => Err(de::Error::invalid_type(other.unexpected(), &visitor)),
        };
        Self::place(path, r)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let path = self.path;
        let r = match self.node {
            Node::U64(n) => visitor.visit_u64(n),
            Node::I64(n) => visitor.visit_i64(n),
            Node::F64(n) => visitor.visit_f64(n),
            other => Err(de::Error::invalid_type(other.unexpected(), &visitor)),
        };
        Self::place(path, r)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let path = self.path;
        let r = match self.node {
            Node::Null => visitor.visit_unit(),
            other => Err(de::Error::invalid_type(other.unexpected(), &visitor)),
        };
        Self::place(path, r)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    forward_to_deserialize_any! {
        bytes byte_buf identifier
    }

    numbers_as_u64! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u128
        deserialize_f32 deserialize_f64
    }
}

/// Every number type is read as `deserialize_u64` reads it (the visitor checks the
/// range, as with serde_json).
macro_rules! numbers_as_u64 {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
                self.deserialize_u64(visitor)
            }
        )*
    };
}
use numbers_as_u64;

struct Seq<'a> {
    items: std::vec::IntoIter<Node>,
    index: usize,
    path: &'a Path<'a>,
    unknown: &'a Unknown,
}

impl<'de> de::SeqAccess<'de> for Seq<'_> {
    type Error = DeError;

    /// Never inlined (nor is `Map::next_value_seed`): one function per element
    /// type, called from every place that reads one, instead of the element's
    /// whole reading code copied into each struct that has a field of that type
    /// (28 480 bytes less in the Android library).
    #[inline(never)]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        // Placed here too: a `deserialize_with` function may fail after reading.
        let path = Path::Index(self.path, index);
        let r = seed.deserialize(NodeDe {
            node,
            path: &path,
            unknown: self.unknown,
        });
        NodeDe::place(&path, r).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Map<'a> {
    members: std::vec::IntoIter<(String, Node)>,
    current: Option<(String, Node)>,
    path: &'a Path<'a>,
    unknown: &'a Unknown,
}

impl<'de> de::MapAccess<'de> for Map<'_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, node)) = self.members.next() else {
            return Ok(None);
        };
        let k = match seed.deserialize(de::value::StrDeserializer::<DeError>::new(&key)) {
            Ok(k) => k,
            // A key the type refuses (`deny_unknown_fields`) is placed at the key.
            Err(mut e) => {
                if e.at.is_none() {
                    e.at = Some(Path::Key(self.path, &key).to_tokens());
                    e.key = true;
                }
                return Err(e);
            }
        };
        self.current = Some((key, node));
        Ok(Some(k))
    }

    /// Never inlined: see `Seq::next_element_seed`.
    #[inline(never)]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((key, node)) = self.current.take() else {
            return Err(de::Error::custom("a map value was read before its key"));
        };
        // Placed here too: a `deserialize_with` function may fail after reading.
        let path = Path::Key(self.path, &key);
        let r = seed.deserialize(NodeDe {
            node,
            path: &path,
            unknown: self.unknown,
        });
        NodeDe::place(&path, r)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
}

/// An enum written as `{"variant": value}`.
struct Enum<'a> {
    variant: String,
    value: Node,
    path: &'a Path<'a>,
    unknown: &'a Unknown,
}

impl<'de, 'a> de::EnumAccess<'de> for Enum<'a> {
    type Error = DeError;
    type Variant = NodeDe<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, NodeDe<'a>), DeError> {
        let v = seed.deserialize(de::value::StrDeserializer::<DeError>::new(&self.variant))?;
        // The variant's value keeps the enum's place: its pointer ends at the enum.
        Ok((
            v,
            NodeDe {
                node: self.value,
                path: self.path,
                unknown: self.unknown,
            },
        ))
    }
}

impl<'de> de::VariantAccess<'de> for NodeDe<'_> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}

/// The 1-based line and column (in bytes, as serde_json counts) of the last
/// character of the value at `tokens` in `text`, which is well-formed JSON, or with
/// `key`, of the last token's key (its closing quote); `None` when the pointer does
/// not lead to a value.
pub(crate) fn position(text: &str, tokens: &[String], key: bool) -> Option<(u64, u64)> {
    let b = text.as_bytes();
    let mut i = skip_ws(b, 0);
    let mut key_end = None;
    for token in tokens {
        match b.get(i)? {
            b'{' => {
                i = skip_ws(b, i + 1);
                let mut found = None;
                while b.get(i) == Some(&b'"') {
                    let raw_end = string_end(b, i)?;
                    let raw = &text[i..raw_end];
                    i = skip_ws(b, raw_end);
                    i = skip_ws(b, i + 1); // the ':'
                    if key_matches(raw, token) {
                        found = Some((raw_end, i)); // the last one wins, as when reading
                    }
                    i = skip_ws(b, value_end(b, i)?);
                    if b.get(i) == Some(&b',') {
                        i = skip_ws(b, i + 1);
                    }
                }
                let (k, v) = found?;
                key_end = Some(k);
                i = v;
            }
            b'[' => {
                key_end = None;
                let index: usize = token.parse().ok()?;
                i = skip_ws(b, i + 1);
                for _ in 0..index {
                    i = skip_ws(b, value_end(b, i)?);
                    if b.get(i) != Some(&b',') {
                        return None;
                    }
                    i = skip_ws(b, i + 1);
                }
            }
            _ => return None,
        }
    }
    // One past the value's (or the key's) last byte.
    let end = if key { key_end? } else { value_end(b, i)? };
    let before = &b[..end];
    let line = before.iter().filter(|&&c| c == b'\n').count() as u64 + 1;
    let column = match before.iter().rposition(|&c| c == b'\n') {
        Some(nl) => end - nl - 1,
        None => end,
    } as u64;
    Some((line, column))
}

fn key_matches(raw: &str, token: &str) -> bool {
    let inner = &raw[1..raw.len() - 1];
    if !inner.contains('\\') {
        return inner == token;
    }
    serde_json::from_str::<String>(raw).is_ok_and(|k| k == token)
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// One past the closing quote of the string starting at `i`.
fn string_end(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        match b.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// One past the last byte of the value starting at `i`.
fn value_end(b: &[u8], mut i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => string_end(b, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            loop {
                match b.get(i)? {
                    b'"' => {
                        i = string_end(b, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            while !matches!(
                b.get(i),
                None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
            ) {
                i += 1;
            }
            Some(i)
        }
    }
}

/// Reads a `T` from JSON text: `Ok((value, unknown field pointers))`, or the serde_json
/// error (syntax) or the data error with its pointer tokens.
pub(crate) fn read<T: crate::json_read::FromJson>(
    root: Node,
) -> Result<(T, Vec<Vec<String>>), DeError> {
    let unknown = Unknown::default();
    let value = T::read_json(NodeDe {
        node: root,
        path: &Path::Root,
        unknown: &unknown,
    })?;
    Ok((value, unknown.into_inner()))
}
