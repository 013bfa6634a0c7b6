"""mount_api(): AUTOMATIC1111's web API at /sdapi/v1 on the app's own server and port, behind the same Host and
Origin guards, its login and the page's login throttle; a docs page for it at /docs (only with --api)."""

from fastapi import APIRouter, Depends, FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse

from localai_ui import __version__
from localai_ui.context import AppContext
from localai_ui.sdapi.access import ApiAccess, api_logins
from localai_ui.sdapi.choices import add_choice_routes
from localai_ui.sdapi.docs_page import docs_html
from localai_ui.sdapi.errors import ApiError, api_error_answer
from localai_ui.sdapi.extras import add_extras_routes
from localai_ui.sdapi.generate_routes import add_generate_routes
from localai_ui.sdapi.listings import add_listing_routes
from localai_ui.sdapi.options import add_options_routes
from localai_ui.sdapi.parts import build_parts
from localai_ui.sdapi.progress_routes import add_progress_routes
from localai_ui.sdapi.tools import add_tool_routes
from localai_ui.server import LoginAttempts

PREFIX = '/sdapi/v1'
DOCS_PATH = '/docs'
SCHEMA_PATH = '/sdapi/openapi.json'  # Gradio serves its own schema at /openapi.json
TITLE = "LocalAI UI: AUTOMATIC1111's web API"


def build_router(context: AppContext, access: ApiAccess) -> APIRouter:
	"""Every /sdapi/v1 route, each behind `access`."""
	parts = build_parts(context)
	router = APIRouter(prefix=PREFIX, dependencies=[Depends(access)], tags=['sdapi'])
	add_generate_routes(router, parts)
	add_progress_routes(router, parts.board, context.engine.line)
	add_options_routes(router, context)
	add_listing_routes(router, context)
	add_choice_routes(router, context)
	add_tool_routes(router, context)
	add_extras_routes(router, parts)
	return router


def mount_api(app: FastAPI, context: AppContext, attempts: LoginAttempts) -> None:
	"""Add the API to `app` (from build_server_app, before start()); wrong passwords count with the page's."""
	access = ApiAccess(api_logins(context.settings), attempts)
	router = build_router(context, access)
	app.include_router(router)
	app.add_exception_handler(ApiError, api_error_answer)

	def schema() -> JSONResponse:
		return JSONResponse(get_openapi(title=TITLE, version=__version__, routes=router.routes))

	def docs() -> HTMLResponse:
		return HTMLResponse(
			docs_html(get_openapi(title=TITLE, version=__version__, routes=router.routes), TITLE, SCHEMA_PATH)
		)

	guarded = [Depends(access)]
	app.add_api_route(SCHEMA_PATH, schema, methods=['GET'], include_in_schema=False, dependencies=guarded)
	app.add_api_route(DOCS_PATH, docs, methods=['GET'], include_in_schema=False, dependencies=guarded)
