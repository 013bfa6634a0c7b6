"""One package per tab: UI wiring plus the use cases the UI and the API share."""
