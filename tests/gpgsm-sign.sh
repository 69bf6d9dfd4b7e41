#!/usr/bin/env bash
# Signs a file with gpgsm at test time: a detached CMS signature (DER) made
# with a key imported into a throw-away GNUPGHOME.
#
#   gpgsm-sign.sh CERT.pem KEY.pem CHAIN.pem... -- CONTENT OUT.der
#
# gpgsm 2.2 cannot read openssl 3's default PKCS#12 (PBES2/AES), hence
# 3DES. The gpg-agent that gpgsm starts on demand can miss the first
# connection on a busy machine, so the import is tried five times.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

cert=$1 key=$2
shift 2
chain=()
while [ "$1" != -- ]; do chain+=("$1"); shift; done
shift
content=$1 out=$2

home=$(mktemp -d)
trap 'gpgconf --homedir "$home" --kill all >/dev/null 2>&1 || true; rm -rf "$home"' EXIT
chmod 700 "$home"
echo allow-loopback-pinentry > "$home/gpg-agent.conf"
openssl pkcs12 -export -in "$cert" -inkey "$key" -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES \
  -macalg sha1 -passout pass: -out "$home/key.p12"
g=(gpgsm --homedir "$home" --batch --pinentry-mode loopback --passphrase '' --disable-dirmngr
   --disable-crl-checks)
for root in "${chain[@]}"; do
  echo "$(openssl x509 -in "$root" -noout -fingerprint -sha1 | sed 's/.*=//') S relax" >> "$home/trustlist.txt"
done
email=$(openssl x509 -in "$cert" -noout -email | head -n 1)
for try in 1 2 3 4 5; do
  rm -f "$out"
  if "${g[@]}" --import "${chain[@]}" >"$home/log" 2>&1 &&
     "${g[@]}" --import "$home/key.p12" >>"$home/log" 2>&1 &&
     "${g[@]}" --include-certs -2 -u "$email" --detach-sign -o "$out" "$content" >>"$home/log" 2>&1; then
    exit 0
  fi
  sleep 2
done
cat "$home/log" >&2
exit 1
