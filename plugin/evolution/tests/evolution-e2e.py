#!/usr/bin/env python3
# evolution-e2e.py: end-to-end test of the Signet module in the real
# Evolution, headless.
#
# For each test message: a private profile (HOME and XDG directories in a
# temporary folder) with a Maildir account holding the signed fixtures, the
# module staged under a prefix named by EDS_EXTRA_PREFIXES, and a Signet
# store seeded with the test CRLs; Evolution starts under Xvfb in its own
# D-Bus session with that message selected. The module writes one JSON line
# per rendered result to SIGNET_EVOLUTION_RESULT_LOG; the test waits for it,
# takes a screenshot once the window stops changing, checks the verdict,
# the warnings, Evolution's own S/MIME validity and that Signet's box is
# visible in the colour of its verdict, then quits Evolution (killing it by
# PID if it does not quit, e.g. behind a modal dialog).
#
# For stranger.eml it then uses Signet's box for real, with xdotool: it
# scrolls the message until the choice buttons (drawn with a border colour
# of their own) are on screen, clicks "Trust this certificate authority",
# and checks that the decision is in the profile's Signet store, that the
# message is shown again with the verdict `signet verify` gives in that
# store, and that the alert bar went away; then it clicks "Import the
# sender's certificate" and "Export my certificate…" (to
# SIGNET_EVOLUTION_EXPORT_DIR) and checks the exported .p7c holds the test
# account's certificate. For mismatch.eml it exports with the account's
# certificate out of the store (nothing may be written) and answers its
# question with a pin; for opaque.eml it exports through the file chooser.
# The alert bar must show for the messages that are not valid, and only
# for them.
#
# Usage: evolution-e2e.py --module M --signet S --data D --output O
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import hashlib
import json
import re
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TOTAL_TIMEOUT = 150.0  # seconds, for everything
RESULT_TIMEOUT = 30.0  # seconds, from launch to the module's result line
ACTION_TIMEOUT = 10.0  # seconds, from a click to what it does
QUIT_TIMEOUT = 8.0

# The account's own identity and the certificate the store holds for it.
OWN_ADDRESS = "bob@example.org"
OWN_CERTIFICATE = "bob-ec"  # tests/data/pki/bob-ec.{pem,der}

# Border colours of the buttons of Signet's box (signet-evolution-render.h).
CHOICE_COLOUR = (0x3B, 0x1F, 0x8E)
IMPORT_COLOUR = (0x1E, 0x7B, 0x6F)
EXPORT_COLOUR = (0x8E, 0x1F, 0x5A)
# The message whose box exports nothing (the store then has no certificate
# for OWN_ADDRESS); it is tested before PROMPTED.
UNEXPORTABLE = "mismatch.eml"
# The message whose box exports through the file chooser (Evolution runs
# without SIGNET_EVOLUTION_EXPORT_DIR for it).
CHOOSER_EXPORT = "opaque.eml"
# The choice clicked for PROMPTED.
CLICKED_CHOICE = "trust-authority"

ACCOUNT = "signet-e2e-maildir"
FOLDER_URI = "folder://%s/Inbox" % ACCOUNT

# file, Maildir uid, expected verdict, a warning code that must be there,
# the verdict's border colour in the rendered box (signet-evolution-render.c)
MESSAGES = [
    ("good-rsa.eml", "1700000001.M1P1.signet", "valid", None, (0x18, 0x80, 0x38)),
    ("mismatch.eml", "1700000002.M1P1.signet", "warning", "address-mismatch", (0xB0, 0x60, 0x00)),
    ("revoked-with-crl.eml", "1700000003.M1P1.signet", "invalid", "revoked", (0xC5, 0x22, 0x1F)),
    ("stranger.eml", "1700000004.M1P1.signet", "warning", "untrusted-root", (0xB0, 0x60, 0x00)),
    # opaque signed-data: the application/pkcs7-mime path
    ("opaque.eml", "1700000005.M1P1.signet", "valid", None, (0x18, 0x80, 0x38)),
    # The user's Signet settings are read: the session sets
    # weak-algorithm-policy to reject-sha1 (INNER_SCRIPT), so this SHA-1
    # signature is invalid (without the setting it has a warning).
    ("sha1-digest.eml", "1700000006.M1P1.signet", "invalid", "weak-algorithm", (0xC5, 0x22, 0x1F)),
]
VALID_COLOUR = (0x18, 0x80, 0x38)
GOOD_LINE = "Signed by Alice Example <alice@example.org>; the signature is valid."
# The message whose trust prompt (untrusted root) is checked, and the
# question `signet verify --interactive` asks for it (filled in by main()).
PROMPTED = "stranger.eml"
ASKED = {}

DEADLINE = time.monotonic() + TOTAL_TIMEOUT


def log(msg):
    print("# " + msg, flush=True)


def remaining():
    return DEADLINE - time.monotonic()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def kill_group(proc):
    """Stop a process we started and the group it leads, by its id."""
    if proc is None:
        return
    for sig, grace in ((signal.SIGTERM, 2.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=grace)
            # The leader is gone; make sure the rest of its group is too.
            os.killpg(proc.pid, 0)
            time.sleep(0.1)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            continue
    if proc.poll() is None:
        proc.wait()


def make_profile(work, args):
    env = dict(os.environ)
    for var in ("DBUS_SESSION_BUS_ADDRESS", "LANGUAGE", "LC_ALL", "LC_MESSAGES",
                "SESSION_MANAGER", "WAYLAND_DISPLAY", "GSETTINGS_BACKEND"):
        env.pop(var, None)
    dirs = {
        "HOME": "home",
        "XDG_CONFIG_HOME": "config",
        "XDG_DATA_HOME": "data",
        "XDG_CACHE_HOME": "cache",
        "XDG_RUNTIME_DIR": "runtime",
    }
    for var, sub in dirs.items():
        path = os.path.join(work, sub)
        os.makedirs(path, mode=0o700, exist_ok=True)
        env[var] = path
    env["LANG"] = "C.UTF-8"
    env["NO_AT_BRIDGE"] = "1"
    env["WEBKIT_DISABLE_COMPOSITING_MODE"] = "1"
    env["GIO_USE_VFS"] = "local"
    # Evolution adds this to WebKit's sandbox and complains when it is missing.
    os.makedirs(os.path.join(env["XDG_DATA_HOME"], "evolution", "preview-plugins"))

    # The module, staged where EDS_EXTRA_PREFIXES makes Evolution look.
    prefix = os.path.join(work, "prefix")
    moddir = os.path.join(prefix, "lib", "evolution", "modules")
    os.makedirs(moddir)
    shutil.copy(args.module, os.path.join(moddir, os.path.basename(args.module)))
    env["EDS_EXTRA_PREFIXES"] = prefix
    # Signet's settings schema, compiled in the build tree (next to the
    # signet program's folder); the values are set in the session's dconf.
    env["GSETTINGS_SCHEMA_DIR"] = os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(args.signet))), "data")

    # Signet's own inputs: the test root, the fixtures' validation time, and
    # the CRLs in the user's store (so the good message is fully valid).
    env["SIGNET_EXTRA_ANCHORS"] = os.path.join(args.data, "pki", "root-ca.pem")
    env["SIGNET_TIME"] = "2030-01-01T00:00:00Z"
    # The other root's CRL lets stranger.eml be fully valid once its root is
    # trusted; the account's own certificate is there for the export.
    subprocess.run([args.signet, "import",
                    os.path.join(args.data, "pki", "root-ca.crl"),
                    os.path.join(args.data, "pki", "inter-ca.crl"),
                    os.path.join(args.data, "pki", "other-root.crl"),
                    os.path.join(args.data, "pki", OWN_CERTIFICATE + ".pem")],
                   env=env, check=True, stdout=subprocess.DEVNULL, timeout=20)
    env["SIGNET_EVOLUTION_EXPORT_DIR"] = os.path.join(work, "export")
    os.makedirs(env["SIGNET_EVOLUTION_EXPORT_DIR"])

    # A Maildir account (not "On This Computer", see the module's README).
    maildir = os.path.join(work, "Maildir")
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub))
    for name, uid, _, _, _ in MESSAGES:
        shutil.copy(os.path.join(args.data, "messages", name),
                    os.path.join(maildir, "cur", uid + ":2,S"))
    write(os.path.join(env["XDG_CONFIG_HOME"], "evolution", "sources", ACCOUNT + ".source"),
          "[Data Source]\nDisplayName=Signet Test Maildir\nEnabled=true\nParent=\n\n"
          "[Mail Account]\nBackendName=maildir\nIdentityUid=%s-identity\n"
          "NeedsInitialSetup=false\n\n"
          "[Maildir Backend]\nPath=%s\nFilterInbox=false\n" % (ACCOUNT, maildir))
    write(os.path.join(env["XDG_CONFIG_HOME"], "evolution", "sources",
                       ACCOUNT + "-identity.source"),
          "[Data Source]\nDisplayName=%s\nEnabled=true\nParent=%s\n\n"
          "[Mail Identity]\nAddress=%s\nName=Bob Example\n" % (OWN_ADDRESS, ACCOUNT, OWN_ADDRESS))
    return env


INNER_SCRIPT = r'''
gsettings set org.gnome.evolution.mail show-startup-wizard false
gsettings set org.gnome.evolution.shell start-offline true
gsettings set org.gnome.evolution.mail layout 1
gsettings set org.gnome.evolution.mail hpaned-size 380
gsettings set org.gnome.evolution.shell.window show-to-do-bar false 2>/dev/null
gsettings set org.gnome.evolution.mail show-to-do-bar false 2>/dev/null
gsettings set org.gnome.evolution.mail prompt-on-mark-all-read false 2>/dev/null
gsettings set org.signet.Signet weak-algorithm-policy reject-sha1
echo ready > "$SIGNET_E2E_READY"
exec sleep 3600
'''


def read_results(path):
    try:
        with open(path) as f:
            return [json.loads(line) for line in f if line.strip()]
    except FileNotFoundError:
        return []


def events(path, stem, event, after=0):
    """The result log's lines of kind @event about @stem, from line @after on."""
    return [r for r in read_results(path)[after:]
            if r.get("event", "shown") == event
            and (r.get("message_id") or "").startswith(stem + "@")]


def screenshot_ppm(env):
    r = subprocess.run(["import", "-window", "root", "-depth", "8", "ppm:-"], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=10)
    return r.stdout if r.returncode == 0 else None


def parse_ppm(ppm):
    """Width, height and the RGB bytes of a binary PPM (P6, maxval 255)."""
    # P6 header: magic, width, height, maxval, each followed by whitespace.
    fields, pos = [], 0
    while len(fields) < 4:
        while ppm[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not ppm[end:end + 1].isspace():
            end += 1
        fields.append(ppm[pos:end])
        pos = end
    return int(fields[1]), int(fields[2]), memoryview(ppm)[pos + 1:]


def count_colour(ppm, rgb):
    _, _, pixels = parse_ppm(ppm)
    target = bytes(rgb)
    return sum(1 for i in range(0, len(pixels) - 2, 3) if pixels[i:i + 3] == target)


def find_buttons(ppm, rgb):
    """The buttons drawn with a border of @rgb, top to bottom, as
    (left, top, right, bottom): runs of rows holding that colour (a
    button's side borders are on each of its rows)."""
    width, height, pixels = parse_ppm(ppm)
    target = bytes(rgb)
    stride = width * 3
    rows = []
    for y in range(height):
        row = bytes(pixels[y * stride:(y + 1) * stride])
        first = row.find(target)
        while first >= 0 and first % 3:
            first = row.find(target, first + 1)
        if first < 0:
            continue
        last = row.rfind(target)
        while last >= 0 and last % 3:
            last = row.rfind(target, 0, last + 2)
        rows.append((y, first // 3, last // 3))
    buttons = []
    for y, left, right in rows:
        if buttons and y == buttons[-1][3] + 1:
            b = buttons[-1]
            buttons[-1] = (min(b[0], left), b[1], max(b[2], right), y)
        else:
            buttons.append((left, y, right, y))
    # A whole button: a top border, side borders and a bottom border (a
    # button cut by the edge of the view has no border in the middle of its
    # first or last row).
    def on(x, y):
        i = y * stride + x * 3
        return bytes(pixels[i:i + 3]) == target
    return [b for b in buttons
            if b[3] - b[1] >= 12 and b[2] - b[0] >= 20
            and on((b[0] + b[2]) // 2, b[1]) and on((b[0] + b[2]) // 2, b[3])]


def stable_screenshot(env, png_path=None):
    """Screenshots until two in a row are identical (rendering finished)."""
    last = None
    while remaining() > 2:
        shot = screenshot_ppm(env)
        if shot is not None and shot == last:
            break
        last = shot
        time.sleep(0.4)
    if last is None:
        return None
    if png_path is not None:
        subprocess.run(["convert", "ppm:-", png_path], input=last, env=env, check=True, timeout=10)
    return last


def xdotool(env, *args):
    subprocess.run(["xdotool"] + [str(a) for a in args], env=env, check=True, timeout=10,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# Over the message (the preview is the right half of the window), and a
# corner where the pointer shows no tooltip.
OVER_MESSAGE = (1000, 700)
PARKED = (2, 1020)


def find_on_screen(env, rgb, count):
    """Scrolls the message from its top until @count whole buttons of
    border @rgb are on screen; returns the screenshot and the buttons, or
    (last screenshot, []) when they never are."""
    xdotool(env, "mousemove", *OVER_MESSAGE)
    xdotool(env, "click", "--repeat", 20, "--delay", 10, 4)
    ppm = None
    for _ in range(16):
        if remaining() < 10:
            break
        xdotool(env, "mousemove", *PARKED)
        ppm = stable_screenshot(env)
        if ppm is None:
            break
        buttons = find_buttons(ppm, rgb)
        if len(buttons) >= count:
            return ppm, buttons
        xdotool(env, "mousemove", *OVER_MESSAGE)
        xdotool(env, "click", "--repeat", 3, "--delay", 30, 5)
    return ppm, []


def click_button(env, button):
    left, top, right, bottom = button
    xdotool(env, "mousemove", (left + right) // 2, (top + bottom) // 2, "click", 1)
    xdotool(env, "mousemove", *PARKED)


def save_png(env, ppm, path):
    subprocess.run(["convert", "ppm:-", path], input=ppm, env=env, check=True, timeout=10)


def signet_json(args, env, *argv):
    r = subprocess.run([args.signet] + list(argv), env=env, capture_output=True, text=True,
                       timeout=20, stdin=subprocess.DEVNULL)
    return json.loads(r.stdout)


def click_choice(env, result_log, stem, evolution, output, shown, choice):
    """Clicks @choice in the box of @stem's message, which showed @shown;
    returns (errors, the decision logged, the message shown again, the
    screenshot after)."""
    name = stem + ".eml"
    ids = shown.get("prompt_choice_ids") or []
    if choice not in ids:
        return ["%s: no %r choice among %r" % (name, choice, ids)], None, None, None
    ppm, buttons = find_on_screen(env, CHOICE_COLOUR, len(ids))
    if ppm is not None:
        save_png(env, ppm, os.path.join(output, "%s-before-click.png" % stem))
    if len(buttons) < len(ids):
        return (["%s: the %d choice buttons are not on screen (found %d) - see "
                 "%s-before-click.png" % (name, len(ids), len(buttons), stem)], None, None, None)
    mark = len(read_results(result_log))
    log("%s: clicking %r at %r" % (name, choice, buttons[ids.index(choice)]))
    click_button(env, buttons[ids.index(choice)])
    decision = wait_result(result_log, stem, evolution, ACTION_TIMEOUT, "decision", mark)
    if decision is None:
        stable_screenshot(env, os.path.join(output, "%s-after-click.png" % stem))
        return ["%s: clicking %r recorded no decision" % (name, choice)], None, None, None
    errors = []
    if not decision.get("ok") or decision.get("choice") != choice:
        errors.append("%s: decision %r" % (name, decision))
    again = wait_result(result_log, stem, evolution, ACTION_TIMEOUT, "shown", mark)
    ppm = stable_screenshot(env, os.path.join(output, "%s-after-click.png" % stem))
    if again is None:
        errors.append("%s: not shown again after the decision" % name)
    else:
        log("%s: shown again: %s" % (name, json.dumps(again)))
    return errors, decision, again, ppm


def cli_verdict(args, env, name):
    """What `signet verify` says about @name in the profile's store."""
    return signet_json(args, env, "verify", "--json", "--offline", "--at", "2030-01-01T00:00:00Z",
                       "--anchor", os.path.join(args.data, "pki", "root-ca.pem"),
                       os.path.join(args.data, "messages", name)).get("verdict")


def pin_mismatch(args, env, result_log, stem, evolution, output, shown):
    """Answers mismatch.eml's question with "this certificate is the
    sender's too": a pin in the store, and the verdict `signet verify`
    gives after it."""
    errors, decision, again, ppm = click_choice(env, result_log, stem, evolution, output, shown,
                                                "pin-address")
    if decision is None:
        return errors
    with open(os.path.join(args.data, "pki", "alice.der"), "rb") as f:
        alice_sha256 = hashlib.sha256(f.read()).hexdigest()
    listed = signet_json(args, env, "trust", "list", "--json").get("decisions", [])
    if not any(d.get("kind") == "pin" and d.get("sha256") == alice_sha256
               and d.get("address") == "mallory@example.com" for d in listed):
        errors.append("mismatch.eml: no pin for mallory@example.com in the store: %r" % listed)
    cli = cli_verdict(args, env, "mismatch.eml")
    if again is not None and (again.get("verdict") != cli
                              or "address-mismatch" in again.get("warnings", [])):
        errors.append("mismatch.eml: shown again as %r, signet verify says %r"
                      % (again, cli))
    return errors


def answer_prompt(args, env, work, result_log, stem, evolution, output, shown):
    """Clicks CLICKED_CHOICE in PROMPTED's box, then the import and the
    export buttons, and checks what each did."""
    mark = len(read_results(result_log))
    errors, decision, again, ppm = click_choice(env, result_log, stem, evolution, output, shown,
                                                CLICKED_CHOICE)
    if decision is None:
        return errors

    # (a) the decision is in the profile's store, as `signet trust list` says
    with open(os.path.join(args.data, "pki", "other-root.der"), "rb") as f:
        root_sha256 = hashlib.sha256(f.read()).hexdigest()
    listed = signet_json(args, env, "trust", "list", "--json").get("decisions", [])
    if not any(d.get("kind") == "anchor" and d.get("sha256") == root_sha256 for d in listed):
        errors.append("%s: no anchor decision for the root in the store: %r" % (PROMPTED, listed))

    # (b) shown again, with the verdict `signet verify` gives in that store
    cli = cli_verdict(args, env, PROMPTED)
    if again is not None:
        if again.get("verdict") != cli or again.get("verdict") != "valid":
            errors.append("%s: verdict %r after the decision, signet verify says %r "
                          "(expected valid)"
                          % (PROMPTED, again.get("verdict"), cli))
        if "untrusted-root" in again.get("warnings", []) or again.get("prompt") is not None:
            errors.append("%s: still asked after the decision: %r" % (PROMPTED, again))
        if ppm is None or count_colour(ppm, VALID_COLOUR) < 200:
            errors.append("%s: the valid box is not on screen after the decision" % PROMPTED)
    if events(result_log, stem, "alert", mark):
        errors.append("%s: an alert was shown for the valid message" % PROMPTED)

    # Import the sender's certificate: Signet keeps the certificates of
    # the messages it checks, so take the signer's out of the store first;
    # the first click puts it back, the second finds it there.
    with open(os.path.join(args.data, "pki", "stranger.der"), "rb") as f:
        signer_sha256 = hashlib.sha256(f.read()).hexdigest()
    subprocess.run([args.signet, "remove", signer_sha256], env=env, check=True, timeout=20,
                   stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    for expected in ("new", "there"):
        # (found again each time: an alert above the message moves it)
        ppm, buttons = find_on_screen(env, IMPORT_COLOUR, 1)
        if not buttons:
            errors.append("%s: no import button on screen" % PROMPTED)
            break
        mark = len(read_results(result_log))
        click_button(env, buttons[0])
        imported = wait_result(result_log, stem, evolution, ACTION_TIMEOUT, "import", mark)
        log("%s: import: %s" % (PROMPTED, json.dumps(imported)))
        if imported is None or not imported.get("ok"):
            errors.append("%s: the import failed: %r" % (PROMPTED, imported))
            break
        if (expected == "new") != (imported.get("added") not in ("0", None)):
            errors.append("%s: import %r, expected the certificate to be %s"
                          % (PROMPTED, imported, expected))
    stored = [c.get("sha256") for c in signet_json(args, env, "list", "--json")]
    if signer_sha256 not in stored or root_sha256 not in stored:
        errors.append("%s: the signer's certificate and chain are not in the store after the "
                      "import" % PROMPTED)

    # Export the account's own certificate.
    mark = len(read_results(result_log))
    ppm, buttons = find_on_screen(env, EXPORT_COLOUR, 1)
    if not buttons:
        errors.append("%s: no export button on screen" % PROMPTED)
    else:
        click_button(env, buttons[0])
        exported = wait_result(result_log, stem, evolution, ACTION_TIMEOUT, "export", mark)
        log("%s: export: %s" % (PROMPTED, json.dumps(exported)))
        stable_screenshot(env, os.path.join(output, "%s-after-export.png" % stem))
        errors += check_export(exported, env, args)
    return errors


def export_without_certificate(args, env, result_log, stem, evolution, output):
    """With the account's certificate out of the store, "Export my
    certificate…" writes nothing and says so; the certificate is put back
    afterwards."""
    pem = os.path.join(args.data, "pki", OWN_CERTIFICATE + ".pem")
    with open(os.path.join(args.data, "pki", OWN_CERTIFICATE + ".der"), "rb") as f:
        own_sha256 = hashlib.sha256(f.read()).hexdigest()
    subprocess.run([args.signet, "remove", own_sha256], env=env, check=True, timeout=20,
                   stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        ppm, buttons = find_on_screen(env, EXPORT_COLOUR, 1)
        if not buttons:
            return ["%s: no export button on screen" % UNEXPORTABLE]
        mark = len(read_results(result_log))
        click_button(env, buttons[0])
        exported = wait_result(result_log, stem, evolution, ACTION_TIMEOUT, "export", mark)
        stable_screenshot(env, os.path.join(output, "%s-export-nothing.png" % stem))
        log("%s: export: %s" % (UNEXPORTABLE, json.dumps(exported)))
        if (exported is None or exported.get("ok") or exported.get("certificates") != "0"
                or exported.get("address") != OWN_ADDRESS or exported.get("path")
                or os.listdir(env["SIGNET_EVOLUTION_EXPORT_DIR"])):
            return ["%s: export without a certificate: %r" % (UNEXPORTABLE, exported)]
        return []
    finally:
        subprocess.run([args.signet, "import", pem], env=env, check=True, timeout=20,
                       stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)


def export_with_chooser(args, env, result_log, stem, evolution, output, path):
    """Without SIGNET_EVOLUTION_EXPORT_DIR, "Export my certificate…" asks
    where in a file chooser; the test types @path into it."""
    ppm, buttons = find_on_screen(env, EXPORT_COLOUR, 1)
    if not buttons:
        return ["%s: no export button on screen" % CHOOSER_EXPORT]
    mark = len(read_results(result_log))
    click_button(env, buttons[0])
    window = None
    limit = time.monotonic() + ACTION_TIMEOUT
    while window is None and time.monotonic() < limit:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name",
                                "^Export My Certificate$"],
                               env=env, capture_output=True, text=True, timeout=10)
        window = found.stdout.split()[0] if found.stdout.split() else None
        time.sleep(0.2)
    if window is None:
        stable_screenshot(env, os.path.join(output, "%s-no-chooser.png" % stem))
        return ["%s: no file chooser after clicking export" % CHOOSER_EXPORT]
    time.sleep(0.5)
    stable_screenshot(env, os.path.join(output, "%s-chooser.png" % stem))
    # No window manager: give the chooser the keyboard focus directly.
    xdotool(env, "mousemove", "--window", window, 20, 20)
    xdotool(env, "windowfocus", "--sync", window)
    xdotool(env, "key", "--clearmodifiers", "ctrl+a")
    xdotool(env, "type", "--delay", 5, path)
    xdotool(env, "key", "Return")
    xdotool(env, "mousemove", *PARKED)
    exported = wait_result(result_log, stem, evolution, ACTION_TIMEOUT, "export", mark)
    stable_screenshot(env, os.path.join(output, "%s-after-export.png" % stem))
    log("%s: export: %s" % (CHOOSER_EXPORT, json.dumps(exported)))
    return check_export(exported, dict(env, SIGNET_EVOLUTION_EXPORT_DIR=os.path.dirname(path)),
                        args, path)


def check_export(exported, env, args, expected_path=None):
    if exported is None:
        return ["the export button did nothing"]
    errors = []
    path = exported.get("path") or ""
    if not exported.get("ok") or exported.get("address") != OWN_ADDRESS:
        errors.append("export: %r, expected a success for %s" % (exported, OWN_ADDRESS))
    if expected_path is not None and path != expected_path:
        errors.append("export: written to %r, not to the file chosen, %r" % (path, expected_path))
    if os.path.dirname(path) != env["SIGNET_EVOLUTION_EXPORT_DIR"] or not os.path.exists(path):
        return errors + ["export: no file %r in SIGNET_EVOLUTION_EXPORT_DIR" % path]
    with open(path, "rb") as f:
        p7c = f.read()
    with open(os.path.join(args.data, "pki", OWN_CERTIFICATE + ".der"), "rb") as f:
        own = f.read()
    # A certs-only SignedData (DER, starting with a SEQUENCE) that carries
    # the account's certificate byte for byte.
    if not p7c.startswith(b"\x30") or own not in p7c:
        errors.append("export: %s does not hold %s.der" % (path, OWN_CERTIFICATE))
    return errors


def wait_result(result_log, stem, evolution, timeout, event="shown", after=0):
    limit = min(time.monotonic() + timeout, DEADLINE - 5)
    while time.monotonic() < limit and evolution.poll() is None:
        found = events(result_log, stem, event, after)
        if found:
            return found[0]
        time.sleep(0.1)
    return None


def check(message, result, ppm, png):
    name, uid, verdict, code, colour = message
    errors = []
    if result.get("verdict") != verdict:
        errors.append("%s: verdict %r, expected %r" % (name, result.get("verdict"), verdict))
    if code is not None and code not in result.get("warnings", []):
        errors.append("%s: warning %r missing from %r" % (name, code, result.get("warnings")))
    if not result.get("line"):
        errors.append("%s: no verdict line rendered" % name)
    if name in ("good-rsa.eml", "opaque.eml") and result.get("line") != GOOD_LINE:
        errors.append("%s: line %r, expected %r" % (name, result.get("line"), GOOD_LINE))
    if verdict == "valid" and result.get("warnings"):
        errors.append("%s: unexpected warnings %r" % (name, result.get("warnings")))
    if verdict == "valid" and result.get("prompt") is not None:
        errors.append("%s: unexpected prompt %r" % (name, result.get("prompt")))
    if name == PROMPTED:
        errors += check_prompt(name, result)
    if not result.get("host_smime_signed"):
        errors.append("%s: Signet's part lost Evolution's S/MIME validity" % name)
    if ppm is None:
        errors.append("%s: no screenshot" % name)
    else:
        n = count_colour(ppm, colour)
        log("%s: %d pixels in the %s colour #%02x%02x%02x" % ((name, n, verdict) + colour))
        if n < 200:
            errors.append("%s: Signet's %s box is not visible in %s" % (name, verdict, png))
    return errors


def ask_cli(args, work):
    """The trust question of PROMPTED as the CLI asks it (standard input is
    not a terminal: it is shown, nothing is decided), in a store of its own."""
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(work, "cli-data"),
               LC_ALL="C.UTF-8", LANGUAGE="")
    asked = subprocess.run(
        [args.signet, "verify", "--interactive", "--offline", "--at", "2030-01-01T00:00:00Z",
         "--anchor", os.path.join(args.data, "pki", "root-ca.pem"),
         os.path.join(args.data, "messages", PROMPTED)],
        env=env, capture_output=True, text=True, timeout=20, stdin=subprocess.DEVNULL)
    ASKED[PROMPTED] = asked.stdout + asked.stderr


def check_prompt(name, result):
    """The module showed the same question as the CLI: its title, and every
    choice the CLI offers."""
    errors = []
    asked = ASKED.get(name, "")
    labels = re.findall(r"^\s+\d+\) (.+)$", asked, re.M)
    title = result.get("prompt")
    if not title:
        errors.append("%s: no trust prompt shown" % name)
    elif title not in asked:
        errors.append("%s: prompt title %r is not signet verify --interactive's" % (name, title))
    if not labels:
        errors.append("%s: signet verify --interactive offers no choice" % name)
    if labels != result.get("prompt_choices"):
        errors.append("%s: choices %r, expected %r" % (name, result.get("prompt_choices"), labels))
    return errors


def check_alert(name, stem, verdict, result_log):
    """The alert bar shows the verdict when it is not valid, and only then
    (it is submitted when the message's parts are set, before they are
    rendered)."""
    limit = time.monotonic() + (3.0 if verdict != "valid" else 0.0)
    while True:
        alerts = events(result_log, stem, "alert")
        if alerts or time.monotonic() >= limit:
            break
        time.sleep(0.1)
    if verdict == "valid":
        return ["%s: an alert was shown: %r" % (name, alerts)] if alerts else []
    if not alerts:
        return ["%s: no alert bar for a %s verdict" % (name, verdict)]
    if alerts[0].get("verdict") != verdict or not alerts[0].get("ok") or not alerts[0].get("line"):
        return ["%s: alert %r" % (name, alerts[0])]
    log("%s: alert: %s" % (name, json.dumps(alerts[0])))
    return []


def run_one(env, work, display, message, output, args):
    """One Evolution, in its own D-Bus session, showing @message in its
    main window: Evolution restores the selected message of the folder it
    opens, so no clicking is needed."""
    name, uid = message[0], message[1]
    stem = name[:-4]
    result_log = os.path.join(work, "result-%s.jsonl" % stem)
    ready = os.path.join(work, "ready-%s" % stem)
    address_file = os.path.join(work, "bus-%s" % stem)
    env = dict(env)
    env["DISPLAY"] = display
    env["SIGNET_EVOLUTION_RESULT_LOG"] = result_log
    env["SIGNET_E2E_READY"] = ready
    export_dir = env["SIGNET_EVOLUTION_EXPORT_DIR"]
    if name == CHOOSER_EXPORT:
        del env["SIGNET_EVOLUTION_EXPORT_DIR"]
    write(os.path.join(env["XDG_CONFIG_HOME"], "evolution", "mail", "state.ini"),
          "[Folder %s]\nSelectedMessage=%s\n" % (FOLDER_URI, uid))

    errors = []
    session = None
    evolution = None
    started = time.monotonic()
    with open(os.path.join(output, "%s.log" % stem), "w") as errlog:
        try:
            # The D-Bus session lives as long as its first child, a shell
            # that sets the preferences and then sleeps; Evolution joins the
            # same bus through the address the shell wrote down.
            session = subprocess.Popen(
                ["dbus-run-session", "--", "sh", "-c",
                 'echo "$DBUS_SESSION_BUS_ADDRESS" > "%s"; %s' % (address_file, INNER_SCRIPT)],
                env=env, stdout=errlog, stderr=subprocess.STDOUT, start_new_session=True)
            while not os.path.exists(ready) and remaining() > 0 and session.poll() is None:
                time.sleep(0.05)
            if not os.path.exists(ready):
                return ["%s: the D-Bus session did not start" % name]
            with open(address_file) as f:
                env["DBUS_SESSION_BUS_ADDRESS"] = f.read().strip()

            evolution = subprocess.Popen(
                ["evolution", "--offline", "-g", "1270x1000+0+0", FOLDER_URI],
                env=env, stdout=errlog, stderr=subprocess.STDOUT, start_new_session=True)

            result = wait_result(result_log, stem, evolution, RESULT_TIMEOUT)
            if result is None:
                shot = os.path.join(output, "%s-timeout.png" % stem)
                subprocess.run(["import", "-window", "root", shot], env=env, timeout=10)
                if evolution.poll() is not None:
                    return ["Evolution exited (%d) before showing %s" % (evolution.returncode, name)]
                return ["no result from the module for %s within %.0f s (modal dialog?) - see %s"
                        % (name, RESULT_TIMEOUT, shot)]
            log("%s: result after %.2f s: %s" % (name, time.monotonic() - started, json.dumps(result)))
            png = os.path.join(output, "%s.png" % stem)
            ppm = stable_screenshot(env, png)
            log("%s: screenshot %s" % (name, png))
            errors += check(message, result, ppm, png)
            errors += check_alert(name, stem, message[2], result_log)
            if name == PROMPTED:
                errors += answer_prompt(args, env, work, result_log, stem, evolution, output,
                                        result)
            if name == UNEXPORTABLE:
                errors += export_without_certificate(args, env, result_log, stem, evolution,
                                                     output)
                errors += pin_mismatch(args, env, result_log, stem, evolution, output, result)
            if name == CHOOSER_EXPORT:
                errors += export_with_chooser(args, env, result_log, stem, evolution, output,
                                              os.path.join(export_dir, "chosen.p7c"))

            # Quit through Evolution itself, in the same bus and environment.
            try:
                subprocess.run(["evolution", "--quit"], env=env, stdout=errlog,
                               stderr=subprocess.STDOUT, timeout=QUIT_TIMEOUT)
                evolution.wait(timeout=QUIT_TIMEOUT)
            except subprocess.TimeoutExpired:
                errors.append("%s: Evolution did not quit (modal dialog?); killed" % name)
        finally:
            kill_group(evolution)
            kill_group(session)
    log("%s: done in %.2f s" % (name, time.monotonic() - started))
    return errors


def start_xvfb(env):
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        env=env, pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    os.close(write_fd)
    number = b""
    limit = time.monotonic() + 15
    os.set_blocking(read_fd, False)
    while time.monotonic() < limit and not number.endswith(b"\n"):
        try:
            chunk = os.read(read_fd, 16)
            if not chunk:
                break
            number += chunk
        except BlockingIOError:
            time.sleep(0.05)
    os.close(read_fd)
    if not number.strip():
        kill_group(xvfb)
        raise RuntimeError("Xvfb did not start")
    return xvfb, ":" + number.decode().strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--module", required=True)
    parser.add_argument("--signet", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--keep", action="store_true", help="keep the temporary profile")
    parser.add_argument("--only", action="append", help="test only this message (repeatable)")
    args = parser.parse_args()

    for tool in ("evolution", "Xvfb", "dbus-run-session", "import", "convert", "gsettings",
                 "xdotool"):
        if shutil.which(tool) is None:
            print("1..0 # SKIP %s is not installed" % tool)
            return 77

    # Screenshots and logs of this run only.
    shutil.rmtree(args.output, ignore_errors=True)
    os.makedirs(args.output)
    work = tempfile.mkdtemp(prefix="signet-evolution-e2e-")
    xvfb = None
    errors = []
    t0 = time.monotonic()
    try:
        env = make_profile(work, args)
        ask_cli(args, work)
        xvfb, display = start_xvfb(env)
        log("Xvfb on %s, profile in %s" % (display, work))
        for message in MESSAGES:
            if args.only and message[0] not in args.only:
                continue
            if remaining() < 12:
                errors.append("out of time before %s" % message[0])
                break
            errors += run_one(env, work, display, message, args.output, args)
    finally:
        kill_group(xvfb)
        if args.keep:
            log("profile kept in %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    log("total %.2f s" % (time.monotonic() - t0))
    for e in errors:
        print("FAIL: " + e, flush=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
