// Two fixes to stock mdBook 0.5's markup that axe and Lighthouse flag on
// every page (aria-allowed-attr, critical; aria-prohibited-attr, serious):
// the sidebar's toggle is a <label> that carries aria-label and
// aria-expanded, which a label may not have, and it cannot be reached with
// the keyboard. As a button (role, tab stop, Enter and Space) it may carry
// both, and a keyboard can open and close the sidebar. book.js keeps
// setting aria-expanded on it; that stays right.
(function sidebarToggleAsButton() {
    'use strict';
    const toggle = document.getElementById('mdbook-sidebar-toggle');
    if (toggle === null) {
        return;
    }
    toggle.setAttribute('role', 'button');
    toggle.tabIndex = 0;
    toggle.addEventListener('keydown', event => {
        if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            toggle.click();
        }
    });
})();
