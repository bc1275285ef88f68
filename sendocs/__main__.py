"""``python -m sendocs``: the same command line as ``sendocs``, where scripts are not on PATH."""

from sendocs.cli import main

if __name__ == "__main__":
    main(prog_name="sendocs")
