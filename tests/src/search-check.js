// Types each query of `?searchcheck=<JSON list>` into the book's search bar,
// as a reader would, and leaves a report of what each search found: the
// header mdBook wrote ("3 search results for '...'") and the href of every
// result, in order. tests/tests/book/search.rs adds this script to one page
// of a scratch copy of the book and reads the report back through
// Chromium's --dump-dom, in the same encoded <pre> as browser-check.js.
(function () {
    'use strict';
    const wanted = new URLSearchParams(window.location.search).get('searchcheck');
    if (wanted === null) {
        return;
    }
    const queries = JSON.parse(wanted);
    const searches = [];
    const started = Date.now();

    function writeReport(timedOut) {
        const pre = document.createElement('pre');
        pre.id = 'browser-check-report';
        pre.hidden = true;
        pre.textContent = encodeURIComponent(JSON.stringify({ searches, timedOut }));
        document.body.append(pre);
    }

    function header() {
        return document.getElementById('mdbook-searchresults-header').textContent.trim();
    }

    function resultLinks() {
        return [...document.querySelectorAll('#mdbook-searchresults a[href]')]
            .map(link => link.getAttribute('href'));
    }

    // One step: record the current query's results once mdBook has shown
    // them (its header quotes the query), else type the query again; the
    // first keystrokes can come before the search index has loaded, and
    // mdBook ignores them.
    function step() {
        if (searches.length === queries.length) {
            writeReport(false);
            return;
        }
        if (Date.now() - started > 8000) {
            writeReport(true);
            return;
        }
        const query = queries[searches.length];
        if (header().includes(`'${query}'`)) {
            searches.push({ query, header: header(), results: resultLinks() });
            setTimeout(step, 0);
            return;
        }
        const bar = document.getElementById('mdbook-searchbar');
        bar.value = query;
        bar.dispatchEvent(new KeyboardEvent('keyup'));
        setTimeout(step, 100);
    }

    window.addEventListener('load', () => {
        // What pressing the magnifier does: open the bar, load the index.
        document.getElementById('mdbook-search-toggle').click();
        setTimeout(step, 100);
    });
})();
