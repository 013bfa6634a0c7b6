"""History's details read like a settings sheet (no ids, local time, two decimals) and show every character typed."""

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from localai_ui.database import Database
from localai_ui.features.history.details_view import detail_rows
from localai_ui.features.history.fact_table import facts_html
from localai_ui.features.history.png_info_view import info_html
from localai_ui.features.history.service import HistoryService
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.progress import RunStatus
from localai_ui.services.png_info import read_png_info
from tests.history.png_samples import MARKED_NEGATIVE, MARKED_PROMPT, SAMPLES
from tests.history.seeding import DAY, seed_run

REQUEST = GenerationRequest(
	prompt='a koi pond, <lora:ink:0.6>', negative_prompt='murky', sampler='Euler a', schedule='Karras', steps=9,
	cfg_scale=4.5, width=320, height=192, styles=('Cinematic',), clip_skip=2,
)  # fmt: skip


def test_details_are_what_a_person_reads(history: HistoryService, database: Database, outputs: Path) -> None:
	run = seed_run(database, outputs, REQUEST, images=2)
	details = history.details(run.image_ids[1])
	slow = replace(
		details.generation, it_per_s=3.4567891234567891, finished_at=DAY + timedelta(seconds=12.3456789)
	)  # fmt: skip
	rows = dict(detail_rows(replace(details, generation=slow)))
	assert rows == {
		'Model': 'tiny-sd15 [abcdef1234]',
		'Sampler': 'Euler a · Karras',
		'Steps': '9',
		'CFG scale': '4.5',
		'Size': '64x64',
		'Seed': '101',
		'Clip skip': '2',
		'Styles': 'Cinematic',
		'LoRAs': 'ink (0.6)',
		'When': DAY.astimezone().strftime('%Y-%m-%d %H:%M:%S'),
		'Took': '12.35 s · 3.46 it/s',
		'Status': 'Completed',
		'File': run.paths[1],
	}
	failed = replace(details.generation, status=RunStatus.FAILED, error='out of memory', it_per_s=None)
	rows = dict(detail_rows(replace(details, generation=failed), file_exists=False))
	assert (rows['Status'], rows['Error'], rows['Took']) == ('Failed', 'out of memory', '0.00 s')
	assert rows['File'].endswith('(missing)') and 'Styles' in rows and 'LoRAs' in rows


def test_prompt_text_is_escaped_never_read_as_markup() -> None:
	table = facts_html([('Prompt', MARKED_PROMPT), ('<b>', 'x & y')], 'a <i>note</i>')
	assert '&lt;lora:ink:0.6&gt;' in table and '<lora' not in table and '*stars*' in table
	assert '<th>&lt;b&gt;</th><td>x &amp; y</td>' in table and table.startswith('<p>a &lt;i&gt;note&lt;/i&gt;</p>')
	assert facts_html([]) == ''


def test_png_info_panel_escapes_and_keeps_the_prompts_exact() -> None:
	info = read_png_info(SAMPLES['marked'])
	assert (info.prompt, info.negative_prompt) == (MARKED_PROMPT, MARKED_NEGATIVE)
	panel = info_html(info)
	assert '<th>Made with</th><td>A1111</td>' in panel and '<th>Seed</th><td>1234</td>' in panel
	assert 'no generation metadata' in info_html(read_png_info(SAMPLES['plain']))
