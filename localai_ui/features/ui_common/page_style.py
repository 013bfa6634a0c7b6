"""The page's own CSS and script, handed to the server once for every tab."""

HEAD = """<script>
document.addEventListener('keydown', (event) => {
	if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
	const target = event.target instanceof Element ? event.target : null;
	if (!target || !target.closest('#prompt, #negative-prompt')) return;
	event.preventDefault();
	document.querySelector('#generate')?.click();
}, true);
</script>"""

CSS = """
.lai-progress { height: 8px; border-radius: 4px; background: var(--neutral-200); overflow: hidden; }
.lai-progress-bar { height: 100%; background: var(--color-accent); transition: width 0.2s; }
.lai-progress-text { margin: 4px 0; font-variant-numeric: tabular-nums; }
.lai-error { color: var(--error-text-color, #b91c1c); }
.lai-prompt-box { position: relative; gap: 0 !important; }
.lai-prompt-box .lai-token-count {
	position: absolute; top: 6px; right: 12px; z-index: 5; pointer-events: none;
	font-size: 0.8em; opacity: 0.7; font-variant-numeric: tabular-nums;
}
#progress { min-height: 2.2em; }
/* Toasts at the bottom right, so an error never hides the Generate button at the top right. */
.toast-wrap { top: auto !important; bottom: var(--size-4, 16px) !important; }
"""
