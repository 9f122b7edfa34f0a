"""Plotting (matplotlib only here, imported lazily by the functions that draw)."""
