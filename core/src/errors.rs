//! The errors a caller sees — reading JSON, writing a file, an argument the
//! library does not accept — in Finnish, Swedish and English.
//!
//! Rule messages are issues of the rulebook ([`crate::rules`]); the errors here stop
//! a call instead. Their English text is what `Display` shows and what the error's
//! fields hold (a [`JsonError`]'s `message`); this module writes the same error in
//! each language, the way the rule messages are written: dates `1.11.2008`,
//! numbers `188 720` and `1,5` in Finnish and Swedish, the reader's own text
//! (a field name, a value, a file name) in quotes, and no English identifier in a
//! Finnish or Swedish sentence. The bindings carry these texts (Python's
//! exceptions in `.messages`, Kotlin's `errorMessage`), so the wording lives here
//! once.
//!
//! A text the library did not write itself (the operating system's reason why a
//! file could not be read) is quoted verbatim, as `csv.unreadable` does.
//!
//! ```
//! use oske::Lang;
//! let e = oske::json::from_str(r#"{"format_version": 1, "networks": [{"id": 5}]}"#).unwrap_err();
//! assert_eq!(e.to_string(), "line 1, column 43: data error at /networks/0/id: invalid type: integer `5`, expected a string");
//! assert_eq!(e.localized(Lang::Fi), "rivi 1, sarake 43: tietovirhe kohdassa /networks/0/id: arvon on oltava teksti, mutta se on kokonaisluku 5");
//! assert_eq!(e.localized(Lang::En), e.to_string());
//! ```

use crate::date::DateParseError;
use crate::json::{JsonError, JsonErrorKind};
use crate::text::{Lang, UnknownLang};

/// `(fi, sv)` for `lang`, or the English text.
fn pick(lang: Lang, en: String, fi: String, sv: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Fi => fi,
        Lang::Sv => sv,
    }
}

/// A number in the language's form, or the text as it is when it is not one.
fn num(lang: Lang, s: &str) -> String {
    crate::l10n::number(lang, s).unwrap_or_else(|| s.to_owned())
}

/// `"a", "b" ja "c"` / `"a", "b" och "c"`: names from backticks, quoted.
fn list(lang: Lang, names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => {
            let and = match lang {
                Lang::Fi => "ja",
                Lang::Sv => "och",
                Lang::En => "and",
            };
            format!("{} {and} {last}", rest.join(", "))
        }
    }
}

/// The names inside backticks in `s`, in order (`` `a`, `b` `` → `["a", "b"]`).
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// What a value is, from serde's wording of an unexpected value (`string "x"`,
/// `integer `5``, `sequence`) or a JSON value as written (`[…]`, `"x"`, `5`, `null`);
/// `None` for a form not known here.
fn found(lang: Lang, s: &str) -> Option<String> {
    let tick = |p: &str| {
        s.strip_prefix(p)
            .and_then(|r| r.strip_prefix('`'))
            .and_then(|r| r.strip_suffix('`'))
    };
    let (fi, sv) = if s == "null" || s == "unit value" {
        ("tyhjä arvo (null)".into(), "ett tomt värde (null)".into())
    } else if s == "true" || s == "false" {
        (
            format!("totuusarvo \"{s}\""),
            format!("sanningsvärdet \"{s}\""),
        )
    } else if let Some(b) = tick("boolean ") {
        (
            format!("totuusarvo \"{b}\""),
            format!("sanningsvärdet \"{b}\""),
        )
    } else if let Some(n) = tick("integer ") {
        (
            format!("kokonaisluku {}", num(Lang::Fi, n)),
            format!("heltalet {}", num(Lang::Sv, n)),
        )
    } else if let Some(n) = tick("floating point ") {
        (
            format!("desimaaliluku {}", num(Lang::Fi, n)),
            format!("decimaltalet {}", num(Lang::Sv, n)),
        )
    } else if let Some(q) = s.strip_prefix("string ").filter(|q| q.starts_with('"')) {
        (format!("teksti {q}"), format!("texten {q}"))
    } else if s.starts_with('"') {
        (format!("teksti {s}"), format!("texten {s}"))
    } else if s == "sequence" || s == "[…]" {
        ("lista".into(), "en lista".into())
    } else if s == "map" || s == "{…}" {
        ("objekti".into(), "ett objekt".into())
    } else if crate::l10n::number(Lang::Fi, s).is_some() {
        (
            format!("luku {}", num(Lang::Fi, s)),
            format!("talet {}", num(Lang::Sv, s)),
        )
    } else {
        return None;
    };
    Some(pick(lang, s.to_owned(), fi, sv))
}

/// What a value should be, from serde's wording of what a type expects (`a string`,
/// `struct Network`, `u32`); `None` for a form not known here.
fn expected(lang: Lang, s: &str) -> Option<String> {
    let (fi, sv) = match s {
        "a string" | "a borrowed string" | "string" => ("teksti", "en text"),
        "a sequence" => ("lista", "en lista"),
        "a map" => ("objekti", "ett objekt"),
        "a boolean" => ("totuusarvo", "ett sanningsvärde"),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => {
            ("ei-negatiivinen kokonaisluku", "ett icke-negativt heltal")
        }
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => ("kokonaisluku", "ett heltal"),
        "f32" | "f64" => ("luku", "ett tal"),
        "variant identifier" | "unit variant" | "field identifier" => {
            ("jokin sallituista arvoista", "ett av de tillåtna värdena")
        }
        _ if s.starts_with("struct ") || s.starts_with("tuple struct ") => {
            ("objekti", "ett objekt")
        }
        _ if s.starts_with("enum ") || s.starts_with("internally tagged enum ") => {
            ("jokin sallituista arvoista", "ett av de tillåtna värdena")
        }
        _ => return None,
    };
    Some(pick(lang, s.to_owned(), fi.into(), sv.into()))
}

/// A JSON value as written: a number in the language's form, a string as it is
/// (quoted), anything else (`true`, `[…]`) in quotes.
fn raw_value(lang: Lang, v: &str) -> String {
    match crate::l10n::number(lang, v) {
        Some(n) => n,
        None if v.starts_with('"') => v.to_owned(),
        None => format!("\"{v}\""),
    }
}

/// The "(and 2 more problems)" a registry's first problem ends with, in `lang`.
fn more_problems(lang: Lang, n: &str) -> Option<String> {
    let count: u64 = n.parse().ok()?;
    let c = crate::l10n::integer(lang, count);
    Some(match (lang, count == 1) {
        (Lang::En, true) => format!("(and {c} more problem)"),
        (Lang::En, false) => format!("(and {c} more problems)"),
        (Lang::Fi, true) => format!("(ja {c} muu ongelma)"),
        (Lang::Fi, false) => format!("(ja {c} muuta ongelmaa)"),
        (Lang::Sv, true) => format!("(och {c} annat problem)"),
        (Lang::Sv, false) => format!("(och {c} andra problem)"),
    })
}

/// serde_json's syntax errors (its `ErrorCode`s), `(en, fi, sv)`.
const SYNTAX: &[(&str, &str, &str)] = &[
    (
        "expected value",
        "tässä kohdassa pitäisi olla JSON-arvo",
        "här borde det finnas ett JSON-värde",
    ),
    (
        "EOF while parsing a value",
        "teksti päättyy ennen kuin arvo on kokonainen",
        "texten tar slut innan värdet är fullständigt",
    ),
    (
        "EOF while parsing an object",
        "teksti päättyy kesken objektin (puuttuuko \"}\"?)",
        "texten tar slut mitt i ett objekt (saknas \"}\"?)",
    ),
    (
        "EOF while parsing a list",
        "teksti päättyy kesken listan (puuttuuko \"]\"?)",
        "texten tar slut mitt i en lista (saknas \"]\"?)",
    ),
    (
        "EOF while parsing a string",
        "teksti päättyy kesken merkkijonon (puuttuuko lainausmerkki?)",
        "texten tar slut mitt i en sträng (saknas ett citattecken?)",
    ),
    (
        "expected `:`",
        "tässä kohdassa pitäisi olla kaksoispiste \":\"",
        "här borde det finnas ett kolon \":\"",
    ),
    (
        "expected `,` or `}`",
        "tässä kohdassa pitäisi olla pilkku \",\" tai \"}\"",
        "här borde det finnas ett kommatecken \",\" eller \"}\"",
    ),
    (
        "expected `,` or `]`",
        "tässä kohdassa pitäisi olla pilkku \",\" tai \"]\"",
        "här borde det finnas ett kommatecken \",\" eller \"]\"",
    ),
    (
        "expected `\"`",
        "tässä kohdassa pitäisi olla lainausmerkki",
        "här borde det finnas ett citattecken",
    ),
    (
        "expected ident",
        "tässä kohdassa pitäisi olla \"true\", \"false\" tai \"null\"",
        "här borde det finnas \"true\", \"false\" eller \"null\"",
    ),
    (
        "trailing comma",
        "viimeisen alkion jälkeen on ylimääräinen pilkku",
        "efter det sista elementet finns ett överflödigt kommatecken",
    ),
    (
        "trailing characters",
        "JSON-arvon jälkeen on ylimääräisiä merkkejä",
        "efter JSON-värdet finns överflödiga tecken",
    ),
    (
        "key must be a string",
        "objektin avaimen on oltava lainausmerkeissä oleva teksti",
        "objektets nyckel ska vara en text inom citattecken",
    ),
    (
        "invalid number",
        "luku on kirjoitettu virheellisesti",
        "talet är felaktigt skrivet",
    ),
    (
        "number out of range",
        "luku on liian suuri tai liian pieni",
        "talet är för stort eller för litet",
    ),
    (
        "invalid escape",
        "merkkijonossa on virheellinen kenoviivakoodi",
        "strängen innehåller en ogiltig escapesekvens",
    ),
    (
        "control character (\\u0000-\\u001F) found while parsing a string",
        "merkkijonossa on ohjausmerkki (U+0000–U+001F), joka on kirjoitettava kenoviivakoodina",
        "strängen innehåller ett styrtecken (U+0000–U+001F) som ska skrivas som escapesekvens",
    ),
    (
        "invalid unicode code point",
        "merkkijonossa on virheellinen Unicode-koodipiste",
        "strängen innehåller en ogiltig Unicode-kodpunkt",
    ),
    (
        "lone leading surrogate in hex escape",
        "merkkijonon kenoviivakoodissa on pariton korvausmerkki (surrogaatti)",
        "strängens escapesekvens innehåller ett ensamt surrogattecken",
    ),
    (
        "unexpected end of hex escape",
        "merkkijonon kenoviivakoodi päättyy kesken",
        "strängens escapesekvens tar slut för tidigt",
    ),
    (
        "recursion limit exceeded",
        "rakenne on liian syvä (sisäkkäisyyden raja ylittyi)",
        "strukturen är för djup (gränsen för nästling överskreds)",
    ),
];

/// The date error's English text after the quoted input.
const DATE_TAIL: &str = " is not a date: expected d.m.yyyy (e.g. 14.2.2018) or yyyy-mm-dd";

fn date_message(lang: Lang, quoted: &str) -> String {
    pick(
        lang,
        format!("{quoted}{DATE_TAIL}"),
        format!(
            "{quoted} ei ole päivämäärä; kirjoita päivämäärä muodossa p.k.vvvv (esim. 14.2.2018) tai vvvv-kk-pp"
        ),
        format!(
            "{quoted} är inte ett datum; skriv datumet i formen d.m.åååå (t.ex. 14.2.2018) eller åååå-mm-dd"
        ),
    )
}

/// The parts of `m` where `pattern` has `{}`, when the rest matches literally
/// (each part ends at the first place the literal after it follows).
fn parts<'a>(m: &'a str, pattern: &str) -> Option<Vec<&'a str>> {
    let mut lits = pattern.split("{}");
    let mut rest = m.strip_prefix(lits.next().unwrap_or_default())?;
    let mut out = Vec::new();
    for lit in lits {
        if lit.is_empty() {
            out.push(rest);
            rest = "";
        } else {
            let (part, after) = rest.split_once(lit)?;
            out.push(part);
            rest = after;
        }
    }
    rest.is_empty().then_some(out)
}

/// An ISO date in the language's form (`2020-01-01` → `1.1.2020`).
fn day(lang: Lang, iso: &str) -> String {
    crate::l10n::date_text(lang, iso).unwrap_or_else(|| iso.to_owned())
}

/// The forms of a registry's consistency problems (`registry::check`): the English
/// text with `{}` for each value, and the Finnish and Swedish templates with `{0}`,
/// `{1}`, … for the values in the English order. The last field marks the values
/// that are ISO dates (bit `i` for value `i`), written in the language's form.
///
/// One table and one filling routine instead of two `format!`s per form: the
/// registry's share of the mobile library (issue 8's budget, `BENCHMARKS.md`).
const REGISTRY_FORMS: &[(&str, &str, &str, u8)] = &[
    (
        "coverage ends on {} before it starts on {}",
        "kattavuusjakso päättyy {0} ennen kuin se alkaa {1}",
        "täckningsperioden slutar den {0} innan den börjar den {1}",
        0b11,
    ),
    (
        "validity ends on {} before it starts on {}",
        "voimassaolo päättyy {0} ennen kuin se alkaa {1}",
        "giltigheten upphör den {0} innan den börjar den {1}",
        0b11,
    ),
    (
        "duplicate {} \"{}\" (first at {})",
        "kentän \"{0}\" arvo \"{1}\" esiintyy toiseen kertaan (ensimmäinen kohdassa {2})",
        "värdet \"{1}\" i fältet \"{0}\" förekommer en andra gång (första vid {2})",
        0,
    ),
    (
        "county \"{}\" is not in the registry's counties",
        "hyvinvointialuetta \"{0}\" ei ole rekisterin hyvinvointialueiden joukossa",
        "välfärdsområdet \"{0}\" finns inte bland registrets välfärdsområden",
        0,
    ),
    (
        "region \"{}\" is not in the registry's regions",
        "maakuntaa \"{0}\" ei ole rekisterin maakuntien joukossa",
        "landskapet \"{0}\" finns inte bland registrets landskap",
        0,
    ),
    (
        "successor \"{}\" is not another municipality of the registry",
        "seuraaja \"{0}\" ei ole rekisterin toinen kunta",
        "efterträdaren \"{0}\" är inte en annan kommun i registret",
        0,
    ),
    (
        "successor \"{}\" is not another centre of the registry",
        "seuraaja \"{0}\" ei ole rekisterin toinen osaamiskeskus",
        "efterträdaren \"{0}\" är inte ett annat kompetenscentrum i registret",
        0,
    ),
    (
        "membership of region \"{}\" overlaps in time with the membership of region \"{}\" ({})",
        "kuuluminen maakuntaan \"{0}\" on ajallisesti päällekkäinen maakuntaan \"{1}\" kuulumisen kanssa ({2})",
        "tillhörigheten till landskapet \"{0}\" överlappar i tid med tillhörigheten till landskapet \"{1}\" ({2})",
        0,
    ),
    (
        "membership of county \"{}\" overlaps in time with the membership of county \"{}\" ({})",
        "kuuluminen hyvinvointialueeseen \"{0}\" on ajallisesti päällekkäinen hyvinvointialueeseen \"{1}\" kuulumisen kanssa ({2})",
        "tillhörigheten till välfärdsområdet \"{0}\" överlappar i tid med tillhörigheten till välfärdsområdet \"{1}\" ({2})",
        0,
    ),
    (
        "an area part names exactly one of region, county, cooperation_area, municipality",
        "alueen osan on nimettävä täsmälleen yksi seuraavista kentistä: \"region\", \"county\", \"cooperation_area\", \"municipality\"",
        "en del av ett område ska ange exakt ett av fälten \"region\", \"county\", \"cooperation_area\", \"municipality\"",
        0,
    ),
    (
        "{} \"{}\" is not in the registry",
        "{0} \"{1}\" ei ole rekisterissä",
        "{0} \"{1}\" finns inte i registret",
        0,
    ),
    (
        "the successor chain of \"{}\" returns to \"{}\"",
        "kunnan \"{0}\" seuraajien ketju palaa kuntaan \"{1}\"",
        "kedjan av efterträdare till kommunen \"{0}\" återvänder till \"{1}\"",
        0,
    ),
    (
        "a second population figure for \"{}\" on {} (first at {})",
        "alueelle \"{0}\" on annettu toinen väkiluku päivälle {1} (ensimmäinen kohdassa {2})",
        "en andra folkmängdssiffra för \"{0}\" den {1} (första vid {2})",
        0b10,
    ),
];

/// `template` with each `{i}` (one digit) replaced by `values[i]`; the values
/// themselves are not searched for placeholders.
fn fill(template: &str, values: &[String]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let b = rest.as_bytes();
        match (b.get(i + 1), b.get(i + 2)) {
            (Some(d @ b'0'..=b'9'), Some(b'}')) => {
                out.push_str(values.get(usize::from(d - b'0')).map_or("", String::as_str));
                rest = &rest[i + 3..];
            }
            _ => {
                out.push('{');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A registry's consistency problem (`registry::check`), in `lang`. Never inlined: its
/// code is counted as the registry's when the mobile library is measured by symbol.
#[inline(never)]
fn registry_message(lang: Lang, m: &str) -> Option<String> {
    let (en, v, fi, sv, dates) = REGISTRY_FORMS
        .iter()
        .find_map(|&(en, fi, sv, dates)| Some((en, parts(m, en)?, fi, sv, dates)))?;
    let values: Vec<String> = v
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if dates & (1 << i) != 0 {
                day(lang, s)
            } else {
                (*s).to_owned()
            }
        })
        .collect();
    let (mut fi_values, mut sv_values) = (values.clone(), values);
    if en.starts_with("{}") {
        // `{} "{}" is not in the registry`: the first value names the kind of entry.
        let (kind_fi, kind_sv) = match fi_values[0].as_str() {
            "region" => ("maakunta", "landskapet"),
            "county" => ("hyvinvointialue", "välfärdsområdet"),
            "cooperation_area" => ("yhteistyöalue", "samarbetsområdet"),
            "municipality" => ("kunta", "kommunen"),
            _ => return None,
        };
        fi_values[0] = kind_fi.to_owned();
        sv_values[0] = kind_sv.to_owned();
    }
    Some(pick(
        lang,
        m.to_owned(),
        fill(fi, &fi_values),
        fill(sv, &sv_values),
    ))
}

/// A data or version message the core writes, in `lang`; `None` when `m` is not
/// one of its forms.
fn data_message(lang: Lang, m: &str) -> Option<String> {
    if lang == Lang::En {
        return Some(m.to_owned());
    }
    // A registry's first problem, counting the others.
    if let Some((first, n)) = m
        .strip_suffix(')')
        .and_then(|r| r.rsplit_once(" (and "))
        .and_then(|(first, r)| {
            let n = r
                .strip_suffix(" more problems")
                .or_else(|| r.strip_suffix(" more problem"))?;
            Some((first, n))
        })
    {
        return Some(format!(
            "{} {}",
            data_message(lang, first)?,
            more_problems(lang, n)?
        ));
    }
    if let Some(q) = m.strip_suffix(DATE_TAIL) {
        return Some(date_message(lang, q));
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        let (f, e) = rest.rsplit_once(", expected ")?;
        let (f, e) = (found(lang, f)?, expected(lang, e)?);
        return Some(pick(
            lang,
            String::new(),
            format!("arvon on oltava {e}, mutta se on {f}"),
            format!("värdet ska vara {e}, men det är {f}"),
        ));
    }
    if let Some(rest) = m.strip_prefix("invalid value: ") {
        let (f, e) = rest.rsplit_once(", expected ")?;
        let (f, e) = (found(lang, f)?, expected(lang, e)?);
        return Some(pick(
            lang,
            String::new(),
            format!("{f} ei kelpaa tähän; arvon on oltava {e}"),
            format!("{f} duger inte här; värdet ska vara {e}"),
        ));
    }
    if let Some(rest) = m.strip_prefix("unknown variant ") {
        let names = backticked(rest);
        let (given, allowed) = names.split_first()?;
        let allowed = list(lang, allowed);
        let one = names.len() == 2;
        return Some(pick(
            lang,
            String::new(),
            if one {
                format!("arvoa \"{given}\" ei tunneta; ainoa sallittu arvo on {allowed}")
            } else {
                format!("arvoa \"{given}\" ei tunneta; sallitut arvot ovat {allowed}")
            },
            if one {
                format!("värdet \"{given}\" är okänt; det enda tillåtna värdet är {allowed}")
            } else {
                format!("värdet \"{given}\" är okänt; de tillåtna värdena är {allowed}")
            },
        ));
    }
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let names = backticked(rest);
        let (given, known) = names.split_first()?;
        let (fi, sv) = (
            format!("kenttää \"{given}\" ei tunneta"),
            format!("fältet \"{given}\" är okänt"),
        );
        return Some(if known.is_empty() {
            pick(lang, String::new(), fi, sv)
        } else {
            let known = list(lang, known);
            pick(
                lang,
                String::new(),
                format!("{fi}; tunnetut kentät ovat {known}"),
                format!("{sv}; de kända fälten är {known}"),
            )
        });
    }
    if let Some(rest) = m.strip_prefix("missing field `") {
        let (field, tail) = rest.split_once('`')?;
        let (fi, sv) = (
            format!("kenttä \"{field}\" puuttuu"),
            format!("fältet \"{field}\" saknas"),
        );
        if tail.is_empty() {
            return Some(pick(lang, String::new(), fi, sv));
        }
        let v = tail
            .strip_prefix(" (this library reads version ")?
            .strip_suffix(')')?;
        let v = num(lang, v);
        return Some(pick(
            lang,
            String::new(),
            format!("{fi} (tämä kirjasto lukee muotoversiota {v})"),
            format!("{sv} (det här biblioteket läser formatversion {v})"),
        ));
    }
    if let Some(rest) = m.strip_prefix("duplicate field `") {
        let field = rest.strip_suffix('`')?;
        return Some(pick(
            lang,
            String::new(),
            format!("kenttä \"{field}\" on annettu kahdesti"),
            format!("fältet \"{field}\" anges två gånger"),
        ));
    }
    if let Some(rest) = m.strip_prefix("format_version ") {
        if let Some((v, n)) = rest.split_once(" is not supported: this library reads version ") {
            let (v, n) = (raw_value(lang, v), num(lang, n));
            return Some(pick(
                lang,
                String::new(),
                format!("muotoversio {v} ei ole tuettu; tämä kirjasto lukee muotoversiota {n}"),
                format!(
                    "formatversion {v} stöds inte; det här biblioteket läser formatversion {n}"
                ),
            ));
        }
        let (v, n) = rest.split_once(" is not supported (this library reads 1 to ")?;
        let (v, n) = (raw_value(lang, v), num(lang, n.strip_suffix(')')?));
        return Some(pick(
            lang,
            String::new(),
            format!("muotoversio {v} ei ole tuettu (tämä kirjasto lukee muotoversioita 1–{n})"),
            format!(
                "formatversion {v} stöds inte (det här biblioteket läser formatversionerna 1–{n})"
            ),
        ));
    }
    if let Some(rest) = m.strip_prefix("a document is a JSON object with `format_version` ") {
        let (n, v) = rest.split_once(", not ")?;
        let (n, v) = (num(lang, n), found(lang, v)?);
        return Some(pick(
            lang,
            String::new(),
            format!("asiakirjan on oltava JSON-objekti, jonka kenttä \"format_version\" on {n}, mutta se on {v}"),
            format!("dokumentet ska vara ett JSON-objekt vars fält \"format_version\" är {n}, men det är {v}"),
        ));
    }
    if let Some(r) = registry_message(lang, m) {
        return Some(r);
    }
    match m {
        "the value must be a JSON object ({…})" => Some(pick(
            lang,
            String::new(),
            "arvon on oltava JSON-objekti ({…})".into(),
            "värdet ska vara ett JSON-objekt ({…})".into(),
        )),
        "a registry is a JSON object ({ … })" => Some(pick(
            lang,
            String::new(),
            "rekisterin on oltava JSON-objekti ({…})".into(),
            "registret ska vara ett JSON-objekt ({…})".into(),
        )),
        _ => None,
    }
}

/// What a [`JsonError`] says is wrong, in `lang`.
fn what(e: &JsonError, lang: Lang) -> String {
    let m = e.message.as_str();
    if lang == Lang::En {
        return m.to_owned();
    }
    let known = match e.kind {
        JsonErrorKind::Syntax => SYNTAX
            .iter()
            .find(|(en, _, _)| *en == m)
            .map(|(_, fi, sv)| pick(lang, String::new(), (*fi).into(), (*sv).into()))
            .or_else(|| data_message(lang, m)),
        JsonErrorKind::Data | JsonErrorKind::Version => data_message(lang, m),
        JsonErrorKind::Io => None,
    };
    known.unwrap_or_else(|| {
        // Not a text of this library (the system's reason, a newer parser's wording):
        // quoted as it is.
        let quoted = format!("{m:?}");
        match (e.kind, lang) {
            (JsonErrorKind::Io, Lang::Fi) => {
                format!("tiedostoa ei voitu lukea (järjestelmän ilmoitus: {quoted})")
            }
            (JsonErrorKind::Io, _) => {
                format!("filen kunde inte läsas (systemets meddelande: {quoted})")
            }
            (JsonErrorKind::Syntax, Lang::Fi) => {
                format!("teksti ei ole kelvollista JSONia (jäsentimen ilmoitus: {quoted})")
            }
            (JsonErrorKind::Syntax, _) => {
                format!("texten är inte giltig JSON (tolkarens meddelande: {quoted})")
            }
            (_, Lang::Fi) => format!("tietoa ei voitu lukea (lukijan ilmoitus: {quoted})"),
            (_, _) => format!("uppgiften kunde inte läsas (läsarens meddelande: {quoted})"),
        }
    })
}

/// The whole error: where (file, line, column, JSON Pointer) and what, in `lang`.
fn whole(e: &JsonError, lang: Lang) -> String {
    let mut out = String::new();
    if let Some(file) = &e.file {
        out.push_str(file);
    }
    if let (Some(line), Some(col)) = (e.line, e.column) {
        if e.file.is_some() {
            out.push_str(&format!(":{line}:{col}"));
        } else {
            out.push_str(&match lang {
                Lang::En => format!("line {line}, column {col}"),
                Lang::Fi => format!("rivi {line}, sarake {col}"),
                Lang::Sv => format!("rad {line}, kolumn {col}"),
            });
        }
    }
    if !out.is_empty() {
        out.push_str(": ");
    }
    out.push_str(match (e.kind, lang) {
        (JsonErrorKind::Syntax, Lang::En) => "syntax error",
        (JsonErrorKind::Data, Lang::En) => "data error",
        (JsonErrorKind::Version, Lang::En) => "version error",
        (JsonErrorKind::Io, Lang::En) => "io error",
        (JsonErrorKind::Syntax, Lang::Fi) => "JSON-syntaksivirhe",
        (JsonErrorKind::Data, Lang::Fi) => "tietovirhe",
        (JsonErrorKind::Version, Lang::Fi) => "versiovirhe",
        (JsonErrorKind::Io, Lang::Fi) => "lukuvirhe",
        (JsonErrorKind::Syntax, Lang::Sv) => "JSON-syntaxfel",
        (JsonErrorKind::Data, Lang::Sv) => "datafel",
        (JsonErrorKind::Version, Lang::Sv) => "versionsfel",
        (JsonErrorKind::Io, Lang::Sv) => "läsfel",
    });
    if let Some(p) = &e.pointer {
        out.push_str(match lang {
            Lang::En => " at ",
            Lang::Fi => " kohdassa ",
            Lang::Sv => " vid ",
        });
        out.push_str(if p.is_empty() { "/" } else { p });
    }
    out.push_str(": ");
    out.push_str(&what(e, lang));
    out
}

impl JsonError {
    /// What is wrong, in `lang`, without the place (the English text is
    /// [`JsonError::message`](struct.JsonError.html#structfield.message)).
    ///
    /// ```
    /// use oske::Lang;
    /// let e = oske::json::from_str("{").unwrap_err();
    /// assert_eq!(e.message, "EOF while parsing an object");
    /// assert_eq!(e.message_in(Lang::Sv), "texten tar slut mitt i ett objekt (saknas \"}\"?)");
    /// ```
    pub fn message_in(&self, lang: Lang) -> String {
        what(self, lang)
    }

    /// The whole error — file, line, column, JSON Pointer and what — in `lang`.
    /// In English it is the `Display` text.
    pub fn localized(&self, lang: Lang) -> String {
        whole(self, lang)
    }
}

impl DateParseError {
    /// The error in `lang`: `"31.2.2020" ei ole päivämäärä; kirjoita …`.
    pub fn message(&self, lang: Lang) -> String {
        date_message(lang, &format!("{:?}", self.input))
    }
}

impl UnknownLang {
    /// The error in `lang`: `kieltä "de" ei tunneta; …`.
    pub fn message(&self, lang: Lang) -> String {
        let q = format!("{:?}", self.0);
        pick(
            lang,
            self.to_string(),
            format!("kieltä {q} ei tunneta; käytettävissä ovat \"fi\", \"sv\" ja \"en\""),
            format!("språket {q} är okänt; tillgängliga är \"fi\", \"sv\" och \"en\""),
        )
    }
}

/// A file that could not be written, in `lang`: the file's name, when given, and
/// the operating system's reason, which is quoted as it is in Finnish and Swedish.
///
/// ```
/// use oske::Lang;
/// assert_eq!(
///     oske::errors::write_failed(Lang::Fi, Some("/x/y.json"), "No such file or directory"),
///     "tiedostoon \"/x/y.json\" ei voitu kirjoittaa (järjestelmän ilmoitus: \"No such file or directory\")"
/// );
/// assert_eq!(
///     oske::errors::write_failed(Lang::En, Some("/x/y.json"), "No such file or directory"),
///     "could not write \"/x/y.json\": No such file or directory"
/// );
/// ```
pub fn write_failed(lang: Lang, file: Option<&str>, reason: &str) -> String {
    let q = |f: &str| format!("{f:?}");
    match (lang, file) {
        (Lang::En, Some(f)) => format!("could not write {}: {reason}", q(f)),
        (Lang::En, None) => format!("could not write the file: {reason}"),
        (Lang::Fi, Some(f)) => format!(
            "tiedostoon {} ei voitu kirjoittaa (järjestelmän ilmoitus: {reason:?})",
            q(f)
        ),
        (Lang::Fi, None) => {
            format!("tiedostoon ei voitu kirjoittaa (järjestelmän ilmoitus: {reason:?})")
        }
        (Lang::Sv, Some(f)) => format!(
            "det gick inte att skriva till filen {} (systemets meddelande: {reason:?})",
            q(f)
        ),
        (Lang::Sv, None) => {
            format!("det gick inte att skriva till filen (systemets meddelande: {reason:?})")
        }
    }
}

/// No embedded dataset has the name, in `lang`; `known` lists the names there are.
pub fn unknown_dataset(lang: Lang, name: &str, known: &[&str]) -> String {
    let q = format!("{name:?}");
    pick(
        lang,
        format!(
            "no embedded dataset is named {q}; the datasets are {}",
            known.join(", ")
        ),
        format!(
            "sisäänrakennettua aineistoa {q} ei ole; aineistot ovat {}",
            list(lang, known)
        ),
        format!(
            "det finns ingen inbyggd datamängd {q}; datamängderna är {}",
            list(lang, known)
        ),
    )
}

/// The kind of item a look-up by id did not find ([`not_found`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Missing {
    /// A network (`verkosto`, `nätverk`).
    Network,
    /// A consultation (`konsultaatio`, `konsultation`).
    Consultation,
    /// A consultation programme (`konsultaatio-ohjelma`, `konsultationsprogram`).
    ConsultationProgramme,
}

/// The document has no item of that kind with the id, in `lang`.
///
/// ```
/// use oske::{errors::{not_found, Missing}, Lang};
/// assert_eq!(
///     not_found(Lang::Fi, Missing::Network, "x"),
///     "asiakirjassa ei ole verkostoa, jonka tunniste on \"x\""
/// );
/// assert_eq!(
///     not_found(Lang::En, Missing::Network, "x"),
///     "the document has no network with id \"x\""
/// );
/// ```
pub fn not_found(lang: Lang, what: Missing, id: &str) -> String {
    let q = format!("{id:?}");
    let (en, fi, sv) = match what {
        Missing::Network => ("network", "verkostoa", "inget nätverk"),
        Missing::Consultation => ("consultation", "konsultaatiota", "ingen konsultation"),
        Missing::ConsultationProgramme => (
            "consultation programme",
            "konsultaatio-ohjelmaa",
            "inget konsultationsprogram",
        ),
    };
    pick(
        lang,
        format!("the document has no {en} with id {q}"),
        format!("asiakirjassa ei ole {fi}, jonka tunniste on {q}"),
        format!("dokumentet har {sv} med identifieraren {q}"),
    )
}

/// A workbook that could not be read or written, in `lang`. The reading or writing
/// library's own text (calamine's, rust_xlsxwriter's) is English; in Finnish and
/// Swedish it is quoted after a sentence of the language as a technical detail.
///
/// ```
/// use oske::Lang;
/// use oske::tables::WorkbookError;
/// let e = WorkbookError::Read("Xlsx error: Zip error: invalid Zip archive".into());
/// assert_eq!(
///     e.localized(Lang::Fi),
///     "tiedostoa ei voitu lukea työkirjana (ohjelmakirjaston ilmoitus: \"Xlsx error: Zip error: invalid Zip archive\")"
/// );
/// assert_eq!(e.localized(Lang::En), e.to_string());
/// ```
#[cfg(feature = "xlsx")]
impl crate::tables::WorkbookError {
    /// The whole error in `lang`; in English the same as `Display`.
    pub fn localized(&self, lang: Lang) -> String {
        use crate::tables::{RefProblem, WorkbookError as E};
        match self {
            E::Read(d) => pick(
                lang,
                self.to_string(),
                format!("tiedostoa ei voitu lukea työkirjana (ohjelmakirjaston ilmoitus: {d:?})"),
                format!(
                    "filen kunde inte läsas som en arbetsbok (programbibliotekets meddelande: {d:?})"
                ),
            ),
            E::Structure(d) => pick(
                lang,
                self.to_string(),
                format!("työkirjan rakennetta ei voitu lukea (ohjelmakirjaston ilmoitus: {d:?})"),
                format!(
                    "arbetsbokens struktur kunde inte läsas (programbibliotekets meddelande: {d:?})"
                ),
            ),
            E::Write(d) => pick(
                lang,
                self.to_string(),
                format!("työkirjaa ei voitu kirjoittaa (ohjelmakirjaston ilmoitus: {d:?})"),
                format!(
                    "arbetsboken kunde inte skrivas (programbibliotekets meddelande: {d:?})"
                ),
            ),
            E::NoSheet(name) => pick(
                lang,
                self.to_string(),
                format!("työkirjassa ei ole välilehteä {name:?}"),
                format!("arbetsboken har inget blad med namnet {name:?}"),
            ),
            E::Reference {
                part,
                element,
                attribute,
                value,
                problem,
            } => {
                let (rows, columns) = (
                    crate::l10n::integer(lang, 1_048_576),
                    crate::l10n::integer(lang, 16_384),
                );
                let fi_where = format!(
                    "työkirjan osassa {part:?} XML-elementin {element:?} määritteen {attribute:?} arvo {value:?}"
                );
                let sv_where = format!(
                    "värdet {value:?} för attributet {attribute:?} i XML-elementet {element:?} i arbetsbokens del {part:?}"
                );
                let (fi, sv) = match problem {
                    RefProblem::NotACell => (
                        format!("{fi_where} ei ole soluviittaus eikä solualue"),
                        format!("{sv_where} är varken en cellreferens eller ett cellområde"),
                    ),
                    RefProblem::OutsideGrid => (
                        format!(
                            "{fi_where} viittaa soluun, joka on laskentataulukon {rows} rivin ja {columns} sarakkeen ulkopuolella"
                        ),
                        format!(
                            "{sv_where} hänvisar till en cell utanför kalkylbladets {rows} rader och {columns} kolumner"
                        ),
                    ),
                    RefProblem::Reversed => (
                        format!("{fi_where} on solualue, joka päättyy ennen kuin se alkaa"),
                        format!("{sv_where} är ett cellområde som slutar innan det börjar"),
                    ),
                    RefProblem::TagTooLong => (
                        format!("{fi_where} on alkutagissa, joka on yli 1 Mt pitkä"),
                        format!("{sv_where} står i en starttagg som är längre än 1 MB"),
                    ),
                };
                pick(lang, self.to_string(), fi, sv)
            }
        }
    }
}

/// An argument a binding refuses for its type or shape (a Python value that is not
/// a table, an unknown option name, a count out of range), in each language. The
/// bindings raise it (Python's `oske.ArgumentError`, or `TypeError` for a date or
/// path of the wrong type) with [`ArgumentProblem::message`] in the error language,
/// so that the texts live here once. Values and names the caller wrote are quoted
/// as they are; `at` is a JSON Pointer into the value given.
///
/// ```
/// use oske::errors::ArgumentProblem;
/// use oske::Lang;
/// let p = ArgumentProblem::NotATable { type_name: "int".into() };
/// assert_eq!(
///     p.message(Lang::Sv),
///     "tabellen ska vara en DataFrame från pandas eller polars, ett objekt med metoden \
///      \"__arrow_c_stream__\" eller en lista av ordböcker, men dess typ är \"int\""
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[allow(missing_docs)] // each field is what its variant's text says
pub enum ArgumentProblem {
    /// The option `what` takes one of `allowed` (`money`, `sheet_names`, `dtype_backend`).
    OneOf {
        what: &'static str,
        given: String,
        allowed: &'static [&'static str],
    },
    /// No such CSV dialect.
    UnknownDialect(String),
    /// No such character encoding.
    UnknownEncoding(String),
    /// No such decimal mark.
    UnknownDecimalMark(String),
    /// A delimiter that is not one ASCII character.
    Delimiter(String),
    /// No table of the layout has the name; `tables` lists them.
    NoTable {
        given: String,
        tables: Vec<&'static str>,
    },
    /// A sheet's table (`table=`) that is not a table of the layout.
    NotALayoutTable(String),
    /// No rule has the code.
    UnknownRule(String),
    /// No registry code kind has the name; `kinds` lists them.
    UnknownCodeKind {
        given: String,
        kinds: Vec<&'static str>,
    },
    /// A value of a named list (a selection criterion, a severity, a participant
    /// category) refused; `detail` is the reader's English text.
    UnknownName { what: NameKind, detail: String },
    /// A count outside `0..=max`; `given` as the caller wrote it.
    WholeNumber {
        what: &'static str,
        given: String,
        max: u64,
    },
    /// A value nested deeper than `max` levels.
    TooDeep { at: String, max: usize },
    /// An integer too large for a document.
    IntegerTooLarge { at: String, given: String },
    /// A float that is not finite (`nan`, `inf`).
    NotFinite { at: String, given: String },
    /// A dictionary key that is not a string.
    DictKey { at: String },
    /// A value of a type a document cannot hold.
    CannotStore { at: String, type_name: String },
    /// Text (a value or a key) that UTF-8 cannot encode (a Python string with an
    /// unpaired surrogate), shown with the surrogate escaped (`x\\ud800`).
    NotText { at: String, shown: String },
    /// A date argument that is neither a date nor a string.
    DateType { type_name: String },
    /// A path argument that is neither a string nor a path-like object.
    PathType,
    /// A pickled state that does not read back as `what`; `detail` is the reader's text.
    NotPickled { what: &'static str, detail: String },
    /// Table bytes given without the table's file name.
    NameNeeded,
    /// A file's content that is not bytes.
    ContentNotBytes(String),
    /// A key of `load_tables()` that is not a string.
    TableKey,
    /// A negative line offset.
    LineOffset(i64),
    /// Nothing to merge.
    MergeEmpty,
    /// A table that is no DataFrame, Arrow stream or list of dicts.
    NotATable { type_name: String },
    /// A row of a list-of-dicts table that is not a dict (0-based `row`).
    RowNotDict { row: usize },
    /// A column name that UTF-8 cannot encode (a Python string with an unpaired
    /// surrogate), shown with the surrogate escaped (`na\\ud800me`).
    ColumnNotText { shown: String },
    /// `__arrow_c_stream__` returned something that is not a capsule.
    NoCapsule,
    /// `__arrow_c_stream__` returned a capsule of another name.
    WrongCapsule,
    /// The Arrow stream could not be opened; `detail` is Arrow's text.
    ArrowStream(String),
    /// The Arrow stream failed part-way; `detail` is Arrow's text.
    ArrowStreamFailed(String),
    /// A column of an Arrow type oske does not read.
    ArrowType { column: String, arrow_type: String },
    /// An amount in cents that is not an integer (Python `cents_to_euros`).
    CentsType { type_name: String },
    /// An amount in euros of a type that cannot hold cents exactly (Python
    /// `euros_to_cents`: a float, a list).
    EurosType { type_name: String },
    /// Text that is no amount of euros, as given.
    NotEuros(String),
    /// An amount of euros that is not finite (`NaN`, `Infinity`), as given.
    EurosNotFinite(String),
    /// An amount of euros with a fraction of a cent, as given: never rounded.
    FractionOfCent(String),
}

/// The named lists of [`ArgumentProblem::UnknownName`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NameKind {
    /// A consultant's selection criterion.
    SelectionCriterion,
    /// An issue's severity.
    Severity,
    /// A meeting participant's category.
    ParticipantCategory,
    /// The kind of an area (`municipality`, `region`, `county`).
    AreaKind,
}

impl NameKind {
    /// `(en, fi, sv)`, the glossary's words.
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            NameKind::SelectionCriterion => {
                ("selection criterion", "valintaperuste", "urvalskriterium")
            }
            NameKind::Severity => ("severity", "vakavuusaste", "allvarlighetsgrad"),
            NameKind::ParticipantCategory => (
                "participant category",
                "osallistujaryhmä",
                "deltagarkategori",
            ),
            NameKind::AreaKind => ("kind", "alueen tyyppi", "områdets typ"),
        }
    }
}

/// `"a", "b" or "c"` / `"a", "b" tai "c"` / `"a", "b" eller "c"`.
fn alternatives(lang: Lang, names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => {
            let or = match lang {
                Lang::Fi => "tai",
                Lang::Sv => "eller",
                Lang::En => "or",
            };
            format!("{} {or} {last}", rest.join(", "))
        }
    }
}

impl ArgumentProblem {
    /// The text in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use ArgumentProblem as P;
        let (en, fi, sv) = match self {
            P::OneOf {
                what,
                given,
                allowed,
            } => (
                format!(
                    "{what} must be {}, not {given:?}",
                    alternatives(Lang::En, allowed)
                ),
                format!(
                    "argumentin \"{what}\" arvon on oltava {}, ei {given:?}",
                    alternatives(Lang::Fi, allowed)
                ),
                format!(
                    "argumentet \"{what}\" ska vara {}, inte {given:?}",
                    alternatives(Lang::Sv, allowed)
                ),
            ),
            P::UnknownDialect(g) => (
                format!("unknown dialect {g:?}: expected \"standard\" or \"excel-fi\""),
                format!(
                    "CSV-tiedoston muotoa {g:?} (argumentti \"dialect\") ei tunneta; sallitut \
                     muodot ovat \"standard\" ja \"excel-fi\""
                ),
                format!(
                    "CSV-formatet {g:?} (argumentet \"dialect\") är okänt; de tillåtna formaten \
                     är \"standard\" och \"excel-fi\""
                ),
            ),
            P::UnknownEncoding(g) => {
                let all = ["utf-8", "utf-16le", "utf-16be", "windows-1252", "iso-8859-1"];
                (
                    format!(
                        "unknown encoding {g:?}: expected utf-8, utf-16le, utf-16be, windows-1252 \
                         or iso-8859-1"
                    ),
                    format!(
                        "merkistöä {g:?} ei tunneta; sallitut merkistöt ovat {}",
                        list(Lang::Fi, &all)
                    ),
                    format!(
                        "teckenkodningen {g:?} är okänd; de tillåtna teckenkodningarna är {}",
                        list(Lang::Sv, &all)
                    ),
                )
            }
            P::UnknownDecimalMark(g) => (
                format!("decimal: unknown decimal mark {g:?}: expected auto, point or comma"),
                format!(
                    "desimaalierotinta {g:?} (argumentti \"decimal\") ei tunneta; sallitut arvot \
                     ovat \"auto\", \"point\" ja \"comma\""
                ),
                format!(
                    "decimaltecknet {g:?} (argumentet \"decimal\") är okänt; de tillåtna värdena \
                     är \"auto\", \"point\" och \"comma\""
                ),
            ),
            P::Delimiter(g) => (
                format!(
                    "delimiter must be one ASCII character (`,`, `;`, `\\t` or \"tab\"), not {g:?}"
                ),
                format!(
                    "kenttien erottimen (argumentti \"delimiter\") on oltava yksi ASCII-merkki \
                     (\",\", \";\", \"\\t\" tai \"tab\"), ei {g:?}"
                ),
                format!(
                    "fältavgränsaren (argumentet \"delimiter\") ska vara ett enda ASCII-tecken \
                     (\",\", \";\", \"\\t\" eller \"tab\"), inte {g:?}"
                ),
            ),
            P::NoTable { given, tables } => (
                format!(
                    "no table named {given:?}; the tables are: {}",
                    tables.join(", ")
                ),
                format!(
                    "taulua {given:?} ei ole; taulut ovat {}",
                    list(Lang::Fi, tables)
                ),
                format!(
                    "det finns ingen tabell {given:?}; tabellerna är {}",
                    list(Lang::Sv, tables)
                ),
            ),
            P::NotALayoutTable(g) => (
                format!("{g:?} is not a table of the layout"),
                format!("{g:?} ei ole tiedostomuodon taulu"),
                format!("{g:?} är ingen tabell i formatet"),
            ),
            P::UnknownRule(code) => (
                format!("no rule has the code {code:?}; oske.rules() lists them"),
                format!(
                    "yhdelläkään säännöllä ei ole koodia {code:?}; funktio \"oske.rules()\" \
                     luettelee säännöt"
                ),
                format!(
                    "ingen regel har koden {code:?}; funktionen \"oske.rules()\" listar reglerna"
                ),
            ),
            P::UnknownCodeKind { given, kinds } => (
                format!(
                    "kind: unknown kind {given:?}, expected one of {}",
                    kinds.join(", ")
                ),
                format!(
                    "rekisterin koodilajia {given:?} (argumentti \"kind\") ei tunneta; sallitut \
                     arvot ovat {}",
                    list(Lang::Fi, kinds)
                ),
                format!(
                    "kodtypen {given:?} (argumentet \"kind\") i registret är okänd; de tillåtna \
                     värdena är {}",
                    list(Lang::Sv, kinds)
                ),
            ),
            P::UnknownName { what, detail } => {
                let (w_en, w_fi, w_sv) = what.words();
                let said = |l: Lang| {
                    data_message(l, detail).unwrap_or_else(|| match l {
                        Lang::Fi => format!("arvo ei kelpaa (lukijan ilmoitus: {detail:?})"),
                        _ => format!("värdet duger inte (läsarens meddelande: {detail:?})"),
                    })
                };
                (
                    format!("{w_en}: {detail}"),
                    format!("{w_fi}: {}", said(Lang::Fi)),
                    format!("{w_sv}: {}", said(Lang::Sv)),
                )
            }
            P::WholeNumber { what, given, max } => (
                format!("{what} must be a whole number from 0 to {max}, not {given}"),
                format!(
                    "argumentin \"{what}\" on oltava kokonaisluku 0–{}, ei {}",
                    crate::l10n::integer(Lang::Fi, *max),
                    num(Lang::Fi, given)
                ),
                format!(
                    "argumentet \"{what}\" ska vara ett heltal 0–{}, inte {}",
                    crate::l10n::integer(Lang::Sv, *max),
                    num(Lang::Sv, given)
                ),
            ),
            P::TooDeep { at, max } => (
                format!("at {at}: nested deeper than {max} levels"),
                format!("kohdassa {at}: arvossa on sisäkkäin yli {max} tasoa"),
                format!("vid {at}: värdet har fler än {max} nivåer inuti varandra"),
            ),
            P::IntegerTooLarge { at, given } => (
                format!("at {at}: integer {given} is too large"),
                format!(
                    "kohdassa {at}: kokonaisluku {} on liian suuri",
                    num(Lang::Fi, given)
                ),
                format!(
                    "vid {at}: heltalet {} är för stort",
                    num(Lang::Sv, given)
                ),
            ),
            P::NotFinite { at, given } => (
                format!("at {at}: {given} is not a finite number"),
                format!("kohdassa {at}: arvo {given:?} ei ole äärellinen luku"),
                format!("vid {at}: värdet {given:?} är inte ett ändligt tal"),
            ),
            P::DictKey { at } => (
                format!("at {at}: dictionary keys must be str"),
                format!(
                    "kohdassa {at}: sanakirjan avainten on oltava tekstiä (Pythonin tyyppi \"str\")"
                ),
                format!(
                    "vid {at}: nycklarna i en ordbok ska vara text (Pythons typ \"str\")"
                ),
            ),
            P::CannotStore { at, type_name } => (
                format!("at {at}: a {type_name} cannot be stored in an oske document"),
                format!(
                    "kohdassa {at}: Pythonin tyypin {type_name:?} arvoa ei voi tallentaa \
                     oske-asiakirjaan"
                ),
                format!(
                    "vid {at}: ett värde av Pythons typ {type_name:?} kan inte lagras i ett \
                     oske-dokument"
                ),
            ),
            P::NotText { at, shown } => (
                format!(
                    "at {at}: the text \"{shown}\" cannot be stored in an oske document: \
                     UTF-8 cannot encode it (it holds an unpaired surrogate)"
                ),
                format!(
                    "kohdassa {at}: tekstiä \"{shown}\" ei voi tallentaa oske-asiakirjaan, \
                     koska merkistö UTF-8 ei voi esittää sitä (siinä on merkki, jota ei voi \
                     koodata)"
                ),
                format!(
                    "vid {at}: texten \"{shown}\" kan inte lagras i ett oske-dokument, \
                     eftersom teckenkodningen UTF-8 inte kan återge den (den innehåller ett \
                     tecken som inte kan kodas)"
                ),
            ),
            P::DateType { type_name } => (
                format!("expected a datetime.date or a date string, got {type_name}"),
                format!(
                    "arvon on oltava päivämäärä (Pythonin tyyppi \"datetime.date\") tai \
                     päivämäärä tekstinä, mutta sen tyyppi on {type_name:?}"
                ),
                format!(
                    "värdet ska vara ett datum (Pythons typ \"datetime.date\") eller ett datum \
                     som text, men dess typ är {type_name:?}"
                ),
            ),
            P::PathType => (
                "expected a str path or an os.PathLike returning str".to_owned(),
                "tiedostopolun on oltava teksti (Pythonin tyyppi \"str\") tai polkuolio \
                 (Pythonin tyyppi \"os.PathLike\"), joka palauttaa tekstin"
                    .to_owned(),
                "sökvägen ska vara text (Pythons typ \"str\") eller ett sökvägsobjekt (Pythons \
                 typ \"os.PathLike\") som ger text"
                    .to_owned(),
            ),
            P::NotPickled { what, detail } => (
                format!("not a pickled {what}: {detail}"),
                format!(
                    "arvo ei ole moduulin \"pickle\" tallentama olio {what:?} (lukijan ilmoitus: \
                     {detail:?})"
                ),
                format!(
                    "värdet är inte ett objekt {what:?} som sparats med modulen \"pickle\" \
                     (läsarens meddelande: {detail:?})"
                ),
            ),
            P::NameNeeded => (
                "name= is needed with bytes: the table's file name, e.g. \"measures.csv\"".to_owned(),
                "kun taulu annetaan tavuina (Pythonin tyyppi \"bytes\"), tarvitaan myös argumentti \
                 \"name\", taulun tiedostonimi (esim. \"measures.csv\")"
                    .to_owned(),
                "när tabellen ges som byte (Pythons typ \"bytes\") behövs också argumentet \
                 \"name\", tabellens filnamn (t.ex. \"measures.csv\")"
                    .to_owned(),
            ),
            P::ContentNotBytes(name) => (
                format!("the content of {name:?} must be bytes"),
                format!(
                    "tiedoston {name:?} sisällön on oltava tavuja (Pythonin tyyppi \"bytes\")"
                ),
                format!("innehållet i filen {name:?} ska vara byte (Pythons typ \"bytes\")"),
            ),
            P::TableKey => (
                "the keys of load_tables() are table names (str)".to_owned(),
                "funktiolle \"load_tables()\" annetun sanakirjan avaimet ovat taulujen nimiä \
                 (Pythonin tyyppi \"str\")"
                    .to_owned(),
                "nycklarna i ordboken till funktionen \"load_tables()\" är tabellnamn (Pythons \
                 typ \"str\")"
                    .to_owned(),
            ),
            P::LineOffset(v) => {
                let v = v.to_string();
                (
                    format!(
                        "line_offset must be 0 or more (the lines of the file before the chunk), \
                         not {v}"
                    ),
                    format!(
                        "argumentin \"line_offset\" (tiedoston rivit ennen tätä osaa) on oltava 0 \
                         tai suurempi, ei {}",
                        num(Lang::Fi, &v)
                    ),
                    format!(
                        "argumentet \"line_offset\" (filens rader före denna del) ska vara 0 \
                         eller större, inte {}",
                        num(Lang::Sv, &v)
                    ),
                )
            }
            P::MergeEmpty => (
                "merge needs at least one MeasuresCheck".to_owned(),
                "yhdistämiseen tarvitaan vähintään yksi tarkistuksen tulos (luokka \
                 \"MeasuresCheck\")"
                    .to_owned(),
                "sammanslagningen behöver minst ett kontrollresultat (klassen \"MeasuresCheck\")"
                    .to_owned(),
            ),
            P::NotATable { type_name } => (
                format!(
                    "a table must be a pandas or polars DataFrame, an object with \
                     __arrow_c_stream__ or a list of dicts, not {type_name}"
                ),
                format!(
                    "taulun on oltava pandas- tai polars-kirjaston DataFrame, olio, jolla on \
                     metodi \"__arrow_c_stream__\", tai luettelo sanakirjoja, mutta sen tyyppi \
                     on {type_name:?}"
                ),
                format!(
                    "tabellen ska vara en DataFrame från pandas eller polars, ett objekt med \
                     metoden \"__arrow_c_stream__\" eller en lista av ordböcker, men dess typ är \
                     {type_name:?}"
                ),
            ),
            P::RowNotDict { row } => (
                format!(
                    "row {row} is not a dict: a table is a DataFrame, an Arrow stream or a list \
                     of dicts"
                ),
                format!(
                    "rivi {row} ei ole sanakirja (Pythonin tyyppi \"dict\"); taulu annetaan \
                     DataFramena, Arrow-virtana tai luettelona sanakirjoja"
                ),
                format!(
                    "rad {row} är ingen ordbok (Pythons typ \"dict\"); en tabell ges som en \
                     DataFrame, en Arrow-ström eller en lista av ordböcker"
                ),
            ),
            P::ColumnNotText { shown } => (
                format!(
                    "the column name \"{shown}\" is not text that UTF-8 can encode (it holds \
                     an unpaired surrogate)"
                ),
                format!(
                    "sarakkeen nimi \"{shown}\" ei ole tekstiä, jonka merkistö UTF-8 voi \
                     esittää (siinä on merkki, jota ei voi koodata)"
                ),
                format!(
                    "kolumnnamnet \"{shown}\" är ingen text som teckenkodningen UTF-8 kan \
                     återge (det innehåller ett tecken som inte kan kodas)"
                ),
            ),
            P::NoCapsule => (
                "__arrow_c_stream__ did not return a capsule (the Arrow PyCapsule interface)"
                    .to_owned(),
                "metodi \"__arrow_c_stream__\" ei palauttanut kapselia (Arrow-kirjaston \
                 rajapinta \"PyCapsule\")"
                    .to_owned(),
                "metoden \"__arrow_c_stream__\" returnerade ingen kapsel (Arrows gränssnitt \
                 \"PyCapsule\")"
                    .to_owned(),
            ),
            P::WrongCapsule => (
                "__arrow_c_stream__ did not return an \"arrow_array_stream\" capsule".to_owned(),
                "metodi \"__arrow_c_stream__\" ei palauttanut kapselia \"arrow_array_stream\""
                    .to_owned(),
                "metoden \"__arrow_c_stream__\" returnerade ingen kapsel \"arrow_array_stream\""
                    .to_owned(),
            ),
            P::ArrowStream(d) => (
                format!("the Arrow stream could not be read: {d}"),
                format!("Arrow-virtaa ei voitu lukea (kirjaston ilmoitus: {d:?})"),
                format!("Arrow-strömmen kunde inte läsas (bibliotekets meddelande: {d:?})"),
            ),
            P::ArrowStreamFailed(d) => (
                format!("the Arrow stream failed while being read: {d}"),
                format!("Arrow-virran lukeminen keskeytyi virheeseen (kirjaston ilmoitus: {d:?})"),
                format!(
                    "läsningen av Arrow-strömmen avbröts av ett fel (bibliotekets meddelande: {d:?})"
                ),
            ),
            P::CentsType { type_name } => (
                format!("cents must be an int, not {type_name}"),
                format!(
                    "senttimäärän (argumentti \"cents\") on oltava kokonaisluku (Pythonin \
                     tyyppi \"int\"), mutta sen tyyppi on {type_name:?}"
                ),
                format!(
                    "beloppet i cent (argumentet \"cents\") ska vara ett heltal (Pythons typ \
                     \"int\"), men dess typ är {type_name:?}"
                ),
            ),
            P::EurosType { type_name } => (
                format!("euros must be a Decimal, int or str, not {type_name}"),
                format!(
                    "euromäärän (argumentti \"euros\") on oltava desimaaliluku (Pythonin tyyppi \
                     \"Decimal\"), kokonaisluku (\"int\") tai teksti (\"str\"), mutta sen tyyppi \
                     on {type_name:?}; liukulukua (\"float\") ei hyväksytä, koska se ei säilytä \
                     senttejä tarkasti"
                ),
                format!(
                    "beloppet i euro (argumentet \"euros\") ska vara ett decimaltal (Pythons typ \
                     \"Decimal\"), ett heltal (\"int\") eller text (\"str\"), men dess typ är \
                     {type_name:?}; flyttal (\"float\") godtas inte, eftersom de inte bevarar \
                     cent exakt"
                ),
            ),
            P::NotEuros(g) => (
                format!("{g:?} is not an amount of euros"),
                format!("arvo {g:?} ei ole euromäärä"),
                format!("värdet {g:?} är inte ett belopp i euro"),
            ),
            P::EurosNotFinite(g) => (
                format!("{g:?} is not a finite amount"),
                format!("arvo {g:?} ei ole äärellinen euromäärä"),
                format!("värdet {g:?} är inte ett ändligt belopp i euro"),
            ),
            P::FractionOfCent(g) => (
                format!("{g:?} has a fraction of a cent"),
                format!(
                    "euromäärässä {g:?} on sentin murto-osa; määrää ei pyöristetä, vaan se on \
                     annettava sentin tarkkuudella"
                ),
                format!(
                    "beloppet {g:?} innehåller en bråkdel av en cent; beloppet avrundas inte utan \
                     ska anges med en cents noggrannhet"
                ),
            ),
            P::ArrowType { column, arrow_type } => (
                format!(
                    "column {column:?} has the Arrow type {arrow_type}, which oske does not read: \
                     cast it to text, numbers or dates"
                ),
                format!(
                    "sarakkeen {column:?} Arrow-tyyppiä {arrow_type:?} oske ei lue; muunna \
                     sarake tekstiksi, luvuiksi tai päivämääriksi"
                ),
                format!(
                    "kolumnen {column:?} har Arrow-typen {arrow_type:?}, som oske inte läser; \
                     konvertera kolumnen till text, tal eller datum"
                ),
            ),
        };
        pick(lang, en, fi, sv)
    }
}
