"""The shell: the object that builds the window, the session and the areas in two stages, owns connectivity, and the
app's start-up pieces (the demo's splash, the smoke report, OS signals).
"""
