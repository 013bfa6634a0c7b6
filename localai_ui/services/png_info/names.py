"""Other tools' sampler and scheduler names, translated to the A1111 names this app uses."""

COMFY_SAMPLERS = {
	'euler': 'Euler',
	'euler_ancestral': 'Euler a',
	'heun': 'Heun',
	'lms': 'LMS',
	'dpm_2': 'DPM2',
	'dpm_2_ancestral': 'DPM2 a',
	'dpmpp_2m': 'DPM++ 2M',
	'dpmpp_2m_sde': 'DPM++ 2M SDE',
	'dpmpp_2m_sde_gpu': 'DPM++ 2M SDE',
	'dpmpp_sde': 'DPM++ SDE',
	'dpmpp_sde_gpu': 'DPM++ SDE',
	'dpmpp_2s_ancestral': 'DPM++ 2S a',
	'ddim': 'DDIM',
	'uni_pc': 'UniPC',
	'uni_pc_bh2': 'UniPC',
	'lcm': 'LCM',
	'dpmpp_2m_sde_heun': 'DPM++ 2M SDE Heun',
	'dpmpp_3m_sde': 'DPM++ 3M SDE',
	'dpmpp_3m_sde_gpu': 'DPM++ 3M SDE',
	'deis': 'DEIS',
	'ddpm': 'DDPM',
	'tcd': 'TCD',
}
COMFY_SCHEDULERS = {
	'normal': 'Normal',
	'simple': 'Simple',
	'ddim_uniform': 'DDIM',
	'kl_optimal': 'KL Optimal',
	'karras': 'Karras',
	'exponential': 'Exponential',
	'beta': 'Beta',
	'sgm_uniform': 'SGM Uniform',
}
INVOKE_SAMPLERS = {
	'euler': 'Euler',
	'euler_a': 'Euler a',
	'heun': 'Heun',
	'lms': 'LMS',
	'kdpm_2': 'DPM2',
	'kdpm_2_a': 'DPM2 a',
	'dpmpp_2m': 'DPM++ 2M',
	'dpmpp_2m_sde': 'DPM++ 2M SDE',
	'dpmpp_sde': 'DPM++ SDE',
	'dpmpp_2s': 'DPM++ 2S a',
	'ddim': 'DDIM',
	'pndm': 'PLMS',
	'unipc': 'UniPC',
	'lcm': 'LCM',
}
NOVELAI_SAMPLERS = {
	'k_euler': 'Euler',
	'k_euler_ancestral': 'Euler a',
	'k_heun': 'Heun',
	'k_lms': 'LMS',
	'k_dpm_2': 'DPM2',
	'k_dpm_2_ancestral': 'DPM2 a',
	'k_dpmpp_2m': 'DPM++ 2M',
	'k_dpmpp_sde': 'DPM++ SDE',
	'k_dpmpp_2s_ancestral': 'DPM++ 2S a',
	'ddim': 'DDIM',
	'ddim_v3': 'DDIM',
}


def invoke_sampler(name: str) -> tuple[str, str | None]:
	"""InvokeAI scheduler names ('dpmpp_2m_k') as (sampler, schedule); unknown names pass through unchanged."""
	base, karras = (name[:-2], 'Karras') if name.endswith('_k') else (name, None)
	return INVOKE_SAMPLERS.get(base, name), karras
