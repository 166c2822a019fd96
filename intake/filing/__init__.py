"""Filing: the worker polls the mailbox, stores every message before anything else, threads it to its dossier, files the reading and the corrected decision; privacy and re-filing."""
