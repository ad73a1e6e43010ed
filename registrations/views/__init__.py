"""Views of registrations: thin, each checking the object permission on the server."""
