// The browser test's eyes. tests/src/browser.rs adds this script to a
// throw-away copy of the built book (never to the published one); Chromium
// opens a page, this script looks at what the reader would see, and writes
// its findings into a hidden <pre id="browser-check-report">, which the test
// reads back from Chromium's `--dump-dom` output.
//
// Report format: one JSON object with named fields (the `Report` struct of
// tests/tests/book/browser.rs, which refuses a field it does not know),
// passed through encodeURIComponent so that no character of the page can
// break the format. The test decides what is right; this script only
// measures, and sends only what the test reads.
(function browserCheck() {
    'use strict';

    function isShown(element) {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return style.display !== 'none' && style.visibility !== 'hidden'
            && box.width > 0 && box.height > 0;
    }

    // Perceived brightness of a CSS colour, 0 (black) to 1 (white).
    function brightness(colour) {
        const [red, green, blue] = colour.match(/[\d.]+/g).map(Number);
        return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255;
    }

    function isTransparent(colour) {
        return colour === 'transparent' || /rgba\(.*,\s*0\)$/.test(colour);
    }

    // The colour behind the text: the first element up from <main> that paints one.
    function pageBackground() {
        for (let element = document.querySelector('main'); element; element = element.parentElement) {
            const colour = getComputedStyle(element).backgroundColor;
            if (!isTransparent(colour)) {
                return colour;
            }
        }
        return 'rgb(255, 255, 255)';
    }

    function brightnessOf(colour) {
        return Number(brightness(colour).toFixed(2));
    }

    function pageFindings() {
        const root = document.documentElement;
        const themes = ['light', 'rust', 'coal', 'navy', 'ayu'];
        const main = document.querySelector('main');
        return {
            theme: themes.find(theme => root.classList.contains(theme)) || 'none',
            viewportWidth: window.innerWidth,
            pageWidth: root.scrollWidth,
            backgroundBrightness: brightnessOf(pageBackground()),
            textBrightness: brightnessOf(getComputedStyle(main).color),
            headings: [...main.querySelectorAll('h1')].map(heading => heading.textContent.trim()),
            brokenImages: [...document.querySelectorAll('img')]
                .filter(image => !image.complete || image.naturalWidth === 0)
                .map(image => image.getAttribute('src')),
        };
    }

    function sidebarFindings() {
        const sidebar = document.getElementById('mdbook-sidebar');
        return {
            sidebarShown: sidebar !== null && isShown(sidebar),
            sidebarLinks: sidebar === null ? [] : [...sidebar.querySelectorAll('a[href]')]
                .map(link => ({ href: link.getAttribute('href'), title: link.textContent.trim() })),
        };
    }

    // Each code block: its language, how many highlighted tokens it has,
    // whether it shows a play button, and its hidden ("boring") lines.
    function codeFindings() {
        return [...document.querySelectorAll('main pre > code')].map(code => {
            const boring = [...code.querySelectorAll('.boring')];
            return {
                language: [...code.classList]
                    .find(name => name.startsWith('language-'))?.slice('language-'.length) || 'none',
                highlighted: code.classList.contains('hljs'),
                tokens: code.querySelectorAll('[class^="hljs-"]').length,
                playButton: code.parentElement.querySelector('.play-button') !== null,
                noPlayground: code.classList.contains('noplayground'),
                hiddenLines: boring.length,
                hiddenLinesShown: boring.filter(isShown).length,
                usesAsyncStd: code.textContent.includes('async_std'),
                firstLine: code.textContent.split('\n')[0],
            };
        });
    }

    // Where the landing page's first list and first command block end, so the
    // test can tell whether they fit in the first screen.
    function firstScreenFindings() {
        const main = document.querySelector('main');
        const bottom = element => element === null ? null
            : Math.round(element.getBoundingClientRect().bottom);
        return {
            firstListBottom: bottom(main.querySelector('ul')),
            firstCodeBottom: bottom(main.querySelector('pre')),
        };
    }

    function searchRequested() {
        return new URLSearchParams(window.location.search).has('search');
    }

    function searchDone() {
        const header = document.getElementById('mdbook-searchresults-header');
        return header !== null && header.textContent.trim() !== '';
    }

    function searchFindings() {
        if (!searchRequested()) {
            return null;
        }
        const wrapper = document.getElementById('mdbook-search-wrapper');
        return {
            shown: wrapper !== null && isShown(wrapper),
            header: document.getElementById('mdbook-searchresults-header').textContent.trim(),
            results: [...document.querySelectorAll('#mdbook-searchresults a[href]')]
                .map(link => link.getAttribute('href')),
        };
    }

    // Each "predict the output" checkpoint (<details class="checkpoint">):
    // folded and its answer hidden as loaded; opened and the answer shown
    // after a click on its summary; folded again after a second click. Then
    // its box: background and page background (brightness) and the width of
    // its left border. With `?checkpoints=open` in the URL the checkpoints
    // are left open, for a screenshot of the answers.
    function checkpointFindings() {
        const leaveOpen = new URLSearchParams(window.location.search).has('checkpoints');
        const page = brightnessOf(pageBackground());
        return [...document.querySelectorAll('main details.checkpoint')].map(details => {
            const summary = details.querySelector(':scope > summary');
            const answer = details.querySelector('pre');
            // A folded <details> hides its content with `content-visibility`,
            // which leaves a box and a computed `display`: ask the browser.
            const answerShown = () => answer !== null && isShown(answer)
                && (typeof answer.checkVisibility !== 'function' || answer.checkVisibility());
            const openAtLoad = details.open;
            const shownAtLoad = answerShown();
            summary?.click();
            const opensOnClick = details.open;
            const shownWhenOpen = answerShown();
            summary?.click();
            const foldsOnClick = !details.open && !answerShown();
            if (leaveOpen) {
                details.open = true;
            }
            const style = getComputedStyle(details);
            return {
                openAtLoad,
                shownAtLoad,
                opensOnClick,
                shownWhenOpen,
                foldsOnClick,
                // null: transparent, no background of its own.
                background: isTransparent(style.backgroundColor)
                    ? null : brightnessOf(style.backgroundColor),
                pageBackground: page,
                leftBorder: parseFloat(style.borderLeftWidth) || 0,
                summary: summary === null ? '' : summary.textContent.trim(),
                answerFirstLine: answer === null ? '' : answer.textContent.split('\n')[0],
            };
        });
    }

    function sidebarReady() {
        return document.querySelector('#mdbook-sidebar a[href]') !== null;
    }

    function writeReport(timedOut) {
        const report = {
            ...pageFindings(),
            ...sidebarFindings(),
            code: codeFindings(),
            ...firstScreenFindings(),
            search: searchFindings(),
            checkpoints: checkpointFindings(),
            timedOut,
        };
        const pre = document.createElement('pre');
        pre.id = 'browser-check-report';
        pre.hidden = true;
        pre.textContent = encodeURIComponent(JSON.stringify(report));
        document.body.append(pre);
    }

    // Wait until the page has settled: loaded, sidebar filled in, and search
    // results shown when the URL asked for a search. Give up after 5 s of
    // (virtual) time and say so in the report.
    const started = Date.now();
    function waitThenReport() {
        const settled = document.readyState === 'complete' && sidebarReady()
            && (!searchRequested() || searchDone());
        const timedOut = Date.now() - started > 5000;
        if (settled || timedOut) {
            // A moment more so that late layout (fonts, hidden lines) is done.
            setTimeout(() => writeReport(!settled), 100);
        } else {
            setTimeout(waitThenReport, 50);
        }
    }
    window.addEventListener('load', waitThenReport);
})();
