"""The static site: self-contained HTML pages over one index, opened from disk with no server.

Each module renders one kind of page from data the analyses return; :mod:`semcomp.site` gathers that
data and writes the files. Every page links ``assets/`` (the stylesheet with an embedded CJK font
subset, plotly's bundled JavaScript and a small script that highlights quoted spans), so nothing is
fetched from outside the folder.
"""
