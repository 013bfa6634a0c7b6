"""The Settings tab, built by section: each saves and resets on its own; System shows the machine."""

import gradio as gr

from localai_ui.features.settings.safety_files import SafetyFiles
from localai_ui.features.settings.store import SettingsStore
from localai_ui.features.settings.system_report import SystemReport
from localai_ui.features.settings.ui.api import register_api
from localai_ui.features.settings.ui.defaults_sections import build_generation_section, build_preview_section
from localai_ui.features.settings.ui.output_sections import (
	build_device_section,
	build_hub_section,
	build_saving_section,
)
from localai_ui.features.settings.ui.safety_section import build_safety_section
from localai_ui.features.settings.ui.system import build_system_section


def build_settings_tab(
	page: gr.Blocks, store: SettingsStore, report: SystemReport, safety: SafetyFiles | None = None
) -> None:
	"""Lay out the tab (call inside its gr.Tab); its public endpoints are /get_settings, /set_settings,
	/reset_settings and /system_info."""
	build_generation_section(page, store)
	build_preview_section(page, store)
	build_saving_section(page, store)
	build_device_section(page, store, report.device)
	build_hub_section(page, store)
	if safety is not None:
		build_safety_section(page, store, safety)
	build_system_section(page, report)
	register_api(store, report)
