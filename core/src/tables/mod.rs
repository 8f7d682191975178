//! CSV tables (work in progress).
