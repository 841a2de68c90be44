"""The plan's rhythm (总体方案 四(三)): 旬简报, 月通报, 季总结, 年终结账, who still owes what, and the pre-score.

Every function here is pure: the dates come in (the CLI passes today), nothing reads the clock or prints.
"""
