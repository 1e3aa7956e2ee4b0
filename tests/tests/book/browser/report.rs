//! What `browser-check.js` reports about one rendered page, as the checks
//! read it: [`Report`] and the parts it is made of.

use serde::Deserialize;

/// What `browser-check.js` saw on one page. Its fields are the script's,
/// by name; serde refuses a field the script sends and this struct does not
/// declare, and the compiler warns of a declared field no check reads, so
/// the two cannot drift apart.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Report {
    /// The colour theme the page picked: `light`, `navy`, ...
    pub theme: String,
    pub viewport_width: f64,
    /// How wide the page's content is; wider than the window scrolls.
    pub page_width: f64,
    /// Brightness (0 black to 1 white) of the page and of its text.
    pub background_brightness: f64,
    pub text_brightness: f64,
    /// The text of each `<h1>` in the content, in page order.
    pub headings: Vec<String>,
    /// The `src` of each image that did not load.
    pub broken_images: Vec<String>,
    /// Every file the page loaded, the page itself aside.
    pub resources: Vec<Resource>,
    /// Words of inline code broken over two lines (`--` / `example`).
    pub broken_commands: Vec<String>,
    /// Listings wider than their box, which scroll sideways.
    pub wide_listings: Vec<WideListing>,
    /// With `?themes=all`: each diagram's least-contrast label in each of
    /// mdBook's themes.
    pub theme_contrast: Vec<ThemeContrast>,
    pub sidebar_shown: bool,
    pub sidebar_links: Vec<SidebarLink>,
    pub code: Vec<RenderedCode>,
    /// Where the content's first list and first code block end (px from
    /// the top), if it has them.
    pub first_list_bottom: Option<f64>,
    pub first_code_bottom: Option<f64>,
    /// The search bar, when the URL asked for a search.
    pub search: Option<Search>,
    pub checkpoints: Vec<RenderedCheckpoint>,
    pub tables: Vec<RenderedTable>,
    pub diagrams: Vec<RenderedDiagram>,
    /// The page never settled (sidebar not filled in, or search without
    /// results) before the script gave up.
    pub timed_out: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Resource {
    pub url: String,
    /// Asked for before the page's load event ended: the reader waited
    /// for it.
    pub before_load: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WideListing {
    /// `rust`, `python`, `bash`; `text` for a program's output.
    pub language: String,
    pub first_line: String,
    pub width: f64,
    pub box_width: f64,
    /// It can take the keyboard's focus, and so be scrolled without a mouse.
    pub reachable: bool,
}

/// A diagram label with the least contrast against what is behind it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contrast {
    pub ratio: f64,
    pub text: String,
    pub colour: String,
    pub background: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeContrast {
    pub theme: String,
    /// Per diagram, in page order; `None` for one without a label.
    pub diagrams: Vec<Option<Contrast>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SidebarLink {
    pub href: String,
    pub title: String,
}

/// One `<pre><code>` block as the browser rendered it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RenderedCode {
    /// `rust`, `python`, `text`, `console`, or `none`.
    pub language: String,
    /// highlight.js ran over it (it has the `hljs` class).
    pub highlighted: bool,
    /// How many coloured tokens highlight.js produced.
    pub tokens: usize,
    pub play_button: bool,
    pub no_playground: bool,
    /// Lines hidden until the reader clicks the eye button.
    pub hidden_lines: usize,
    /// Of those, how many are nevertheless displayed.
    pub hidden_lines_shown: usize,
    pub uses_async_std: bool,
    /// The label `book/theme/output.css` shows above it (`output`), if any.
    pub label: Option<String>,
    /// In a shell block, the lines that hold a `# comment`.
    pub shell_comment_lines: usize,
    /// The comments highlight.js coloured as such.
    pub comment_tokens: usize,
    /// The first line of its text, to name it in messages.
    pub first_line: String,
}

/// One table as the browser laid it out, widths in px.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RenderedTable {
    pub width: f64,
    /// The box that holds it (mdBook's `.table-wrapper`, which scrolls
    /// sideways whatever is wider).
    pub container_width: f64,
    /// Its width with no cell broken over lines.
    pub natural_width: f64,
    /// Words of its prose (not its code) broken over two lines.
    pub broken_words: Vec<String>,
    /// Its header row, `asyncio | Rust`, to name it in messages.
    pub header: String,
}

/// One diagram (`<pre class="mermaid">`) as Mermaid drew it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RenderedDiagram {
    /// An SVG with a size is there.
    pub drawn: bool,
    /// Mermaid's name for it: `sequence`, `stateDiagram`, `gantt`; `error`.
    pub kind: Option<String>,
    /// Mermaid drew its error picture instead.
    pub error: bool,
    /// The Mermaid theme `book/theme/mermaid-init.js` drew it in:
    /// `default` or `dark`.
    pub drawn_in: Option<String>,
    pub width: f64,
    /// The text column's width.
    pub column_width: f64,
    /// The width of the diagram's own box, which scrolls what is wider.
    pub box_width: f64,
    /// Not wider than its box, or focusable so the keyboard can scroll it.
    pub keyboard_reachable: bool,
    /// What a screen reader announces: the SVG's accessible name (its
    /// `accTitle`) and description (`accDescr`).
    pub name: String,
    pub description: String,
    /// The height of its smallest label as drawn, in CSS px.
    pub smallest_text: f64,
    /// Its label with the least contrast, in the page's theme.
    pub contrast: Option<Contrast>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Search {
    pub shown: bool,
    /// "3 search results for 'executor':" or "No search results ...".
    pub header: String,
    /// The href of each result.
    pub results: Vec<String>,
}

/// One "predict the output" checkpoint, and what clicking it did.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RenderedCheckpoint {
    pub open_at_load: bool,
    pub shown_at_load: bool,
    pub opens_on_click: bool,
    pub shown_when_open: bool,
    pub folds_on_click: bool,
    /// Its background's brightness; `None` when transparent.
    pub background: Option<f64>,
    /// The page's background brightness around it.
    pub page_background: f64,
    /// Its left border's width in px.
    pub left_border: f64,
    /// Its summary's text: `Checkpoint: <question>`.
    pub summary: String,
    /// The first line of its answer.
    pub answer_first_line: String,
}
