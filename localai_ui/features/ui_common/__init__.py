"""What every tab's UI shares: typed endpoints, errors shown as messages, and the handles tabs are wired by."""
