#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# generate.sh: (re)creates the CMS (RFC 5652) fixtures of tests/test-cms.c.
#
# Every run makes fresh keys, so the bytes change from run to run but the
# file names and the meaning of every file do not. The certificates are
# valid 2020-01-01..2045-01-01; the outputs are committed and the test-suite
# never runs this script.
#
# Needs: bash, certtool (GnuTLS), openssl (3.0).
#
#   ca.pem                 the issuing CA (RSA)
#   SIGNER.pem             signer certificates: rsa (serial 128, encoded
#                          00 80), rsa2, ec256, ec384, ed25519, dsa, nonrep
#                          (keyUsage nonRepudiation only); keys are not kept
#   ca.crl                 a CRL of the CA (DER)
#   content.txt            the signed content
#   *.p7s                  SignedData (DER; rsa-stream.p7s is BER with
#                          indefinite lengths), detached unless *-nodetach,
#                          named after signer and digest; multi.p7s has
#                          three signers, many-signers.p7s seventeen
#   rsa-sha256-*.pem       rsa-sha256.p7s in PEM armour ("CMS", "PKCS7")
#   certs-only.p7c         certificates only (rsa, ca), no SignerInfo
#   certs-crls.p7c         ca and ca.crl, no SignerInfo
#   many-certs.p7c         70 certificates
#   enveloped.p7m          an EnvelopedData (not SignedData)
#
# RSASSA-PSS (RFC 4055/4056), made by `generate.sh pss` alone (which keeps
# every other file) or by a full run; self-signed signers of their own:
#   pss-signer.pem         RSA-2048 (rsaEncryption) signer
#   pss-sha{256,384,512}-{sN,max}.p7s
#                          detached, salt length N bytes or OpenSSL's
#                          default (the longest the key allows: 222, 206,
#                          190); -nodetach: encapsulated, -noattr: no
#                          signed attributes (OpenSSL 3.0 cannot make
#                          RSASSA-PSS with -stream)
#   pss-mgf1-sha256.p7s    SHA-384 with MGF1-SHA-256 (not verifiable)
#   pss-restricted.pem     an id-RSASSA-PSS key restricted to SHA-256 and
#                          salts of at least 32 bytes (RFC 4055 3.1)
#   pss-unrestricted.pem   the same key as rsaEncryption
#   pss-restricted-max.p7s that key, SHA-256, default salt
#   pss-restricted-s20.p7s that key, SHA-256, salt 20 (below its minimum)

set -euo pipefail
export LC_ALL=C TZ=UTC

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/signet-cms-gen.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$HERE"

export OPENSSL_CONF=/dev/null

generate_pss ()
{
  rm -f ./pss-*
  pss_selfsigned ()
  {
    # pss_selfsigned CERT KEY CN: valid 2020-01-01..2045-01-01.
    {
      echo "cn = \"$3\""
      echo "serial = 9"
      echo "activation_date = \"2020-01-01 00:00:00 UTC\""
      echo "expiration_date = \"2045-01-01 00:00:00 UTC\""
      echo "signing_key"
      echo "email_protection_key"
    } > "$TMP/pss.tmpl"
    certtool --generate-self-signed --load-privkey "$2" --template "$TMP/pss.tmpl" \
      --no-text --outfile "$1" 2> /dev/null
  }

  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$TMP/pss.key" 2> /dev/null
  pss_selfsigned pss-signer.pem "$TMP/pss.key" "CMS PSS signer"

  pss_sign ()
  {
    # pss_sign OUT KEY CERT MD SALT|max [openssl cms options...]
    local out=$1 key=$2 cert=$3 md=$4 salt=$5
    shift 5
    local opts=(-keyopt rsa_padding_mode:pss)
    [ "$salt" = max ] || opts+=(-keyopt "rsa_pss_saltlen:$salt")
    openssl cms -sign -binary -in content.txt -signer "$cert" -inkey "$key" -md "$md" \
      "${opts[@]}" -outform DER -out "$out" "$@"
  }

  local k=$TMP/pss.key c=pss-signer.pem
  pss_sign pss-sha256-s32.p7s "$k" "$c" sha256 32
  pss_sign pss-sha256-max.p7s "$k" "$c" sha256 max
  pss_sign pss-sha256-s0.p7s "$k" "$c" sha256 0
  pss_sign pss-sha384-s48.p7s "$k" "$c" sha384 48
  pss_sign pss-sha384-max.p7s "$k" "$c" sha384 max
  pss_sign pss-sha384-s0.p7s "$k" "$c" sha384 0
  pss_sign pss-sha512-s64.p7s "$k" "$c" sha512 64
  pss_sign pss-sha512-max.p7s "$k" "$c" sha512 max
  pss_sign pss-sha512-s0.p7s "$k" "$c" sha512 0
  pss_sign pss-sha256-max-nodetach.p7s "$k" "$c" sha256 max -nodetach
  pss_sign pss-sha384-s48-nodetach.p7s "$k" "$c" sha384 48 -nodetach
  pss_sign pss-sha512-s0-nodetach.p7s "$k" "$c" sha512 0 -nodetach
  pss_sign pss-sha384-max-noattr.p7s "$k" "$c" sha384 max -noattr
  pss_sign pss-sha512-max-noattr-nodetach.p7s "$k" "$c" sha512 max -noattr -nodetach
  pss_sign pss-mgf1-sha256.p7s "$k" "$c" sha384 max -keyopt rsa_mgf1_md:sha256

  # A key restricted by its id-RSASSA-PSS parameters; OpenSSL refuses to
  # break the restriction, so the short-salt signature is made with the
  # same key read as a plain RSA key.
  openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 \
    -pkeyopt rsa_pss_keygen_md:sha256 -pkeyopt rsa_pss_keygen_mgf1_md:sha256 \
    -pkeyopt rsa_pss_keygen_saltlen:32 -out "$TMP/restricted.key" 2> /dev/null
  # (PKCS#1 RSAPrivateKey under an "RSA-PSS PRIVATE KEY" label.)
  openssl rsa -in "$TMP/restricted.key" -traditional 2> /dev/null |
    sed 's/RSA-PSS PRIVATE KEY/RSA PRIVATE KEY/' > "$TMP/plain.key"
  pss_selfsigned pss-restricted.pem "$TMP/restricted.key" "CMS PSS restricted signer"
  pss_selfsigned pss-unrestricted.pem "$TMP/plain.key" "CMS PSS restricted signer"
  pss_sign pss-restricted-max.p7s "$TMP/restricted.key" pss-restricted.pem sha256 max
  pss_sign pss-restricted-s20.p7s "$TMP/plain.key" pss-unrestricted.pem sha256 20
}

if [ "${1:-}" = pss ]; then
  generate_pss
  echo "generate.sh: pss done"
  exit 0
fi

rm -f ./*.pem ./*.key ./*.p7s ./*.p7m ./*.p7c ./*.crl ./*.txt

template ()
{
  # template NAME CN SERIAL EXTRA-LINES...
  local name=$1 cn=$2 serial=$3
  shift 3
  {
    echo "cn = \"$cn\""
    echo "serial = $serial"
    echo "activation_date = \"2020-01-01 00:00:00 UTC\""
    echo "expiration_date = \"2045-01-01 00:00:00 UTC\""
    for line in "$@"; do echo "$line"; done
  } > "$TMP/$name.tmpl"
}

# The CA.
certtool --generate-privkey --key-type rsa --bits 2048 --no-text --outfile ca.key 2> /dev/null
template ca "Signet CMS Test CA" 1 "ca" "cert_signing_key" "crl_signing_key"
certtool --generate-self-signed --load-privkey ca.key --template "$TMP/ca.tmpl" \
  --no-text --outfile ca.pem 2> /dev/null

# Signers.
signer ()
{
  # signer NAME KEYTYPE BITS SERIAL USAGE...
  local name=$1 type=$2 bits=$3 serial=$4
  shift 4
  if [ "$type" = ed25519 ]; then
    certtool --generate-privkey --key-type ed25519 --no-text --outfile "$name.key" 2> /dev/null
  else
    certtool --generate-privkey --key-type "$type" --bits "$bits" --no-text \
      --outfile "$name.key" 2> /dev/null
  fi
  template "$name" "CMS signer $name" "$serial" "email = \"$name@example.org\"" \
    "email_protection_key" "$@"
  certtool --generate-certificate --load-privkey "$name.key" --load-ca-certificate ca.pem \
    --load-ca-privkey ca.key --template "$TMP/$name.tmpl" --no-text --outfile "$name.pem" 2> /dev/null
}

# Serial 128 encodes with a leading zero octet (0x00 0x80).
signer rsa rsa 2048 128 signing_key encryption_key
signer rsa2 rsa 2048 3 signing_key
signer ec256 ecdsa 256 4 signing_key
signer ec384 ecdsa 384 5 signing_key
signer ed25519 ed25519 0 6 signing_key
signer dsa dsa 2048 7 signing_key
signer nonrep rsa 2048 8 non_repudiation

printf 'Content-Type: text/plain\r\n\r\nThe content every fixture signs.\r\n' > content.txt

sign ()
{
  # sign OUT SIGNER [openssl cms options...]: detached DER unless told otherwise.
  local out=$1 name=$2
  shift 2
  openssl cms -sign -binary -in content.txt -signer "$name.pem" -inkey "$name.key" \
    -certfile ca.pem -outform DER -out "$out" "$@"
}

sign rsa-sha1.p7s rsa -md sha1
sign rsa-sha256.p7s rsa -md sha256
sign rsa-sha384.p7s rsa -md sha384
sign rsa-sha512.p7s rsa -md sha512
sign rsa-pss.p7s rsa -md sha256 -keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:32
sign rsa-pss-sha384.p7s rsa -md sha384 -keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:48
sign ec256.p7s ec256 -md sha256
sign ec384.p7s ec384 -md sha384
# OpenSSL 3.0 cannot make Ed25519 SignedData: GnuTLS does (with signed
# attributes, digestAlgorithm SHA-512 as RFC 8419 wants).
certtool --p7-detached-sign --p7-time --load-privkey ed25519.key --load-certificate ed25519.pem \
  --infile content.txt --outder --outfile ed25519.p7s 2> /dev/null
sign dsa.p7s dsa -md sha256
sign nonrep.p7s nonrep -md sha256
sign rsa-noattr.p7s rsa -md sha256 -noattr
sign rsa-keyid.p7s rsa -md sha256 -keyid
sign rsa-nodetach.p7s rsa -md sha256 -nodetach
sign rsa-noattr-nodetach.p7s rsa -md sha256 -noattr -nodetach
sign rsa-stream.p7s rsa -md sha256 -nodetach -stream
# ESS signingCertificate (SHA-1) and signingCertificateV2 (SHA-256, SHA-384).
sign rsa-ess-v1.p7s rsa -md sha1 -cades
sign rsa-ess-v2.p7s rsa -md sha256 -cades
sign rsa-ess-v2-sha384.p7s rsa -md sha384 -cades
# Small input for the mutation tests: encapsulated, ESS, no certificates.
sign rsa-nocerts.p7s rsa -md sha256 -cades -nodetach -nocerts
openssl cms -sign -binary -in content.txt -signer rsa.pem -inkey rsa.key \
  -signer ec256.pem -inkey ec256.key -signer ec384.pem -inkey ec384.key \
  -certfile ca.pem -md sha256 -outform DER -out multi.p7s

# More SignerInfos than SIGNET_MAX_CMS_SIGNERS (16): one key, 17 times.
args=()
for i in $(seq 17); do args+=(-signer rsa.pem -inkey rsa.key); done
openssl cms -sign -binary -in content.txt "${args[@]}" -md sha256 -noattr -nocerts \
  -outform DER -out many-signers.p7s

# PEM armour: openssl cms writes "CMS", the older label is "PKCS7".
openssl cms -cmsout -inform DER -in rsa-sha256.p7s -outform PEM -out rsa-sha256-cms.pem
openssl pkcs7 -inform DER -in rsa-sha256.p7s -outform PEM -out rsa-sha256-pkcs7.pem

# Certs-only, and a certificates-and-CRLs bag.
cat > "$TMP/crl.tmpl" << 'TMPL'
crl_next_update = 9000
crl_number = 1
TMPL
certtool --generate-certificate --load-privkey rsa2.key --load-ca-certificate ca.pem \
  --load-ca-privkey ca.key --template "$TMP/rsa2.tmpl" --no-text --outfile "$TMP/revoked.pem" 2> /dev/null
certtool --generate-crl --load-ca-privkey ca.key --load-ca-certificate ca.pem \
  --load-certificate "$TMP/revoked.pem" --template "$TMP/crl.tmpl" --no-text \
  --outder --outfile ca.crl 2> /dev/null
openssl crl2pkcs7 -nocrl -certfile rsa.pem -certfile ca.pem -outform DER -out certs-only.p7c
openssl crl2pkcs7 -in ca.crl -inform DER -certfile ca.pem -outform DER -out certs-crls.p7c
# More certificates than SIGNET_MAX_CMS_CERTIFICATES (64).
for i in $(seq 70); do cat ca.pem; done > "$TMP/many.pem"
openssl crl2pkcs7 -nocrl -certfile "$TMP/many.pem" -outform DER -out many-certs.p7c

# EnvelopedData.
openssl cms -encrypt -binary -in content.txt -recip rsa.pem -aes-128-cbc -outform DER \
  -out enveloped.p7m

generate_pss

rm -f ./*.key
echo "generate.sh: done"
