"""Legacy and presentation formats (.doc, .xls, .rtf, .ppt, .pptx, .odp) via LibreOffice.

The one reader with side effects: it writes the file to a private temporary directory
and runs `soffice --convert-to` there, with a fresh profile whose macro security is at
its highest (macros never run), a memory limit, and a timeout that kills the whole
process group. The converted DOCX/XLSX/PDF is then read by the ordinary reader; the
Document keeps the original media type.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .archive import ReadError
from .document import UNREADABLE, UNSUPPORTED, Document, Limits
from .sniff import DOC, ODP, PPT, PPTX, RTF, XLS

# media type -> (input extension, LibreOffice target, French name, format to send back)
FORMATS: dict[str, tuple[str, str, str, str]] = {
    DOC: ("doc", "docx", "Word 97-2003 (.doc)", "PDF ou DOCX"),
    RTF: ("rtf", "docx", "RTF (.rtf)", "PDF ou DOCX"),
    XLS: ("xls", "xlsx", "Excel 97-2003 (.xls)", "PDF ou XLSX"),
    PPT: ("ppt", "pdf", "PowerPoint 97-2003 (.ppt)", "PDF"),
    PPTX: ("pptx", "pdf", "PowerPoint (.pptx)", "PDF"),
    ODP: ("odp", "pdf", "présentation OpenDocument (.odp)", "PDF"),
}

_NO_MACROS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def unsupported_detail(media_type: str) -> str:
    _, _, name, back = FORMATS[media_type]
    return (f"Le format {name} n'est pas lu par le service : merci de renvoyer ce document au "
            f"format {back}.")


def convert(data: bytes, media_type: str, limits: Limits) -> tuple[str, bytes]:
    """(target extension, converted bytes); ReadError when LibreOffice is missing, fails
    or runs out of time."""
    soffice = soffice_path()
    if soffice is None:
        raise ReadError(UNSUPPORTED, unsupported_detail(media_type))
    ext, target, name, _ = FORMATS[media_type]
    with tempfile.TemporaryDirectory(prefix="fabrique-lo-") as tmp:
        root = Path(tmp)
        src = root / f"document.{ext}"
        src.write_bytes(data)
        profile = root / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_NO_MACROS, "utf-8")
        out = root / "out"
        out.mkdir()
        cmd = [soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault",
               "--nologo", f"-env:UserInstallation={profile.as_uri()}",
               "--convert-to", target, "--outdir", str(out), str(src)]
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(root),
               "LANG": "C.UTF-8", "TMPDIR": str(root)}
        _run(cmd, env, limits, name)
        result = out / f"document.{target}"
        if not result.is_file() or result.stat().st_size == 0:
            raise ReadError(UNREADABLE, f"Le document au format {name} est endommagé : il n'a "
                            "pas pu être converti pour être lu.")
        return target, result.read_bytes()


def _run(cmd: list[str], env: dict[str, str], limits: Limits, name: str) -> None:
    memory = max(limits.memory_bytes, 512 * 1024 * 1024)

    def limit() -> None:  # in the child, before exec
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env, start_new_session=True,
                            preexec_fn=limit)
    try:
        proc.wait(timeout=limits.libreoffice_timeout_seconds)
    except subprocess.TimeoutExpired as exc:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        raise ReadError(UNREADABLE, f"La conversion du document au format {name} a dépassé le "
                        "délai autorisé : il n'a pas pu être lu.") from exc
    finally:
        try:  # LibreOffice may leave helpers behind in its session
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def read_legacy(data: bytes, source: str, media_type: str, limits: Limits) -> Document:
    """Convert with LibreOffice, then read the DOCX / XLSX / PDF it produced."""
    from .docx import read_docx
    from .pdf import read_pdf
    from .sheets import read_xlsx

    target, converted = convert(data, media_type, limits)
    reader = {"docx": read_docx, "xlsx": read_xlsx, "pdf": read_pdf}[target]
    return reader(converted, source, media_type, limits)
