#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# generate.sh: (re)creates Signet's test PKI and signed S/MIME test messages.
#
#   tests/data/pki/        certificates (NAME.pem, NAME.der), keys (NAME.key,
#                          unencrypted PKCS#8) and CRLs (NAME.crl, NAME.crl.pem)
#   tests/data/messages/   .eml messages, certs-only.p7c, expected.tsv
#   data/samples/          a few copies of the above for the demo
#
# Every run throws the previous output away and makes fresh keys, so the
# bytes change from run to run but the file names and the meaning of every
# file do not.  Tests validate at 2030-01-01T00:00:00Z; the certificates,
# CRLs and expectations are built around that instant.  The outputs are
# committed: CI never needs to run this script.
#
# Needs: bash, openssl (3.0), cc + pkg-config + libgnutls28-dev (for
# tools/mkcms.c), python3 (standard library only), gpgsm (optional: without
# it gpgsm.eml is skipped).  See tests/data/README.md.

set -euo pipefail

export LC_ALL=C TZ=UTC

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
PKI=$HERE/pki
MSG=$HERE/messages
TOOLS=$HERE/tools
SAMPLES=$TOP/data/samples

# 2030-01-01T00:00:00Z, the validation time of the test-suite.
AT=1893456000

TMP=$(mktemp -d "${TMPDIR:-/tmp}/signet-gen.XXXXXX")
GPG_HOME=""
cleanup ()
{
  if [ -n "$GPG_HOME" ] && command -v gpgconf > /dev/null 2>&1; then
    GNUPGHOME=$GPG_HOME gpgconf --kill all > /dev/null 2>&1 || true
  fi
  if [ -n "${KEEP_TMP:-}" ]; then   # KEEP_TMP=1 ./generate.sh keeps the work directory
    echo "generate.sh: kept $TMP" >&2
  else
    rm -rf "$TMP"
  fi
}
trap cleanup EXIT

die () { echo "generate.sh: $*" >&2; exit 1; }
log () { printf '  %s\n' "$*"; }

# A private OpenSSL configuration, so the host's openssl.cnf does not matter.
export OPENSSL_CONF=$TMP/openssl.cnf CADIR=$TMP/ca/none
cat > "$OPENSSL_CONF" << 'EOF'
openssl_conf = openssl_init
[ openssl_init ]
[ req ]
distinguished_name = req_dn
prompt = no
[ req_dn ]
CN = placeholder
[ ca ]
default_ca = signet_ca
[ signet_ca ]
dir              = ${ENV::CADIR}
database         = $dir/index.txt
new_certs_dir    = $dir/new
serial           = $dir/serial
crlnumber        = $dir/crlnumber
default_md       = sha256
policy           = policy_any
unique_subject   = no
email_in_dn      = yes
copy_extensions  = none
default_crl_days = 1
crl_extensions   = crl_ext
[ policy_any ]
organizationName = optional
commonName       = optional
emailAddress     = optional
[ crl_ext ]
authorityKeyIdentifier = keyid:always
EOF

rm -rf "$PKI" "$MSG" "$SAMPLES/pki"
rm -f "$SAMPLES"/*.eml "$SAMPLES/expected.tsv" "$SAMPLES/README.md"
mkdir -p "$PKI" "$MSG" "$SAMPLES/pki" "$TMP/ca" "$TMP/w"

# ---------------------------------------------------------------------------
# PKI
# ---------------------------------------------------------------------------

echo "generate.sh: PKI"

# genkey NAME TYPE [ARG]: TYPE is rsa (ARG = bits, default 2048), ec, ed25519
# or dsa.  Writes $PKI/NAME.key (PKCS#8, unencrypted).
genkey ()
{
  local name=$1 type=$2 arg=${3:-}
  case $type in
    rsa) openssl genpkey -quiet -algorithm RSA -pkeyopt "rsa_keygen_bits:${arg:-2048}" -out "$PKI/$name.key" ;;
    ec) openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$PKI/$name.key" ;;
    ed25519) openssl genpkey -quiet -algorithm ED25519 -out "$PKI/$name.key" ;;
    dsa)
      openssl genpkey -quiet -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 \
        -pkeyopt dsa_paramgen_q_bits:256 -out "$TMP/dsaparam.pem"
      openssl genpkey -quiet -paramfile "$TMP/dsaparam.pem" -out "$PKI/$name.key" ;;
    *) die "genkey: unknown type $type" ;;
  esac
}

# newdb NAME: an openssl-ca database for one issuer.
newdb ()
{
  mkdir -p "$TMP/ca/$1/new"
  : > "$TMP/ca/$1/index.txt"
  echo 1000 > "$TMP/ca/$1/crlnumber"
}

# Serial numbers are unique across the whole PKI and the same on every run.
SERIAL=4096

# issue NAME DB ISSUER SUBJECT START END MD EXTFILE [KEYNAME]
#   Certifies $PKI/KEYNAME.key (default NAME) as $PKI/NAME.pem/.der, signed by
#   $PKI/ISSUER.pem + its key (ISSUER "self" = self-signed).  ISSUER may be
#   CERT:KEY when the key file is not named after the certificate.
issue ()
{
  local name=$1 db=$2 issuer=$3 subj=$4 start=$5 end=$6 md=$7 ext=$8 keyname=${9:-$1}
  local icert ikey
  SERIAL=$((SERIAL + 1))
  printf '%X\n' "$SERIAL" > "$TMP/ca/$db/serial"
  openssl req -new -key "$PKI/$keyname.key" -subj "$subj" -out "$TMP/w/$name.csr"
  if [ "$issuer" = self ]; then
    set -- -selfsign -keyfile "$PKI/$keyname.key"
  else
    icert=${issuer%%:*}
    ikey=${issuer#*:}
    set -- -cert "$PKI/$icert.pem" -keyfile "$PKI/$ikey.key"
  fi
  [ "$md" = default ] || set -- "$@" -md "$md"
  CADIR=$TMP/ca/$db openssl ca -batch -notext -preserveDN -in "$TMP/w/$name.csr" \
    -out "$PKI/$name.pem" -startdate "$start" -enddate "$end" \
    -extfile "$ext" -extensions ext "$@" 2> "$TMP/w/ca.log" \
    || { cat "$TMP/w/ca.log" >&2; die "could not issue $name"; }
  openssl x509 -in "$PKI/$name.pem" -outform DER -out "$PKI/$name.der"
}

# ext FILE LINE...: an extension section "ext" for openssl ca -extfile.
ext ()
{
  local f=$TMP/w/$1.ext
  shift
  { echo "[ ext ]"; printf '%s\n' "$@"; } > "$f"
  echo "$f"
}

# leafext NAME SAN [KEYUSAGE] [EKU] [EXTRA...]: the usual end-entity extensions.
#   SAN "-" = no subjectAltName.
leafext ()
{
  local name=$1 san=$2 ku=${3:-digitalSignature, keyEncipherment} eku=${4:-emailProtection}
  shift 4 2> /dev/null || shift $#
  local lines=("basicConstraints = CA:FALSE"
               "keyUsage = critical, $ku"
               "extendedKeyUsage = $eku"
               "subjectKeyIdentifier = hash"
               "authorityKeyIdentifier = keyid:always")
  [ "$san" = - ] || lines+=("subjectAltName = $san")
  ext "$name" "${lines[@]}" "$@"
}

V_START=20200101000000Z
V_END=20450101000000Z
O="/O=Signet Test"

CA_EXT=$(ext ca "basicConstraints = critical, CA:TRUE" \
                "keyUsage = critical, keyCertSign, cRLSign" \
                "subjectKeyIdentifier = hash")
INTER_EXT=$(ext inter "basicConstraints = critical, CA:TRUE, pathlen:0" \
                      "keyUsage = critical, keyCertSign, cRLSign" \
                      "subjectKeyIdentifier = hash" \
                      "authorityKeyIdentifier = keyid:always")

# Roots and intermediates.
newdb root; newdb inter; newdb inter2; newdb notca; newdb other; newdb self; newdb impostor

genkey root-ca rsa
issue root-ca root self "$O/CN=Signet Test Root CA" $V_START $V_END default "$CA_EXT"
genkey inter-ca rsa
issue inter-ca root root-ca "$O/CN=Signet Test Intermediate CA" $V_START $V_END default "$INTER_EXT"

# inter2-a / inter2-b: same subject, same key (inter2.key), both under root.
genkey inter2 rsa
issue inter2-a root root-ca "$O/CN=Signet Test Intermediate 2" $V_START 20250101000000Z default "$INTER_EXT" inter2
issue inter2-b root root-ca "$O/CN=Signet Test Intermediate 2" $V_START $V_END default "$INTER_EXT" inter2

# notca: CA:FALSE, yet it signs under-notca below.
genkey notca rsa
issue notca root root-ca "$O/CN=Signet Test Not A CA" $V_START $V_END default \
  "$(ext notca "basicConstraints = critical, CA:FALSE" \
               "subjectKeyIdentifier = hash" \
               "authorityKeyIdentifier = keyid:always")"

# A second, untrusted root.
genkey other-root rsa
issue other-root other self "/O=Other Org/CN=Other Root CA" $V_START $V_END default "$CA_EXT"

# End entities under inter-ca: leaf NAME KEYTYPE[:ARG] SUBJECT-CN SAN [START END MD KU EKU EXTRA...]
leaf ()
{
  local name=$1 kt=$2 cn=$3 san=$4 start=${5:-$V_START} end=${6:-$V_END} md=${7:-default}
  local ku=${8:-digitalSignature, keyEncipherment} eku=${9:-emailProtection}
  shift 9 2> /dev/null || shift $#
  genkey "$name" "${kt%%:*}" "$( [ "${kt#*:}" = "$kt" ] || echo "${kt#*:}" )"
  issue "$name" inter inter-ca "$O/CN=$cn" "$start" "$end" "$md" \
    "$(leafext "$name" "$san" "$ku" "$eku" "$@")"
}

SIGKU="digitalSignature"   # for keys that cannot encipher (EC, Ed25519, DSA)

leaf alice      rsa        "Alice Example"   "email:alice@example.org"
leaf bob-ec     ec         "Bob Example"     "email:bob@example.org" "" "" "" "$SIGKU"
leaf expired    rsa        "Expired Example" "email:expired@example.org" $V_START 20250101000000Z
leaf notyet     rsa        "Notyet Example"  "email:notyet@example.org" 20350101000000Z $V_END
leaf revoked    rsa        "Revoked Example" "email:revoked@example.org"
leaf noemail    rsa        "No Email"        -
genkey dnemail rsa
issue dnemail inter inter-ca "$O/CN=DN Email/emailAddress=dn@example.org" $V_START $V_END default \
  "$(leafext dnemail -)"
leaf serverauth rsa        "Server Auth"     "email:serverauth@example.org" "" "" "" "" serverAuth
leaf kenc       rsa        "Key Encipherment Only" "email:kenc@example.org" "" "" "" keyEncipherment
leaf nonrep     rsa        "Non Repudiation Only" "email:nonrep@example.org" "" "" "" nonRepudiation
leaf sha1       rsa        "SHA-1 Signed"    "email:sha1@example.org" "" "" sha1
leaf rsa1024    rsa:1024   "RSA 1024"        "email:rsa1024@example.org"
leaf md5        rsa        "MD5 Signed"      "email:md5@example.org" "" "" md5
leaf critext    rsa        "Critical Extension" "email:critext@example.org" "" "" "" "" "" \
  "1.3.6.1.4.1.55555.1 = critical, ASN1:UTF8String:signet-test"
leaf idn        rsa        "IDN User"        "email:user@xn--bcher-kva.example"
leaf upper      rsa        "Carol Upper"     "email:Carol.Upper@Example.ORG"
leaf ed25519    ed25519    "Ed25519 Example" "email:ed25519@example.org" "" "" "" "$SIGKU"
leaf dsa        dsa        "DSA Example"     "email:dsa@example.org" "" "" "" "$SIGKU"
leaf pss        rsa        "PSS Example"     "email:pss@example.org"

# multi: under inter2 (either inter2-a or inter2-b).
genkey multi rsa
issue multi inter2 inter2-b:inter2 "$O/CN=Multi Path" $V_START $V_END default \
  "$(leafext multi email:multi@example.org)"

# under-notca: issued by a certificate that is not a CA.
genkey under-notca rsa
issue under-notca notca notca "$O/CN=Under Not CA" $V_START $V_END default \
  "$(leafext under-notca email:under-notca@example.org)"

# stranger: directly under the untrusted other-root.
genkey stranger rsa
issue stranger other other-root "/O=Other Org/CN=Stranger" $V_START $V_END default \
  "$(leafext stranger email:stranger@example.net)"

# selfsigned: a self-signed end-entity certificate.
genkey selfsigned rsa
issue selfsigned self self "$O/CN=Self Signed" $V_START $V_END default \
  "$(ext selfsigned "basicConstraints = CA:FALSE" \
                    "keyUsage = critical, digitalSignature, keyEncipherment" \
                    "extendedKeyUsage = emailProtection" \
                    "subjectKeyIdentifier = hash" \
                    "subjectAltName = email:self@example.org")"

cat "$PKI/inter-ca.pem" "$PKI/root-ca.pem" > "$PKI/bundle-chain.pem"

# --- CRLs -------------------------------------------------------------------

# gencrl OUT DB CERT KEY LASTUPDATE NEXTUPDATE
gencrl ()
{
  local out=$1 db=$2 cert=$3 key=$4 last=$5 next=$6
  CADIR=$TMP/ca/$db openssl ca -batch -gencrl -cert "$cert" -keyfile "$key" \
    -crl_lastupdate "$last" -crl_nextupdate "$next" -out "$PKI/$out.crl.pem" 2> "$TMP/w/ca.log" \
    || { cat "$TMP/w/ca.log" >&2; die "could not make $out.crl"; }
  openssl crl -in "$PKI/$out.crl.pem" -outform DER -out "$PKI/$out.crl"
}

C_LAST=20290101000000Z
C_NEXT=20440101000000Z
REVOKED_AT=240101000000Z   # revocationDate: before any signing time

# revoked is on inter-ca's CRL (keyCompromise, revoked 2024-01-01).
CADIR=$TMP/ca/inter openssl ca -batch -revoke "$PKI/revoked.pem" -crl_reason keyCompromise \
  -cert "$PKI/inter-ca.pem" -keyfile "$PKI/inter-ca.key" 2> "$TMP/w/ca.log" \
  || { cat "$TMP/w/ca.log" >&2; die "could not revoke"; }
sed -i -E "s/^R(\t[^\t]*\t)[0-9]+Z,/R\1$REVOKED_AT,/" "$TMP/ca/inter/index.txt"

gencrl inter-ca-stale inter  "$PKI/inter-ca.pem"   "$PKI/inter-ca.key"   20280101000000Z 20290601000000Z
gencrl inter-ca       inter  "$PKI/inter-ca.pem"   "$PKI/inter-ca.key"   $C_LAST $C_NEXT
gencrl root-ca        root   "$PKI/root-ca.pem"    "$PKI/root-ca.key"    $C_LAST $C_NEXT
gencrl inter2         inter2 "$PKI/inter2-b.pem"   "$PKI/inter2.key"     $C_LAST $C_NEXT
gencrl other-root     other  "$PKI/other-root.pem" "$PKI/other-root.key" $C_LAST $C_NEXT

# inter-ca-wrongkey: issuer DN and authorityKeyIdentifier of inter-ca, but
# signed by an unrelated key.  It claims that alice AND revoked are revoked,
# so a verifier that wrongly accepts it shows "revoked" on good-rsa.eml.
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$TMP/w/impostor.key"
INTER_SKI=$(openssl x509 -in "$PKI/inter-ca.pem" -noout -ext subjectKeyIdentifier | sed -n '2s/ //gp')
INTER_SUBJ=$(openssl x509 -in "$PKI/inter-ca.pem" -noout -subject -nameopt compat | sed 's/^subject=//')
openssl req -new -key "$TMP/w/impostor.key" -subj "$INTER_SUBJ" -out "$TMP/w/impostor.csr"
echo 01 > "$TMP/ca/impostor/serial"
CADIR=$TMP/ca/impostor openssl ca -batch -notext -preserveDN -selfsign -keyfile "$TMP/w/impostor.key" \
  -in "$TMP/w/impostor.csr" -out "$TMP/w/impostor.pem" -startdate $V_START -enddate $V_END \
  -extfile "$(ext impostor "basicConstraints = critical, CA:TRUE" \
                           "keyUsage = critical, keyCertSign, cRLSign" \
                           "subjectKeyIdentifier = $INTER_SKI")" -extensions ext 2> "$TMP/w/ca.log" \
  || { cat "$TMP/w/ca.log" >&2; die "could not make the impostor"; }
for n in alice revoked; do
  printf 'R\t450101000000Z\t%s,keyCompromise\t%s\tunknown\t%s\n' "$REVOKED_AT" \
    "$(openssl x509 -in "$PKI/$n.pem" -noout -serial | sed 's/^serial=//')" \
    "$(openssl x509 -in "$PKI/$n.pem" -noout -subject -nameopt compat | sed 's/^subject=//')"
done > "$TMP/ca/impostor/index.txt"
gencrl inter-ca-wrongkey impostor "$TMP/w/impostor.pem" "$TMP/w/impostor.key" $C_LAST $C_NEXT

# Sanity: the PKI must behave as intended at the validation time.
chk_cert ()   # chk_cert NAME ok|fail [extra verify args]
{
  local name=$1 want=$2
  shift 2
  if openssl verify -attime $AT -CAfile "$PKI/root-ca.pem" -untrusted "$PKI/inter-ca.pem" "$@" \
       "$PKI/$name.pem" > /dev/null 2>&1; then
    [ "$want" = ok ] || die "$name unexpectedly verifies"
  else
    [ "$want" = fail ] || die "$name does not verify"
  fi
}
chk_cert alice ok -purpose smimesign
chk_cert bob-ec ok -purpose smimesign
chk_cert expired fail
chk_cert notyet fail
chk_cert revoked ok
chk_cert revoked fail -crl_check -CRLfile "$PKI/inter-ca.crl.pem"
chk_cert alice ok -crl_check_all -CRLfile "$PKI/inter-ca.crl.pem" -CRLfile "$PKI/root-ca.crl.pem"
chk_cert alice fail -crl_check -CRLfile "$PKI/inter-ca-wrongkey.crl.pem"
chk_cert alice fail -crl_check -CRLfile "$PKI/inter-ca-stale.crl.pem"
chk_cert serverauth fail -purpose smimesign
chk_cert critext fail
chk_cert under-notca fail -untrusted "$PKI/notca.pem"
chk_cert multi ok -untrusted "$PKI/inter2-b.pem"
chk_cert multi fail -untrusted "$PKI/inter2-a.pem"
chk_cert stranger fail -untrusted "$PKI/other-root.pem"
for n in ed25519 dsa pss nonrep kenc idn upper dnemail noemail sha1 rsa1024; do chk_cert $n ok; done
log "$(ls "$PKI" | wc -l) PKI files"

# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------

MKCMS=$TMP/mkcms
# shellcheck disable=SC2046
cc -std=c99 -Wall -O1 -o "$MKCMS" "$TOOLS/mkcms.c" $(pkg-config --cflags --libs gnutls) \
  || die "could not build tools/mkcms.c (cc, pkg-config and libgnutls28-dev needed)"
FIXTURE="python3 -S $TOOLS/fixture.py"

# ---------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------

echo "generate.sh: messages"

DATE=$(date -u -R)
mkdir -p "$TMP/c" "$TMP/s"

crlf () { sed 's/$/\r/' "$@"; }
lf () { sed 's/\r$//' "$@"; }

# text NAME LINE...: a text/plain MIME entity; writes $TMP/c/NAME.txt (LF)
# and $TMP/c/NAME.crlf (the CRLF-canonical form, i.e. the signed bytes).
text ()
{
  local name=$1
  shift
  {
    printf 'Content-Type: text/plain; charset=us-ascii\n'
    printf 'Content-Transfer-Encoding: 7bit\n\n'
    printf 'Hello,\n\nthis is the Signet test message "%s".\n' "$name"
    [ $# -eq 0 ] || printf '%s\n' "$@"
    printf '\nRegards\n'
  } > "$TMP/c/$name.txt"
  crlf "$TMP/c/$name.txt" > "$TMP/c/$name.crlf"
}

# headers NAME FROM SUBJECT [EXTRA-HEADER...]: RFC 5322 header block (LF),
# ending with MIME-Version.
headers ()
{
  local name=$1 from=$2 subject=$3
  shift 3
  printf 'From: %s\n' "$from"
  case $from in
    *bob@example.org*) printf 'To: Alice Example <alice@example.org>\n' ;;
    *) printf 'To: Bob Example <bob@example.org>\n' ;;
  esac
  printf 'Subject: %s\n' "$subject"
  printf 'Date: %s\n' "$DATE"
  printf 'Message-ID: <%s@signet.test>\n' "$name"
  [ $# -eq 0 ] || printf '%s\n' "$@"
  printf 'MIME-Version: 1.0\n'
}

b64 () { base64 -w 76 "$@"; }

# osign OUT CONTENT SIGNER [openssl cms args...]: detached DER signature by
# $PKI/SIGNER over the exact bytes of CONTENT.
osign ()
{
  local out=$1 content=$2 signer=$3
  shift 3
  openssl cms -sign -binary -in "$content" -signer "$PKI/$signer.pem" -inkey "$PKI/$signer.key" \
    -outform DER -out "$TMP/s/$out.der" "$@"
}

# multipart_signed OUT HEADERS-FILE CONTENT-TXT SIG-BODY-FILE [MICALG] [TYPE] [CTE]
#   Assembles $MSG/OUT.eml (LF line ends).  SIG-BODY-FILE is the already
#   encoded body of the signature part ("-" = no signature part at all).
multipart_signed ()
{
  local out=$1 hdr=$2 content=$3 sigbody=$4 micalg=${5:-sha-256}
  local type=${6:-application/pkcs7-signature} cte=${7:-base64}
  local b="=-signet-$out-="
  {
    cat "$hdr"
    printf 'Content-Type: multipart/signed; protocol="%s"; micalg=%s;\n' "$type" "$micalg"
    printf ' boundary="%s"\n\n' "$b"
    printf 'This is a cryptographically signed message in MIME format.\n\n'
    printf -- '--%s\n' "$b"
    cat "$content"
    if [ "$sigbody" != - ]; then
      printf '\n--%s\n' "$b"
      printf 'Content-Type: %s; name="smime.p7s"\n' "$type"
      printf 'Content-Transfer-Encoding: %s\n' "$cte"
      printf 'Content-Disposition: attachment; filename="smime.p7s"\n'
      printf 'Content-Description: S/MIME Cryptographic Signature\n\n'
      cat "$sigbody"
    fi
    printf '\n--%s--\n' "$b"
  } > "$MSG/$out.eml"
}

# detached OUT FROM SUBJECT CONTENT-NAME SIGNER [MICALG] [-- openssl args]
#   The common case: sign $TMP/c/CONTENT-NAME.crlf, wrap into multipart/signed.
#   Extra header lines come from the HDR_EXTRA array.
HDR_EXTRA=()
detached ()
{
  local out=$1 from=$2 subject=$3 cname=$4 signer=$5 micalg=${6:-sha-256}
  shift 6 2> /dev/null || shift $#
  [ "${1:-}" != -- ] || shift
  osign "$out" "$TMP/c/$cname.crlf" "$signer" "$@"
  headers "$out" "$from" "$subject" "${HDR_EXTRA[@]}" > "$TMP/s/$out.hdr"
  b64 "$TMP/s/$out.der" > "$TMP/s/$out.b64"
  multipart_signed "$out" "$TMP/s/$out.hdr" "$TMP/c/$cname.txt" "$TMP/s/$out.b64" "$micalg"
  HDR_EXTRA=()
}

# wrap_detached OUT FROM SUBJECT CONTENT-NAME SIG.der [MICALG]: like detached,
# for a signature made elsewhere.
wrap_detached ()
{
  local out=$1 from=$2 subject=$3 cname=$4 sig=$5 micalg=${6:-sha-256}
  headers "$out" "$from" "$subject" "${HDR_EXTRA[@]}" > "$TMP/s/$out.hdr"
  b64 "$sig" > "$TMP/s/$out.b64"
  multipart_signed "$out" "$TMP/s/$out.hdr" "$TMP/c/$cname.txt" "$TMP/s/$out.b64" "$micalg"
  HDR_EXTRA=()
}

# pkcs7_mime OUT FROM SUBJECT DER CONTENT-TYPE-LINE: an application/pkcs7-mime
# style message whose body is DER in base64.
pkcs7_mime ()
{
  local out=$1 from=$2 subject=$3 der=$4 ctype=$5 fname=${6:-smime.p7m}
  {
    headers "$out" "$from" "$subject" "${HDR_EXTRA[@]}"
    printf 'Content-Type: %s\n' "$ctype"
    printf 'Content-Transfer-Encoding: base64\n'
    printf 'Content-Disposition: attachment; filename="%s"\n\n' "$fname"
    b64 "$der"
  } > "$MSG/$out.eml"
  HDR_EXTRA=()
}

# opaque OUT FROM SUBJECT CONTENT-NAME SIGNER CONTENT-TYPE-LINE [openssl args]
opaque ()
{
  local out=$1 from=$2 subject=$3 cname=$4 signer=$5 ctype=$6
  shift 6
  openssl cms -sign -binary -nodetach -in "$TMP/c/$cname.crlf" -signer "$PKI/$signer.pem" \
    -inkey "$PKI/$signer.key" -outform DER -out "$TMP/s/$out.der" "$@"
  pkcs7_mime "$out" "$from" "$subject" "$TMP/s/$out.der" "$ctype"
}

ALICE="Alice Example <alice@example.org>"
BOB="Bob Example <bob@example.org>"
CHAIN=(-certfile "$PKI/inter-ca.pem")
SIGNED_DATA='application/pkcs7-mime; smime-type=signed-data; name="smime.p7m"'

# --- good ---------------------------------------------------------------------

# good-rsa.eml is openssl's own S/MIME output, unchanged apart from the
# RFC 5322 headers put in front: the MIME structure has LF line ends, the
# signed part CRLF (openssl writes the canonical form it signed).
text good-rsa "Alice signs this with RSA-2048 and SHA-256."
openssl cms -sign -in "$TMP/c/good-rsa.txt" -signer "$PKI/alice.pem" -inkey "$PKI/alice.key" \
  "${CHAIN[@]}" -md sha256 -out "$TMP/s/good-rsa.smime"
{ headers good-rsa "$ALICE" "Signed with RSA" | grep -v '^MIME-Version:'; cat "$TMP/s/good-rsa.smime"; } \
  > "$MSG/good-rsa.eml"
# Same message, all CRLF / all LF.
lf "$MSG/good-rsa.eml" | crlf > "$MSG/good-crlf.eml"
lf "$MSG/good-rsa.eml" > "$MSG/good-lf.eml"

text good-ec "Bob signs this with ECDSA P-256."
detached good-ec "$BOB" "Signed with ECDSA" good-ec bob-ec sha-256 -- "${CHAIN[@]}"

text opaque "Opaque signed-data."
opaque opaque "$ALICE" "Opaque signed" opaque alice "$SIGNED_DATA" "${CHAIN[@]}"
text opaque-nosmimetype "Opaque signed-data without smime-type."
opaque opaque-nosmimetype "$ALICE" "Opaque signed, no smime-type" opaque-nosmimetype alice \
  'application/pkcs7-mime; name=smime.p7m' "${CHAIN[@]}"
text x-pkcs7-mime "Opaque signed-data labelled application/x-pkcs7-mime."
opaque x-pkcs7-mime "$ALICE" "Opaque signed, x-pkcs7-mime" x-pkcs7-mime alice \
  'application/x-pkcs7-mime; smime-type=signed-data; name="smime.p7m"' "${CHAIN[@]}"

text x-pkcs7 "Detached signature labelled application/x-pkcs7-signature."
osign x-pkcs7 "$TMP/c/x-pkcs7.crlf" alice "${CHAIN[@]}"
headers x-pkcs7 "$ALICE" "Signed, x-pkcs7-signature" > "$TMP/s/x-pkcs7.hdr"
b64 "$TMP/s/x-pkcs7.der" > "$TMP/s/x-pkcs7.b64"
multipart_signed x-pkcs7 "$TMP/s/x-pkcs7.hdr" "$TMP/c/x-pkcs7.txt" "$TMP/s/x-pkcs7.b64" sha-256 \
  application/x-pkcs7-signature

text sha1-digest "Message digest SHA-1."
detached sha1-digest "$ALICE" "Signed with SHA-1" sha1-digest alice sha-1 -- "${CHAIN[@]}" -md sha1

text multi-signer "Signed by Alice (RSA) and Bob (ECDSA) in one SignedData."
HDR_EXTRA=("Sender: $ALICE")
detached multi-signer "$ALICE, $BOB" "Two signers" multi-signer alice sha-256 -- \
  -signer "$PKI/bob-ec.pem" -inkey "$PKI/bob-ec.key" "${CHAIN[@]}"

text keyid "The SignerInfo names Alice by subjectKeyIdentifier."
detached keyid "$ALICE" "Signer identified by key id" keyid alice sha-256 -- -keyid "${CHAIN[@]}"

text nochain "The SignedData carries no certificate at all."
detached nochain "$ALICE" "No certificates" nochain alice sha-256 -- -nocerts

text leafonly "The SignedData carries Alice's certificate only, no intermediate."
detached leafonly "$ALICE" "Leaf certificate only" leafonly alice

text mismatch "Signed by Alice, but From says Mallory."
detached mismatch "Mallory <mallory@example.com>" "Address mismatch" mismatch alice sha-256 -- "${CHAIN[@]}"

text sender "From is someone else; Sender is Alice, who signed."
HDR_EXTRA=("Sender: $ALICE")
detached sender "Someone Else <someone-else@example.com>" "Sent by Alice on behalf of someone" \
  sender alice sha-256 -- "${CHAIN[@]}"

# One message per special end-entity certificate: NAME FROM SUBJECT
while read -r name from subject; do
  text "$name" "Signed with the \"$name\" certificate."
  detached "$name" "$from" "$subject" "$name" "${name%cert}" sha-256 -- "${CHAIN[@]}"
done << 'LIST'
expired expired@example.org Expired certificate
notyet notyet@example.org Certificate not yet valid
revoked revoked@example.org Revoked certificate
noemail noemail@example.org Certificate without e-mail address
dnemail dn@example.org E-mail address only in the subject DN
serverauth serverauth@example.org Certificate for serverAuth only
kenc kenc@example.org keyUsage keyEncipherment only
nonrep nonrep@example.org keyUsage nonRepudiation only
sha1cert sha1@example.org Certificate signed with SHA-1
rsa1024 rsa1024@example.org RSA-1024 key
md5cert md5@example.org Certificate signed with MD5
critext critext@example.org Unknown critical extension
dsa dsa@example.org DSA-2048 key
LIST

text idn "The certificate names user@xn--bcher-kva.example."
detached idn "User <user@bücher.example>" "IDN address, U-label in From" idn idn sha-256 -- "${CHAIN[@]}"
text idn-alabel "The certificate names user@xn--bcher-kva.example."
detached idn-alabel "User <user@xn--bcher-kva.example>" "IDN address, A-label in From" \
  idn-alabel idn sha-256 -- "${CHAIN[@]}"

text upper "The certificate names Carol.Upper@Example.ORG."
detached upper "Carol Upper <carol.upper@example.org>" "Address case differs" upper upper sha-256 -- \
  "${CHAIN[@]}"

# openssl 3.0 cannot make (or check) Ed25519 CMS signatures; GnuTLS can.
text ed25519 "Signed with an Ed25519 key (pure EdDSA, SHA-512 message digest)."
"$MKCMS" -md sha512 -signer "$PKI/ed25519.pem" -key "$PKI/ed25519.key" -cert "$PKI/inter-ca.pem" \
  -in "$TMP/c/ed25519.crlf" -out "$TMP/s/ed25519.der"
wrap_detached ed25519 "ed25519@example.org" "Ed25519 key" ed25519 "$TMP/s/ed25519.der" sha-512

text pss "RSASSA-PSS signature, SHA-256, MGF1-SHA-256, salt length 32."
detached pss "pss@example.org" "RSA-PSS signature" pss pss sha-256 -- \
  -keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:32 "${CHAIN[@]}"
text pss-maxsalt "RSASSA-PSS signature, openssl's default (maximum) salt length."
detached pss-maxsalt "pss@example.org" "RSA-PSS signature, maximum salt" pss-maxsalt pss sha-256 -- \
  -keyopt rsa_padding_mode:pss "${CHAIN[@]}"

text under-notca "Issued by a certificate that is not a CA."
detached under-notca "under-notca@example.org" "Chain through a non-CA" under-notca under-notca \
  sha-256 -- -certfile "$PKI/notca.pem"

cat "$PKI/inter2-a.pem" "$PKI/inter2-b.pem" > "$TMP/s/inter2-both.pem"
text multi "The SignedData carries inter2-a (expired) and inter2-b (valid)."
detached multi "multi@example.org" "Two candidate issuers" multi multi sha-256 -- \
  -certfile "$TMP/s/inter2-both.pem"

text stranger "Signed under a root that the tests do not trust."
detached stranger "Stranger <stranger@example.net>" "Untrusted root" stranger stranger sha-256 -- \
  -certfile "$PKI/other-root.pem"

text selfsigned "Signed with a self-signed certificate."
detached selfsigned "self@example.org" "Self-signed certificate" selfsigned selfsigned

# unordered: certificate set root, stranger (unrelated), inter, leaf.
text unordered "The certificate set is root, an unrelated certificate, inter, leaf."
osign unordered-tmp "$TMP/c/unordered.crlf" alice -certfile "$PKI/inter-ca.pem"
$FIXTURE setcerts "$TMP/s/unordered-tmp.der" "$TMP/s/unordered.der" \
  "$PKI/root-ca.pem" "$PKI/stranger.pem" "$PKI/inter-ca.pem" "$PKI/alice.pem"
wrap_detached unordered "$ALICE" "Certificates in odd order" unordered "$TMP/s/unordered.der"
[ "$($FIXTURE certorder "$TMP/s/unordered.der" | tr '\n' ,)" = \
  "Signet Test Root CA,Stranger,Signet Test Intermediate CA,Alice Example," ] \
  || die "unordered: wrong certificate order"

# tampered: good-rsa with one body character changed.
sed 's/^Alice signs this with RSA-2048/Alice signs this with RSA-2049/' "$MSG/good-rsa.eml" > "$MSG/tampered.eml"
cmp -s "$MSG/good-rsa.eml" "$MSG/tampered.eml" && die "tampered.eml: nothing changed"

# with-crl / revoked-with-crl: CRLs in the SignedData (GnuTLS tool).
text with-crl "The SignedData carries inter-ca.crl and root-ca.crl."
"$MKCMS" -signer "$PKI/alice.pem" -key "$PKI/alice.key" -cert "$PKI/inter-ca.pem" \
  -crl "$PKI/inter-ca.crl" -crl "$PKI/root-ca.crl" -in "$TMP/c/with-crl.crlf" -out "$TMP/s/with-crl.der"
wrap_detached with-crl "$ALICE" "CRLs in the message" with-crl "$TMP/s/with-crl.der"
text revoked-with-crl "Signed with a revoked certificate; the CRL that says so is in the SignedData."
"$MKCMS" -signer "$PKI/revoked.pem" -key "$PKI/revoked.key" -cert "$PKI/inter-ca.pem" \
  -crl "$PKI/inter-ca.crl" -crl "$PKI/root-ca.crl" -in "$TMP/c/revoked-with-crl.crlf" \
  -out "$TMP/s/revoked-with-crl.der"
wrap_detached revoked-with-crl "Revoked Example <revoked@example.org>" "Revoked, CRL in the message" \
  revoked-with-crl "$TMP/s/revoked-with-crl.der"

# forwarded: Bob signs a multipart/mixed that holds a note and good-rsa.eml
# (in its LF form) as message/rfc822.
{
  printf 'Content-Type: multipart/mixed; boundary="=-fwd-="\n\n'
  printf -- '--=-fwd-=\nContent-Type: text/plain; charset=us-ascii\n\n'
  printf 'Bob forwards the signed message Alice sent him.\n\n'
  printf -- '--=-fwd-=\nContent-Type: message/rfc822\n'
  printf 'Content-Disposition: attachment; filename="good-rsa.eml"\n\n'
  cat "$MSG/good-lf.eml"
  printf -- '\n--=-fwd-=--\n'
} > "$TMP/c/forwarded.txt"
crlf "$TMP/c/forwarded.txt" > "$TMP/c/forwarded.crlf"
detached forwarded "$BOB" "Fwd: Signed with RSA" forwarded bob-ec sha-256 -- "${CHAIN[@]}"

# epilogue: the signed part is a multipart/mixed with a preamble and an
# epilogue; the whole file has CRLF line ends.
{
  printf 'Content-Type: multipart/mixed; boundary="=-inner-="\n\n'
  printf 'This is the preamble of the inner multipart.\n\n'
  printf -- '--=-inner-=\nContent-Type: text/plain; charset=us-ascii\n\nFirst part.\n'
  printf -- '--=-inner-=\nContent-Type: text/plain; charset=us-ascii\n\nSecond part.\n'
  printf -- '--=-inner-=--\n\nThis is the epilogue of the inner multipart.\n'
} > "$TMP/c/epilogue.txt"
crlf "$TMP/c/epilogue.txt" > "$TMP/c/epilogue.crlf"
detached epilogue "$ALICE" "Preamble and epilogue" epilogue alice sha-256 -- "${CHAIN[@]}"
crlf "$MSG/epilogue.eml" > "$TMP/s/epilogue.eml" && mv "$TMP/s/epilogue.eml" "$MSG/epilogue.eml"

# certs-only: alice + inter-ca, no signer.
openssl crl2pkcs7 -nocrl -certfile "$PKI/alice.pem" -certfile "$PKI/inter-ca.pem" -outform DER \
  -out "$MSG/certs-only.p7c"
pkcs7_mime certs-only "$ALICE" "Certificates only" "$MSG/certs-only.p7c" \
  'application/pkcs7-mime; smime-type=certs-only; name="smime.p7c"' smime.p7c

# enveloped: encrypted to alice, not signed.
text enveloped "Encrypted to Alice, not signed."
openssl cms -encrypt -binary -aes256 -in "$TMP/c/enveloped.crlf" -outform DER \
  -out "$TMP/s/enveloped.der" "$PKI/alice.pem"
pkcs7_mime enveloped "$BOB" "Encrypted, not signed" "$TMP/s/enveloped.der" \
  'application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"'

# gpgsm: a detached signature made by gpgsm with alice's key.
GPGSM_NOTE=""
gpgsm_sign ()
{
  command -v gpgsm > /dev/null 2>&1 || { GPGSM_NOTE="gpgsm is not installed"; return 1; }
  GPG_HOME=$TMP/gnupg
  mkdir -m 700 "$GPG_HOME"
  echo allow-loopback-pinentry > "$GPG_HOME/gpg-agent.conf"
  # gpgsm 2.2 cannot read openssl 3's default PKCS#12 (PBES2/AES): use 3DES.
  openssl pkcs12 -export -in "$PKI/alice.pem" -inkey "$PKI/alice.key" -keypbe PBE-SHA1-3DES \
    -certpbe PBE-SHA1-3DES -macalg sha1 -passout pass: -out "$TMP/s/alice.p12"
  echo "$(openssl x509 -in "$PKI/root-ca.pem" -noout -fingerprint -sha1 | sed 's/.*=//') S relax" \
    > "$GPG_HOME/trustlist.txt"
  local g=(gpgsm --homedir "$GPG_HOME" --batch --pinentry-mode loopback --passphrase ''
           --disable-dirmngr --disable-crl-checks)
  local try
  : > "$TMP/s/gpgsm.log"
  # The secret-key import talks to a gpg-agent that gpgsm starts on demand;
  # on a busy machine the first connection can fail, so try again.
  for try in 1 2 3; do
    rm -f "$TMP/s/gpgsm.der"
    "${g[@]}" --import "$PKI/root-ca.pem" "$PKI/inter-ca.pem" >> "$TMP/s/gpgsm.log" 2>&1 &&
    "${g[@]}" --import "$TMP/s/alice.p12" >> "$TMP/s/gpgsm.log" 2>&1 &&
    "${g[@]}" --include-certs -2 -u alice@example.org --detach-sign -o "$TMP/s/gpgsm.der" \
      "$TMP/c/gpgsm.crlf" >> "$TMP/s/gpgsm.log" 2>&1 && return 0
    echo "generate.sh: gpgsm attempt $try failed:" >&2
    tail -n 5 "$TMP/s/gpgsm.log" >&2
    sleep 1
  done
  GPGSM_NOTE="gpgsm failed: $(tail -n 1 "$TMP/s/gpgsm.log")"
  return 1
}
text gpgsm "Signed by gpgsm (GnuPG) with Alice's key."
if gpgsm_sign; then
  wrap_detached gpgsm "$ALICE" "Signed by gpgsm" gpgsm "$TMP/s/gpgsm.der"
else
  echo "generate.sh: skipping gpgsm.eml: $GPGSM_NOTE" >&2
fi

# --- malformed ------------------------------------------------------------------

$FIXTURE truncate "$MSG/good-rsa.eml" "$MSG/truncated.eml"

text badbase64 "The signature part is not base64."
headers badbase64 "$ALICE" "Signature is not base64" > "$TMP/s/badbase64.hdr"
printf 'This is not base64 at all: %s\n' '*** !!! ~~~ ### $$$ %%% ^^^ &&& ***' > "$TMP/s/badbase64.b64"
multipart_signed badbase64 "$TMP/s/badbase64.hdr" "$TMP/c/badbase64.txt" "$TMP/s/badbase64.b64"

text garbage-der "The signature part is base64 of random bytes."
$FIXTURE garbage 600 "$TMP/s/garbage-der.der"
wrap_detached garbage-der "$ALICE" "Signature is garbage" garbage-der "$TMP/s/garbage-der.der"

text missing-sig "multipart/signed with only one part."
headers missing-sig "$ALICE" "Signature part missing" > "$TMP/s/missing-sig.hdr"
multipart_signed missing-sig "$TMP/s/missing-sig.hdr" "$TMP/c/missing-sig.txt" -

{
  headers unsigned "$ALICE" "Not signed"
  printf 'Content-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\n'
  printf 'Hello,\n\nthis message is not signed.\n\nRegards\n'
} > "$MSG/unsigned.eml"

# ---------------------------------------------------------------------------
# Checks: every message that should verify cryptographically does, with
# openssl and (independently, on the raw boundary slice) with GnuTLS.
# ---------------------------------------------------------------------------

echo "generate.sh: checks"

OV=(openssl cms -verify -out /dev/null)
TRUST=(-CAfile "$PKI/root-ca.pem" -attime $AT -purpose any)
# openssl cms has no -CRLfile: CRLs go into the -CAfile.
cat "$PKI/root-ca.pem" "$PKI/inter-ca.crl.pem" "$PKI/root-ca.crl.pem" > "$TMP/root+crls.pem"
CRLS=(-CAfile "$TMP/root+crls.pem")

# check FILE SIGNER MODE [extra openssl args]
#   chain:  signature and chain to root-ca at 2030-01-01 (openssl), + GnuTLS
#   sig:    signature only (the chain is bad on purpose), + GnuTLS
#   gnutls: GnuTLS only (openssl 3.0 cannot check it)
#   fail:   the signature must NOT verify
check ()
{
  local name=$1 f=$MSG/$1.eml signer=$2 mode=$3 w=$TMP/v/$1
  shift 3
  mkdir -p "$w"
  case $mode in
    chain) "${OV[@]}" -in "$f" "${TRUST[@]}" "$@" 2> "$w/log" || { cat "$w/log" >&2; die "$name does not verify"; } ;;
    sig) "${OV[@]}" -in "$f" -noverify "$@" 2> "$w/log" || { cat "$w/log" >&2; die "$name: bad signature"; } ;;
    fail) if "${OV[@]}" -in "$f" -noverify "$@" 2> /dev/null; then die "$name verifies but must not"; fi
          return ;;
    gnutls) ;;
  esac
  # Independent check with GnuTLS, on the bytes a verifier would slice out.
  if [ -f "$TMP/slices/$name.sig" ]; then
    "$MKCMS" -verify "$TMP/slices/$name.sig" -signer "$PKI/$signer.pem" -in "$TMP/slices/$name.content" \
      || die "$name: GnuTLS does not verify the raw slice"
  else
    openssl cms -cmsout -in "$f" -outform DER -out "$w/sig.der"
    "$MKCMS" -verify "$w/sig.der" -signer "$PKI/$signer.pem" || die "$name: GnuTLS does not verify it"
  fi
}

mkdir -p "$TMP/slices"
$FIXTURE slice-all "$TMP/slices" "$MSG"/*.eml

while read -r file signer mode; do
  case $file in ''|'#'*) continue ;; esac
  [ "$file" != gpgsm ] || [ -f "$MSG/gpgsm.eml" ] || continue
  # shellcheck disable=SC2086
  check "$file" "$signer" $mode
done << 'LIST'
good-rsa alice chain
good-crlf alice chain
good-lf alice chain
good-ec bob-ec chain
opaque alice chain
opaque-nosmimetype alice chain
x-pkcs7 alice chain
x-pkcs7-mime alice chain
sha1-digest alice chain
multi-signer alice chain
multi-signer bob-ec chain
keyid alice chain
leafonly alice sig
mismatch alice chain
sender alice chain
expired expired sig
notyet notyet sig
revoked revoked chain
noemail noemail chain
dnemail dnemail chain
serverauth serverauth chain
kenc kenc chain
nonrep nonrep chain
sha1cert sha1 chain
rsa1024 rsa1024 chain
md5cert md5 sig
critext critext sig
idn idn chain
idn-alabel idn chain
upper upper chain
ed25519 ed25519 gnutls
dsa dsa chain
pss pss chain
under-notca under-notca sig
multi multi chain
stranger stranger sig
selfsigned selfsigned sig
unordered alice chain
forwarded bob-ec chain
epilogue alice chain
with-crl alice chain -crl_check_all
gpgsm alice chain
tampered alice fail
LIST

check nochain alice sig -certfile "$PKI/alice.pem"
check revoked-with-crl revoked sig

# Revocation as seen by openssl.
"${OV[@]}" -in "$MSG/revoked.eml" "${TRUST[@]}" -crl_check "${CRLS[@]}" 2> /dev/null \
  && die "revoked.eml passes the CRL check"
"${OV[@]}" -in "$MSG/revoked-with-crl.eml" "${TRUST[@]}" -crl_check 2> /dev/null \
  && die "revoked-with-crl.eml passes the check with the CRL it carries"
"${OV[@]}" -in "$MSG/good-rsa.eml" "${TRUST[@]}" -crl_check_all "${CRLS[@]}" 2> /dev/null \
  || die "good-rsa.eml fails the CRL check"

# The message inside forwarded.eml verifies too.
"${OV[@]/\/dev\/null/$TMP/v/forwarded/outer}" -in "$MSG/forwarded.eml" -noverify 2> /dev/null
$FIXTURE rfc822 "$TMP/v/forwarded/outer" good-rsa.eml "$TMP/v/forwarded/inner.eml"
"${OV[@]}" -in "$TMP/v/forwarded/inner.eml" "${TRUST[@]}" 2> /dev/null \
  || die "the message forwarded in forwarded.eml does not verify"

# pss-maxsalt: openssl verifies it; GnuTLS 3.7.9 does not (see README).
"${OV[@]}" -in "$MSG/pss-maxsalt.eml" "${TRUST[@]}" 2> /dev/null || die "pss-maxsalt.eml does not verify"

# Every malformed message really is malformed for openssl.
for f in truncated badbase64 garbage-der missing-sig; do
  if "${OV[@]}" -in "$MSG/$f.eml" -noverify 2> /dev/null; then die "$f.eml verifies"; fi
done
log "all signatures behave as intended"

# ---------------------------------------------------------------------------
# Manifest: what a verifier that trusts only root-ca, is given
# --crl inter-ca.crl --crl root-ca.crl and validates at 2030-01-01T00:00:00Z
# should say.  "warnings" lists the codes it must report ("-" = none).
# ---------------------------------------------------------------------------

# manifest OUT < rows ("file|verdict|warnings|notes")
manifest ()
{
  local out=$1 file verdict warnings notes
  printf 'file\tverdict\twarnings\tnotes\n' > "$out"
  while IFS='|' read -r file verdict warnings notes; do
    case $file in ''|'#'*) continue ;; esac
    if [ "$file" = gpgsm.eml ] && [ ! -f "$MSG/gpgsm.eml" ]; then continue; fi
    printf '%s\t%s\t%s\t%s\n' "$file" "$verdict" "$warnings" "$notes" >> "$out"
  done
}

manifest "$MSG/expected.tsv" << 'ROWS'
good-rsa.eml|valid|-|alice, RSA-2048, SHA-256, detached; openssl's own output: MIME structure LF, signed part CRLF
good-crlf.eml|valid|-|good-rsa with every line ending CRLF
good-lf.eml|valid|-|good-rsa with every line ending LF; the signed bytes are its CRLF canonical form
good-ec.eml|valid|-|bob-ec, ECDSA P-256, detached
opaque.eml|valid|-|application/pkcs7-mime; smime-type=signed-data (content inside the CMS)
opaque-nosmimetype.eml|valid|-|application/pkcs7-mime; name=smime.p7m without smime-type: sniff the ContentInfo
x-pkcs7.eml|valid|-|protocol and part type application/x-pkcs7-signature
x-pkcs7-mime.eml|valid|-|opaque signed-data as application/x-pkcs7-mime
sha1-digest.eml|warning|weak-algorithm|message digest SHA-1 (micalg=sha-1)
multi-signer.eml|valid|-|two SignerInfos (alice RSA, bob-ec ECDSA); From lists both, Sender alice; each signer matches a From address
keyid.eml|valid|-|SignerIdentifier is subjectKeyIdentifier
nochain.eml|error|signer-not-found|no certificates in the CMS (-nocerts): the signature cannot be checked; valid if alice.pem is supplied as a known certificate; invalid is also acceptable
leafonly.eml|warning|issuer-unknown|only alice's certificate, inter-ca missing; valid if inter-ca.pem is supplied as an intermediate
tampered.eml|invalid|bad-signature|good-rsa with one body character changed after signing (messageDigest mismatch)
mismatch.eml|warning|address-mismatch|signed by alice, From mallory@example.com
sender.eml|valid|-|From someone-else@example.com, Sender alice@example.org: RFC 8550 accepts a match on Sender
expired.eml|warning|expired|signer valid 2020-01-01..2025-01-01
notyet.eml|warning|not-yet-valid|signer valid 2035-01-01..2045-01-01
revoked.eml|invalid|revoked|serial on inter-ca.crl, reason keyCompromise, revoked 2024-01-01
noemail.eml|warning|no-address|certificate has no SAN and no emailAddress
dnemail.eml|valid|-|address only as PKCS#9 emailAddress in the subject DN (RFC 8550 requires accepting it)
serverauth.eml|warning|key-usage|extendedKeyUsage serverAuth only (no emailProtection)
kenc.eml|warning|key-usage|keyUsage keyEncipherment only
nonrep.eml|valid|-|keyUsage nonRepudiation only: acceptable for signing (RFC 8550); GnuTLS verify_direct returns status 65536 for it
sha1cert.eml|warning|weak-algorithm|signer certificate signed with sha1WithRSAEncryption
rsa1024.eml|warning|weak-algorithm|signer key RSA-1024
md5cert.eml|invalid|weak-algorithm|signer certificate signed with md5WithRSAEncryption: MD5 proves nothing
critext.eml|warning|unknown-critical-extension|signer certificate has unknown critical extension 1.3.6.1.4.1.55555.1 (RFC 5280 would reject the certificate; the rules here make it a warning)
idn.eml|valid|-|From user@bücher.example (UTF-8 U-label), certificate user@xn--bcher-kva.example
idn-alabel.eml|valid|-|From user@xn--bcher-kva.example (A-label), same certificate as idn.eml
upper.eml|valid|-|certificate Carol.Upper@Example.ORG, From carol.upper@example.org: compare case-insensitively
ed25519.eml|valid|-|Ed25519 signer (pure EdDSA, digest SHA-512, micalg=sha-512); made with GnuTLS because openssl 3.0 cannot
dsa.eml|valid|-|DSA-2048 signer key, dsa-with-SHA256
pss.eml|valid|-|RSASSA-PSS, SHA-256, MGF1-SHA-256, salt length 32
pss-maxsalt.eml|valid|-|RSASSA-PSS with openssl's default maximum salt length (222): valid, but GnuTLS 3.7.9 verify_direct rejects it
under-notca.eml|invalid|invalid-chain|issuer notca has basicConstraints CA:FALSE (also no CRL for notca: revocation-unknown may be reported too)
multi.eml|warning|revocation-unknown|CMS carries inter2-a (expired) and inter2-b (valid), same DN and key: path building must pick inter2-b; revocation-unknown because inter2.crl is not given (valid with --crl inter2.crl too)
stranger.eml|warning|untrusted-root|chain to other-root, which is not trusted (no CRL for other-root either: revocation-unknown may be reported too)
selfsigned.eml|warning|self-signed|self-signed end-entity certificate self@example.org, not a trust anchor
unordered.eml|valid|-|CMS certificate set order: root, unrelated stranger, inter, leaf
forwarded.eml|valid|-|bob-ec signs a multipart/mixed holding a note and good-rsa.eml as message/rfc822; the inner message is valid too
epilogue.eml|valid|-|signed part is a multipart/mixed with preamble and epilogue, whole file CRLF: GMime re-serialisation gets the epilogue wrong, the raw slice verifies
certs-only.eml|unsigned|-|smime-type=certs-only (alice + inter-ca, no SignerInfo); same bytes as certs-only.p7c
enveloped.eml|unsigned|encrypted|smime-type=enveloped-data to alice, not signed
with-crl.eml|valid|-|alice; the SignedData carries inter-ca.crl and root-ca.crl in its crls field (made with tools/mkcms.c)
revoked-with-crl.eml|invalid|revoked|signer revoked; the CRL saying so travels in the SignedData (revoked even without --crl)
gpgsm.eml|valid|-|detached signature made by gpgsm 2.2 with alice's key (includes inter-ca, not root)
truncated.eml|error|malformed|good-rsa cut in the middle of the base64 signature (invalid is also acceptable)
badbase64.eml|error|malformed|signature part body is not base64 (invalid is also acceptable)
garbage-der.eml|error|malformed|signature part is valid base64 of 600 bytes that are not DER (invalid is also acceptable)
missing-sig.eml|error|malformed|multipart/signed with only the content part (invalid is also acceptable)
unsigned.eml|unsigned|-|plain text/plain message
ROWS

# Every .eml has exactly one row and every row a file.
for f in "$MSG"/*.eml; do
  grep -q "^$(basename "$f")	" "$MSG/expected.tsv" || die "no manifest row for $(basename "$f")"
done
tail -n +2 "$MSG/expected.tsv" | cut -f1 | while read -r f; do
  [ -f "$MSG/$f" ] || die "manifest names missing $f"
done

# ---------------------------------------------------------------------------
# Demo samples (copies)
# ---------------------------------------------------------------------------

cp "$MSG/good-lf.eml" "$SAMPLES/good.eml"
cp "$MSG/tampered.eml" "$SAMPLES/tampered.eml"
cp "$MSG/mismatch.eml" "$SAMPLES/mismatch.eml"
cp "$MSG/expired.eml" "$SAMPLES/expired.eml"
cp "$MSG/stranger.eml" "$SAMPLES/untrusted.eml"
cp "$MSG/revoked-with-crl.eml" "$SAMPLES/revoked.eml"
cp "$PKI/root-ca.pem" "$PKI/inter-ca.crl" "$PKI/inter-ca.crl.pem" "$PKI/root-ca.crl" \
  "$PKI/root-ca.crl.pem" "$SAMPLES/pki/"
cat > "$SAMPLES/README.md" << 'README'
# Sample messages

Real S/MIME messages for trying out Signet, made by `tests/data/generate.sh`
(copies of files in `tests/data/messages/`; do not edit them by hand, re-run
the script). They belong to a test PKI whose only root is `pki/root-ca.pem`,
and they are meant to be checked as if it were 2030-01-01, with the test CRLs:

```sh
for m in data/samples/*.eml; do
  signet verify --no-system-trust --anchor data/samples/pki/root-ca.pem \
    --at 2030-01-01T00:00:00Z \
    --crl data/samples/pki/inter-ca.crl --crl data/samples/pki/root-ca.crl "$m"
done
```

`expected.tsv` lists the verdict and warning codes for each file. `pki/` also
holds the CRLs in PEM (`*.crl.pem`).

**good.eml** – Alice (alice@example.org) signs a short text with RSA-2048 and
SHA-256; the signature carries her certificate and the intermediate CA.
Signet should say the signature is valid and that the message was signed by
Alice Example <alice@example.org>.

**tampered.eml** – the same kind of message, with one character of the text
changed after it was signed ("RSA-2048" became "RSA-2049"). Signet should
report an invalid signature (`bad-signature`): the message was changed after
signing, or the signature is forged.

**mismatch.eml** – correctly signed by Alice, but the From header claims the
message comes from mallory@example.com. The signature verifies, so Signet
should show a warning (`address-mismatch`): the sender address is not one the
certificate vouches for.

**expired.eml** – signed with a certificate that was valid from 2020-01-01 to
2025-01-01, so it has expired at the checking time. Signet should show a
warning (`expired`) naming the expiry date.

**untrusted.eml** – signed by stranger@example.net under "Other Root CA", a
root the demo does not trust (only `pki/root-ca.pem` is an anchor). The
signature is mathematically fine, but nobody trusted vouches for the signer:
Signet should show a warning (`untrusted-root`).

**revoked.eml** – signed with a certificate that its CA revoked (reason: key
compromise). The CRL that says so travels inside the signature itself, so
Signet should report an invalid signature (`revoked`) even without `--crl`.
README

manifest "$SAMPLES/expected.tsv" << 'ROWS'
good.eml|valid|-|Alice's signed message (RSA-2048, SHA-256)
tampered.eml|invalid|bad-signature|Alice's message with one character changed after signing
mismatch.eml|warning|address-mismatch|signed by Alice, but From says mallory@example.com
expired.eml|warning|expired|the signer's certificate expired on 2025-01-01
untrusted.eml|warning|untrusted-root|signed under Other Root CA, which the demo does not trust
revoked.eml|invalid|revoked|the signer's certificate is revoked; the CRL travels inside the signature
ROWS

log "$(ls "$MSG" | wc -l) message files, $(find "$SAMPLES" -type f | wc -l) sample files"
echo "generate.sh: done"
