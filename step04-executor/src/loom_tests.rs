//! loom model tests (placeholder)
