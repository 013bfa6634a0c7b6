"""The optional safety checker: loaded only when the Safety setting is on, run after each batch's decode."""
