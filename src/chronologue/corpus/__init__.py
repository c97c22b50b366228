"""Many documents: the batch engine (``engine``, local processes or Dask), cross-document identities
(``resolve``) and the corpus file (``model``, schema ``chronologue.corpus/1``), put together by ``build``."""

from chronologue.corpus.build import BuildResult, build_corpus, load_corpus
from chronologue.corpus.model import CORPUS_SCHEMA_ID, Corpus, corpus_json_schema

__all__ = ["CORPUS_SCHEMA_ID", "BuildResult", "Corpus", "build_corpus", "corpus_json_schema", "load_corpus"]
