// The page around the book's pages in a browser check (tests/src/browser.rs
// writes it, with this script, into a Chromium profile). Its list
// `#pages` names each page to open: its URL and the size of its frame.
// With `data-layout="stacked"` every page is shown at once, one below the
// other (for one screenshot of them all, or a single page in a phone-wide
// frame); with `in-turn`, one after the other in one frame, each once the
// one before has reported, local storage cleared between them as a fresh
// profile would have it. The check script in each page posts its report
// here; each lands in this page's DOM as <pre id="browser-check-report-N">,
// N the page's place in the list, where --dump-dom prints it. A page that
// sends nothing within its page time is left behind without a report.
(function openPages() {
    'use strict';
    const list = document.getElementById('pages');
    const pages = [...list.querySelectorAll('li')].map(item => item.dataset);
    const pageTime = Number(list.dataset.pageTime);

    function keep(index, report) {
        const pre = document.createElement('pre');
        pre.id = `browser-check-report-${index}`;
        pre.hidden = true;
        pre.textContent = report;
        document.body.append(pre);
    }

    function frameFor(page) {
        const frame = document.createElement('iframe');
        frame.style.cssText = `width:${page.width}px;height:${page.height}px;border:0;display:block`;
        document.body.append(frame);
        return frame;
    }

    function reportIn(event) {
        const report = event.data && event.data.browserCheckReport;
        return typeof report === 'string' ? report : null;
    }

    function stacked() {
        const frames = pages.map(page => {
            const frame = frameFor(page);
            frame.src = page.url;
            return frame;
        });
        window.addEventListener('message', event => {
            const index = frames.findIndex(frame => frame.contentWindow === event.source);
            const report = reportIn(event);
            if (index >= 0 && report !== null) {
                keep(index, report);
            }
        });
    }

    function inTurn() {
        let frame = null;
        let current = -1;
        let watchdog = null;
        function openNext() {
            clearTimeout(watchdog);
            if (frame !== null) {
                frame.remove();
            }
            current += 1;
            if (current >= pages.length) {
                return;
            }
            try {
                localStorage.clear();
            } catch {
                // A page without storage has nothing to clear.
            }
            frame = frameFor(pages[current]);
            frame.src = pages[current].url;
            watchdog = setTimeout(openNext, pageTime);
        }
        window.addEventListener('message', event => {
            const report = reportIn(event);
            if (frame !== null && event.source === frame.contentWindow && report !== null) {
                keep(current, report);
                openNext();
            }
        });
        openNext();
    }

    if (list.dataset.layout === 'stacked') {
        stacked();
    } else {
        inTurn();
    }
})();
