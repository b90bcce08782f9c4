#!/usr/bin/env python
from pnetp.cli import main

if __name__ == "__main__":
    main()
