class AppError(ValueError):
	message: str
