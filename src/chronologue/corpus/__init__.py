"""Many documents: the batch engine (``engine``, local processes or Dask), cross-document identities
(``resolve``), the corpus file (``model``, schema ``chronologue.corpus/1``) put together by ``build``, and the
corpus store (``store``: SQLite or PostgreSQL, filled by ``fill``, asked by ``queries``, corrected by
``corrections``). Names are imported on first use, so the command line starts without the pipeline."""

from importlib import import_module

_NAMES = {"BuildResult": "build", "build_corpus": "build", "load_corpus": "build", "CORPUS_SCHEMA_ID": "model",
          "Corpus": "model", "corpus_json_schema": "model"}

__all__ = sorted(_NAMES)


def __getattr__(name: str):
    if name in _NAMES:
        return getattr(import_module(f"chronologue.corpus.{_NAMES[name]}"), name)
    raise AttributeError(name)
