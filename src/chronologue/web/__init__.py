"""The corpus web app: ``chronologue serve --store PATH|URL`` (FastAPI, Jinja templates, uvicorn; every asset is
served from the package, nothing is fetched at run time)."""
