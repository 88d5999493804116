"""``python -m wheelwright ARGS`` runs the tool as the ``wheelwright`` command does."""

from wheelwright._launcher import main

if __name__ == "__main__":
    main()
