#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Small byte-level helpers for tests/data/generate.sh (standard library only).

  fixture.py setcerts IN.der OUT.der CERT.pem...
      Replace the certificate set of a CMS SignedData (DER, definite lengths)
      with CERT.pem... in exactly that order.  The certificates are not
      signed, so the signature stays valid; this gives an order that openssl
      (which DER-sorts the SET) cannot produce.
  fixture.py slice MSG.eml CONTENT_OUT SIG_OUT
      Cut a top-level multipart/signed message at its boundary delimiters:
      CONTENT_OUT gets the first part exactly as signed (bare LF turned into
      CRLF), SIG_OUT the decoded signature.  This is the "raw slice" a
      verifier uses when re-serialising fails.
  fixture.py slice-all OUTDIR MSG.eml...
      The same for many messages at once (python starts slowly):
      OUTDIR/NAME.content and OUTDIR/NAME.sig for each multipart/signed
      MSG.eml whose cutting succeeds; other messages are skipped.
  fixture.py rfc822 CONTENT FILENAME OUT
      From a MIME entity, write the body of the part whose
      Content-Disposition names FILENAME (a message/rfc822 attachment).
  fixture.py truncate MSG.eml OUT
      Copy MSG.eml, cut in the middle of the base64 of its smime.p7s part.
  fixture.py garbage N OUT
      N deterministic pseudo-random bytes that are not DER.
  fixture.py certorder SIG.der
      Print the subjects' CN of the CMS certificate set, in order.
"""

import base64
import hashlib
import os
import re
import sys


def der_read(buf, pos):
    """Return (tag, header_len, content_len) of the TLV at pos."""
    tag = buf[pos]
    if tag & 0x1F == 0x1F:
        raise ValueError("multi-byte tags not supported")
    first = buf[pos + 1]
    if first < 0x80:
        return tag, 2, first
    n = first & 0x7F
    if n == 0:
        raise ValueError("indefinite length not supported")
    return tag, 2 + n, int.from_bytes(buf[pos + 2:pos + 2 + n], "big")


def der_children(buf, start, end):
    out = []
    pos = start
    while pos < end:
        tag, hl, cl = der_read(buf, pos)
        out.append((tag, buf[pos:pos + hl + cl]))
        pos += hl + cl
    return out


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der_tlv(tag, content):
    return bytes([tag]) + der_len(len(content)) + content


def pem_certs(path):
    text = open(path, "rb").read().decode("ascii")
    blobs = re.findall(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", text, re.S)
    return [base64.b64decode("".join(b.split())) for b in blobs]


def signed_data(buf):
    """Return the children of SignedData and a function that re-wraps them."""
    tag, hl, cl = der_read(buf, 0)
    ci = der_children(buf, hl, hl + cl)            # OID, [0]
    explicit = ci[1][1]
    _, ehl, ecl = der_read(explicit, 0)
    sd = explicit[ehl:ehl + ecl]
    _, shl, scl = der_read(sd, 0)
    kids = der_children(sd, shl, shl + scl)

    def wrap(new_kids):
        body = b"".join(k[1] for k in new_kids)
        return der_tlv(0x30, ci[0][1] + der_tlv(0xA0, der_tlv(0x30, body)))

    return kids, wrap


def cmd_setcerts(args):
    src, dst, pems = args[0], args[1], args[2:]
    buf = open(src, "rb").read()
    kids, wrap = signed_data(buf)
    certs = b"".join(c for p in pems for c in pem_certs(p))
    new = [k for k in kids if k[0] != 0xA0]
    new.insert(3, (0xA0, der_tlv(0xA0, certs)))    # after encapContentInfo
    open(dst, "wb").write(wrap(new))


def cmd_certorder(args):
    buf = open(args[0], "rb").read()
    kids, _ = signed_data(buf)
    for tag, tlv in kids:
        if tag != 0xA0:
            continue
        _, hl, cl = der_read(tlv, 0)
        for _, cert in der_children(tlv, hl, hl + cl):
            # The last commonName in the certificate is the subject's one.
            names = []
            for m in re.finditer(rb"\x06\x03\x55\x04\x03[\x0c\x13]", cert):
                n = cert[m.end()]
                names.append(cert[m.end() + 1:m.end() + 1 + n].decode())
            print(names[-1] if names else "?")


def header_block(raw):
    m = re.search(rb"\r?\n\r?\n", raw)
    return raw[:m.start()], raw[m.end():]


def header_param(headers, name, param):
    text = re.sub(rb"\r?\n[ \t]+", b" ", headers).decode("utf-8", "replace")
    for line in text.splitlines():
        if line.lower().startswith(name.lower() + ":"):
            m = re.search(param + r'\s*=\s*"?([^";\s]+)"?', line, re.I)
            return m.group(1) if m else None
    return None


def canon(data):
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def slice_message(path):
    """Return (content, signature DER) of a multipart/signed message."""
    raw = open(path, "rb").read()
    headers, _ = header_block(raw)
    ctype = (header_param(headers, "Content-Type", "boundary") and
             re.search(rb"(?im)^content-type:\s*multipart/signed", headers))
    if not ctype:
        raise ValueError("not multipart/signed")
    boundary = header_param(headers, "Content-Type", "boundary").encode()
    delim = re.compile(rb"(?:^|\r?\n)--" + re.escape(boundary) + rb"(--)?[ \t]*\r?\n")
    marks = list(delim.finditer(raw))
    if len(marks) < 3:
        raise ValueError("fewer than two parts")
    content = raw[marks[0].end():marks[1].start()]
    sigpart = raw[marks[1].end():marks[2].start()]
    _, sb = header_block(sigpart)
    return canon(content), base64.b64decode(b"".join(sb.split()), validate=False)


def cmd_slice(args):
    content, sig = slice_message(args[0])
    open(args[1], "wb").write(content)
    open(args[2], "wb").write(sig)


def cmd_slice_all(args):
    outdir = args[0]
    for path in args[1:]:
        name = os.path.basename(path)[:-4] if path.endswith(".eml") else os.path.basename(path)
        try:
            content, sig = slice_message(path)
        except (ValueError, TypeError, base64.binascii.Error):
            continue
        open(os.path.join(outdir, name + ".content"), "wb").write(content)
        open(os.path.join(outdir, name + ".sig"), "wb").write(sig)


def cmd_rfc822(args):
    raw = open(args[0], "rb").read()
    i = raw.index(('filename="%s"' % args[1]).encode())
    m = re.compile(rb"\r?\n\r?\n").search(raw, i)
    body_start = m.end()
    headers, _ = header_block(raw)
    boundary = header_param(headers, "Content-Type", "boundary").encode()
    end = re.compile(rb"\r?\n--" + re.escape(boundary)).search(raw, body_start).start()
    open(args[2], "wb").write(raw[body_start:end])


def cmd_truncate(args):
    raw = open(args[0], "rb").read()
    i = raw.index(b'filename="smime.p7s"')
    start = re.compile(rb"\r?\n\r?\n").search(raw, i).end()
    end = raw.index(b"\n--", start)
    open(args[1], "wb").write(raw[:start + (end - start) // 2])


def cmd_garbage(args):
    n = int(args[0])
    out = b""
    block = b"signet garbage"
    while len(out) < n:
        block = hashlib.sha256(block).digest()
        out += block
    out = bytes([0x5A]) + out[1:n]   # 0x5A: not a SEQUENCE tag
    open(args[1], "wb").write(out)


def main():
    cmds = {"setcerts": cmd_setcerts, "slice": cmd_slice, "slice-all": cmd_slice_all,
            "rfc822": cmd_rfc822,
            "truncate": cmd_truncate, "garbage": cmd_garbage, "certorder": cmd_certorder}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    cmds[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
