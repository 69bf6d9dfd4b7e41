#!/usr/bin/env bash
# Sources completion/signet.bash and checks what it offers.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
. "$1"

fail=0
complete_line() {
  # complete_line WORD... : completes the last word
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE="$*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _signet signet "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
expect() {
  local want=$1; shift
  local got
  got=$(complete_line "$@")
  if [ "$got" = "$want" ]; then
    echo "ok - '$*' -> '$got'"
  else
    echo "not ok - '$*': want '$want', got '$got'"
    fail=1
  fi
}

echo "1..6"
expect "verify" signet ve
expect "--anchor" signet verify --an
expect "--address --anchor --at" signet check --a
expect "check crl" signet c
expect "distrust" signet trust d
expect "mozilla" signet trust add --source m
# The function is registered for the command.
complete -p signet | grep -q -- '-F _signet' || { echo "# not registered"; fail=1; }
exit $fail
