"""The page's own CSS and script, handed to the server once for every tab."""

HEAD = """<script>
document.addEventListener('keydown', (event) => {
	if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
	const target = event.target instanceof Element ? event.target : null;
	if (!target || !target.closest('#prompt, #negative-prompt')) return;
	event.preventDefault();
	const runs = ['#generate', '#generate-img2img', '#generate-inpaint'].map((id) => document.querySelector(id));
	runs.find((button) => button instanceof HTMLElement && button.offsetParent !== null)?.click();
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
#progress { min-height: 1.6em; }
/* Generate: prompt and parameters left, the result pane right and in view while scrolling; on a tablet the result
   follows the prompt so Generate and the image are reached without scrolling past every parameter. */
#generate-layout {
	display: grid !important; grid-template-columns: minmax(0, 5fr) minmax(0, 4fr);
	grid-template-areas: "inputs result" "parameters result"; grid-template-rows: auto 1fr;
	align-items: start; gap: var(--layout-gap, 16px);
}
#generate-inputs { grid-area: inputs; }
#generate-parameters { grid-area: parameters; }
#generate-result { grid-area: result; position: sticky; top: 8px; }
@media (max-width: 1000px) {
	#generate-layout { grid-template-columns: minmax(0, 1fr); grid-template-areas: "inputs" "result" "parameters"; }
	#generate-result { position: static; }
}
#run-buttons button { min-height: 44px; }
.lai-inline-row { align-items: flex-end; }
.lai-inline-row > button { align-self: flex-end; margin-bottom: var(--spacing-lg, 8px); }
/* Toasts at the bottom right, so an error never hides the Generate button at the top right. */
#loras-gallery .caption-label { max-width: calc(100% - 8px); white-space: normal; overflow-wrap: anywhere; }
.toast-wrap { top: auto !important; bottom: var(--size-4, 16px) !important; }
"""
