"""The Generate tab: from a prompt to saved, recorded images."""
