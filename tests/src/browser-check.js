// The browser test's eyes. tests/src/browser.rs adds this script to a
// throw-away copy of the built book (never to the published one); Chromium
// opens a page, this script looks at what the reader would see, and writes
// its findings into a hidden <pre id="browser-check-report">, which the test
// reads back from Chromium's `--dump-dom` output.
//
// Report format: one finding per line, `key<TAB>value<TAB>value...`, every
// value passed through encodeURIComponent so that no character of the page
// can break the format. The test decides what is right; this script only
// measures.
(function browserCheck() {
    'use strict';

    const lines = [];
    function report(key, ...values) {
        const encoded = values.map(value => encodeURIComponent(String(value)));
        lines.push([key, ...encoded].join('\t'));
    }

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

    function reportPage() {
        const root = document.documentElement;
        const themes = ['light', 'rust', 'coal', 'navy', 'ayu'];
        report('theme', themes.find(theme => root.classList.contains(theme)) || 'none');
        report('viewport', window.innerWidth, window.innerHeight);
        report('page-width', root.scrollWidth);
        const main = document.querySelector('main');
        report('background-brightness', brightness(pageBackground()).toFixed(2));
        report('text-brightness', brightness(getComputedStyle(main).color).toFixed(2));
        for (const heading of main.querySelectorAll('h1')) {
            report('h1', heading.textContent.trim());
        }
        for (const image of document.querySelectorAll('img')) {
            if (!image.complete || image.naturalWidth === 0) {
                report('broken-image', image.getAttribute('src'));
            }
        }
    }

    function reportSidebar() {
        const sidebar = document.getElementById('mdbook-sidebar');
        report('sidebar-shown', sidebar !== null && isShown(sidebar));
        if (sidebar === null) {
            return;
        }
        for (const link of sidebar.querySelectorAll('a[href]')) {
            report('sidebar-link', link.getAttribute('href'), link.textContent.trim());
        }
    }

    // One line per code block: its language, how many highlighted tokens it
    // has, whether it shows a play button, and its hidden ("boring") lines.
    function reportCode() {
        for (const code of document.querySelectorAll('main pre > code')) {
            const language = [...code.classList]
                .find(name => name.startsWith('language-'))?.slice('language-'.length) || 'none';
            const tokens = code.querySelectorAll('[class^="hljs-"]').length;
            const pre = code.parentElement;
            const playButton = pre.querySelector('.play-button') !== null;
            const noPlayground = code.classList.contains('noplayground');
            const boring = [...code.querySelectorAll('.boring')];
            const boringShown = boring.filter(isShown).length;
            const usesAsyncStd = code.textContent.includes('async_std');
            const box = pre.getBoundingClientRect();
            report('code', language, code.classList.contains('hljs'), tokens, playButton,
                noPlayground, boring.length, boringShown, usesAsyncStd,
                Math.round(box.bottom + window.scrollY), code.textContent.split('\n')[0]);
        }
    }

    // Where the landing page's first list and first command block end, so the
    // test can tell whether they fit in the first screen.
    function reportFirstScreen() {
        const main = document.querySelector('main');
        const firstList = main.querySelector('ul');
        const firstCommands = main.querySelector('pre');
        if (firstList) {
            report('first-list-bottom', Math.round(firstList.getBoundingClientRect().bottom));
        }
        if (firstCommands) {
            report('first-code-bottom', Math.round(firstCommands.getBoundingClientRect().bottom));
        }
    }

    function searchRequested() {
        return new URLSearchParams(window.location.search).has('search');
    }

    function searchDone() {
        const header = document.getElementById('mdbook-searchresults-header');
        return header !== null && header.textContent.trim() !== '';
    }

    function reportSearch() {
        if (!searchRequested()) {
            return;
        }
        const wrapper = document.getElementById('mdbook-search-wrapper');
        report('search-shown', wrapper !== null && isShown(wrapper));
        report('search-header', document.getElementById('mdbook-searchresults-header').textContent.trim());
        for (const link of document.querySelectorAll('#mdbook-searchresults a[href]')) {
            report('search-result', link.getAttribute('href'));
        }
    }

    // One line per "predict the output" checkpoint (<details class="checkpoint">):
    // folded and its answer hidden as loaded; opened and the answer shown
    // after a click on its summary; folded again after a second click. Then
    // its box: background and page background (brightness) and the width of
    // its left border. With `?checkpoints=open` in the URL the checkpoints
    // are left open, for a screenshot of the answers.
    function reportCheckpoints() {
        const leaveOpen = new URLSearchParams(window.location.search).has('checkpoints');
        const page = brightness(pageBackground()).toFixed(2);
        for (const details of document.querySelectorAll('main details.checkpoint')) {
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
            const background = isTransparent(style.backgroundColor)
                ? 'transparent' : brightness(style.backgroundColor).toFixed(2);
            report('checkpoint', openAtLoad, shownAtLoad, opensOnClick, shownWhenOpen,
                foldsOnClick, background, page, parseFloat(style.borderLeftWidth) || 0,
                summary === null ? '' : summary.textContent.trim(),
                answer === null ? '' : answer.textContent.split('\n')[0]);
        }
    }

    function sidebarReady() {
        return document.querySelector('#mdbook-sidebar a[href]') !== null;
    }

    function writeReport(timedOut) {
        reportPage();
        reportSidebar();
        reportCode();
        reportFirstScreen();
        reportSearch();
        reportCheckpoints();
        report('timed-out', timedOut);
        const pre = document.createElement('pre');
        pre.id = 'browser-check-report';
        pre.hidden = true;
        pre.textContent = '\n' + lines.join('\n') + '\n';
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
