"""POST /png-info (the History tab's PNG Info reader) and GET /memory (RAM and the GPU's memory, A1111's keys)."""

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


def add_tool_routes(router: APIRouter, context: AppContext) -> None:
	def png_info(body: PngInfoRequest) -> PngInfoResponse:
		data = image_bytes(body.image, 'image')
		with answered('image'):
			return png_info_answer(read_png_info(data))

	def memory() -> MemoryResponse:
		return MemoryResponse(ram=ram_facts(), cuda=context.engine.cuda_memory())

	router.add_api_route('/png-info', png_info, methods=['POST'], response_model=PngInfoResponse)
	router.add_api_route('/memory', memory, methods=['GET'], response_model=MemoryResponse)
