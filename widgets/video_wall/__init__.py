"""The live video wall: one painting widget for all tiles, its stream controller and toolbar."""
