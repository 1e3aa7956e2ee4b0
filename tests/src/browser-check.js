// The browser test's eyes. tests/src/browser.rs adds this script to a
// throw-away copy of the built book (never to the published one); Chromium
// opens a page, this script looks at what the reader would see, and writes
// its findings into a hidden <pre id="browser-check-report">, which the test
// reads back from Chromium's `--dump-dom` output.
//
// Report format: one JSON object with named fields (the `Report` struct of
// tests/tests/book/browser/mod.rs, which refuses a field it does not know),
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

    function loadEnded() {
        const navigation = performance.getEntriesByType('navigation')[0];
        return navigation && navigation.loadEventEnd > 0 ? navigation.loadEventEnd : Infinity;
    }

    // The text nodes below an element, in document order.
    function* textNodes(element) {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
            yield node;
        }
    }

    // The words of a text node (the matches of `pattern`) that the browser
    // drew over more than one line.
    function wordsOverTwoLines(node, pattern) {
        return [...node.textContent.matchAll(pattern)]
            .filter(word => {
                const range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
                return lines.size > 1;
            })
            .map(word => word[0]);
    }

    // Words of inline code (outside listings and tables) drawn over two lines.
    // A word over 30 characters (a long path or URL) may break: it may not
    // fit on a phone's line at all.
    function brokenCommands() {
        const broken = [];
        for (const code of document.querySelectorAll('main :not(pre, td, th) > code')) {
            for (const node of textNodes(code)) {
                broken.push(...wordsOverTwoLines(node, /\S+/g).filter(word => word.length <= 30));
            }
        }
        return broken;
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
            // What the page loaded, and whether before its load event
            // ended: what the reader waited for before reading.
            resources: performance.getEntriesByType('resource').map(entry => ({
                url: entry.name,
                beforeLoad: entry.startTime < loadEnded(),
            })),
            // Inline code words (at most 30 characters, book/theme/code.js)
            // that the browser broke over two lines.
            brokenCommands: brokenCommands(),
            // Listings wider than their box: they scroll sideways.
            wideListings: [...main.querySelectorAll('pre > code')]
                .filter(code => code.scrollWidth > code.clientWidth + 1)
                .map(code => ({
                    language: [...code.classList].find(name => name.startsWith('language-'))
                        ?.slice('language-'.length) || 'none',
                    firstLine: code.textContent.split('\n')[0],
                    width: code.scrollWidth,
                    boxWidth: code.clientWidth,
                    reachable: code.tabIndex >= 0,
                })),
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
    // Inline code whose padding changes when book.js adds the `hljs` class:
    // the text around it was drawn once without that padding and moves
    // after the reader saw it (a layout shift; book/theme/code.css pads
    // inline code from the first paint). Code in a heading link is left
    // alone by mdBook, so it has no `hljs` class and is skipped.
    function inlineCodeShifts() {
        const shifts = [];
        for (const code of document.querySelectorAll('main code')) {
            if (code.closest('pre') || !code.classList.contains('hljs')) {
                continue;
            }
            const padded = getComputedStyle(code).padding;
            code.classList.remove('hljs');
            const beforeBookJs = getComputedStyle(code).padding;
            code.classList.add('hljs');
            if (padded !== beforeBookJs) {
                shifts.push(`\`${code.textContent.slice(0, 40)}\`: ${beforeBookJs} at first paint, ${padded} after book.js`);
            }
        }
        return shifts;
    }

    function codeFindings() {
        return [...document.querySelectorAll('main pre > code')].map(code => {
            const boring = [...code.querySelectorAll('.boring')];
            const language = [...code.classList]
                .find(name => name.startsWith('language-'))?.slice('language-'.length) || 'none';
            const label = getComputedStyle(code.parentElement, '::before').content;
            return {
                language,
                highlighted: code.classList.contains('hljs'),
                tokens: code.querySelectorAll('[class^="hljs-"]').length,
                playButton: code.parentElement.querySelector('.play-button') !== null,
                noPlayground: code.classList.contains('noplayground'),
                hiddenLines: boring.length,
                hiddenLinesShown: boring.filter(isShown).length,
                usesAsyncStd: code.textContent.includes('async_std'),
                // The label CSS puts above the block ("output"), or null.
                label: label === 'none' || label === 'normal' ? null : label.replace(/^"|"$/g, ''),
                // Lines with a shell comment (`# ...` after a command or on
                // its own) in a shell block, and the comments highlight.js
                // coloured.
                shellCommentLines: ['bash', 'sh', 'shell', 'console'].includes(language)
                    ? code.textContent.split('\n').filter(line => /(^|\s)#(\s|$)/.test(line)).length : 0,
                commentTokens: code.querySelectorAll('.hljs-comment').length,
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

    // The words of an element's prose (its text outside `code`) that the
    // browser broke over two lines anywhere but after a hyphen or a slash.
    function brokenWords(element) {
        const broken = [];
        for (const node of textNodes(element)) {
            if (node.parentElement.closest('code') !== null) {
                continue;
            }
            // A line may end after a hyphen or a slash: `async-` / `std`.
            broken.push(...wordsOverTwoLines(node, /[^\s\-/]+[-/]?/g));
        }
        return broken;
    }

    // Each table: how wide it is, how wide the box that holds it is (mdBook's
    // .table-wrapper, which scrolls sideways what does not fit), how wide it
    // would be with every cell on one line, and the words of its prose it
    // broke over two lines (code may wrap; words should not).
    function tableFindings() {
        return [...document.querySelectorAll('main table')].map(table => {
            const width = table.getBoundingClientRect().width;
            const saved = [table.style.width, table.style.maxWidth];
            table.style.maxWidth = 'none';
            table.style.width = 'max-content';
            const naturalWidth = table.getBoundingClientRect().width;
            [table.style.width, table.style.maxWidth] = saved;
            return {
                width: Math.round(width),
                containerWidth: table.parentElement.clientWidth,
                naturalWidth: Math.round(naturalWidth),
                brokenWords: brokenWords(table),
                header: [...(table.rows[0]?.cells || [])].map(cell => cell.textContent.trim()).join(' | '),
            };
        });
    }

    // Each diagram (<pre class="mermaid">): whether Mermaid drew it (an SVG
    // that is not Mermaid's error picture), what kind it is, the theme it
    // was drawn in, its width against the text column's, what a screen
    // reader announces for it, how tall its smallest label is drawn, and
    // its label with the least contrast against what is behind it.
    function diagramFindings() {
        return [...document.querySelectorAll('main pre.mermaid')].map(pre => {
            const svg = pre.querySelector('svg');
            const box = svg === null ? null : svg.getBoundingClientRect();
            const kind = svg === null ? null : svg.getAttribute('aria-roledescription');
            return {
                drawn: box !== null && box.width > 0 && box.height > 0,
                kind,
                error: kind === 'error' || (svg !== null && svg.textContent.includes('Syntax error')),
                drawnIn: pre.dataset.drawnIn || null,
                width: box === null ? 0 : Math.round(box.width),
                columnWidth: document.querySelector('main').clientWidth,
                boxWidth: pre.clientWidth,
                keyboardReachable: pre.scrollWidth <= pre.clientWidth || pre.tabIndex >= 0,
                name: svg === null ? '' : referencedText(svg, 'aria-labelledby'),
                description: svg === null ? '' : referencedText(svg, 'aria-describedby'),
                smallestText: svg === null ? 0 : smallestText(svg),
                contrast: svg === null ? null : worstContrast(pre, svg),
            };
        });
    }

    // The text of the elements an aria-labelledby (or -describedby) names.
    function referencedText(element, attribute) {
        return (element.getAttribute(attribute) || '').split(/\s+/)
            .map(id => document.getElementById(id))
            .filter(found => found !== null)
            .map(found => found.textContent.trim())
            .join(' ');
    }

    // The diagram's labels: SVG <text> and <tspan>, and the HTML Mermaid
    // puts in <foreignObject>s; each with some text of its own (a <text>
    // around <tspan>s has the fill of its shape, not of its words).
    function labels(svg) {
        const ownText = element => [...element.childNodes]
            .some(node => node.nodeType === Node.TEXT_NODE && node.textContent.trim() !== '');
        return [...svg.querySelectorAll('text, tspan, foreignObject *')].filter(element =>
            ownText(element) && element.getBoundingClientRect().width > 0);
    }

    // How tall the smallest label is drawn, in CSS px: its font size times
    // the scale the SVG is drawn at.
    function smallestText(svg) {
        const scale = svg.getBoundingClientRect().width / (svg.viewBox.baseVal.width || 1);
        const sizes = labels(svg).map(label => parseFloat(getComputedStyle(label).fontSize) * scale);
        return sizes.length === 0 ? 0 : Number(Math.min(...sizes).toFixed(1));
    }

    function rgba(colour) {
        const numbers = (colour.match(/[\d.]+/g) || []).map(Number);
        if (numbers.length < 3) {
            return null;
        }
        return { r: numbers[0], g: numbers[1], b: numbers[2], a: numbers.length > 3 ? numbers[3] : 1 };
    }

    // WCAG's relative luminance and contrast ratio.
    function luminance({ r, g, b }) {
        const channel = value => {
            const c = value / 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    }

    function contrastRatio(one, other) {
        const [light, dark] = [luminance(one), luminance(other)].sort((x, y) => y - x);
        return (light + 0.05) / (dark + 0.05);
    }

    function over(top, bottom) {
        const mix = key => top[key] * top.a + bottom[key] * (1 - top.a);
        return { r: mix('r'), g: mix('g'), b: mix('b'), a: 1 };
    }

    const SHAPES = ['rect', 'path', 'polygon', 'circle', 'ellipse'];

    // The colour one element paints behind a label, with its opacity, or
    // null when it paints nothing there.
    function paint(element) {
        const style = getComputedStyle(element);
        const isSvg = element instanceof SVGElement;
        const tag = element.tagName.toLowerCase();
        let colour = null;
        if (isSvg && SHAPES.includes(tag)) {
            colour = style.fill.startsWith('rgb') ? rgba(style.fill) : null;
            if (colour !== null) {
                colour.a *= Number(style.fillOpacity) * Number(style.opacity);
            }
        } else if (!isSvg || tag === 'svg') {
            colour = isTransparent(style.backgroundColor) ? null : rgba(style.backgroundColor);
        }
        return colour === null || colour.a === 0 ? null : colour;
    }

    // What is behind the middle of `label`: every layer under it, down to
    // the first opaque one (or the page), blended.
    function colourBehind(label) {
        const box = label.getBoundingClientRect();
        const stack = document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        const layers = [];
        for (const element of stack) {
            if (element === label || label.contains(element)) {
                continue;
            }
            const colour = paint(element);
            if (colour !== null) {
                layers.push(colour);
                if (colour.a >= 1) {
                    break;
                }
            }
        }
        let behind = rgba(pageBackground());
        for (const layer of layers.reverse()) {
            behind = over(layer, behind);
        }
        return behind;
    }

    const hex = ({ r, g, b }) => '#' + [r, g, b]
        .map(value => Math.round(value).toString(16).padStart(2, '0')).join('');

    // The label with the least contrast: its text, its colour and the
    // colour behind it. The diagram is scrolled into view to be measured.
    function worstContrast(pre, svg) {
        pre.scrollIntoView({ block: 'center' });
        let worst = null;
        for (const label of labels(svg)) {
            const style = getComputedStyle(label);
            const text = rgba(label instanceof SVGElement ? style.fill : style.color);
            if (text === null) {
                continue;
            }
            const behind = colourBehind(label);
            const ratio = contrastRatio(over(text, behind), behind);
            if (worst === null || ratio < worst.ratio) {
                worst = {
                    ratio: Number(ratio.toFixed(2)),
                    text: label.textContent.trim().slice(0, 60),
                    colour: hex(text),
                    background: hex(behind),
                };
            }
        }
        window.scrollTo(0, 0);
        return worst;
    }

    // With `?show=diagram-2` (or `table-0`, `code-3`) in the URL, leave only
    // that diagram, table or code block in the page's content, and with
    // `?show=diagrams` every diagram, for a screenshot of them: headless
    // Chromium's screenshots show the top of a page, and a scrolled page
    // comes out blank.
    function showOnly() {
        const wanted = new URLSearchParams(window.location.search).get('show') || '';
        const main = document.querySelector('main');
        const match = /^(diagram|table|code)-(\d+)$/.exec(wanted);
        let kept;
        if (wanted === 'diagrams') {
            kept = [...main.querySelectorAll('pre.mermaid')];
        } else if (match !== null) {
            const selector = { diagram: 'pre.mermaid', table: 'table', code: 'pre > code' }[match[1]];
            kept = [main.querySelectorAll(selector)[Number(match[2])]];
        } else {
            return;
        }
        const keep = new Set(kept.map(element => {
            while (element && element.parentElement !== main) {
                element = element.parentElement;
            }
            return element;
        }));
        for (const child of main.children) {
            if (!keep.has(child)) {
                child.style.display = 'none';
            }
        }
    }

    function sidebarReady() {
        return document.querySelector('#mdbook-sidebar a[href]') !== null;
    }

    // Diagrams are drawn when the reader comes near them: bring the first
    // one not drawn yet into view, as a reader scrolling down would. Done
    // when each holds an SVG drawn in the theme the page now has.
    function diagramsDone() {
        const expected = ['navy', 'coal', 'ayu']
            .some(theme => document.documentElement.classList.contains(theme)) ? 'dark' : 'default';
        const waiting = [...document.querySelectorAll('main pre.mermaid')]
            .filter(pre => pre.querySelector('svg') === null || pre.dataset.drawnIn !== expected);
        if (waiting.length > 0 && document.readyState === 'complete') {
            waiting[0].scrollIntoView({ block: 'center' });
        }
        return waiting.length === 0;
    }

    const THEMES = ['light', 'rust', 'coal', 'navy', 'ayu'];

    function useTheme(theme) {
        const root = document.documentElement;
        root.classList.remove(...THEMES);
        root.classList.add(theme);
    }

    // With `?themes=all` in the URL: each diagram's least-contrast label in
    // each of mdBook's five themes, switched as the theme menu does (the
    // class of <html>), waiting for the diagrams to be redrawn each time.
    function everyThemesContrast(done) {
        const wantsAll = new URLSearchParams(window.location.search).get('themes') === 'all';
        const original = THEMES.find(theme => document.documentElement.classList.contains(theme));
        const found = [];
        const remaining = wantsAll ? [...THEMES] : [];
        function next() {
            if (remaining.length === 0) {
                if (wantsAll) {
                    useTheme(original);
                }
                waitUntil(diagramsDone, () => done(found));
                return;
            }
            const theme = remaining.shift();
            useTheme(theme);
            waitUntil(diagramsDone, () => {
                found.push({ theme, diagrams: diagramFindings().map(diagram => diagram.contrast) });
                next();
            });
        }
        next();
    }

    function waitUntil(condition, then) {
        if (condition() || Date.now() - started > 18000) {
            setTimeout(then, 50);
        } else {
            setTimeout(() => waitUntil(condition, then), 50);
        }
    }

    function writeReport(timedOut, themeContrast) {
        window.scrollTo(0, 0);
        const report = {
            ...pageFindings(),
            ...sidebarFindings(),
            code: codeFindings(),
            inlineCodeShifts: inlineCodeShifts(),
            ...firstScreenFindings(),
            search: searchFindings(),
            checkpoints: checkpointFindings(),
            tables: tableFindings(),
            diagrams: diagramFindings(),
            themeContrast,
            timedOut,
        };
        const encoded = encodeURIComponent(JSON.stringify(report));
        const pre = document.createElement('pre');
        pre.id = 'browser-check-report';
        pre.hidden = true;
        pre.textContent = encoded;
        document.body.append(pre);
        showOnly();
        // Opened in a phone-wide frame (tests/src/browser.rs): the page
        // around the frame puts the report where --dump-dom sees it.
        if (window.parent !== window) {
            window.parent.postMessage({ browserCheckReport: encoded }, '*');
        }
    }

    // Wait until the page has settled: loaded, sidebar filled in, diagrams
    // drawn, and search results shown when the URL asked for a search. Give
    // up after 18 s of (virtual) time and say so in the report.
    const started = Date.now();
    function waitThenReport() {
        const settled = () => document.readyState === 'complete' && sidebarReady()
            && (!searchRequested() || searchDone()) && diagramsDone();
        waitUntil(settled, () => {
            if (!settled()) {
                writeReport(true, []);
                return;
            }
            // A moment more so that late layout (fonts, hidden lines) is done.
            everyThemesContrast(themeContrast => setTimeout(() => writeReport(!settled(), themeContrast), 100));
        });
    }
    window.addEventListener('load', waitThenReport);
})();
