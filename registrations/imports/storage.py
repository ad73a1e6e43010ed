"""Where the registration import keeps an upload between the preview and the confirmation
(``common.imports.storage`` with this namespace): ``MEDIA_ROOT/registrations/imports/<user
id>/``, the tokens under the session key "registrations_imports", at most five pending per
session, each bound to the registration it was uploaded for (``scope=registration.pk``): a
token is found only under its registration's address, and once saved it is remembered there so
that a second confirmation (a double click) is told the file was saved."""

from common.imports.storage import UploadNamespace

REGISTRATION_UPLOADS = UploadNamespace(
    session_key="registrations_imports", folder="registrations/imports"
)
