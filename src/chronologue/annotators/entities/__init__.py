"""The entities annotator: mentions of people, places, organisations, groups, events, works and laws.

``stage`` runs it; ``finder`` gathers candidates (spaCy's entities corrected by the rule tables, and the rules'
own finds), ``aliases`` ties acronyms and originals in parentheses to the name before them, ``settle``
resolves overlaps and settles one type per string over the whole text, ``rules`` holds the tables and
patterns, ``spans`` the span helpers and the parse as plain lists.
"""
