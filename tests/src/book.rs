//! Building the book with mdBook, with every warning it logs collected, so
//! that a warning can fail a check. [`built`] is the one build a test
//! process makes: every check of the built HTML reads it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use mdbook_driver::MDBook;

use crate::own_output_dir;

/// Where the book's sources are; kept here too for the checks written
/// against this module before the sources moved to [`crate::markdown`].
pub use crate::markdown::book_root;

/// The book built into `destination`, with every warning mdBook logged.
#[derive(Debug)]
pub struct Build {
    /// The folder that holds `index.html`.
    pub destination: PathBuf,
    /// mdBook's warnings and errors, as `WARN message`.
    pub warnings: Vec<String>,
}

/// Which pages a build makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pages {
    /// The online book, as `book/book.toml` sets it: a page per chapter.
    Online,
    /// The same and `print.html`, the whole book on one page to print,
    /// which the online book leaves out (`book/book.toml` says why).
    WithPrintPage,
}

/// Builds the online book into `destination` and collects mdBook's warnings.
pub fn build(destination: &Path) -> Result<Build, String> {
    build_pages(destination, Pages::Online)
}

/// Builds the book's `pages` into `destination` and collects mdBook's
/// warnings.
pub fn build_pages(destination: &Path, pages: Pages) -> Result<Build, String> {
    let collector = WarningCollector::default();
    let warnings = Arc::clone(&collector.messages);
    let result = tracing::subscriber::with_default(collector, || {
        let mut book =
            MDBook::load(book_root()).map_err(|error| format!("{error:#}"))?;
        book.config.build.build_dir = destination.to_path_buf();
        if pages == Pages::WithPrintPage {
            book.config
                .set("output.html.print.enable", true)
                .map_err(|error| format!("{error:#}"))?;
        }
        book.build().map_err(|error| format!("{error:#}"))
    });
    result?;
    let warnings = warnings.lock().expect("no panic while collecting").clone();
    Ok(Build {
        destination: destination.to_path_buf(),
        warnings,
    })
}

/// The book, built once per test process on first use, into
/// `target/test-book/<test binary>`; the reason when it did not build.
/// Every test of the process reads the same HTML, so none may change it
/// (the browser test works on a copy).
pub fn built() -> Result<&'static Build, String> {
    static BOOK: OnceLock<Result<Build, String>> = OnceLock::new();
    BOOK.get_or_init(|| {
        let destination = own_output_dir().join("test-book").join(binary_name());
        let _ = std::fs::remove_dir_all(&destination);
        build(&destination)
    })
    .as_ref()
    .map_err(|error| format!("the book did not build: {error}"))
}

/// The running test binary's name without cargo's hash: `book` for
/// `target/debug/deps/book-0a1b2c3d`, so that two test binaries never
/// share a build folder.
fn binary_name() -> String {
    let exe = std::env::current_exe().unwrap_or_default();
    let stem = exe.file_stem().unwrap_or_default().to_string_lossy();
    match stem.rsplit_once('-') {
        Some((name, hash)) if hash.chars().all(|c| c.is_ascii_hexdigit()) => {
            name.to_string()
        }
        _ => stem.into_owned(),
    }
}

/// A minimal `tracing` subscriber that keeps WARN and ERROR events.
#[derive(Default)]
struct WarningCollector {
    messages: Arc<Mutex<Vec<String>>>,
    next_span: std::sync::atomic::AtomicU64,
}

impl tracing::Subscriber for WarningCollector {
    fn enabled(&self, metadata: &tracing::Metadata<'_>) -> bool {
        // In tracing, "less verbose" compares smaller: ERROR < WARN < INFO.
        *metadata.level() <= tracing::Level::WARN
    }

    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let id = self
            .next_span
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tracing::span::Id::from_u64(id + 1)
    }

    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut message = MessageText(String::new());
        event.record(&mut message);
        let line = format!("{} {}", event.metadata().level(), message.0);
        self.messages.lock().expect("not poisoned").push(line);
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}

/// Collects an event's fields into one line of text.
struct MessageText(String);

impl tracing::field::Visit for MessageText {
    fn record_debug(
        &mut self,
        field: &tracing::field::Field,
        value: &dyn std::fmt::Debug,
    ) {
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        if field.name() == "message" {
            self.0.push_str(&format!("{value:?}"));
        } else {
            self.0.push_str(&format!("{}={value:?}", field.name()));
        }
    }
}
