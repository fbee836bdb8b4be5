"""The risk log view: risk and issue tables, the heat map, the exposure trend."""
