"""AUTOMATIC1111's web API (/sdapi/v1/...), served with --api beside the page through the same use cases."""

from localai_ui.sdapi.mount import PREFIX, mount_api

__all__ = ['PREFIX', 'mount_api']
