"""``python -m bench``: run every benchmark."""

from .api_load import main

if __name__ == "__main__":
    main()
