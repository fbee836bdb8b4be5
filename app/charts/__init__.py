"""Chart builders: draw on a matplotlib ``Axes`` (never pyplot), for the window and reports."""
