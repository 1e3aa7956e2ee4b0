// Lets code in a table cell break where a reader expects it to: after `::`,
// `.` and `,`, as in `tokio::task::` / `spawn_blocking(f)`. It adds an
// invisible line-break opportunity (<wbr>) at each of those places; the text
// and what a reader copies stay the same. tables.css lets a piece that is
// still too long break anywhere.
(function breakCodeInTables() {
    'use strict';
    for (const code of document.querySelectorAll('main td code, main th code')) {
        if (code.children.length > 0) {
            continue; // highlighted or marked-up code: leave it alone
        }
        const pieces = code.textContent.split(/(?<=::|[.,])/);
        if (pieces.length < 2) {
            continue;
        }
        code.textContent = '';
        pieces.forEach((piece, index) => {
            if (index > 0) {
                code.append(document.createElement('wbr'));
            }
            code.append(piece);
        });
    }
})();
