"""ComfyUI: the 'prompt' API graph (nodes with class_type and inputs), else the 'workflow' editor graph."""

from collections.abc import Mapping

from localai_ui.schemas.png_info import MetadataSource, PngInfo
from localai_ui.services.png_info.comfyui_workflow import workflow_as_graph
from localai_ui.services.png_info.common import as_dict, as_list, as_text, finish, json_object
from localai_ui.services.png_info.names import COMFY_SAMPLERS, COMFY_SCHEDULERS

Graph = dict[str, dict[str, object]]
MAX_HOPS = 12
TEXT_INPUTS = ('text', 'text_g', 'text_l', 'value', 'string', 'prompt')
SAMPLER_KEYS = {'seed': 'Seed', 'noise_seed': 'Seed', 'steps': 'Steps', 'cfg': 'CFG scale'}


def _nodes(content: Mapping[str, object]) -> Graph:
	"""node id -> inputs, with the node's class under '__class__'."""
	graph: Graph = {}
	for node_id, node in content.items():
		fields = as_dict(node)
		inputs = as_dict(fields.get('inputs'))
		inputs['__class__'] = as_text(fields.get('class_type')) or ''
		graph[node_id] = inputs
	return graph


def _linked(graph: Graph, value: object) -> dict[str, object] | None:
	"""The node a link ([node_id, output]) points at."""
	link = as_list(value)
	return graph.get(str(link[0])) if link else None


def _follow_text(graph: Graph, value: object, hops: int = 0) -> str | None:
	"""The text behind an input: a string, or the text of the node it links to (through conditioning nodes)."""
	if isinstance(value, str):
		return value
	node = _linked(graph, value)
	if node is None or hops > MAX_HOPS:
		return None
	for key in (*TEXT_INPUTS, 'conditioning', 'conditioning_1', 'conditioning_to', 'positive'):
		if key in node and (text := _follow_text(graph, node[key], hops + 1)) is not None:
			return text
	return None


def _find(graph: Graph, start: object, key: str) -> dict[str, object] | None:
	"""Walk links back from `start` (model, latent...) to the first node that has input `key`."""
	node = _linked(graph, start)
	for _ in range(MAX_HOPS):
		if node is None or key in node:
			return node
		node = next((found for item in node.values() if (found := _linked(graph, item)) is not None), None)
	return None


def _sampler_params(graph: Graph, sampler: Mapping[str, object]) -> dict[str, str]:
	params: dict[str, str] = {}
	for key, label in SAMPLER_KEYS.items():
		if (value := as_text(sampler.get(key))) is not None:
			params[label] = value
	name = as_text(sampler.get('sampler_name'))
	if name:
		params['Sampler'] = COMFY_SAMPLERS.get(name, name)
	scheduler = as_text(sampler.get('scheduler'))
	if scheduler:
		params['Schedule type'] = COMFY_SCHEDULERS.get(scheduler, scheduler)
	latent = _find(graph, sampler.get('latent_image'), 'width')
	if latent is not None:
		params['Size'] = f'{as_text(latent.get("width"))}x{as_text(latent.get("height"))}'
	checkpoint = _find(graph, sampler.get('model'), 'ckpt_name')
	if checkpoint is not None and (name := as_text(checkpoint.get('ckpt_name'))):
		params['Model'] = name.rsplit('/', 1)[-1].rsplit('.', 1)[0]
	loras = [as_text(node.get('lora_name')) for node in graph.values() if 'lora_name' in node]
	if any(loras):
		params['LoRAs'] = ', '.join(name for name in loras if name)
	return params


def read_comfyui(texts: Mapping[str, str]) -> PngInfo | None:
	"""The prompts and sampler settings of the first sampler node; None when neither graph is readable."""
	content = json_object(texts.get('prompt'))
	graph = _nodes(content) if content is not None else workflow_as_graph(json_object(texts.get('workflow')))
	if not graph:
		return None
	samplers = [node for node in graph.values() if 'sampler_name' in node or 'noise_seed' in node]
	if not samplers:
		found = [text for node in graph.values() if (text := as_text(node.get('text')))]
		return finish(MetadataSource.COMFYUI, '\n'.join(found), '', {}, texts)
	sampler = samplers[0]
	prompt = _follow_text(graph, sampler.get('positive')) or ''
	negative = _follow_text(graph, sampler.get('negative')) or ''
	return finish(MetadataSource.COMFYUI, prompt, negative, _sampler_params(graph, sampler), texts)
