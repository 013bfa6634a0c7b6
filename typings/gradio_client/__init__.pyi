# gradio_client ships no py.typed: the typed surface our tests and README script use.
from gradio_client.client import Client as Client
from gradio_client.client import Job as Job
from gradio_client.utils import handle_file as handle_file

__all__ = ['Client', 'Job', 'handle_file']
