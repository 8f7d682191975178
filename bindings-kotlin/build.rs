//! Link settings for Android builds of the cdylib.
//!
//! Android 15 devices may use 16 KB memory pages, and Google Play requires native
//! libraries of 64-bit apps to have their LOAD segments aligned to 16 KB. The NDK's
//! lld aligns to 4 KB unless told otherwise, so every Android build of this library
//! is linked with `-z max-page-size=16384` (harmless for 4 KB devices and 32-bit
//! ABIs). Host builds are not changed.
//!
//! The relocation table is packed (`--pack-dyn-relocs=android`, Android's APS2 format,
//! read by the loader since API 23; the AAR's minimum is 24): the library's ~5 900
//! relative relocations take about 141 KB unpacked on x86-64.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // The linker wrapper of scripts/install-kotlin.sh: a change to it relinks.
    println!("cargo:rerun-if-changed=../scripts/link-mobile.sh");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("android") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-z,max-page-size=16384");
        println!("cargo:rustc-cdylib-link-arg=-Wl,--pack-dyn-relocs=android");
    }
}
