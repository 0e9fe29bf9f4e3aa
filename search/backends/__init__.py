"""Search backends: ``base`` holds the protocol and the values that cross it, ``database`` and
``elasticsearch`` answer searches, ``fallback`` puts two together, and ``factory.get_backend``
chooses among them."""
