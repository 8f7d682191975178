//! Embeds the seed datasets and the registry without their indentation and deflated:
//! the JSON files in `data/` stay readable, the library (and the Android binary)
//! stays small. The library inflates each once, on first use.

use std::path::Path;

/// Removes white space outside strings. The input is valid JSON (tested).
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    // The registry is large (every municipality since 2002): it is embedded minified
    // and deflated, and inflated once on first use.
    let src = Path::new("data/registry.json");
    println!("cargo:rerun-if-changed={}", src.display());
    let text = std::fs::read_to_string(src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
    let packed = miniz_oxide::deflate::compress_to_vec(minify(&text).as_bytes(), 10);
    std::fs::write(Path::new(&out_dir).join("registry.json.deflate"), packed)
        .expect("write OUT_DIR");
    // The seed datasets are deflated too, as one stream (they share most of their
    // vocabulary): their compact texts joined by line breaks, which compact JSON
    // never holds outside its strings and escapes inside them.
    let mut seeds = Vec::new();
    for file in [
        "seeds/sonet_botnia_plan_2020.json",
        "seeds/lapland_unit_2008.json",
        "seeds/pohjanmaa_report_2005.json",
        "seeds/adult_network_2018.json",
        "seeds/nordic_consultation_2020.json",
    ] {
        let src = Path::new("data").join(file);
        println!("cargo:rerun-if-changed={}", src.display());
        let text =
            std::fs::read_to_string(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
        let text = minify(&text);
        assert!(!text.contains('\n'), "{}: a raw line break", src.display());
        seeds.push(text);
    }
    let packed = miniz_oxide::deflate::compress_to_vec(seeds.join("\n").as_bytes(), 10);
    std::fs::write(Path::new(&out_dir).join("seeds.json.deflate"), packed).expect("write OUT_DIR");
}
