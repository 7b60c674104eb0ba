"""The experiments: the green-exit phenomenon, classification, adversarial training, the demo.

Implementation; the public names are importable from :mod:`search`.
"""
