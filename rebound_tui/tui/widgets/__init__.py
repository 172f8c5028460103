"""Reusable widgets: mood sparkline, year-in-pixels heatmap, stat boxes, scale pickers."""
