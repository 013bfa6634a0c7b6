"""POST /png-info (the History tab's PNG Info reader) and GET /memory (RAM and the GPU's memory, A1111's keys)."""

import torch
from fastapi import APIRouter
from pydantic import BaseModel, JsonValue

from localai_ui.context import AppContext
from localai_ui.schemas.png_info import PngInfo
from localai_ui.sdapi.errors import answered
from localai_ui.sdapi.images import image_bytes
from localai_ui.sdapi.responses import MemoryResponse, PngInfoResponse
from localai_ui.services.png_info.reader import read_png_info
from localai_ui.services.system_info.host_probe import read_ram

INFOTEXT_KEY = 'parameters'


class PngInfoRequest(BaseModel):
	image: str


def png_info_answer(info: PngInfo) -> PngInfoResponse:
	"""A1111's answer: the infotext, the other texts, and the settings read into fields (Size split in two)."""
	texts = dict(info.raw)
	parameters = {'Prompt': info.prompt, 'Negative prompt': info.negative_prompt, **dict(info.params)}
	width, cross, height = parameters.get('Size', '').partition('x')
	if cross:
		parameters |= {'Size-1': width.strip(), 'Size-2': height.strip()}
	items = {key: value for key, value in texts.items() if key != INFOTEXT_KEY}
	return PngInfoResponse(info=texts.get(INFOTEXT_KEY, ''), items=items, parameters=parameters)


def ram_facts() -> dict[str, JsonValue]:
	ram = read_ram()
	if ram.total_bytes is None or ram.available_bytes is None:
		return {'error': 'unavailable'}
	total, free = ram.total_bytes, ram.available_bytes
	return {'free': free, 'used': total - free, 'total': total}


def cuda_facts(device: torch.device) -> dict[str, JsonValue]:
	"""The GPU's memory as A1111 reports it; `unavailable` when the app runs elsewhere (CPU, MPS)."""
	if device.type != 'cuda' or not torch.cuda.is_available():
		return {'error': 'unavailable'}
	free, total = torch.cuda.mem_get_info(device)
	stats = torch.cuda.memory_stats(device)

	def pair(name: str) -> dict[str, JsonValue]:
		return {'current': int(stats.get(f'{name}.all.current', 0)), 'peak': int(stats.get(f'{name}.all.peak', 0))}

	return {
		'system': {'free': free, 'used': total - free, 'total': total},
		'active': pair('active_bytes'),
		'allocated': pair('allocated_bytes'),
		'reserved': pair('reserved_bytes'),
		'inactive': pair('inactive_split_bytes'),
		'events': {'retries': int(stats.get('num_alloc_retries', 0)), 'oom': int(stats.get('num_ooms', 0))},
	}


def add_tool_routes(router: APIRouter, context: AppContext) -> None:
	def png_info(body: PngInfoRequest) -> PngInfoResponse:
		data = image_bytes(body.image, 'image')
		with answered('image'):
			return png_info_answer(read_png_info(data))

	def memory() -> MemoryResponse:
		return MemoryResponse(ram=ram_facts(), cuda=cuda_facts(context.manager.plan.device))

	router.add_api_route('/png-info', png_info, methods=['POST'], response_model=PngInfoResponse)
	router.add_api_route('/memory', memory, methods=['GET'], response_model=MemoryResponse)
