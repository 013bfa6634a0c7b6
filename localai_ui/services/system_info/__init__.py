"""What the machine has: GPUs, driver, CUDA, versions, RAM, disks, and why CUDA is missing when it should not be."""

from localai_ui.services.system_info.collect import SystemProbes, collect_system_info, cudnn_text, default_device
from localai_ui.services.system_info.cuda_diagnosis import TorchInstall, diagnose_cuda, reinstall_commands
from localai_ui.services.system_info.driver_probe import parse_driver_version, read_driver_facts
from localai_ui.services.system_info.facts import NO_DRIVER, DriverFacts, RamFacts, TorchFacts
from localai_ui.services.system_info.host_probe import DiskUsage, disk_space, installed_version, read_ram

__all__ = [
	'NO_DRIVER',
	'DiskUsage',
	'DriverFacts',
	'RamFacts',
	'SystemProbes',
	'TorchFacts',
	'TorchInstall',
	'collect_system_info',
	'cudnn_text',
	'default_device',
	'diagnose_cuda',
	'disk_space',
	'installed_version',
	'parse_driver_version',
	'read_driver_facts',
	'read_ram',
	'reinstall_commands',
]
