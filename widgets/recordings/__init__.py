"""The Recordings pane's parts: the day timeline, the playback views, the player bridge, export."""
