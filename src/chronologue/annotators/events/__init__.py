"""Events of a story: frames from the parse, their place in time, and a timeline per person.

``lexicon`` reads the event lexicon (data/event_lexicon.toml), ``frames`` finds event frames in the spaCy
parse, ``anchoring`` gives each event its day bounds, ``timelines`` orders each person's events.
"""
