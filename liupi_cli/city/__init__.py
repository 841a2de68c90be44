"""A city that collects its counties: 目标分解 (decomposition), collect, roll-up and the 排名通报 (ranking).

Each module is a pure core: it takes what it needs (the city's settings, figures, the period) and returns
typed models; the CLI (cli/city_cmds.py) reads files and the clock, and render/city_doc.py draws the models.
"""
