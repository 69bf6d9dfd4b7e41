/* signet-strings-cli.h: the catalog of the sentences and labels of the
 * `signet` command.
 *
 * Each sentence has a stable id (an enum value, and a stable name such as
 * "cli.verify.signer" listed in ui-strings/README.md). The comment of each
 * id gives the printf arguments its text takes, in order; the catalog
 * records the same list and a test checks the text against it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* Shared by several commands. */
  SIGNET_STRING_CLI_DATE_TIME_FORMAT, /* g_date_time_format() format, no printf arguments */
  SIGNET_STRING_CLI_TIME_UNKNOWN,     /* no arguments: a time nobody knows */
  SIGNET_STRING_CLI_ADDRESSES_NONE,   /* no arguments: instead of a list of addresses */
  SIGNET_STRING_CLI_UNKNOWN_COMMAND,  /* %s command */
  SIGNET_STRING_CLI_USAGE,            /* no arguments */
  SIGNET_STRING_CLI_NO_FINGERPRINT,   /* %s command, %s fingerprint */

  /* signet verify, signet check */
  SIGNET_STRING_CLI_VERIFY_BAD_TIME,       /* %s the text given to --at */
  SIGNET_STRING_CLI_VERIFY_STORE_UNUSABLE, /* %s error message */
  SIGNET_STRING_CLI_VERIFY_SIGNATURE,      /* %u number, %s MIME part, %s verdict title */
  SIGNET_STRING_CLI_VERIFY_SIGNER,         /* %s subject */
  SIGNET_STRING_CLI_VERIFY_ADDRESSES,      /* %s addresses */
  SIGNET_STRING_CLI_VERIFY_ISSUER,         /* %s issuer */
  SIGNET_STRING_CLI_VERIFY_SIGNED_ON,      /* %s date and time */
  SIGNET_STRING_CLI_VERIFY_FINGERPRINT,    /* %s first line of the fingerprint */
  SIGNET_STRING_CLI_VERIFY_FIRST_CHECKED,  /* %s verdict title, %s date and time */
  SIGNET_STRING_CLI_VERIFY_CHAIN,          /* no arguments */
  SIGNET_STRING_CLI_VERIFY_ENCRYPTED_PART, /* no arguments */
  SIGNET_STRING_CLI_VERIFY_PARAMETER,      /* no arguments */
  SIGNET_STRING_CLI_VERIFY_SUMMARY,        /* no arguments */
  SIGNET_STRING_CLI_VERIFY_USAGE,          /* no arguments */
  SIGNET_STRING_CLI_CHECK_PARAMETER,       /* no arguments */
  SIGNET_STRING_CLI_CHECK_SUMMARY,         /* no arguments */
  SIGNET_STRING_CLI_CHECK_USAGE,           /* no arguments */

  /* signet import, export, list, show, remove */
  SIGNET_STRING_CLI_CHAIN_SELF_SIGNED,     /* no arguments */
  SIGNET_STRING_CLI_CHAIN_ISSUER_IN_STORE, /* no arguments */
  SIGNET_STRING_CLI_CHAIN_ISSUER_IN_FILE,  /* no arguments */
  SIGNET_STRING_CLI_CHAIN_ISSUER_UNKNOWN,  /* no arguments */
  SIGNET_STRING_CLI_IMPORT_PARAMETER,      /* no arguments */
  SIGNET_STRING_CLI_IMPORT_SUMMARY,        /* no arguments */
  SIGNET_STRING_CLI_IMPORT_USAGE,          /* no arguments */
  SIGNET_STRING_CLI_IMPORT_ALREADY,        /* %s subject */
  SIGNET_STRING_CLI_IMPORT_WOULD_ADD,      /* %s subject */
  SIGNET_STRING_CLI_IMPORT_ADDING,         /* %s subject */
  SIGNET_STRING_CLI_IMPORT_ADDRESSES,      /* %s addresses */
  SIGNET_STRING_CLI_IMPORT_VALIDITY,       /* %s date and time, %s date and time */
  SIGNET_STRING_CLI_IMPORT_CHAIN,          /* %s chain status */
  SIGNET_STRING_CLI_IMPORT_SHA256,         /* %s fingerprint */
  SIGNET_STRING_CLI_IMPORT_CRL_WOULD_ADD,  /* %s CRL issuer, %s date and time */
  SIGNET_STRING_CLI_IMPORT_CRL_ADDED,      /* %s CRL issuer, %s date and time */
  SIGNET_STRING_CLI_IMPORT_CRL_DUPLICATE,  /* %s CRL issuer, %s date and time */
  SIGNET_STRING_CLI_IMPORT_CRL_SUPERSEDED, /* %s CRL issuer, %s date and time */
  SIGNET_STRING_CLI_IMPORT_REFUSED,        /* %s location, %s reason */
  SIGNET_STRING_CLI_IMPORT_REFUSED_DETAIL, /* %s location, %s reason, %s detail */
  SIGNET_STRING_CLI_EXPORT_PARAMETER,      /* no arguments */
  SIGNET_STRING_CLI_EXPORT_SUMMARY,        /* no arguments */
  SIGNET_STRING_CLI_EXPORT_USAGE,          /* no arguments */
  SIGNET_STRING_CLI_EXPORT_NO_CERTIFICATE, /* %s address */
  SIGNET_STRING_CLI_EXPORT_NONE_VALID,     /* %s address */
  SIGNET_STRING_CLI_EXPORT_WRITE_FAILED,   /* no arguments */
  SIGNET_STRING_CLI_LIST_PARAMETER,        /* no arguments */
  SIGNET_STRING_CLI_LIST_SUMMARY,          /* no arguments */
  SIGNET_STRING_CLI_LIST_USAGE,            /* no arguments */
  SIGNET_STRING_CLI_LIST_LINE,        /* %s fingerprint prefix, %s subject, %s addresses, %s date */
  SIGNET_STRING_CLI_SHOW_PARAMETER,   /* no arguments */
  SIGNET_STRING_CLI_SHOW_SUMMARY,     /* no arguments */
  SIGNET_STRING_CLI_SHOW_USAGE,       /* no arguments */
  SIGNET_STRING_CLI_SHOW_SUBJECT,     /* %s subject */
  SIGNET_STRING_CLI_SHOW_ISSUER,      /* %s issuer */
  SIGNET_STRING_CLI_SHOW_SERIAL,      /* %s serial number */
  SIGNET_STRING_CLI_SHOW_ADDRESSES,   /* %s addresses */
  SIGNET_STRING_CLI_SHOW_VALID_FROM,  /* %s date and time */
  SIGNET_STRING_CLI_SHOW_VALID_UNTIL, /* %s date and time */
  SIGNET_STRING_CLI_SHOW_AUTHORITY,   /* %s yes or no */
  SIGNET_STRING_CLI_SHOW_AUTHORITY_YES, /* no arguments */
  SIGNET_STRING_CLI_SHOW_AUTHORITY_NO,  /* no arguments */
  SIGNET_STRING_CLI_SHOW_CHAIN,         /* %s chain status */
  SIGNET_STRING_CLI_SHOW_SHA256,        /* %s fingerprint */
  SIGNET_STRING_CLI_SHOW_ORIGIN,        /* %s origin */
  SIGNET_STRING_CLI_SHOW_FIRST_SEEN,    /* %s date and time */
  SIGNET_STRING_CLI_SHOW_LAST_SEEN,     /* %s date and time */
  SIGNET_STRING_CLI_REMOVE_PARAMETER,   /* no arguments */
  SIGNET_STRING_CLI_REMOVE_SUMMARY,     /* no arguments */
  SIGNET_STRING_CLI_REMOVE_USAGE,       /* no arguments */
  SIGNET_STRING_CLI_REMOVE_NOT_FOUND,   /* %s fingerprint */
  SIGNET_STRING_CLI_REMOVE_DONE,        /* %s subject */

  /* signet trust, signet verify --interactive */
  SIGNET_STRING_CLI_TRUST_BAD_SOURCE,        /* %s command, %s source */
  SIGNET_STRING_CLI_TRUST_FILE_COUNT,        /* plural; %s file, %u number of certificates */
  SIGNET_STRING_CLI_TRUST_NOT_A_CERTIFICATE, /* %s argument */
  SIGNET_STRING_CLI_TRUST_BUILTIN_COUNT,     /* %u number, %s source */
  SIGNET_STRING_CLI_TRUST_NO_DECISIONS,      /* no arguments */
  SIGNET_STRING_CLI_TRUST_FOR_ADDRESS,       /* %s address */
  SIGNET_STRING_CLI_TRUST_DECIDED,           /* %s date and time */
  SIGNET_STRING_CLI_TRUST_DECIDED_SESSION,   /* %s date and time */
  SIGNET_STRING_CLI_TRUST_REASON,            /* %s reason */
  SIGNET_STRING_CLI_TRUST_SESSION_NOTE,      /* no arguments */
  SIGNET_STRING_CLI_TRUST_RECORDED,          /* %s decision id */
  SIGNET_STRING_CLI_TRUST_NO_SUCH_DECISION,  /* %s decision id */
  SIGNET_STRING_CLI_TRUST_REMOVED_DECISION,  /* %s decision id */
  SIGNET_STRING_CLI_TRUST_REMOVED_N,         /* plural; %u number */
  SIGNET_STRING_CLI_TRUST_BUILTIN_REMOVED,   /* %s decision id */
  SIGNET_STRING_CLI_TRUST_NO_DECISION_ABOUT, /* no arguments */
  SIGNET_STRING_CLI_TRUST_USAGE,             /* no arguments */
  SIGNET_STRING_CLI_TRUST_UNKNOWN_COMMAND,   /* %s command */
  SIGNET_STRING_CLI_TRUST_PARAMETER,         /* no arguments */
  SIGNET_STRING_CLI_TRUST_SUMMARY,           /* no arguments */
  SIGNET_STRING_CLI_TRUST_NEED_ONE,          /* %s command */
  SIGNET_STRING_CLI_PROMPT_NOT_A_TERMINAL,   /* no arguments */
  SIGNET_STRING_CLI_PROMPT_ASK,              /* %u number of the last choice */
  SIGNET_STRING_CLI_PROMPT_NOTHING_DECIDED,  /* no arguments */
  SIGNET_STRING_CLI_PROMPT_TYPE_NUMBER,      /* no arguments */
  SIGNET_STRING_CLI_PROMPT_RECORDED,         /* no arguments */

  /* signet crl */
  SIGNET_STRING_CLI_CRL_TIME_NONE,         /* no arguments */
  SIGNET_STRING_CLI_CRL_RESULT_ADDED,      /* no arguments */
  SIGNET_STRING_CLI_CRL_RESULT_REPLACED,   /* no arguments */
  SIGNET_STRING_CLI_CRL_RESULT_DUPLICATE,  /* no arguments */
  SIGNET_STRING_CLI_CRL_RESULT_SUPERSEDED, /* no arguments */
  SIGNET_STRING_CLI_CRL_NOT_SIGNED,        /* %s file or URL, %s issuer */
  SIGNET_STRING_CLI_CRL_STORED,            /* %s file or URL, %s issuer, %s result */
  SIGNET_STRING_CLI_CRL_NONE,              /* no arguments */
  SIGNET_STRING_CLI_CRL_ISSUER_DELTA,      /* %s issuer */
  SIGNET_STRING_CLI_CRL_DATES,             /* %s date and time, %s date and time */
  SIGNET_STRING_CLI_CRL_DATES_OUT_OF_DATE, /* %s date and time, %s date and time */
  SIGNET_STRING_CLI_CRL_REVOKED_COUNT,     /* plural; %u number */
  SIGNET_STRING_CLI_CRL_FETCHED_FROM,      /* %s URL */
  SIGNET_STRING_CLI_CRL_SHA256,            /* %s fingerprint */
  SIGNET_STRING_CLI_CRL_PARAMETER,         /* no arguments */
  SIGNET_STRING_CLI_CRL_SUMMARY,           /* no arguments */
  SIGNET_STRING_CLI_CRL_USAGE,             /* no arguments */

  SIGNET_STRING_N_IDS
} SignetStringId;

const char *signet_strings_get (SignetStringId id);
const char *signet_strings_get_plural (SignetStringId id, gulong n);
const char *signet_strings_get_name (SignetStringId id);
const char *signet_strings_get_msgid (SignetStringId id, gboolean plural);
const char *signet_strings_get_arguments (SignetStringId id);
gboolean signet_strings_is_plural (SignetStringId id);
char *signet_strings_format (SignetStringId id, ...);
char *signet_strings_format_plural (SignetStringId id, gulong n, ...);
void signet_strings_print (SignetStringId id, ...);
void signet_strings_print_plural (SignetStringId id, gulong n, ...);
void signet_strings_printerr (SignetStringId id, ...);

G_END_DECLS
