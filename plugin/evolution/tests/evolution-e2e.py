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
# Usage: evolution-e2e.py --module M --signet S --data D --output O
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import json
import re
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TOTAL_TIMEOUT = 85.0  # seconds, for everything
RESULT_TIMEOUT = 30.0  # seconds, from launch to the module's result line
QUIT_TIMEOUT = 8.0

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
]
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

    # Signet's own inputs: the test root, the fixtures' validation time, and
    # the CRLs in the user's store (so the good message is fully valid).
    env["SIGNET_EXTRA_ANCHORS"] = os.path.join(args.data, "pki", "root-ca.pem")
    env["SIGNET_TIME"] = "2030-01-01T00:00:00Z"
    subprocess.run([args.signet, "import",
                    os.path.join(args.data, "pki", "root-ca.crl"),
                    os.path.join(args.data, "pki", "inter-ca.crl")],
                   env=env, check=True, stdout=subprocess.DEVNULL, timeout=20)

    # A Maildir account (not "On This Computer", see the module's README).
    maildir = os.path.join(work, "Maildir")
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub))
    for name, uid, _, _, _ in MESSAGES:
        shutil.copy(os.path.join(args.data, "messages", name),
                    os.path.join(maildir, "cur", uid + ":2,S"))
    write(os.path.join(env["XDG_CONFIG_HOME"], "evolution", "sources", ACCOUNT + ".source"),
          "[Data Source]\nDisplayName=Signet Test Maildir\nEnabled=true\nParent=\n\n"
          "[Mail Account]\nBackendName=maildir\nIdentityUid=\nNeedsInitialSetup=false\n\n"
          "[Maildir Backend]\nPath=%s\nFilterInbox=false\n" % maildir)
    return env


INNER_SCRIPT = r'''
gsettings set org.gnome.evolution.mail show-startup-wizard false
gsettings set org.gnome.evolution.shell start-offline true
gsettings set org.gnome.evolution.mail layout 1
gsettings set org.gnome.evolution.mail hpaned-size 380
gsettings set org.gnome.evolution.shell.window show-to-do-bar false 2>/dev/null
gsettings set org.gnome.evolution.mail show-to-do-bar false 2>/dev/null
gsettings set org.gnome.evolution.mail prompt-on-mark-all-read false 2>/dev/null
echo ready > "$SIGNET_E2E_READY"
exec sleep 3600
'''


def read_results(path):
    try:
        with open(path) as f:
            return [json.loads(line) for line in f if line.strip()]
    except FileNotFoundError:
        return []


def screenshot_ppm(env):
    r = subprocess.run(["import", "-window", "root", "-depth", "8", "ppm:-"], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=10)
    return r.stdout if r.returncode == 0 else None


def count_colour(ppm, rgb):
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
    pixels = memoryview(ppm)[pos + 1:]
    target = bytes(rgb)
    return sum(1 for i in range(0, len(pixels) - 2, 3) if pixels[i:i + 3] == target)


def stable_screenshot(env, png_path):
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
    subprocess.run(["convert", "ppm:-", png_path], input=last, env=env, check=True, timeout=10)
    return last


def wait_result(result_log, stem, evolution, timeout):
    limit = min(time.monotonic() + timeout, DEADLINE - 5)
    while time.monotonic() < limit and evolution.poll() is None:
        for r in read_results(result_log):
            if (r.get("message_id") or "").startswith(stem + "@"):
                return r
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


def run_one(env, work, display, message, output):
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
    args = parser.parse_args()

    for tool in ("evolution", "Xvfb", "dbus-run-session", "import", "convert", "gsettings"):
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
            if remaining() < 12:
                errors.append("out of time before %s" % message[0])
                break
            errors += run_one(env, work, display, message, args.output)
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
