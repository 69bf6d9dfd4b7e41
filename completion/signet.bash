# bash completion for signet(1)
#
# SPDX-License-Identifier: LGPL-2.1-or-later

_signet_commands='verify check import export list show remove crl trust service'

_signet_options()
{
  local common='--help'
  local check_opts='--anchor --cert --crl --at --offline --fetch-timeout
    --no-system-trust --policy --require-explicit-policy
    --inhibit-policy-mapping --inhibit-any-policy --reject-sha1 --json --store --no-store
    --interactive'
  case $1 in
    verify) echo "$common $check_opts" ;;
    check) echo "$common $check_opts --address" ;;
    import) echo "$common --store --dry-run" ;;
    export) echo "$common --store --p7c --output" ;;
    list|show) echo "$common --store --json" ;;
    remove) echo "$common --store" ;;
    crl) echo "$common --store --force --fetch-timeout" ;;
    trust) echo "$common --store --source --json --for-address --session --reason" ;;
    service) echo "$common --idle-timeout" ;;
  esac
}

_signet()
{
  local cur prev command i
  COMPREPLY=()
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}

  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "$_signet_commands --help --version" -- "$cur"))
    return 0
  fi
  command=${COMP_WORDS[1]}

  # Option arguments.
  case $prev in
    --anchor|--cert|--crl|--output|-o)
      COMPREPLY=($(compgen -f -- "$cur"))
      return 0 ;;
    --store)
      COMPREPLY=($(compgen -d -- "$cur"))
      return 0 ;;
    --source)
      COMPREPLY=($(compgen -W 'mozilla system none' -- "$cur"))
      return 0 ;;
    --at|--fetch-timeout|--policy|--address|--for-address|--reason|--idle-timeout)
      return 0 ;;
  esac

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_signet_options "$command")" -- "$cur"))
    return 0
  fi

  # Sub-commands of crl and trust.
  if [[ $COMP_CWORD -eq 2 ]]; then
    case $command in
      crl) COMPREPLY=($(compgen -W 'fetch import list' -- "$cur")); return 0 ;;
      trust) COMPREPLY=($(compgen -W 'list add remove distrust' -- "$cur")); return 0 ;;
      service) COMPREPLY=($(compgen -W 'start stop status' -- "$cur")); return 0 ;;
    esac
  fi

  case $command in
    verify|check|import|crl|trust)
      COMPREPLY=($(compgen -f -- "$cur")) ;;
  esac
  return 0
}

complete -o filenames -F _signet signet
