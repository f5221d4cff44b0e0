"""Reviewing recorded segments without Qt: the timeline, exact seeking, playback, span export,
evidence packages, bookmarks and evidence locks (RecordingReviewService).

The modules are imported by name (app.playback.review_service, …): the package itself loads
nothing, so the widgets can take its values without the database code.
"""
