"""Reading a Content-Security-Policy header as its directives, whatever order they were sent in."""


def policy_directives(header):
    """``"default-src 'self'; img-src 'self' data:"`` as
    ``{"default-src": ["'self'"], "img-src": ["'self'", "data:"]}``."""
    parts = (part.strip() for part in header.split(";"))
    return {part.split()[0]: part.split()[1:] for part in parts if part}
