/* signet-strings-cli.c: the catalog of the sentences and labels of the
 * `signet` command.
 *
 * Every entry is a whole sentence or a whole labelled line, with a stable
 * name, the printf arguments it takes (one conversion letter each, in
 * order: "s" a string, "u" an unsigned number) and a note for translators.
 * The tools print them only through the accessors below.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-strings-cli.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  const char *name;
  const char *arguments;
  const char *context;
  const char *text;
  const char *plural;
} Entry;

/* Markers for xgettext (keywords S_, SC_:1c,2 and SP_:1,2 in po/meson.build). */
#define S_(text)            NULL, text, NULL
#define SC_(context, text)  context, text, NULL
#define SP_(text, plural)   NULL, text, plural

static const Entry catalog[SIGNET_STRING_N_IDS] = {
  [SIGNET_STRING_CLI_DATE_TIME_FORMAT] = { "cli.date-time-format", "",
    /* Translators: a date and time in UTC, see g_date_time_format(). */
    /* xgettext:no-c-format */
    S_ ("%Y-%m-%d %H:%M UTC") },
  [SIGNET_STRING_CLI_TIME_UNKNOWN] = { "cli.time-unknown", "",
    /* Translators: shown instead of a date and time nobody knows. */
    SC_ ("time", "unknown") },
  [SIGNET_STRING_CLI_ADDRESSES_NONE] = { "cli.addresses-none", "",
    /* Translators: shown instead of a list of e-mail addresses. */
    SC_ ("addresses", "none") },
  [SIGNET_STRING_CLI_UNKNOWN_COMMAND] = { "cli.unknown-command", "s",
    /* Translators: %s is what the user typed as a command. */
    S_ ("signet: unknown command “%s”\n") },
  [SIGNET_STRING_CLI_USAGE] = { "cli.usage", "",
    /* Translators: the command names and options stay in English; align
     * the descriptions. */
    S_ ("Usage: signet COMMAND [OPTION…]\n\n"
        "Commands:\n"
        "  verify   Verify the S/MIME signatures of messages\n"
        "  check    Validate one certificate without a message\n"
        "  import   Add certificates and CRLs to your store\n"
        "  export   Write an address’s certificate as a certs-only message\n"
        "  list     List the certificates in your store\n"
        "  show     Show one certificate of your store\n"
        "  remove   Remove a certificate from your store\n"
        "  crl      Fetch, import and list revocation lists\n"
        "  trust    List, add and undo trust decisions\n"
        "  recipient  Find and validate a correspondent’s certificate for encryption\n"
        "  request  Write a message asking a correspondent for their certificate\n"
        "  directory  Add, list and remove certificate directories (LDAP, DANE)\n"
        "  service  Start, stop or ask about the Signet service (faster start)\n\n"
        "Run “signet COMMAND --help” for the options of a command.\n") },
  [SIGNET_STRING_CLI_NO_FINGERPRINT] = { "cli.no-fingerprint", "ss",
    /* Translators: the first %s is a command name (“show”, “remove”), the
     * second the fingerprint the user gave. */
    S_ ("signet %s: No certificate in the store has the fingerprint “%s”.\n") },

  [SIGNET_STRING_CLI_VERIFY_BAD_TIME] = { "cli.verify.bad-time", "s",
    /* Translators: %s is the text given to --at; keep the example as it is. */
    S_ ("“%s” is not a date and time in ISO 8601 form, such as 2030-01-01T12:00:00Z.") },
  [SIGNET_STRING_CLI_VERIFY_STORE_UNUSABLE] = { "cli.verify.store-unusable", "s",
    /* Translators: %s is an error message. */
    S_ ("signet: the certificate store cannot be used (%s); verifying without it.\n") },
  [SIGNET_STRING_CLI_VERIFY_SIGNATURE] = { "cli.verify.signature", "uss",
    /* Translators: the heading of one signature in `signet verify`: its
     * number, the MIME part it signs (such as “1.2”), and a verdict title
     * such as “Valid signature”. */
    S_ ("Signature %u (part %s): %s\n") },
  [SIGNET_STRING_CLI_VERIFY_SIGNER] = { "cli.verify.signer", "s",
    /* Translators: a labelled line of `signet verify`; %s is the name in
     * the signer's certificate. */
    S_ ("  Signer: %s\n") },
  [SIGNET_STRING_CLI_VERIFY_ADDRESSES] = { "cli.verify.addresses", "s",
    /* Translators: a labelled line of `signet verify`; %s is a list of
     * e-mail addresses. */
    S_ ("  Addresses: %s\n") },
  [SIGNET_STRING_CLI_VERIFY_ISSUER] = { "cli.verify.issuer", "s",
    /* Translators: a labelled line of `signet verify`; %s is the name of a
     * certificate authority. */
    S_ ("  Issued by: %s\n") },
  [SIGNET_STRING_CLI_VERIFY_SIGNED_ON] = { "cli.verify.signed-on", "s",
    /* Translators: a labelled line of `signet verify`; %s is a date and time. */
    S_ ("  Signed on: %s\n") },
  [SIGNET_STRING_CLI_VERIFY_FINGERPRINT] = { "cli.verify.fingerprint", "s",
    /* Translators: a labelled line of `signet verify`; %s is the first line
     * of a fingerprint; the next lines are aligned under it. */
    S_ ("  Fingerprint (SHA-256): %s\n") },
  [SIGNET_STRING_CLI_VERIFY_FIRST_CHECKED] = { "cli.verify.first-checked", "ss",
    /* Translators: a labelled line of `signet verify`: a verdict title (such
     * as “Valid signature”), then a date and time. */
    S_ ("  First checked: %s, on %s\n") },
  [SIGNET_STRING_CLI_VERIFY_CHAIN] = { "cli.verify.chain", "",
    /* Translators: a label of `signet verify`; the chain of certificates
     * follows on the next lines. */
    S_ ("  Chain:\n") },
  [SIGNET_STRING_CLI_VERIFY_ENCRYPTED_PART] = { "cli.verify.encrypted-part", "",
    S_ ("This message has an encrypted part; Signet checks signatures only.") },
  [SIGNET_STRING_CLI_VERIFY_PARAMETER] = { "cli.verify.parameter", "",
    /* Translators: the arguments of `signet verify` in its --help; “-”
     * means the standard input. */
    S_ ("MESSAGE|-…") },
  [SIGNET_STRING_CLI_VERIFY_SUMMARY] = { "cli.verify.summary", "",
    S_ ("Verify the S/MIME signatures of messages.\n\n"
        "Exit status: 0 valid, 1 warning, 2 invalid, 3 unsigned, 4 error.") },
  [SIGNET_STRING_CLI_VERIFY_USAGE] = { "cli.verify.usage", "",
    /* Translators: the options stay in English. */
    S_ ("Usage: signet verify [OPTION…] MESSAGE|- (with --json, one message)\n") },
  [SIGNET_STRING_CLI_CHECK_PARAMETER] = { "cli.check.parameter", "",
    /* Translators: the argument of `signet check` in its --help. */
    S_ ("CERTFILE") },
  [SIGNET_STRING_CLI_CHECK_SUMMARY] = { "cli.check.summary", "",
    S_ ("Validate one certificate without a message.\n\n"
        "Exit status: 0 valid, 1 warning, 2 invalid, 4 error.") },
  [SIGNET_STRING_CLI_CHECK_USAGE] = { "cli.check.usage", "",
    S_ ("Usage: signet check [OPTION…] CERTFILE\n") },

  [SIGNET_STRING_CLI_CHAIN_SELF_SIGNED] = { "cli.chain.self-signed", "",
    /* Translators: the chain status of a certificate in `signet import`
     * and `signet show`. */
    SC_ ("chain status", "self-signed") },
  [SIGNET_STRING_CLI_CHAIN_ISSUER_IN_STORE] = { "cli.chain.issuer-in-store", "",
    /* Translators: the chain status of a certificate in `signet import`
     * and `signet show`. */
    SC_ ("chain status", "issuer in store") },
  [SIGNET_STRING_CLI_CHAIN_ISSUER_IN_FILE] = { "cli.chain.issuer-in-file", "",
    /* Translators: the chain status of a certificate in `signet import`. */
    SC_ ("chain status", "issuer in this file") },
  [SIGNET_STRING_CLI_CHAIN_ISSUER_UNKNOWN] = { "cli.chain.issuer-unknown", "",
    /* Translators: the chain status of a certificate in `signet import`
     * and `signet show`. */
    SC_ ("chain status", "issuer unknown") },
  [SIGNET_STRING_CLI_IMPORT_PARAMETER] = { "cli.import.parameter", "",
    /* Translators: the arguments of `signet import` in its --help. */
    S_ ("FILE…") },
  [SIGNET_STRING_CLI_IMPORT_SUMMARY] = { "cli.import.summary", "",
    S_ ("Import certificates and certificate revocation lists into the store: "
        "certs-only messages, .p7c files, PEM bundles, DER certificates and CRLs.\n\n"
        "Exit status: 0 when something was imported or nothing failed, 4 on errors.") },
  [SIGNET_STRING_CLI_IMPORT_USAGE] = { "cli.import.usage", "",
    S_ ("Usage: signet import [--store DIR] [--dry-run] FILE…\n") },
  [SIGNET_STRING_CLI_IMPORT_ALREADY] = { "cli.import.already", "s",
    /* Translators: %s is a certificate's subject. */
    S_ ("  Already in the store: “%s”\n") },
  [SIGNET_STRING_CLI_IMPORT_WOULD_ADD] = { "cli.import.would-add", "s",
    /* Translators: with --dry-run; %s is a certificate's subject. */
    S_ ("  Would add: “%s”\n") },
  [SIGNET_STRING_CLI_IMPORT_ADDING] = { "cli.import.adding", "s",
    /* Translators: %s is a certificate's subject. */
    S_ ("  Adding: “%s”\n") },
  [SIGNET_STRING_CLI_IMPORT_ADDRESSES] = { "cli.import.addresses", "s",
    /* Translators: %s is a list of e-mail addresses. */
    S_ ("    Addresses: %s\n") },
  [SIGNET_STRING_CLI_IMPORT_VALIDITY] = { "cli.import.validity", "ss",
    /* Translators: the validity period of a certificate, two dates and times. */
    S_ ("    Valid from %s until %s\n") },
  [SIGNET_STRING_CLI_IMPORT_CHAIN] = { "cli.import.chain", "s",
    /* Translators: %s is a chain status such as “issuer in store”. */
    S_ ("    Chain: %s\n") },
  [SIGNET_STRING_CLI_IMPORT_SHA256] = { "cli.import.sha256", "s",
    /* Translators: %s is a SHA-256 fingerprint in hexadecimal. */
    S_ ("    SHA-256: %s\n") },
  [SIGNET_STRING_CLI_IMPORT_CRL_WOULD_ADD] = { "cli.import.crl-would-add", "ss",
    /* Translators: with --dry-run; the first %s is a CRL issuer's name, the
     * second a date and time. */
    S_ ("  Would add the revocation list of “%s” issued %s\n") },
  [SIGNET_STRING_CLI_IMPORT_CRL_ADDED] = { "cli.import.crl-added", "ss",
    /* Translators: the first %s is a CRL issuer's name, the second a date
     * and time. */
    S_ ("  Added the revocation list of “%s” issued %s\n") },
  [SIGNET_STRING_CLI_IMPORT_CRL_DUPLICATE] = { "cli.import.crl-duplicate", "ss",
    /* Translators: the first %s is a CRL issuer's name, the second a date
     * and time. */
    S_ ("  Already in the store: the revocation list of “%s” issued %s\n") },
  [SIGNET_STRING_CLI_IMPORT_CRL_SUPERSEDED] = { "cli.import.crl-superseded", "ss",
    /* Translators: the first %s is a CRL issuer's name, the second a date
     * and time. */
    S_ ("  Not added: the store has a newer revocation list of “%s” than the one issued %s\n") },
  [SIGNET_STRING_CLI_IMPORT_REFUSED] = { "cli.import.refused", "ss",
    /* Translators: the first %s says where in the file (in English, such as
     * “file, PEM block 2”), the second is a sentence saying why. */
    S_ ("  Refused (%s): %s\n") },
  [SIGNET_STRING_CLI_IMPORT_REFUSED_DETAIL] = { "cli.import.refused-detail", "sss",
    /* Translators: the first %s says where in the file (in English, such as
     * “file, PEM block 2”), the second is a sentence saying why, the third
     * a technical detail. */
    S_ ("  Refused (%s): %s (%s)\n") },
  [SIGNET_STRING_CLI_EXPORT_PARAMETER] = { "cli.export.parameter", "",
    /* Translators: the argument of `signet export` in its --help. */
    S_ ("ADDRESS") },
  [SIGNET_STRING_CLI_EXPORT_SUMMARY] = { "cli.export.summary", "",
    S_ ("Export the newest currently valid certificate of an address, with its "
        "chain up to (not including) the root, as a certs-only message.") },
  [SIGNET_STRING_CLI_EXPORT_USAGE] = { "cli.export.usage", "",
    S_ ("Usage: signet export [--store DIR] [--p7c] [-o FILE] ADDRESS\n") },
  [SIGNET_STRING_CLI_EXPORT_NO_CERTIFICATE] = { "cli.export.no-certificate", "s",
    /* Translators: %s is an e-mail address. */
    S_ ("signet export: The store has no certificate for “%s”.\n") },
  [SIGNET_STRING_CLI_EXPORT_NONE_VALID] = { "cli.export.none-valid", "s",
    /* Translators: %s is an e-mail address. */
    S_ ("signet export: None of the certificates of “%s” in the store is valid now.\n") },
  [SIGNET_STRING_CLI_EXPORT_WRITE_FAILED] = { "cli.export.write-failed", "",
    S_ ("signet export: The output cannot be written.\n") },
  [SIGNET_STRING_CLI_LIST_PARAMETER] = { "cli.list.parameter", "",
    /* Translators: the optional argument of `signet list` in its --help. */
    S_ ("[ADDRESS]") },
  [SIGNET_STRING_CLI_LIST_SUMMARY] = { "cli.list.summary", "",
    S_ ("List the certificates in the store, or those of one address.") },
  [SIGNET_STRING_CLI_LIST_USAGE] = { "cli.list.usage", "",
    S_ ("Usage: signet list [--store DIR] [--json] [ADDRESS]\n") },
  [SIGNET_STRING_CLI_LIST_LINE] = { "cli.list.line", "ssss",
    /* Translators: one line of `signet list`: fingerprint prefix, subject,
     * addresses, expiry date and time. */
    S_ ("%s  %s  <%s>  until %s\n") },
  [SIGNET_STRING_CLI_SHOW_PARAMETER] = { "cli.show.parameter", "",
    /* Translators: the argument of `signet show` and `signet remove`. */
    S_ ("FINGERPRINT") },
  [SIGNET_STRING_CLI_SHOW_SUMMARY] = { "cli.show.summary", "",
    S_ ("Show a stored certificate. FINGERPRINT is its SHA-256 fingerprint in hexadecimal "
        "(colons allowed) or a unique prefix of at least 8 digits.") },
  [SIGNET_STRING_CLI_SHOW_USAGE] = { "cli.show.usage", "",
    S_ ("Usage: signet show [--store DIR] [--json] FINGERPRINT\n") },
  [SIGNET_STRING_CLI_SHOW_SUBJECT] = { "cli.show.subject", "s",
    /* Translators: the labels of `signet show` (Subject … Last seen) are
     * padded so that their values line up: keep them aligned. */
    S_ ("Subject:      %s\n") },
  [SIGNET_STRING_CLI_SHOW_ISSUER] = { "cli.show.issuer", "s",
    /* Translators: a label of `signet show`; keep the values aligned. */
    S_ ("Issuer:       %s\n") },
  [SIGNET_STRING_CLI_SHOW_SERIAL] = { "cli.show.serial", "s",
    /* Translators: a label of `signet show`; keep the values aligned. */
    S_ ("Serial:       %s\n") },
  [SIGNET_STRING_CLI_SHOW_ADDRESSES] = { "cli.show.addresses", "s",
    /* Translators: a label of `signet show`; keep the values aligned. */
    S_ ("Addresses:    %s\n") },
  [SIGNET_STRING_CLI_SHOW_VALID_FROM] = { "cli.show.valid-from", "s",
    /* Translators: a label of `signet show`; keep the values aligned. */
    S_ ("Valid from:   %s\n") },
  [SIGNET_STRING_CLI_SHOW_VALID_UNTIL] = { "cli.show.valid-until", "s",
    /* Translators: a label of `signet show`; keep the values aligned. */
    S_ ("Valid until:  %s\n") },
  [SIGNET_STRING_CLI_SHOW_AUTHORITY] = { "cli.show.authority", "s",
    /* Translators: a label of `signet show`; keep the values aligned. %s is
     * the answer: “yes, this certificate can issue certificates” or “no”. */
    S_ ("Authority:    %s\n") },
  [SIGNET_STRING_CLI_SHOW_AUTHORITY_YES] = { "cli.show.authority-yes", "",
    /* Translators: the answer after “Authority:” in `signet show`. */
    SC_ ("authority", "yes, this certificate can issue certificates") },
  [SIGNET_STRING_CLI_SHOW_AUTHORITY_NO] = { "cli.show.authority-no", "",
    /* Translators: the answer after “Authority:” in `signet show`. */
    SC_ ("authority", "no") },
  [SIGNET_STRING_CLI_SHOW_CHAIN] = { "cli.show.chain", "s",
    /* Translators: a label of `signet show`; keep the values aligned. %s is
     * a chain status such as “issuer in store”. */
    S_ ("Chain:        %s\n") },
  [SIGNET_STRING_CLI_SHOW_SHA256] = { "cli.show.sha256", "s",
    /* Translators: a label of `signet show`; keep the values aligned. */
    S_ ("SHA-256:      %s\n") },
  [SIGNET_STRING_CLI_SHOW_ORIGIN] = { "cli.show.origin", "s",
    /* Translators: a label of `signet show`; keep the values aligned. %s
     * says where the certificate came from, in English (such as
     * “import:certs.pem”). */
    S_ ("Origin:       %s\n") },
  [SIGNET_STRING_CLI_SHOW_FIRST_SEEN] = { "cli.show.first-seen", "s",
    /* Translators: a label of `signet show`; keep the values aligned. */
    S_ ("First seen:   %s\n") },
  [SIGNET_STRING_CLI_SHOW_LAST_SEEN] = { "cli.show.last-seen", "s",
    /* Translators: a label of `signet show`; keep the values aligned. */
    S_ ("Last seen:    %s\n") },
  [SIGNET_STRING_CLI_REMOVE_PARAMETER] = { "cli.remove.parameter", "",
    /* Translators: the argument of `signet show` and `signet remove`. */
    S_ ("FINGERPRINT") },
  [SIGNET_STRING_CLI_REMOVE_SUMMARY] = { "cli.remove.summary", "",
    S_ ("Remove a certificate from the store, with what the store remembers about it.") },
  [SIGNET_STRING_CLI_REMOVE_USAGE] = { "cli.remove.usage", "",
    S_ ("Usage: signet remove [--store DIR] FINGERPRINT\n") },
  [SIGNET_STRING_CLI_REMOVE_NOT_FOUND] = { "cli.remove.not-found", "s",
    /* Translators: %s is a fingerprint. */
    S_ ("signet remove: No certificate in the store has the fingerprint “%s”.\n") },
  [SIGNET_STRING_CLI_REMOVE_DONE] = { "cli.remove.done", "s",
    /* Translators: %s is a certificate's subject. */
    S_ ("Removed the certificate of “%s”.\n") },

  [SIGNET_STRING_CLI_TRUST_BAD_SOURCE] = { "cli.trust.bad-source", "ss",
    /* Translators: the first %s is a command name (“list”, “add”, …), the
     * second what the user gave; mozilla, system and none stay in English. */
    S_ ("signet trust %s: “%s” is not a trust source (mozilla, system or none)\n") },
  [SIGNET_STRING_CLI_TRUST_FILE_COUNT] = { "cli.trust.file-count", "su",
    /* Translators: %s is a file name, %u the number of certificates in it
     * (never 1). */
    SP_ ("“%s” holds %u certificate; give a file with exactly one.",
         "“%s” holds %u certificates; give a file with exactly one.") },
  [SIGNET_STRING_CLI_TRUST_NOT_A_CERTIFICATE] = { "cli.trust.not-a-certificate", "s",
    /* Translators: %s is what the user gave on the command line. */
    S_ ("“%s” is neither a certificate file nor the fingerprint of a certificate in your store.") },
  [SIGNET_STRING_CLI_TRUST_BUILTIN_COUNT] = { "cli.trust.builtin-count", "us",
    /* Translators: a labelled line: %u is a number, %s a source name
     * (mozilla, system or none, in English). */
    S_ ("Built-in certificate authorities trusted for e-mail: %u (from “%s”)\n") },
  [SIGNET_STRING_CLI_TRUST_NO_DECISIONS] = { "cli.trust.no-decisions", "",
    S_ ("You have made no trust decisions.") },
  [SIGNET_STRING_CLI_TRUST_FOR_ADDRESS] = { "cli.trust.for-address", "s",
    /* Translators: shown under a trust decision in `signet trust list`; %s
     * is an e-mail address. Keep the indentation. */
    S_ ("           for %s\n") },
  [SIGNET_STRING_CLI_TRUST_DECIDED] = { "cli.trust.decided", "s",
    /* Translators: shown under a trust decision in `signet trust list`; %s
     * is a date and time. Keep the indentation. */
    S_ ("           decided %s\n") },
  [SIGNET_STRING_CLI_TRUST_DECIDED_SESSION] = { "cli.trust.decided-session", "s",
    /* Translators: shown under a trust decision that lasts until the mail
     * program is closed; %s is a date and time. Keep the indentation. */
    S_ ("           decided %s (this session only)\n") },
  [SIGNET_STRING_CLI_TRUST_REASON] = { "cli.trust.reason", "s",
    /* Translators: shown under a trust decision; %s is the reason the user
     * gave. Keep the indentation. */
    S_ ("           reason: %s\n") },
  [SIGNET_STRING_CLI_TRUST_SESSION_NOTE] = { "cli.trust.session-note", "",
    S_ ("Note: a session decision lasts only while this command runs; use it from a mail program.\n") },
  [SIGNET_STRING_CLI_TRUST_RECORDED] = { "cli.trust.recorded", "s",
    /* Translators: %s is the id of a trust decision (for “signet trust remove”). */
    S_ ("Recorded decision %s.\n") },
  [SIGNET_STRING_CLI_TRUST_NO_SUCH_DECISION] = { "cli.trust.no-such-decision", "s",
    /* Translators: %s is the id of a trust decision. */
    S_ ("signet trust remove: there is no decision %s\n") },
  [SIGNET_STRING_CLI_TRUST_REMOVED_DECISION] = { "cli.trust.removed-decision", "s",
    /* Translators: %s is the id of a trust decision. */
    S_ ("Removed decision %s.\n") },
  [SIGNET_STRING_CLI_TRUST_REMOVED_N] = { "cli.trust.removed-n", "u",
    /* Translators: %u is a number of trust decisions. */
    SP_ ("Removed %u decision about this certificate.\n",
         "Removed %u decisions about this certificate.\n") },
  [SIGNET_STRING_CLI_TRUST_BUILTIN_REMOVED] = { "cli.trust.builtin-removed", "s",
    /* Translators: %s is the id of a trust decision. */
    S_ ("The built-in certificate authority is no longer trusted (decision %s).\n") },
  [SIGNET_STRING_CLI_TRUST_NO_DECISION_ABOUT] = { "cli.trust.no-decision-about", "",
    S_ ("signet trust remove: you have made no decision about this certificate\n") },
  [SIGNET_STRING_CLI_TRUST_USAGE] = { "cli.trust.usage", "",
    /* Translators: the commands and options stay in English; align the
     * descriptions. */
    S_ ("Usage: signet trust COMMAND [OPTION…]\n\n"
        "  list [--json]                        Show your trust decisions\n"
        "  add [--for-address EMAIL] [--session] [--reason TEXT] CERTFILE|FINGERPRINT\n"
        "                                       Trust a certificate authority for e-mail, or a\n"
        "                                       certificate for one address\n"
        "  remove ID|FINGERPRINT                Undo a decision, or take away a built-in authority\n"
        "  distrust CERTFILE|FINGERPRINT        Never trust this certificate\n") },
  [SIGNET_STRING_CLI_TRUST_UNKNOWN_COMMAND] = { "cli.trust.unknown-command", "s",
    /* Translators: %s is what the user typed as a command. */
    S_ ("signet trust: unknown command “%s”\n") },
  [SIGNET_STRING_CLI_TRUST_PARAMETER] = { "cli.trust.parameter", "",
    /* Translators: the argument of `signet trust add|remove|distrust`. */
    S_ ("CERTFILE|FINGERPRINT|ID") },
  [SIGNET_STRING_CLI_TRUST_SUMMARY] = { "cli.trust.summary", "",
    S_ ("Trust decisions: which certificate authorities you trust for e-mail, which "
        "certificates belong to which address, and which certificates you never trust.") },
  [SIGNET_STRING_CLI_TRUST_NEED_ONE] = { "cli.trust.need-one", "s",
    /* Translators: %s is a command name (“add”, “remove”, “distrust”). */
    S_ ("signet trust %s: give exactly one certificate file, fingerprint or decision id\n") },
  [SIGNET_STRING_CLI_PROMPT_NOT_A_TERMINAL] = { "cli.prompt.not-a-terminal", "",
    S_ ("(Not asking: standard input is not a terminal. Nothing was decided.)\n") },
  [SIGNET_STRING_CLI_PROMPT_ASK] = { "cli.prompt.ask", "u",
    /* Translators: %u is the number of the last choice; the user types a
     * number or presses Enter. */
    S_ ("Your choice (1–%u, or Enter to decide later): ") },
  [SIGNET_STRING_CLI_PROMPT_NOTHING_DECIDED] = { "cli.prompt.nothing-decided", "",
    S_ ("Nothing was decided.\n") },
  [SIGNET_STRING_CLI_PROMPT_TYPE_NUMBER] = { "cli.prompt.type-number", "",
    S_ ("Please type the number of a choice.\n") },
  [SIGNET_STRING_CLI_PROMPT_RECORDED] = { "cli.prompt.recorded", "",
    S_ ("Recorded. Check the message again to see the new result.\n") },

  [SIGNET_STRING_CLI_CRL_TIME_NONE] = { "cli.crl.time-none", "",
    /* Translators: shown after “next update:” when a revocation list names
     * no next update. */
    SC_ ("time", "none") },
  [SIGNET_STRING_CLI_CRL_RESULT_ADDED] = { "cli.crl.result-added", "",
    /* Translators: what happened to a revocation list, after “revocation
     * list of “…”:”. */
    SC_ ("revocation list", "added") },
  [SIGNET_STRING_CLI_CRL_RESULT_REPLACED] = { "cli.crl.result-replaced", "",
    /* Translators: what happened to a revocation list. */
    SC_ ("revocation list", "added, replacing an older list") },
  [SIGNET_STRING_CLI_CRL_RESULT_DUPLICATE] = { "cli.crl.result-duplicate", "",
    /* Translators: what happened to a revocation list. */
    SC_ ("revocation list", "already in the store") },
  [SIGNET_STRING_CLI_CRL_RESULT_SUPERSEDED] = { "cli.crl.result-superseded", "",
    /* Translators: what happened to a revocation list. */
    SC_ ("revocation list", "not added: the store holds a newer list") },
  [SIGNET_STRING_CLI_CRL_NOT_SIGNED] = { "cli.crl.not-signed", "ss",
    /* Translators: the first %s is a file or URL, the second the name of the
     * list's issuer; --force stays in English. */
    S_ ("signet crl: %s: the list of “%s” is not signed by a certificate in your store; "
        "not added (use --force to add it anyway).\n") },
  [SIGNET_STRING_CLI_CRL_STORED] = { "cli.crl.stored", "sss",
    /* Translators: a file or URL, an issuer name, then what happened (such
     * as “added”). */
    S_ ("%s: revocation list of “%s”: %s\n") },
  [SIGNET_STRING_CLI_CRL_NONE] = { "cli.crl.none", "",
    S_ ("The store holds no revocation lists.") },
  [SIGNET_STRING_CLI_CRL_ISSUER_DELTA] = { "cli.crl.issuer-delta", "s",
    /* Translators: a heading of `signet crl list`: %s is the issuer of a
     * delta revocation list (one that lists only the changes). */
    S_ ("%s (delta)\n") },
  [SIGNET_STRING_CLI_CRL_DATES] = { "cli.crl.dates", "ss",
    /* Translators: two dates and times. */
    S_ ("  Issued: %s; next update: %s\n") },
  [SIGNET_STRING_CLI_CRL_DATES_OUT_OF_DATE] = { "cli.crl.dates-out-of-date", "ss",
    /* Translators: two dates and times; the next update is in the past. */
    S_ ("  Issued: %s; next update: %s (out of date)\n") },
  [SIGNET_STRING_CLI_CRL_REVOKED_COUNT] = { "cli.crl.revoked-count", "u",
    /* Translators: %u is the number of certificates a list revokes. */
    SP_ ("  %u revoked certificate\n", "  %u revoked certificates\n") },
  [SIGNET_STRING_CLI_CRL_FETCHED_FROM] = { "cli.crl.fetched-from", "s",
    /* Translators: %s is a URL. */
    S_ ("  Fetched from: %s\n") },
  [SIGNET_STRING_CLI_CRL_SHA256] = { "cli.crl.sha256", "s",
    /* Translators: %s is a SHA-256 fingerprint in hexadecimal. */
    S_ ("  SHA-256: %s\n") },
  [SIGNET_STRING_CLI_CRL_PARAMETER] = { "cli.crl.parameter", "",
    /* Translators: the arguments of `signet crl`; fetch, import and list
     * stay in English. */
    S_ ("fetch URL…|import FILE…|list") },
  [SIGNET_STRING_CLI_CRL_SUMMARY] = { "cli.crl.summary", "",
    S_ ("Fetch, import and list the certificate revocation lists of your store.") },
  [SIGNET_STRING_CLI_CRL_USAGE] = { "cli.crl.usage", "",
    /* Translators: the commands and options stay in English. */
    S_ ("Usage: signet crl fetch [OPTION…] URL…\n"
        "       signet crl import [OPTION…] FILE…\n"
        "       signet crl list [OPTION…]\n") },
};

static const Entry *
lookup (SignetStringId id)
{
  g_return_val_if_fail ((guint) id < SIGNET_STRING_N_IDS, NULL);
  return &catalog[id];
}

/**
 * signet_strings_get:
 * @id: a string id
 *
 * The translated text of @id. For an id with a plural form, the singular;
 * use signet_strings_get_plural() to print a number.
 *
 * Returns: (transfer none): the text, or %NULL for an unknown id
 */
const char *
signet_strings_get (SignetStringId id)
{
  const Entry *e = lookup (id);

  if (e == NULL || e->text == NULL)
    return NULL;
  if (e->plural != NULL)
    return g_dngettext (GETTEXT_PACKAGE, e->text, e->plural, 1);
  if (e->context != NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, e->context, e->text);
  return g_dgettext (GETTEXT_PACKAGE, e->text);
}

/**
 * signet_strings_get_plural:
 * @id: a string id with a plural form
 * @n: the number the text is about
 *
 * Returns: (transfer none): the translated text for @n, or %NULL for an
 *   unknown id
 */
const char *
signet_strings_get_plural (SignetStringId id, gulong n)
{
  const Entry *e = lookup (id);

  if (e == NULL || e->text == NULL)
    return NULL;
  if (e->plural == NULL)
    return signet_strings_get (id);
  return g_dngettext (GETTEXT_PACKAGE, e->text, e->plural, n);
}

/**
 * signet_strings_get_name:
 * @id: a string id
 *
 * Returns: (transfer none) (nullable): the stable name of @id, such as
 *   `cli.verify.signer`
 */
const char *
signet_strings_get_name (SignetStringId id)
{
  const Entry *e = lookup (id);

  return e != NULL ? e->name : NULL;
}

/**
 * signet_strings_get_msgid:
 * @id: a string id
 * @plural: whether to return the plural form
 *
 * The English text of @id, untranslated: the gettext message id.
 *
 * Returns: (transfer none) (nullable): the message id, or its plural form
 *   (%NULL when @id has none)
 */
const char *
signet_strings_get_msgid (SignetStringId id, gboolean plural)
{
  const Entry *e = lookup (id);

  if (e == NULL)
    return NULL;
  return plural ? e->plural : e->text;
}

/**
 * signet_strings_get_arguments:
 * @id: a string id
 *
 * Returns: (transfer none) (nullable): the printf conversions the text of
 *   @id takes, one letter each in order (`s` a string, `u` an unsigned
 *   number): `""` for none
 */
const char *
signet_strings_get_arguments (SignetStringId id)
{
  const Entry *e = lookup (id);

  return e != NULL ? e->arguments : NULL;
}

/**
 * signet_strings_is_plural:
 * @id: a string id
 *
 * Returns: whether the text of @id has a plural form
 */
gboolean
signet_strings_is_plural (SignetStringId id)
{
  const Entry *e = lookup (id);

  return e != NULL && e->plural != NULL;
}

/**
 * signet_strings_format:
 * @id: a string id
 * @...: the arguments signet_strings_get_arguments() names
 *
 * Returns: (transfer full): the translated text with its arguments filled in
 */
char *
signet_strings_format (SignetStringId id, ...)
{
  const char *format = signet_strings_get (id);
  va_list ap;
  char *text;

  g_return_val_if_fail (format != NULL, NULL);
  va_start (ap, id);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  return text;
}

/**
 * signet_strings_format_plural:
 * @id: a string id with a plural form
 * @n: the number choosing the plural form
 * @...: the arguments signet_strings_get_arguments() names
 *
 * Returns: (transfer full): the translated text with its arguments filled in
 */
char *
signet_strings_format_plural (SignetStringId id, gulong n, ...)
{
  const char *format = signet_strings_get_plural (id, n);
  va_list ap;
  char *text;

  g_return_val_if_fail (format != NULL, NULL);
  va_start (ap, n);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  return text;
}

/**
 * signet_strings_print:
 * @id: a string id
 * @...: the arguments signet_strings_get_arguments() names
 *
 * Prints the translated text with g_print().
 */
void
signet_strings_print (SignetStringId id, ...)
{
  const char *format = signet_strings_get (id);
  g_autofree char *text = NULL;
  va_list ap;

  g_return_if_fail (format != NULL);
  va_start (ap, id);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_print ("%s", text);
}

/**
 * signet_strings_print_plural:
 * @id: a string id with a plural form
 * @n: the number choosing the plural form
 * @...: the arguments signet_strings_get_arguments() names
 *
 * Prints the translated text for @n with g_print().
 */
void
signet_strings_print_plural (SignetStringId id, gulong n, ...)
{
  const char *format = signet_strings_get_plural (id, n);
  g_autofree char *text = NULL;
  va_list ap;

  g_return_if_fail (format != NULL);
  va_start (ap, n);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_print ("%s", text);
}

/**
 * signet_strings_printerr:
 * @id: a string id
 * @...: the arguments signet_strings_get_arguments() names
 *
 * Prints the translated text with g_printerr().
 */
void
signet_strings_printerr (SignetStringId id, ...)
{
  const char *format = signet_strings_get (id);
  g_autofree char *text = NULL;
  va_list ap;

  g_return_if_fail (format != NULL);
  va_start (ap, id);
  text = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_printerr ("%s", text);
}
