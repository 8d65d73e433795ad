"""(being written)"""

from ninja import Router

router = Router(tags=["live sessions"])
