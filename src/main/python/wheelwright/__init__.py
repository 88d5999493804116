"""wheelwright: build, inspect and diagnose Python wheels (a Java 17+ program).

This package holds the runnable jar and a small launcher; the ``wheelwright`` command finds a
Java 17+ runtime and replaces itself with it (see ``wheelwright._launcher``).
"""

__version__ = "@VERSION@"
