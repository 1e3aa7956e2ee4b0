// Lighthouse 12.2.3 (mobile preset: simulated slow 4G, 4x CPU slowdown) and
// axe-core 4.14.1 over every page of the built book; run by run.sh, which
// serves the book on 127.0.0.1 and passes: the book's URL, its folder, and
// the folder for the results.
//
// Per page: Lighthouse's performance and accessibility scores, the bytes
// the page loaded (as sent, gzipped by serve.py, and unpacked), and axe's
// violations by impact, counted after every diagram was scrolled into view
// and drawn (the diagrams load only near the reader). Pages whose
// performance is not asked for (AUDIT_PERF_PAGES) get an accessibility-only
// Lighthouse run, which still measures the weight. Performance varies with
// the machine's load: AUDIT_RUNS=3 runs it three times per page and reports
// the median (every score is kept in results.json).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import puppeteer from 'puppeteer-core';

const [base, bookDir, outDir] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const chromePath = process.env.CHROME_PATH;
const flags = ['--headless=new', '--no-sandbox', '--disable-gpu'];

// Every page a reader reads: 404.html (served only at a site's root) and
// toc.html (the sidebar without JavaScript) aside.
function pages() {
    const found = [];
    const walk = folder => {
        for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
            const full = path.join(folder, entry.name);
            if (entry.isDirectory()) {
                walk(full);
            } else if (entry.name.endsWith('.html')) {
                found.push(path.relative(bookDir, full));
            }
        }
    };
    walk(bookDir);
    const only = process.env.AUDIT_PAGES ? process.env.AUDIT_PAGES.split(',') : null;
    return found.filter(page => page !== '404.html' && page !== 'toc.html')
        .filter(page => only === null || only.includes(page)).sort();
}

const perfPages = process.env.AUDIT_PERF_PAGES ? process.env.AUDIT_PERF_PAGES.split(',') : null;
const perfRuns = Math.max(1, Number(process.env.AUDIT_RUNS || 1));

// AUDIT_KEEP=1 keeps each Lighthouse report whole, as
// lighthouse/<page>-<run>.json beside the results: what shifted the layout,
// which element was the largest paint, where the main thread's time went.
const keepReports = process.env.AUDIT_KEEP === '1';

function keepReport(page, run, lhr) {
    const folder = path.join(outDir, 'lighthouse');
    fs.mkdirSync(folder, { recursive: true });
    const name = `${page.replaceAll('/', '_').replace(/\.html$/, '')}-${run + 1}.json`;
    fs.writeFileSync(path.join(folder, name), JSON.stringify(lhr));
}

async function lighthouseRun(url, withPerformance, keep) {
    const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: flags });
    try {
        const categories = withPerformance ? ['performance', 'accessibility'] : ['accessibility'];
        // Weight comes from the network record, which an accessibility-only
        // run has too; ask for that audit by name.
        const result = await lighthouse(url, {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: categories,
            onlyAudits: withPerformance ? undefined : ['total-byte-weight', 'network-requests'],
        }, undefined);
        const lhr = result.lhr;
        keep?.(lhr);
        const weight = lhr.audits['total-byte-weight'];
        const requests = lhr.audits['network-requests']?.details?.items ?? [];
        return {
            performance: lhr.categories.performance ? Math.round(lhr.categories.performance.score * 100) : null,
            accessibility: lhr.categories.accessibility ? Math.round(lhr.categories.accessibility.score * 100) : null,
            bytes: weight && typeof weight.numericValue === 'number' ? Math.round(weight.numericValue) : null,
            unpackedBytes: requests.length === 0 ? null
                : requests.reduce((sum, request) => sum + (request.resourceSize ?? 0), 0),
            lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? null,
            tbt: lhr.audits['total-blocking-time']?.numericValue ?? null,
            failedA11y: Object.values(lhr.audits)
                .filter(audit => audit.score === 0 && audit.scoreDisplayMode === 'binary'
                    && lhr.categories.accessibility.auditRefs.some(ref => ref.id === audit.id))
                .map(audit => audit.id),
        };
    } finally {
        await chrome.kill();
    }
}

async function axeRun(browser, url) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1350, height: 940 });
    await page.goto(url, { waitUntil: 'networkidle0' });
    // Bring each diagram into view and wait for it to be drawn.
    const diagrams = await page.$$eval('main pre.mermaid', blocks => blocks.length);
    for (let index = 0; index < diagrams; index += 1) {
        await page.$$eval('main pre.mermaid', (blocks, i) => blocks[i].scrollIntoView(), index);
        await page.waitForFunction(i => document.querySelectorAll('main pre.mermaid')[i].dataset.drawnIn,
            { timeout: 60000 }, index);
    }
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
        const report = await axe.run(document);
        return report.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    await page.close();
    const count = impact => result.filter(v => v.impact === impact).map(v => v.id);
    return { critical: count('critical'), serious: count('serious'), moderate: count('moderate'), minor: count('minor'), diagrams };
}

// Layout shifts, and what moved. Lighthouse reports how much the layout
// shifted (CLS) but its own `layout-shifts` audit, which names the elements,
// fails on this Chromium ("Cannot read properties of undefined (reading
// 'frame_sequence')"). So the page is loaded once more as Lighthouse's
// mobile run loads it (a 412 px phone, slow 4G, a CPU 4 times slower), and
// the browser's own record of each shift is kept with the nodes that moved:
// that is how the inline code that reflowed advanced.html was found.
const PHONE = {
    viewport: { width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true },
    userAgent: 'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 '
        + '(KHTML, like Gecko) Chrome/148.0.0.0 Mobile Safari/537.36',
};
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };

// Runs in the page before any of its own scripts.
function recordShifts() {
    const describe = node => {
        const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
        if (!element) {
            return String(node.nodeName);
        }
        const name = element.localName + (element.id ? `#${element.id}` : '')
            + [...element.classList].map(name => `.${name}`).join('');
        const text = (node.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
        return text ? `${name} "${text}"` : name;
    };
    window.auditShifts = [];
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) {
            window.auditShifts.push({
                at: Math.round(entry.startTime),
                value: Number(entry.value.toFixed(4)),
                afterInput: entry.hadRecentInput,
                moved: (entry.sources || []).map(source => describe(source.node || {})),
            });
        }
    }).observe({ type: 'layout-shift', buffered: true });
}

async function shiftRun(browser, url) {
    const page = await browser.newPage();
    try {
        await page.emulate(PHONE);
        const session = await page.createCDPSession();
        await session.send('Network.enable');
        await session.send('Network.emulateNetworkConditions', SLOW_4G);
        await session.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await page.evaluateOnNewDocument(recordShifts);
        await page.goto(url, { waitUntil: 'load', timeout: 120000 });
        // A shift after load (a late script, a diagram) still counts.
        await new Promise(resolve => setTimeout(resolve, 2000));
        const shifts = await page.evaluate(() => window.auditShifts);
        const total = shifts.filter(shift => !shift.afterInput)
            .reduce((sum, shift) => sum + shift.value, 0);
        return { total: Number(total.toFixed(4)), shifts };
    } catch (error) {
        return { total: null, error: String(error) };
    } finally {
        await page.close();
    }
}

// The run with the median performance score, and every score beside it.
function medianRun(runs) {
    const scored = runs.filter(run => typeof run.performance === 'number')
        .sort((a, b) => a.performance - b.performance);
    if (scored.length === 0) {
        return runs[0];
    }
    const median = scored[Math.floor((scored.length - 1) / 2)];
    return { ...median, performanceRuns: scored.map(run => run.performance) };
}

const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const startedAt = new Date();
const loadAtStart = loadAverage();
const settings = ['AUDIT_PAGES', 'AUDIT_PERF_PAGES', 'AUDIT_RUNS', 'AUDIT_COMPRESS']
    .filter(name => process.env[name]).map(name => `${name}=${process.env[name]}`).join(' ');

const results = [];
const browser = await puppeteer.launch({ executablePath: chromePath, args: flags, headless: true });
for (const page of pages()) {
    const url = base + page;
    const withPerformance = perfPages === null || perfPages.includes(page);
    const runs = [];
    for (let run = 0; run < (withPerformance ? perfRuns : 1); run += 1) {
        try {
            const keep = keepReports ? lhr => keepReport(page, run, lhr) : undefined;
            runs.push(await lighthouseRun(url, withPerformance, keep));
        } catch (error) {
            runs.push({ error: String(error) });
        }
    }
    const lh = medianRun(runs);
    const ax = await axeRun(browser, url);
    const layoutShift = await shiftRun(browser, url);
    const row = { page, ...lh, axe: ax, layoutShift };
    results.push(row);
    console.log(JSON.stringify(row));
    fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2));
}
await browser.close();

const range = values => {
    const known = values.filter(value => typeof value === 'number');
    return known.length === 0 ? 'n/a' : `${Math.min(...known)}–${Math.max(...known)}`;
};
const lines = [
    `audit of ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC to ${new Date().toISOString().slice(11, 16)}: `
        + `\`${settings ? `${settings} ` : ''}bash tests/audit/run.sh\``,
    '',
    `load average (1, 5, 15 min) at the start: ${loadAtStart}; at the end: ${loadAverage()}`,
    '(Lighthouse scales its simulated phone by the CPU it measures: a loaded machine scores lower.)',
    '',
    '| page | mobile perf | runs | a11y | bytes sent | bytes unpacked | axe critical | axe serious | layout shift |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map(r => `| ${r.page} | ${r.performance ?? '-'} | ${(r.performanceRuns ?? []).join(' ') || '-'} | ${r.accessibility ?? '-'} | ${r.bytes ?? '-'} | ${r.unpackedBytes ?? '-'} | ${r.axe.critical.join(' ') || 0} | ${r.axe.serious.join(' ') || 0} | ${r.layoutShift.total ?? '-'} |`),
    '',
    `pages: ${results.length}; mobile performance ${range(results.map(r => r.performance))}; `
        + `accessibility ${range(results.map(r => r.accessibility))}; bytes sent ${range(results.map(r => r.bytes))}; `
        + `unpacked ${range(results.map(r => r.unpackedBytes))}`,
];
fs.writeFileSync(path.join(outDir, 'summary.md'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
