"""The contracts: the Story (what chronologue outputs) and the Document (what a reader hands the pipeline).

Imports nothing of chronologue's."""
