"""Local storage shared by the question log and the Telegram inbox: private files and folders."""
