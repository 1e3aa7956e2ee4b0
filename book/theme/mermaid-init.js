// Draws the book's diagrams, only on the pages that have one, and only when
// the reader gets near one. A diagram is written in a chapter as
//
//     <pre class="mermaid">
//     sequenceDiagram
//         accTitle: ...
//         accDescr: ...
//         ...
//     </pre>
//
// and Mermaid (book/src/diagrams/mermaid.min.js, 5.5 MB; see README.md) turns
// the text into an SVG. No mdBook preprocessor is involved, so the stock
// `mdbook build book` and `mdbook serve book` draw the same pictures as
// `cargo book`.
//
// Why this way: Mermaid is five times the rest of a page. Listed in
// book.toml's additional-js, it loaded on every page, before the reader could
// read anything. Now a page without a diagram never loads it, and a page with
// one shows its text first: once the page has loaded, Mermaid is loaded when a
// diagram comes within a screen of the window, or when the page is printed.
//
// Mermaid's dark theme goes with mdBook's dark themes (navy, coal, ayu) and its
// default theme with the light ones (light, rust); choosing another theme in
// the menu redraws the diagrams from their text.
(function drawDiagrams() {
    'use strict';

    const blocks = [...document.querySelectorAll('pre.mermaid')];
    if (blocks.length === 0) {
        return; // most pages: nothing to load
    }
    // mdBook's page template defines `path_to_root` ('' or '../'), and copies
    // everything in book/src that is not Markdown, Mermaid included.
    const script = `${path_to_root}diagrams/mermaid.min.js`;

    const root = document.documentElement;
    const darkThemes = ['navy', 'coal', 'ayu'];
    const isDark = () => darkThemes.some(theme => root.classList.contains(theme));

    // The text of each diagram, kept to redraw it: drawing replaces it.
    const sources = new Map(blocks.map(block => [block, block.textContent]));
    // The diagrams the reader has come near, and so are drawn.
    const wanted = new Set();

    let loading = null;
    function loadMermaid() {
        if (loading === null) {
            loading = new Promise((resolve, reject) => {
                const tag = document.createElement('script');
                tag.src = script;
                tag.onload = resolve;
                tag.onerror = () => reject(new Error(`could not load ${script}`));
                document.head.append(tag);
            });
        }
        return loading;
    }

    // Mermaid's own colours, changed where a label fell below 4.5:1 against
    // what is behind it (tests/tests/book/browser/diagrams.rs measures every label).
    function lightVariables() {
        return {
            // Gantt bar labels: black on the bars, not white (2.95:1).
            taskTextLightColor: '#000000',
            taskTextColor: '#000000',
            taskTextOutsideColor: '#000000',
        };
    }

    // On a dark page, the dark theme's section bands of a Gantt chart are
    // light grey and its labels on arrows sit on grey boxes: give them the
    // page's background instead. Notes get lighter text (4.49:1 before).
    function darkVariables() {
        const page = getComputedStyle(root).getPropertyValue('--bg').trim() || '#161923';
        return {
            darkMode: true,
            background: page,
            edgeLabelBackground: page,
            sectionBkgColor: 'rgba(255, 255, 255, 0.07)',
            sectionBkgColor2: 'rgba(255, 255, 255, 0.07)',
            altSectionBkgColor: 'rgba(0, 0, 0, 0)',
            gridColor: '#505274',
            noteBkgColor: '#3a3c3c',
            noteTextColor: '#f0f0f0',
        };
    }

    // Drawings run one after another: Mermaid keeps one set of settings.
    let queue = Promise.resolve();
    let settingsFor = null;
    let drawings = 0;
    function draw(block) {
        queue = queue.then(() => loadMermaid()).then(() => {
            const dark = isDark();
            const theme = dark ? 'dark' : 'default';
            if (block.dataset.drawnIn === theme) {
                return undefined;
            }
            // A Gantt chart is drawn as wide as its column, measured now.
            const width = block.clientWidth;
            if (settingsFor !== `${theme} ${width}`) {
                settingsFor = `${theme} ${width}`;
                mermaid.initialize({
                    startOnLoad: false,
                    securityLevel: 'strict',
                    theme,
                    themeVariables: dark ? darkVariables() : lightVariables(),
                    // Gantt labels and axis ticks are 11 and 10 px by default,
                    // under the 11 px the smallest label may shrink to.
                    gantt: { fontSize: 12, sectionFontSize: 12, useWidth: width },
                    themeCSS: '.tick text { font-size: 12px; }',
                });
            }
            delete block.dataset.drawnIn;
            // Each drawing gets an id of its own: Mermaid's stylesheet inside
            // an SVG is scoped by that id, and two diagrams with the same id
            // would take each other's colours.
            drawings += 1;
            const id = `diagram-${blocks.indexOf(block)}-${drawings}`;
            return mermaid.render(id, sources.get(block)).then(({ svg, bindFunctions }) => {
                block.innerHTML = svg;
                block.dataset.processed = 'true';
                bindFunctions?.(block);
                fitForReading(block, theme);
            });
        }).catch(error => console.error('diagram not drawn:', error));
        return queue;
    }

    // The smallest text a diagram may shrink to, in CSS pixels. A wide
    // diagram on a phone keeps its labels at least this tall and scrolls
    // sideways inside its box, which the keyboard can then reach.
    const SMALLEST_TEXT = 11;

    function fitForReading(block, theme) {
        const svg = block.querySelector('svg');
        if (svg !== null) {
            const natural = svg.viewBox.baseVal.width;
            const smallest = smallestFontSize(svg);
            if (natural > 0 && smallest > 0) {
                const narrowest = Math.min(natural, natural * SMALLEST_TEXT / smallest);
                svg.style.minWidth = `${Math.ceil(narrowest)}px`;
            }
            // Scrolls when the column is narrower than that: make it
            // reachable by keyboard, and name it after the diagram.
            const title = svg.querySelector(':scope > title');
            block.tabIndex = block.scrollWidth > block.clientWidth ? 0 : -1;
            if (block.tabIndex === 0) {
                block.setAttribute('role', 'region');
                block.setAttribute('aria-label', title ? title.textContent : 'diagram');
            } else {
                block.removeAttribute('role');
                block.removeAttribute('aria-label');
            }
        }
        // Which of Mermaid's themes it is drawn in (the browser test reads it).
        block.dataset.drawnIn = theme;
    }

    // The smallest font size in the SVG, in the SVG's own units.
    function smallestFontSize(svg) {
        let smallest = Infinity;
        for (const text of svg.querySelectorAll('text, foreignObject div, foreignObject span')) {
            if (text.textContent.trim() === '') {
                continue;
            }
            const size = parseFloat(getComputedStyle(text).fontSize);
            if (size > 0 && size < smallest) {
                smallest = size;
            }
        }
        return Number.isFinite(smallest) ? smallest : 0;
    }

    function want(block) {
        wanted.add(block);
        return draw(block);
    }

    function drawAll() {
        return Promise.all(blocks.map(want));
    }

    // Near the window: within one screen above or below it. Watched only
    // once the page has loaded, so that the text always comes first.
    const near = new IntersectionObserver(entries => {
        for (const entry of entries.filter(entry => entry.isIntersecting)) {
            near.unobserve(entry.target);
            want(entry.target);
        }
    }, { rootMargin: '100% 0px' });
    const watch = () => blocks.forEach(block => near.observe(block));
    if (document.readyState === 'complete') {
        watch();
    } else {
        window.addEventListener('load', watch);
    }

    // Printing: every diagram drawn first. mdBook's print page calls
    // window.print() once loaded; the print dialog opens once all are drawn.
    window.addEventListener('beforeprint', drawAll);
    if (/\/print\.html$/.test(window.location.pathname)) {
        const print = window.print.bind(window);
        window.print = () => drawAll().then(print, print);
    }

    // mdBook switches themes by changing the class of <html>.
    new MutationObserver(() => wanted.forEach(draw))
        .observe(root, { attributes: true, attributeFilter: ['class'] });
})();
