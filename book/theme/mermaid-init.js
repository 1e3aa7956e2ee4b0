// Draws the book's diagrams. A diagram is written in a chapter as
//
//     <pre class="mermaid">
//     sequenceDiagram
//         ...
//     </pre>
//
// and mermaid.min.js (beside this file, see README.md) turns the text into an
// SVG when the page loads. No mdBook preprocessor is involved, so the stock
// `mdbook build book` and `mdbook serve book` draw the same pictures as
// `cargo book`.
//
// Mermaid's dark theme goes with mdBook's dark themes (navy, coal, ayu) and its
// default theme with the light ones (light, rust); choosing another theme in
// the menu redraws the diagrams from their text.
(function drawDiagrams() {
    'use strict';

    const blocks = [...document.querySelectorAll('pre.mermaid')];
    if (blocks.length === 0 || typeof mermaid === 'undefined') {
        return;
    }
    const root = document.documentElement;
    const darkThemes = ['navy', 'coal', 'ayu'];
    const isDark = () => darkThemes.some(theme => root.classList.contains(theme));

    // The text of each diagram, kept to redraw it: drawing replaces it.
    const sources = blocks.map(block => block.textContent);

    // Colours that sit quietly on a dark page: the dark theme's own section
    // bands of a Gantt chart are light grey, and its labels on arrows sit on
    // grey boxes; give them the page's background instead.
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
        };
    }

    let drawnDark = null;
    function draw() {
        const dark = isDark();
        if (dark === drawnDark) {
            return;
        }
        drawnDark = dark;
        blocks.forEach((block, index) => {
            block.removeAttribute('data-processed');
            block.textContent = sources[index];
            // Which of Mermaid's themes it is drawn in (the browser test reads it).
            block.dataset.drawnIn = dark ? 'dark' : 'default';
        });
        mermaid.initialize({
            startOnLoad: false,
            securityLevel: 'strict',
            theme: dark ? 'dark' : 'default',
            themeVariables: dark ? darkVariables() : {},
        });
        mermaid.run({ nodes: blocks });
    }

    draw();
    // mdBook switches themes by changing the class of <html>.
    new MutationObserver(draw).observe(root, { attributes: true, attributeFilter: ['class'] });
})();
