"""What the app runs on, beside the domain: its folders, the SQLite file helper of the local stores, the crash log, and
the reference server as a child process (the demo).
"""
