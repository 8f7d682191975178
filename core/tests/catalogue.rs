//! `docs/rules.md` must be exactly `oske::rules::catalogue_markdown()`.
//!
//! When it drifts this test fails, writes the expected text to `target/rules.md` and
//! says how to update the file: `OSKE_BLESS=1 cargo test -p oske --test catalogue`
//! rewrites `docs/rules.md` (or, with the CLI, `cargo run -p oske-cli -- rules >
//! docs/rules.md`).

use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    // core/ is one level below the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir), // an absolute CARGO_TARGET_DIR replaces root
        None => root.join("target"),
    }
}

/// The first line where two texts differ, 1-based, with both versions of it.
fn first_difference(a: &str, b: &str) -> Option<(usize, String, String)> {
    let mut la = a.lines();
    let mut lb = b.lines();
    for n in 1.. {
        match (la.next(), lb.next()) {
            (None, None) => break,
            (x, y) if x == y => continue,
            (x, y) => {
                let show = |l: Option<&str>| l.map_or("<end of file>".to_string(), str::to_string);
                return Some((n, show(x), show(y)));
            }
        }
    }
    // Same lines, different line endings or trailing newline.
    (a != b).then(|| (0, "<line endings differ>".into(), String::new()))
}

#[test]
fn docs_rules_md_is_the_generated_catalogue() {
    let root = workspace_root();
    let path = root.join("docs").join("rules.md");
    let expected = oske::rules::catalogue_markdown();
    if std::env::var_os("OSKE_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &expected)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        eprintln!("OSKE_BLESS=1: wrote {}", path.display());
        return;
    }
    // A missing file reads as empty: the difference is then at line 1.
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    if let Some((line, have, want)) = first_difference(&actual, &expected) {
        let target = target_dir(&root);
        let out = target.join("rules.md");
        let wrote = std::fs::create_dir_all(&target)
            .and_then(|()| std::fs::write(&out, &expected))
            .map(|()| format!("the expected text is in {}", out.display()))
            .unwrap_or_else(|e| format!("could not write {}: {e}", out.display()));
        panic!(
            "{} is not the rule catalogue the code generates (first difference at line {line}:\n  \
             file: {have}\n  code: {want}\n)\n{wrote}.\n\
             Regenerate it with:\n  OSKE_BLESS=1 cargo test -p oske --test catalogue\n\
             or, once the CLI has it:\n  cargo run -p oske-cli -- rules > docs/rules.md",
            path.display()
        );
    }
}

#[test]
fn the_catalogue_lists_every_rule_with_its_messages() {
    let md = oske::rules::catalogue_markdown();
    for rule in oske::Rule::ALL {
        let row = format!(
            "| `{}` | {} | {} |",
            rule.code(),
            rule.severity(),
            rule.about()
        );
        assert!(md.contains(&row), "no table row for {}", rule.code());
        let heading = format!("### `{}` ({})", rule.code(), rule.severity());
        assert_eq!(md.matches(&heading).count(), 1, "{}", rule.code());
        for lang in oske::Lang::ALL {
            let line = format!("- {}: {}\n", lang, rule.template(lang));
            assert!(md.contains(&line), "{} {lang}", rule.code());
        }
    }
}

#[test]
fn first_difference_finds_the_line() {
    assert_eq!(first_difference("a\nb\n", "a\nb\n"), None);
    assert_eq!(
        first_difference("a\nb\n", "a\nc\n"),
        Some((2, "b".into(), "c".into()))
    );
    assert_eq!(
        first_difference("a\n", "a\nb\n"),
        Some((2, "<end of file>".into(), "b".into()))
    );
    assert_eq!(
        first_difference("a\n", "a"),
        Some((0, "<line endings differ>".into(), String::new()))
    );
}
