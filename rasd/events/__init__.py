"""Event extraction: cue lexicon, typing, arguments, fatalities, not-event filters, merging.

The `events` stage (rasd/stages/events.py) strings these modules together.
"""
