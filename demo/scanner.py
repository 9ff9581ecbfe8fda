"""The embedded demo's stand-in for clamd, which does not run there.

It recognises only the EICAR anti-virus test file, so the demo shows scanning, quarantine and
downloads end to end. It is chosen only in the embedded demo mode (DOCUMENT_SCANNER=demo); a
system check refuses it anywhere else, and should it be chosen anyway it passes nothing.
"""

from django.conf import settings

from cases.clamd import Verdict

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
DEMO_SIGNATURE = "Eicar-Test-Signature (demo scanner)"


def scan_stream(stream) -> Verdict:
    if not settings.MPP_DEMO_MODE:
        # Outside demo mode a document must be scanned by clamd: this one stays unreadable.
        return Verdict("error", message="the demo scanner works only when MPP_DEMO_MODE is on")
    # Uploads are at most 10 MB, so reading one whole is fine here.
    if EICAR in stream.read():
        return Verdict("infected", signature=DEMO_SIGNATURE)
    return Verdict("clean", message="embedded demo: checked for the EICAR test file only")
