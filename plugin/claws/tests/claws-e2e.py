#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""End-to-end test of the Signet Claws Mail plugin.

Starts the real claws-mail under Xvfb with a fresh profile in a temporary
directory (an MH mailbox holding signed test messages, the plugin listed in
clawsrc, a Signet store seeded with the test PKI's CRLs), shows each message,
waits for the plugin's result log, takes a screenshot and checks what the
plugin reported against the expected verdicts and against `signet verify`.

Then it answers the trust question of stranger.eml in the plugin's trust
window (opened with its shortcut, the choice pressed with its mnemonic, by
xdotool) and checks that the decision is in the profile's Signet store and
that the message is checked again with the verdict `signet verify` gives
with that store; answers selfsigned.eml's "for this session only" (valid
in Claws, nothing in the store); and imports the sender's certificate and
exports the account's certificate (seeded into the store) as certs-only
from the same window.

Everything is bounded: a hard deadline for the whole run, and Claws and Xvfb
are killed by PID on failure, so a modal dialog fails the test instead of
hanging it (a screenshot of the dialog is kept).

    claws-e2e.py --check-module MODULE
    claws-e2e.py --module MODULE --signet SIGNET --data TESTDATA --artefacts DIR

Exit status: 0 pass, 1 fail, 77 skipped (no Xvfb, claws-mail, import or
xdotool).
Python standard library only.
"""

import argparse
import hashlib
import json
import re
import select
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77
DEADLINE_SECONDS = 110      # the whole run; the meson timeout is a last resort
SETTLE_SECONDS = 0.3        # after a log line: let the X server finish the frame
VALIDATION_TIME = "2030-01-01T00:00:00Z"

# (message file, expected Claws status, expected Signet verdict, warning codes
# that must be among the signature's warnings)
MESSAGES = [
    ("good-rsa.eml", "SIGNATURE_OK", "valid", []),
    ("mismatch.eml", "SIGNATURE_WARN", "warning", ["address-mismatch"]),
    ("revoked-with-crl.eml", "SIGNATURE_INVALID", "invalid", ["revoked"]),
    ("stranger.eml", "SIGNATURE_WARN", "warning", ["untrusted-root"]),
    ("opaque.eml", "SIGNATURE_OK", "valid", []),
    # A signed message forwarded inside a signed one: the bar is about the
    # outer signature only (part "1"), not the inner one.
    ("forwarded.eml", "SIGNATURE_OK", "valid", []),
    # The user's Signet settings are read: the profile sets
    # weak-algorithm-policy to reject-sha1, so a SHA-1 signature is invalid
    # (without the setting it is shown with a warning).
    ("sha1-digest.eml", "SIGNATURE_INVALID", "invalid", ["weak-algorithm"]),
]
# Messages judged with the settings of the profile's keyfile (below): the
# CLI oracle gets the same policy as an option.
REJECT_SHA1 = {"sha1-digest.eml"}
SETTINGS_KEYFILE = "[org/signet/Signet]\nweak-algorithm-policy='reject-sha1'\n"
# The message whose trust prompt (untrusted root) is checked, and answered
# in the trust window with this choice.
PROMPTED = "stranger.eml"
ANSWER = "trust-sender"
# A message whose question is answered "for this session only": the answer
# lives in the plugin's trust model, never in the store. It is in the
# mailbox after MESSAGES and shown only by the trust window's test.
SESSION_MESSAGE = "selfsigned.eml"
SESSION_ANSWER = "trust-session"
# The account's address, and the test certificate for it that the store is
# seeded with (with its issuer) for the export.
ACCOUNT_ADDRESS = "alice@example.org"
ACCOUNT_CERT = "alice"
ACCOUNT_ISSUER = "inter-ca"
TRUST_WINDOW_TITLE = "Signet: Trust Questions"
SHORTCUT = "ctrl+shift+k"

ENTRY_POINTS = {
    "plugin_init", "plugin_done", "plugin_name", "plugin_desc",
    "plugin_version", "plugin_type", "plugin_licence", "plugin_provides",
}


class Failure(Exception):
    pass


def log(*args):
    print(*args, flush=True)


# --------------------------------------------------------------------------
# --check-module: exported symbols and libraries


def check_module(module):
    nm = shutil.which("nm")
    ldd = shutil.which("ldd")
    if nm is None or ldd is None:
        log("SKIP: nm or ldd missing")
        return SKIP
    out = subprocess.run([nm, "-D", "--defined-only", module], check=True,
                         capture_output=True, text=True).stdout
    exported = {line.split()[-1] for line in out.splitlines()
                if len(line.split()) >= 3 and line.split()[1] in "TtDdBbRrVWi"}
    exported = {s for s in exported if not s.startswith("_")}
    problems = []
    if not ENTRY_POINTS <= exported:
        problems.append("missing entry points: %s" % sorted(ENTRY_POINTS - exported))
    if exported - ENTRY_POINTS:
        problems.append("exports more than the entry points: %s"
                        % sorted(exported - ENTRY_POINTS)[:20])
    # Claws' own symbols stay undefined (the executable provides them), so
    # the linker does not catch a core function that was never built.
    # Weak references ("w") are optional by design and are not counted.
    undefined = subprocess.run([nm, "-D", "--undefined-only", module], check=True,
                               capture_output=True, text=True).stdout.splitlines()
    ours = sorted(line.split()[-1] for line in undefined
                  if line.split()[0] == "U"
                  and line.split()[-1].startswith(("signet_", "_signet_")))
    if ours:
        problems.append("Signet symbols left undefined: %s" % ours[:20])
    libs = subprocess.run([ldd, module], check=True, capture_output=True,
                          text=True).stdout
    if "libsoup" in libs:
        problems.append("links libsoup, which may clash with Claws plugins "
                        "using libsoup 2.4:\n" + libs)
    for p in problems:
        log("FAIL:", p)
    if not problems:
        log("ok: exports exactly %s; no libsoup" % ", ".join(sorted(ENTRY_POINTS)))
    return 1 if problems else 0


# --------------------------------------------------------------------------
# The profile


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def make_profile(work, module, messages, data):
    cfg = os.path.join(work, "cfg")
    mail = os.path.join(work, "Mail")
    folders = ["inbox", "sent", "queue", "draft", "trash"]
    for name in folders:
        os.makedirs(os.path.join(mail, name))
    for i, name in enumerate(messages, start=1):
        shutil.copyfile(os.path.join(data, "messages", name),
                        os.path.join(mail, "inbox", str(i)))

    items = "".join('<folderitem type="%s" name="%s" path="%s" />' % (f, f, f)
                    for f in folders)
    write(os.path.join(cfg, "folderlist.xml"),
          '<?xml version="1.0" encoding="UTF-8"?>\n'
          '<folderlist config_version="4">'
          '<folder type="mh" name="Mailbox" path="%s" collapsed="0">'
          '%s'
          '</folder></folderlist>\n' % (mail, items))
    write(os.path.join(cfg, "accountrc"),
          "[Account: 1]\nconfig_version=4\naccount_name=Test\nis_default=1\n"
          "name=Test User\naddress=%s\nprotocol=4\n"
          "smtp_server=localhost\ninbox=#mh/Mailbox/inbox\n" % ACCOUNT_ADDRESS)

    plugins = [module]
    # With Claws' own S/MIME plugin installed, load it after Signet: Signet
    # then owns signatures and smime.so still decrypts.
    stock = os.path.join(os.path.dirname(module), "smime.so")
    plugindir = subprocess.run(["pkg-config", "--variable=plugindir", "claws-mail"],
                               capture_output=True, text=True).stdout.strip()
    if plugindir and os.path.exists(os.path.join(plugindir, "smime.so")):
        stock = os.path.join(plugindir, "smime.so")
        plugins.append(stock)
    write(os.path.join(cfg, "clawsrc"),
          "[Common]\nconfig_version=4\n\n"
          "[Plugins_GTK3]\n%s\n\n"
          "[GPG]\ngpg_ask_create_key=0\ngpg_warning=0\nauto_check_signatures=1\n"
          % "\n".join(plugins))
    return cfg, mail, plugins


# --------------------------------------------------------------------------
# Processes


class Run:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.deadline = time.monotonic() + DEADLINE_SECONDS
        self.xvfb = None
        self.claws = None
        self.display = None
        self.env = None
        self.results = os.path.join(work, "results.jsonl")

    def remaining(self):
        return self.deadline - time.monotonic()

    def start_xvfb(self):
        r, w = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x1024x24",
             "-nolisten", "tcp", "-noreset"],
            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        os.close(w)
        number = b""
        while not number.endswith(b"\n"):
            if self.remaining() <= 0 or self.xvfb.poll() is not None:
                raise Failure("Xvfb did not start")
            ready, _, _ = select.select([r], [], [], min(1.0, max(0.0, self.remaining())))
            if not ready:
                continue
            chunk = os.read(r, 16)
            if not chunk:
                raise Failure("Xvfb exited before announcing its display")
            number += chunk
        os.close(r)
        self.display = ":" + number.decode().strip()
        log("Xvfb on display", self.display)

    def claws_cmd(self, cfg, *extra):
        return ["claws-mail", "--alternate-config-dir", cfg] + list(extra)

    def start_claws(self, cfg, first):
        # SIGNET_CLAWS_E2E_WRAPPER: a command to run claws-mail under, for
        # debugging (e.g. "gdb -batch -ex run -ex bt --args").
        wrapper = os.environ.get("SIGNET_CLAWS_E2E_WRAPPER", "").split()
        self.claws = subprocess.Popen(
            wrapper + self.claws_cmd(cfg, "--geometry", "1100x700+0+0", "--select", first),
            env=self.env, stdout=open(os.path.join(self.work, "claws.log"), "w"),
            stderr=subprocess.STDOUT, start_new_session=True)

    def remote(self, cfg, *extra):
        # Forwarded to the running instance through its socket.
        subprocess.run(self.claws_cmd(cfg, *extra), env=self.env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=max(1, self.remaining()), check=False)

    def screenshot(self, path):
        subprocess.run(["import", "-display", self.display, "-window", "root", path],
                       env=self.env, timeout=max(1, min(10, self.remaining())),
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def screenshot_window(self, window, path):
        subprocess.run(["import", "-display", self.display, "-window", window, path],
                       env=self.env, timeout=max(1, min(10, self.remaining())),
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def xdotool(self, *args):
        return subprocess.run(["xdotool"] + list(args), env=self.env, capture_output=True,
                              text=True, timeout=max(1, min(10, self.remaining())), check=False)

    def find_window(self, name):
        """Waits for a visible window whose title matches the regular
        expression `name`; returns its id."""
        while True:
            found = self.xdotool("search", "--onlyvisible", "--name", name).stdout.split()
            if found:
                return found[-1]
            if self.claws.poll() is not None:
                raise Failure("claws-mail exited (status %s) before showing %r"
                              % (self.claws.returncode, name))
            if self.remaining() <= 0:
                raise Failure("timed out waiting for the window %r" % name)
            time.sleep(0.1)

    def press(self, window, keys):
        """Types `keys` into `window`. There is no window manager: the input
        focus is set directly, then the keys go through XTEST like a real
        keyboard's. The window is raised first, as a window manager would
        (Claws raises its main window for every --select)."""
        self.xdotool("windowraise", window)
        self.xdotool("windowfocus", "--sync", window)
        self.xdotool("key", "--clearmodifiers", keys)

    def list_windows(self):
        """The visible windows and their titles, for a failure's log."""
        ids = self.xdotool("search", "--onlyvisible", "--name", "").stdout.split()
        return [(w, self.xdotool("getwindowname", w).stdout.strip()) for w in ids]

    def wait_for(self, what, predicate):
        while not predicate():
            if self.claws.poll() is not None:
                raise Failure("claws-mail exited (status %s) while waiting for %s"
                              % (self.claws.returncode, what))
            if self.remaining() <= 0:
                raise Failure("timed out waiting for %s" % what)
            time.sleep(0.05)

    def claws_log(self):
        try:
            with open(os.path.join(self.work, "claws.log"), encoding="utf-8",
                      errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def read_results(self):
        try:
            with open(self.results, encoding="utf-8") as f:
                return [json.loads(line) for line in f if line.endswith("\n")]
        except FileNotFoundError:
            return []

    def wait_for_result(self, count):
        """Waits until the log holds `count` lines; polls the file."""
        while True:
            lines = self.read_results()
            if len(lines) >= count:
                return lines
            if self.claws.poll() is not None:
                raise Failure("claws-mail exited (status %s) before reporting"
                              % self.claws.returncode)
            if self.remaining() <= 0:
                raise Failure("timed out waiting for the plugin's result %d" % count)
            time.sleep(0.05)

    def kill(self, proc, grace):
        if proc is None or proc.poll() is not None:
            return
        try:
            proc.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=5)


# --------------------------------------------------------------------------
# The oracle: the CLI verifies the same files with the same trust


def cli_reports(signet, data, names, work):
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(work, "cli-data"),
               LC_ALL="C.UTF-8", LANGUAGE="")
    pki = os.path.join(data, "pki")
    reports = {}
    for name in names:
        out = subprocess.run(
            [signet, "verify", "--json", "--offline", "--at", VALIDATION_TIME,
             "--anchor", os.path.join(pki, "root-ca.pem"),
             "--crl", os.path.join(pki, "inter-ca.crl"),
             "--crl", os.path.join(pki, "root-ca.crl")]
            + (["--reject-sha1"] if name in REJECT_SHA1 else [])
            + [os.path.join(data, "messages", name)],
            env=env, capture_output=True, text=True, timeout=20)
        reports[name] = json.loads(out.stdout)
        if name == PROMPTED:
            # The trust question as the CLI asks it (standard input is not
            # a terminal: it is shown, nothing is decided).
            asked = subprocess.run(
                [signet, "verify", "--interactive", "--offline", "--at", VALIDATION_TIME,
                 "--anchor", os.path.join(pki, "root-ca.pem"),
                 os.path.join(data, "messages", name)],
                env=env, capture_output=True, text=True, timeout=20,
                stdin=subprocess.DEVNULL)
            reports[name]["_asked"] = asked.stdout + asked.stderr
    return reports


def check_prompt(name, result, expected_verdict, oracle):
    """The trust prompt: the one for PROMPTED is in the full information
    (title, every choice label the CLI offers, the command that trusts the
    root); valid messages have none."""
    problems = []
    full = result.get("full") or ""
    if expected_verdict == "valid" and result.get("prompt") is not None:
        problems.append("unexpected prompt %r" % result.get("prompt"))
    if name != PROMPTED:
        return problems
    asked = oracle.get("_asked", "")
    labels = re.findall(r"^\s+\d+\) (.+)$", asked, re.M)
    title = result.get("prompt")
    if not title:
        problems.append("no prompt title in the result log")
    elif title not in asked or title not in full:
        problems.append("prompt title %r not in signet verify --interactive's question "
                        "or the full information" % title)
    if not labels:
        problems.append("signet verify --interactive offers no choice")
    for label in labels:
        if label not in full:
            problems.append("full information lacks the choice %r" % label)
    chain = oracle["signatures"][0].get("chain", [])
    if not chain or ("signet trust add %s" % chain[-1]["sha256"]) not in full:
        problems.append("full information lacks the command that trusts the root")
    if TRUST_WINDOW_TITLE not in full:
        problems.append("full information does not point to the trust window")
    return problems


def check_result(name, result, expected_status, expected_verdict, codes, oracle):
    problems = []
    if result["status"] != expected_status:
        problems.append("status %s, expected %s" % (result["status"], expected_status))
    if result["verdict"] != expected_verdict:
        problems.append("verdict %s, expected %s" % (result["verdict"], expected_verdict))
    if result["part"] != "1":
        problems.append("part %r, expected '1'" % result["part"])
    if result["summary"] != oracle["summary"]:
        problems.append("summary %r differs from signet verify's %r"
                        % (result["summary"], oracle["summary"]))
    full = result.get("full") or ""
    for sig in [s for s in oracle["signatures"] if s["part"] == "1"]:
        found = {w["code"] for w in sig["warnings"]}
        for code in codes:
            if code not in found:
                problems.append("signet verify lacks warning %s" % code)
        for w in sig["warnings"]:
            if w["message"] not in full:
                problems.append("full information lacks the sentence %r" % w["message"])
        signer = sig.get("signer")
        others = [s for s in oracle["signatures"] if s["part"] != "1" and s.get("signer")]
        for other in others:
            if other["signer"]["sha256"] != (signer or {}).get("sha256") and \
                    other["signer"]["subject"] in full:
                problems.append("full information shows the signer of part %s" % other["part"])
        if signer:
            fp = signer["sha256"].upper()
            groups = " ".join(fp[i:i + 4] for i in range(0, len(fp), 4))
            flat = " ".join(full.split())
            if groups not in flat:
                problems.append("full information lacks the signer fingerprint")
        if len(sig.get("chain", [])) > 1 and "1. " not in full:
            problems.append("full information lacks the chain")
    problems += check_prompt(name, result, expected_verdict, oracle)
    for p in problems:
        log("FAIL %s: %s" % (name, p))
    return not problems


def sha256_of_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def cli_json(signet, env, *args):
    # The same store as Claws, without its debug messages (GLib writes
    # them to the standard output).
    env = {k: v for k, v in env.items() if k != "G_MESSAGES_DEBUG"}
    out = subprocess.run([signet] + list(args), env=env, capture_output=True, text=True,
                         timeout=20)
    try:
        return json.loads(out.stdout)
    except ValueError:
        raise Failure("signet %s: no JSON (status %d): %s"
                      % (" ".join(args[:2]), out.returncode, out.stderr.strip()))


def check_trust_window(run, cfg, mail, args, pki):
    """Answers the trust question of PROMPTED in the plugin's trust window,
    then imports the sender's certificate and exports the account's.
    Returns (ok, number of result lines it caused)."""
    problems = []
    index = [m[0] for m in MESSAGES].index(PROMPTED) + 1
    source = os.path.join(mail, "inbox", str(index))
    first = len(run.read_results())
    count = first

    def next_result(what):
        nonlocal count
        result = run.wait_for_result(count + 1)[count]
        count += 1
        if os.path.realpath(result["source"] or "") != os.path.realpath(source):
            problems.append("%s: the result is for %s" % (what, result["source"]))
        return result

    # Show the message again; the plugin asks its question.
    run.remote(cfg, "--select", "#mh/Mailbox/inbox/%d" % index)
    asked = next_result("shown again")
    choices = asked.get("choices") or []
    if ANSWER not in choices:
        raise Failure("%s: the prompt offers %r, not %s" % (PROMPTED, choices, ANSWER))
    time.sleep(SETTLE_SECONDS)

    # Tools → Signet: Trust Questions…, by its shortcut.
    # "<account> - Claws Mail <version>"
    main = run.find_window(r"Claws Mail [0-9][0-9.]*$")
    run.press(main, SHORTCUT)
    window = run.find_window("^%s$" % re.escape(TRUST_WINDOW_TITLE))
    time.sleep(SETTLE_SECONDS)
    shot = os.path.join(args.artefacts, "7-trust-window.png")
    run.screenshot_window(window, shot)
    log("  screenshot:", shot)

    # The choices are numbered like the log's list; Alt+N presses button N.
    number = choices.index(ANSWER) + 1
    run.press(window, "alt+%d" % number)
    answered = next_result("after the answer")
    log("%-22s answered %-9s %-18s %s" % (PROMPTED, ANSWER, answered["status"],
                                          answered["summary"]))
    time.sleep(SETTLE_SECONDS)
    shot = os.path.join(args.artefacts, "8-%s-answered.png" % PROMPTED[:-4])
    run.screenshot(shot)
    log("  screenshot:", shot)
    shot = os.path.join(args.artefacts, "9-trust-window-answered.png")
    run.screenshot_window(window, shot)
    log("  screenshot:", shot)

    # (a) The decision is in the profile's store, as `signet trust list`
    # says: the signer's certificate pinned to the sender's address.
    decisions = cli_json(args.signet, run.env, "trust", "list", "--json")["decisions"]
    # (b) The verdict the CLI gives with that store.
    oracle = cli_json(args.signet, run.env, "verify", "--json", "--offline",
                      "--at", VALIDATION_TIME, "--anchor", os.path.join(pki, "root-ca.pem"),
                      os.path.join(args.data, "messages", PROMPTED))
    signer = oracle["signatures"][0].get("signer") or {}
    pins = [d for d in decisions if d.get("kind") == "pin" and d.get("scope") == "permanent"
            and d.get("sha256") == signer.get("sha256")]
    if not pins:
        problems.append("no permanent pin of the signer in the store: %r" % decisions)
    elif pins[0].get("address") not in (oracle["signatures"][0].get("message_addresses") or []):
        problems.append("the pin is for %r" % pins[0].get("address"))
    if answered["verdict"] != oracle["verdict"] or answered["summary"] != oracle["summary"]:
        problems.append("after the answer the plugin says %s %r, signet verify %s %r"
                        % (answered["verdict"], answered["summary"], oracle["verdict"],
                           oracle["summary"]))
    if oracle["verdict"] != "valid" or answered["status"] != "SIGNATURE_OK":
        problems.append("the pinned signature is %s (%s), expected valid"
                        % (oracle["verdict"], answered["status"]))
    if answered.get("prompt") is not None:
        problems.append("still asked %r after the answer" % answered["prompt"])

    # "For this session only", on another message: the window follows the
    # message shown.
    session_index = len(MESSAGES) + 1
    source = os.path.join(mail, "inbox", str(session_index))
    run.remote(cfg, "--select", "#mh/Mailbox/inbox/%d" % session_index)
    asked = next_result("%s shown" % SESSION_MESSAGE)
    choices = asked.get("choices") or []
    if SESSION_ANSWER not in choices:
        raise Failure("%s: the prompt offers %r, not %s" % (SESSION_MESSAGE, choices,
                                                             SESSION_ANSWER))
    time.sleep(SETTLE_SECONDS)
    run.press(window, "alt+%d" % (choices.index(SESSION_ANSWER) + 1))
    answered = next_result("after the session answer")
    log("%-22s answered %-9s %-18s %s" % (SESSION_MESSAGE, SESSION_ANSWER, answered["status"],
                                          answered["summary"]))
    time.sleep(SETTLE_SECONDS)
    shot = os.path.join(args.artefacts, "10-%s-session.png" % SESSION_MESSAGE[:-4])
    run.screenshot(shot)
    log("  screenshot:", shot)
    session_oracle = cli_json(args.signet, run.env, "verify", "--json", "--offline",
                              "--at", VALIDATION_TIME,
                              os.path.join(args.data, "messages", SESSION_MESSAGE))
    session_signer = (session_oracle["signatures"][0].get("signer") or {}).get("sha256")
    after = cli_json(args.signet, run.env, "trust", "list", "--json")["decisions"]
    if any(d.get("sha256") == session_signer for d in after):
        problems.append("the session answer reached the store: %r" % after)
    if session_oracle["verdict"] == "valid":
        problems.append("signet verify finds %s valid without the session answer"
                        % SESSION_MESSAGE)
    if answered["verdict"] != "valid" or answered["status"] != "SIGNATURE_OK" or \
            answered.get("prompt") is not None:
        problems.append("after the session answer the plugin says %s %s (prompt %r)"
                        % (answered["status"], answered["verdict"], answered.get("prompt")))

    # Import the sender's certificate: the check already stored it.
    run.press(window, "alt+i")
    run.wait_for("the import's answer",
                 lambda: "already in the Signet store" in run.claws_log())

    # Export my certificate: SIGNET_CLAWS_EXPORT_DIR replaces the chooser.
    exported = os.path.join(run.env["SIGNET_CLAWS_EXPORT_DIR"], ACCOUNT_ADDRESS + ".p7c")
    run.press(window, "alt+x")
    run.wait_for("the export", lambda: os.path.exists(exported)
                 and "saved as a certs-only file" in run.claws_log())
    shutil.copyfile(exported, os.path.join(args.artefacts, os.path.basename(exported)))
    with open(exported, "rb") as f:
        p7c = f.read()
    # A ContentInfo of signed-data (1.2.840.113549.1.7.2) ...
    if not p7c.startswith(b"\x30") or b"\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02" not in p7c[:32]:
        problems.append("the export is not a PKCS #7 signed-data file")
    # ... holding the account's certificate and its issuer (a DER SET OF:
    # in any order).
    dry = subprocess.run([args.signet, "import", "--dry-run", "--store",
                          os.path.join(run.work, "empty-store"), exported],
                         env={k: v for k, v in run.env.items() if k != "G_MESSAGES_DEBUG"}, capture_output=True, text=True, timeout=20)
    found = re.findall(r"SHA-256: ([0-9a-f]{64})", dry.stdout)
    want = [sha256_of_file(os.path.join(pki, n + ".der")) for n in (ACCOUNT_CERT, ACCOUNT_ISSUER)]
    if sorted(found) != sorted(want):
        problems.append("the export holds %r, expected the account's certificate and its "
                        "issuer %r\n%s" % (found, want, dry.stdout + dry.stderr))
    else:
        log("export: %s holds %s's certificate and its issuer" % (os.path.basename(exported),
                                                                  ACCOUNT_ADDRESS))
    for p in problems:
        log("FAIL trust window: %s" % p)
    return not problems, count - first


def run_e2e(args):
    for tool in ("Xvfb", "claws-mail", "import", "xdotool"):
        if shutil.which(tool) is None:
            log("SKIP: %s is not installed" % tool)
            return SKIP
    started = time.monotonic()
    os.makedirs(args.artefacts, exist_ok=True)
    for old in os.listdir(args.artefacts):
        if old.endswith((".png", ".jsonl", ".log", ".p7c")):
            os.unlink(os.path.join(args.artefacts, old))

    work = tempfile.mkdtemp(prefix="signet-claws-")
    names = [m[0] for m in MESSAGES]
    run = Run(args, work)
    ok = False
    try:
        cfg, mail, plugins = make_profile(work, os.path.abspath(args.module),
                                          names + [SESSION_MESSAGE], args.data)
        log("plugins:", ", ".join(plugins))
        home = os.path.join(work, "home")
        os.makedirs(home)
        gnupg = os.path.join(work, "gnupg")
        os.makedirs(gnupg, mode=0o700)
        pki = os.path.join(args.data, "pki")
        run.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home,
            "XDG_DATA_HOME": os.path.join(work, "data"),
            "XDG_CONFIG_HOME": os.path.join(work, "config"),
            "XDG_CACHE_HOME": os.path.join(work, "cache"),
            "GNUPGHOME": gnupg,
            "LC_ALL": "C.UTF-8",
            "NO_AT_BRIDGE": "1",
            # No session bus: nothing may autolaunch a lingering dbus-daemon.
            "DBUS_SESSION_BUS_ADDRESS": "unix:path=" + os.path.join(work, "no-bus"),
            "SIGNET_EXTRA_ANCHORS": os.path.join(pki, "root-ca.pem"),
            "SIGNET_TIME": VALIDATION_TIME,
            "SIGNET_CLAWS_RESULT_LOG": run.results,
            "SIGNET_CLAWS_EXPORT_DIR": os.path.join(work, "export"),
            # The trust window's answers go to claws.log.
            "G_MESSAGES_DEBUG": "Signet",
            # Signet's settings: the schema compiled in the build tree, the
            # values from a key file in the profile.
            "GSETTINGS_SCHEMA_DIR": os.path.join(os.path.dirname(os.path.abspath(args.signet)),
                                                 "..", "data"),
            "GSETTINGS_BACKEND": "keyfile",
        }
        keyfile_dir = os.path.join(work, "config", "glib-2.0", "settings")
        os.makedirs(keyfile_dir)
        with open(os.path.join(keyfile_dir, "keyfile"), "w") as f:
            f.write(SETTINGS_KEYFILE)
        os.makedirs(run.env["SIGNET_CLAWS_EXPORT_DIR"])

        # The user's Signet store knows the test PKI's CRLs, and the
        # account's own certificate with its issuer.
        subprocess.run([args.signet, "import", os.path.join(pki, "inter-ca.crl"),
                        os.path.join(pki, "root-ca.crl"),
                        os.path.join(pki, ACCOUNT_CERT + ".pem"),
                        os.path.join(pki, ACCOUNT_ISSUER + ".pem")],
                       env=run.env, check=True, capture_output=True, timeout=20)
        oracle = cli_reports(args.signet, args.data, names, work)

        run.start_xvfb()
        run.env["DISPLAY"] = run.display
        t0 = time.monotonic()
        run.start_claws(cfg, "#mh/Mailbox/inbox/1")
        all_ok = True
        for i, (name, status, verdict, codes) in enumerate(MESSAGES, start=1):
            if i > 1:
                run.remote(cfg, "--select", "#mh/Mailbox/inbox/%d" % i)
            results = run.wait_for_result(i)
            result = results[i - 1]
            log("%-22s %.2fs %-18s %s" % (name, time.monotonic() - t0,
                                           result["status"], result["summary"]))
            expected_source = os.path.join(mail, "inbox", str(i))
            if os.path.realpath(result["source"] or "") != os.path.realpath(expected_source):
                log("FAIL %s: the result is for %s" % (name, result["source"]))
                all_ok = False
            time.sleep(SETTLE_SECONDS)
            shot = os.path.join(args.artefacts, "%d-%s.png" % (i, name[:-4]))
            run.screenshot(shot)
            log("  screenshot:", shot)
            all_ok &= check_result(name, result, status, verdict, codes, oracle[name])

        trust_ok, trust_lines = check_trust_window(run, cfg, mail, args, pki)
        all_ok &= trust_ok

        run.remote(cfg, "--exit")
        run.kill(run.claws, grace=min(10, max(1, run.remaining())))
        if run.claws.returncode not in (0, None):
            log("note: claws-mail exited with", run.claws.returncode)
        extra = run.read_results()[len(MESSAGES) + trust_lines:]
        if extra:
            log("FAIL: unexpected extra results:", extra)
            all_ok = False
        ok = all_ok
    except (Failure, subprocess.SubprocessError, OSError, ValueError) as e:
        log("FAIL:", e)
        if run.display is not None:
            if shutil.which("xdotool") is not None:
                for window, title in run.list_windows():
                    log("  window %s: %r" % (window, title))
            run.screenshot(os.path.join(args.artefacts, "failure.png"))
            log("  screenshot:", os.path.join(args.artefacts, "failure.png"))
    finally:
        if run.claws is not None and run.claws.poll() is None:
            try:
                os.killpg(run.claws.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            run.claws.wait(timeout=5)
        if run.xvfb is not None:
            run.xvfb.terminate()
            run.kill(run.xvfb, grace=3)
        for keep in ("results.jsonl", "claws.log"):
            src = os.path.join(work, keep)
            if os.path.exists(src):
                shutil.copyfile(src, os.path.join(args.artefacts, keep))
        shutil.rmtree(work, ignore_errors=True)
    log("%s in %.1fs; artefacts in %s" % ("PASS" if ok else "FAIL",
                                          time.monotonic() - started, args.artefacts))
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--check-module")
    p.add_argument("--module")
    p.add_argument("--signet")
    p.add_argument("--data")
    p.add_argument("--artefacts")
    args = p.parse_args()
    if args.check_module:
        return check_module(args.check_module)
    if not (args.module and args.signet and args.data and args.artefacts):
        p.error("--module, --signet, --data and --artefacts are required")
    return run_e2e(args)


if __name__ == "__main__":
    sys.exit(main())
