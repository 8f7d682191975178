//! The README's sample of the command's Finnish and Swedish output is the output:
//! each block after a `<!-- cli-sample: --lang xx` marker starts with the command
//! line and then holds the first lines the command prints, through the count line.

use std::process::Command;

/// `(arguments, the lines shown)` of every sample block in the README.
fn samples() -> Vec<(Vec<String>, Vec<String>)> {
    let readme = include_str!("../../../README.md");
    let mut out = Vec::new();
    for part in readme.split("<!-- cli-sample: ").skip(1) {
        let block = part
            .split_once("```text\n")
            .and_then(|(_, rest)| rest.split_once("\n```"))
            .map(|(b, _)| b)
            .expect("a ```text block after the marker");
        let mut lines = block.lines();
        let command = lines.next().expect("the command line");
        let args: Vec<String> = command
            .strip_prefix("$ oske")
            .expect("the block starts with `$ oske`")
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        out.push((args, lines.map(str::to_owned).collect()));
    }
    out
}

#[test]
fn the_readme_shows_what_the_command_prints_in_finnish_and_swedish() {
    let samples = samples();
    let langs: Vec<&str> = samples
        .iter()
        .map(|(a, _)| a.join(" "))
        .map(|a| {
            if a.contains("fi") {
                "fi"
            } else if a.contains("sv") {
                "sv"
            } else {
                "?"
            }
        })
        .collect();
    assert_eq!(
        langs,
        ["fi", "sv"],
        "the README has a Finnish and a Swedish sample"
    );
    for (args, shown) in samples {
        let o = Command::new(env!("CARGO_BIN_EXE_oske"))
            .args(&args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .output()
            .expect("run oske");
        assert_eq!(o.status.code(), Some(0));
        let printed = String::from_utf8(o.stdout).expect("UTF-8 output");
        let printed: Vec<&str> = printed.lines().collect();
        // The sample runs through the line that counts the issues.
        let count_line = printed
            .iter()
            .position(|l| l.starts_with(|c: char| c.is_ascii_digit()))
            .expect("a count line");
        assert_eq!(
            shown,
            printed[..=count_line],
            "README.md's sample of `oske {}` differs from what it prints; \
             paste the command's output up to its count line",
            args.join(" ")
        );
    }
}
