"""The secretariat's web app (FastAPI, server-rendered Jinja2 pages in templates/web/)."""
