#!/bin/sh
# Regenerates the S/MIME test messages of tests/test-mime-scanner.c.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Needs openssl (1.1 or 3.x). Run from anywhere; writes next to itself.
# The scanner tests do not validate certificate paths, so the validity
# period of the generated certificates is irrelevant to them; every
# signature is checked against its content by the tests.
set -eu

cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

lf () { sed 's/\r$//' "$@"; }
crlf () { sed 's/\r*$/\r/' "$@"; }

cat > "$tmp/ca.ext" <<'EXT'
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
EXT
cat > "$tmp/ee.ext" <<'EXT'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = email:copy
EXT

# A CA and two users.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$tmp/ca.key" -out "$tmp/ca.pem" \
  -subj "/CN=Signet Test MIME CA" -days 9000 -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
for who in alice bob; do
  openssl req -new -newkey rsa:2048 -nodes -keyout "$tmp/$who.key" -out "$tmp/$who.csr" \
    -subj "/CN=$who/emailAddress=$who@example.org" 2>/dev/null
  openssl x509 -req -in "$tmp/$who.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" \
    -CAcreateserial -days 9000 -extfile "$tmp/ee.ext" -out "$tmp/$who.pem" 2>/dev/null
done

sign_smime () { # who in from subject -> stdout (multipart/signed, x-pkcs7-signature)
  openssl smime -sign -in "$2" -signer "$tmp/$1.pem" -inkey "$tmp/$1.key" \
    -from "$3" -to "reader@example.net" -subject "$4"
}

# 1. Detached signature over a simple text entity, LF and CRLF files
#    (application/x-pkcs7-signature, as openssl smime labels it).
printf 'Content-Type: text/plain; charset=us-ascii\n\nHello,\nthis text is signed.\n' > "$tmp/text.txt"
sign_smime alice "$tmp/text.txt" alice@example.org "Detached" > "$tmp/detached.eml"
lf "$tmp/detached.eml" > detached-lf.eml
crlf "$tmp/detached.eml" > detached-crlf.eml

# 2. The same with openssl cms: application/pkcs7-signature.
openssl cms -sign -in "$tmp/text.txt" -signer "$tmp/alice.pem" -inkey "$tmp/alice.key" \
  -from alice@example.org -to reader@example.net -subject "Detached CMS" | lf > detached-cms.eml

# 3. Signed content that is itself a multipart with a preamble and an
#    epilogue: GMime's re-serialisation of it differs from the signed bytes.
cat > "$tmp/mixed.txt" <<'ENT'
Content-Type: multipart/mixed; boundary="inner-b"

This is the preamble.

--inner-b
Content-Type: text/plain

First part.
--inner-b
Content-Type: text/plain

Second part.
--inner-b--

This is the epilogue.
ENT
crlf "$tmp/mixed.txt" > "$tmp/mixed.crlf"
openssl cms -sign -binary -in "$tmp/mixed.crlf" -signer "$tmp/alice.pem" -inkey "$tmp/alice.key" \
  -outform DER -out "$tmp/mixed.p7s"
{
  printf 'From: Alice <alice@example.org>\nTo: reader@example.net\nSubject: Epilogue\n'
  printf 'Message-ID: <epilogue@example.org>\nMIME-Version: 1.0\n'
  printf 'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256;\n boundary="outer-b"\n\n'
  printf 'This is an S/MIME signed message\n\n--outer-b\n'
  cat "$tmp/mixed.txt"
  printf '\n--outer-b\nContent-Type: application/pkcs7-signature; name=smime.p7s\n'
  printf 'Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=smime.p7s\n\n'
  openssl base64 -in "$tmp/mixed.p7s"
  printf '\n--outer-b--\n\nOuter epilogue.\n'
} > epilogue.eml

# 4. Opaque signed-data (application/x-pkcs7-mime) whose content is a
#    multipart holding a text and a detached-signed entity by bob.
openssl cms -sign -in "$tmp/text.txt" -signer "$tmp/bob.pem" -inkey "$tmp/bob.key" | lf > "$tmp/bob-entity.txt"
{
  printf 'Content-Type: multipart/mixed; boundary="opaque-b"\n\nPreamble.\n--opaque-b\n'
  printf 'Content-Type: text/plain\n\nInside the opaque signature.\n--opaque-b\n'
  cat "$tmp/bob-entity.txt"
  printf '\n--opaque-b--\nEpilogue.\n'
} | crlf > "$tmp/opaque-content.crlf"
openssl smime -sign -nodetach -binary -in "$tmp/opaque-content.crlf" -signer "$tmp/alice.pem" \
  -inkey "$tmp/alice.key" -from alice@example.org -to reader@example.net -subject "Opaque" | lf > opaque.eml

# 5. The same without smime-type, and as application/octet-stream.
sed 's/smime-type=signed-data; *//' opaque.eml > opaque-no-smime-type.eml
sed 's|application/x-pkcs7-mime; smime-type=signed-data;|application/octet-stream;|' opaque.eml > octet-stream-p7m.eml

# 6. certs-only, labelled and unlabelled.
openssl crl2pkcs7 -nocrl -certfile "$tmp/alice.pem" -certfile "$tmp/ca.pem" -outform DER -out "$tmp/certs.p7c"
for label in 'smime-type=certs-only; ' ''; do
  {
    printf 'From: alice@example.org\nSubject: Certificates\nMIME-Version: 1.0\n'
    printf 'Content-Type: application/pkcs7-mime; %sname=smime.p7c\n' "$label"
    printf 'Content-Transfer-Encoding: base64\n\n'
    openssl base64 -in "$tmp/certs.p7c"
  } > "$tmp/certs.eml"
  if [ -n "$label" ]; then cp "$tmp/certs.eml" certs-only.eml; else cp "$tmp/certs.eml" certs-only-sniff.eml; fi
done

# 7. Enveloped data, and the same labelled as signed-data (a lie).
openssl cms -encrypt -in "$tmp/text.txt" -recip "$tmp/alice.pem" -aes256 \
  -from alice@example.org -to reader@example.net -subject "Enveloped" | lf > enveloped.eml
sed 's/smime-type=enveloped-data/smime-type=signed-data/' enveloped.eml > lying-label.eml

# 8. A signed message by bob forwarded as message/rfc822 inside a message
#    signed by alice; and bob's message attached base64-encoded.
sign_smime bob "$tmp/text.txt" bob@example.org "Inner" | lf > "$tmp/inner.eml"
{
  printf 'Content-Type: multipart/mixed; boundary="fwd-b"\n\n--fwd-b\n'
  printf 'Content-Type: text/plain\n\nSee the forwarded message.\n--fwd-b\n'
  printf 'Content-Type: message/rfc822\n\n'
  cat "$tmp/inner.eml"
  printf '\n--fwd-b--\n'
} > "$tmp/fwd.txt"
sign_smime alice "$tmp/fwd.txt" alice@example.org "Outer" | lf > forwarded.eml
{
  printf 'From: carol@example.com\nSubject: Base64 forward\nMIME-Version: 1.0\n'
  printf 'Content-Type: multipart/mixed; boundary="b64-b"\n\n--b64-b\n'
  printf 'Content-Type: text/plain\n\nAttached.\n--b64-b\n'
  printf 'Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n'
  openssl base64 -in "$tmp/inner.eml"
  printf '\n--b64-b--\n'
} > forwarded-base64.eml
