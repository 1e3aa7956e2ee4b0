// Code a reader can reach and read whole.
//
// 1. Inline commands: a browser may break a line after any hyphen, so on a
//    phone `cargo run --example hello` came out as `--` / `example hello`.
//    Each word of inline code (up to WORD_LIMIT characters) is wrapped in a
//    <span class="code-word">, which code.css keeps on one line; the line
//    may still break at the spaces between words. The text, and what a
//    reader copies, stay the same. Code in table cells is left to tables.js.
// 2. A listing wider than its box scrolls sideways; a keyboard can only
//    scroll what it can focus, so such a block gets tabindex="0" (axe's rule
//    scrollable-region-focusable). Checked again when the window is resized.
(function readableCode() {
    'use strict';

    // Longer words may still break anywhere (code.css): a path of 40
    // characters is wider than a phone's column.
    const WORD_LIMIT = 30;

    for (const code of document.querySelectorAll('main code')) {
        if (code.closest('pre, td, th') !== null || code.children.length > 0) {
            continue;
        }
        const pieces = code.textContent.split(/(\s+)/).filter(piece => piece !== '');
        code.textContent = '';
        for (const piece of pieces) {
            if (piece.trim() === '' || piece.length > WORD_LIMIT) {
                code.append(piece);
            } else {
                const word = document.createElement('span');
                word.className = 'code-word';
                word.textContent = piece;
                code.append(word);
            }
        }
    }

    // Every width is read before any tabindex is written: a write between
    // two reads makes the browser lay the page out again for the second,
    // once per listing (seconds on print.html, which holds them all).
    function reachScrollingListings() {
        const blocks = [...document.querySelectorAll('main pre > code')];
        const scrolls = blocks.map(block => block.scrollWidth > block.clientWidth);
        blocks.forEach((block, index) => {
            if (scrolls[index]) {
                block.tabIndex = 0;
            } else if (block.hasAttribute('tabindex')) {
                block.removeAttribute('tabindex');
            }
        });
    }
    reachScrollingListings();
    let pending = null;
    window.addEventListener('resize', () => {
        clearTimeout(pending);
        pending = setTimeout(reachScrollingListings, 200);
    });
})();
