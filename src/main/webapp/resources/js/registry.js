/*
 * The top bar: where the menu does not fit on one line next to the name and the language switch, it collapses into the
 * menu button (.collapsed), which opens and closes it (.nav-open). A file of the registry's own (script-src 'self'):
 * no inline script or handler, as the Content-Security-Policy requires.
 */
(function () {
    'use strict';

    function bar() {
        return document.querySelector('header.topbar');
    }

    function toggleButton(topbar) {
        return topbar.querySelector('.nav-toggle');
    }

    function setOpen(topbar, open) {
        topbar.classList.toggle('nav-open', open);
        var button = toggleButton(topbar);
        if (button) button.setAttribute('aria-expanded', open ? 'true' : 'false');
    }

    /** Collapses the menu when its items need more room than the bar leaves them (or on a narrow screen). */
    function fit() {
        var topbar = bar();
        if (!topbar) return;
        var menu = topbar.querySelector('.ui-menubar');
        if (!menu) return;
        var list = menu.querySelector('.ui-menu-list');
        topbar.classList.remove('collapsed');
        var tooNarrow = window.matchMedia('(max-width: 900px)').matches;
        var overflows = list && list.scrollWidth > menu.clientWidth + 1;
        var barOverflows = topbar.scrollWidth > topbar.clientWidth + 1;
        if (tooNarrow || overflows || barOverflows) {
            topbar.classList.add('collapsed');
        } else {
            setOpen(topbar, false);
        }
    }

    document.addEventListener('click', function (event) {
        var topbar = bar();
        if (!topbar) return;
        var button = event.target.closest ? event.target.closest('.nav-toggle') : null;
        if (button && topbar.contains(button)) {
            setOpen(topbar, !topbar.classList.contains('nav-open'));
        } else if (topbar.classList.contains('nav-open') && !topbar.contains(event.target)) {
            setOpen(topbar, false);
        }
    });

    document.addEventListener('keydown', function (event) {
        var topbar = bar();
        if (event.key === 'Escape' && topbar && topbar.classList.contains('nav-open')) {
            setOpen(topbar, false);
            var button = toggleButton(topbar);
            if (button) button.focus();
        }
    });

    var pending = null;
    window.addEventListener('resize', function () {
        if (pending) window.cancelAnimationFrame(pending);
        pending = window.requestAnimationFrame(fit);
    });
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', fit);
    } else {
        fit();
    }
    window.addEventListener('load', fit);
}());
