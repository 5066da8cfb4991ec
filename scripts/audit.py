"""`make audit`: pip-audit over the installed environment, judged honestly.

- A known vulnerability fails (exit 1), unless it is an accepted exception listed in
  EXCEPTIONS below with its reason (and in the README).
- When the vulnerability service cannot be reached, pip-audit marks every package "not found"
  and still says "No known vulnerabilities found". That is not a pass: this prints a loud
  warning that the audit could NOT be performed and exits 0, so CI without internet does not
  fail on a network it cannot have. AUDIT_STRICT=1 makes that case fail too (exit 2).
- Packages that could be checked are reported as checked; the rest are named as skipped.

Environment: PIP_AUDIT (the pip-audit command, default: the one next to this Python),
PIP_AUDIT_SERVICE (pypi or osv; default pypi), PIP_AUDIT_TIMEOUT (seconds per request, 10).
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# Vulnerability id -> why it is accepted for now. Every entry is also listed in the README.
EXCEPTIONS: dict[str, str] = {}

RULE = "!" * 78


@dataclass
class Verdict:
    exit_code: int
    lines: list[str]


def judge(report: dict, *, strict: bool = False, exceptions: dict[str, str] = EXCEPTIONS):
    """Turn pip-audit's JSON report into an exit code and what to print."""
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = [d for d in dependencies if not d.get("skip_reason")]
    found, accepted = [], []
    for dep in audited:
        for vuln in dep.get("vulns", []):
            ids = {vuln.get("id"), *vuln.get("aliases", [])}
            target = accepted if ids & exceptions.keys() else found
            fixed = ", ".join(vuln.get("fix_versions", [])) or "geen / none"
            target.append(
                f"{dep['name']} {dep.get('version', '?')}: {vuln.get('id')} (fix: {fixed})"
            )

    lines = [
        f"pip-audit: {len(audited)} van/of {len(dependencies)} pakketten gecontroleerd/audited."
    ]
    for item in accepted:
        lines.append(f"  geaccepteerd (zie README) / accepted exception: {item}")
    if found:
        lines.append("BEKENDE KWETSBAARHEDEN / KNOWN VULNERABILITIES:")
        lines.extend(f"  {item}" for item in found)
        return Verdict(1, lines)

    if dependencies and not audited:
        reason = skipped[0]["skip_reason"]
        lines += [
            RULE,
            "WAARSCHUWING: de audit is NIET uitgevoerd. De kwetsbaarhedendatabase was niet",
            "bereikbaar; geen enkel pakket is gecontroleerd. Dit is GEEN geslaagde audit.",
            "WARNING: the audit could NOT be performed. The vulnerability service could not be",
            "reached; not a single package was checked. This is NOT a passed audit.",
            f"(pip-audit: {reason})",
            "Run `make audit` again where the internet is reachable.",
            RULE,
        ]
        return Verdict(2 if strict else 0, lines)

    if skipped:
        lines.append(
            f"Let op / note: {len(skipped)} pakket(ten) niet gecontroleerd / not audited: "
            + ", ".join(f"{d['name']} ({d.get('skip_reason', '')})" for d in skipped[:10])
            + (" ..." if len(skipped) > 10 else "")
        )
        if strict:
            return Verdict(2, lines)
    lines.append(
        "Geen bekende kwetsbaarheden in de gecontroleerde pakketten / "
        "no known vulnerabilities in the audited packages."
    )
    return Verdict(0, lines)


def unreachable(message: str, *, strict: bool) -> Verdict:
    return Verdict(
        2 if strict else 0,
        [
            RULE,
            "WAARSCHUWING: de audit is NIET uitgevoerd.",
            "WARNING: the audit could NOT be performed.",
            message,
            RULE,
        ],
    )


def run(strict: bool) -> Verdict:
    default = str(Path(sys.executable).with_name("pip-audit"))
    command = shlex.split(os.environ.get("PIP_AUDIT", default)) + [
        "--format",
        "json",
        "--progress-spinner",
        "off",
        "--skip-editable",  # loopbrug itself is not on PyPI
        "--vulnerability-service",
        os.environ.get("PIP_AUDIT_SERVICE", "pypi"),
        "--timeout",
        os.environ.get("PIP_AUDIT_TIMEOUT", "10"),
    ]
    for vuln_id in EXCEPTIONS:
        command += ["--ignore-vuln", vuln_id]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        return unreachable("pip-audit kreeg geen antwoord binnen 15 minuten.", strict=strict)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        error = (result.stderr or result.stdout).strip()
        network = ("connection", "resolve", "timed out", "timeout", "network", "unreachable")
        if any(word in error.lower() for word in network):
            return unreachable(f"pip-audit: {error[-500:]}", strict=strict)
        # Something else went wrong (a bad option, a broken environment): that must fail.
        return Verdict(2, [f"pip-audit faalde / failed (exit {result.returncode}):", error])
    return judge(report, strict=strict)


def main() -> int:
    verdict = run(strict=os.environ.get("AUDIT_STRICT") == "1")
    print("\n".join(verdict.lines))
    return verdict.exit_code


if __name__ == "__main__":
    sys.exit(main())
