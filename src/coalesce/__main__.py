import sys

from coalesce.cli import main

sys.exit(main())
