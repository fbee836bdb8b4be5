"""File → Import… and File → Export…: plan files in and out of the workspace."""
