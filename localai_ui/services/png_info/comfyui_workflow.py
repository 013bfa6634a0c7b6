"""ComfyUI's editor 'workflow' graph turned into the shape of the API graph, for images saved without 'prompt'."""

from localai_ui.services.png_info.common import as_dict, as_list, as_text

# Widget order of the nodes we read, as ComfyUI saves widgets_values.
WIDGETS = {
	'KSampler': ('seed', 'control_after_generate', 'steps', 'cfg', 'sampler_name', 'scheduler', 'denoise'),
	'CLIPTextEncode': ('text',),
	'CheckpointLoaderSimple': ('ckpt_name',),
	'EmptyLatentImage': ('width', 'height', 'batch_size'),
	'LoraLoader': ('lora_name', 'strength_model', 'strength_clip'),
}


def workflow_as_graph(content: dict[str, object] | None) -> dict[str, dict[str, object]]:
	"""node id -> inputs (widgets by name, links as [node_id, slot]); empty when there is no readable workflow."""
	if content is None:
		return {}
	sources: dict[str, list[object]] = {}
	for link in as_list(content.get('links')):
		fields = as_list(link)
		if len(fields) >= 3:
			sources[str(fields[0])] = [fields[1], fields[2]]
	graph: dict[str, dict[str, object]] = {}
	for item in as_list(content.get('nodes')):
		node = as_dict(item)
		kind = as_text(node.get('type')) or ''
		values = as_list(node.get('widgets_values'))
		inputs: dict[str, object] = dict(zip(WIDGETS.get(kind, ()), values, strict=False))
		for port in as_list(node.get('inputs')):
			fields = as_dict(port)
			name, link = as_text(fields.get('name')), as_text(fields.get('link'))
			if name and link in sources:
				inputs[name] = sources[link]
		inputs['__class__'] = kind
		graph[str(as_text(node.get('id')))] = inputs
	return graph
