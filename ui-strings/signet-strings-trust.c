/* signet-strings-trust.c: the sentences of trust questions and decisions.
 *
 * Each question (a SignetPrompt) has a title, an explanation in plain
 * words, the facts a person needs to decide (labels here, values from the
 * certificate), and choices. Every sentence is whole; addresses and names
 * are the only things filled in.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-strings-trust.h"

#include <glib/gi18n-lib.h>

/**
 * signet_strings_trust_title:
 * @kind: a prompt kind: `untrusted-root`, `issuer-unknown`, `self-signed`,
 *   `certificate-changed` or `address-mismatch`
 *
 * Returns: (transfer none): the title of the question
 */
const char *
signet_strings_trust_title (const char *kind)
{
  if (g_str_equal (kind, "untrusted-root"))
    /* Translators: the titles of the trust questions Signet asks, shown as dialog titles. */
    return C_ ("trust prompt title", "Do you trust who vouches for this sender?");
  if (g_str_equal (kind, "issuer-unknown"))
    return C_ ("trust prompt title", "The sender’s certificate cannot be checked yet");
  if (g_str_equal (kind, "self-signed"))
    return C_ ("trust prompt title", "Nobody vouches for this sender’s certificate");
  if (g_str_equal (kind, "certificate-changed"))
    return C_ ("trust prompt title", "The sender uses a different certificate");
  if (g_str_equal (kind, "address-mismatch"))
    /* Translators: the title of the question asked when a message comes from an
     * address its signer's certificate does not name. */
    return C_ ("trust prompt title", "The certificate is for another address");
  /* Translators: the title of a trust question of an unknown kind. */
  return C_ ("trust prompt title", "A question about trust");
}

/**
 * signet_strings_trust_explain_untrusted_root:
 * @signer: the signer's name or address
 * @root: the name of the certificate authority at the top of the chain
 *
 * Returns: (transfer full): the explanation
 */
char *
signet_strings_trust_explain_untrusted_root (const char *signer, const char *root)
{
  return g_strdup_printf (
      /* Translators: the first %s is a person (name or e-mail address), the
       * second the name of a certificate authority. */
      _ ("The signature is correct, but the certificate of %s was issued by “%s”, a "
         "certificate authority you have not chosen to trust. Anyone can create a "
         "certificate authority, so check the fingerprint below with the sender, by "
         "phone or in person, before you trust it."),
      signer, root);
}

/**
 * signet_strings_trust_explain_issuer_unknown:
 * @signer: the signer's name or address
 * @issuer: the name of the missing issuer
 *
 * Returns: (transfer full): the explanation
 */
char *
signet_strings_trust_explain_issuer_unknown (const char *signer, const char *issuer)
{
  return g_strdup_printf (
      /* Translators: the first %s is a person, the second the name of a
       * certificate authority. */
      _ ("The certificate of %s was issued by “%s”, but that authority’s own certificate "
         "did not come with the message and is not in your certificate store, so "
         "Signet cannot tell who vouches for the sender."),
      signer, issuer);
}

/**
 * signet_strings_trust_explain_self_signed:
 * @signer: the signer's name or address
 *
 * Returns: (transfer full): the explanation
 */
char *
signet_strings_trust_explain_self_signed (const char *signer)
{
  return g_strdup_printf (
      /* Translators: %s is a person (name or e-mail address). */
      _ ("The signature is correct, but %s made this certificate alone: no certificate "
         "authority vouches for it. Trust it only if you have checked the fingerprint "
         "below with the sender, by phone or in person."),
      signer);
}

/**
 * signet_strings_trust_explain_certificate_changed:
 * @address: the sender's address
 * @issuer_changed: whether another authority issued the new certificate
 * @old_issuer: (nullable): the issuer of the previous certificate
 * @new_issuer: (nullable): the issuer of the new one
 *
 * Returns: (transfer full): the explanation
 */
char *
signet_strings_trust_explain_certificate_changed (const char *address,
                                                  gboolean issuer_changed,
                                                  const char *old_issuer,
                                                  const char *new_issuer)
{
  if (issuer_changed && old_issuer != NULL && new_issuer != NULL)
    return g_strdup_printf (
        /* Translators: the first %s is an e-mail address, the second and third
         * the names of certificate authorities. */
        _ ("Earlier messages from %s were signed with a certificate from “%s”; this one "
           "is signed with a certificate from “%s”. That happens when someone changes "
           "provider, but it is also what an impostor’s message looks like. Ask the "
           "sender, by phone or in person, whether they have a new certificate."),
        address, old_issuer, new_issuer);
  return g_strdup_printf (
      /* Translators: %s is an e-mail address. */
      _ ("Earlier messages from %s were signed with another certificate. That happens "
         "when a certificate is replaced, but it is also what an impostor’s message "
         "looks like. Ask the sender, by phone or in person, whether they have a new "
         "certificate."),
      address);
}

/**
 * signet_strings_trust_explain_address_mismatch:
 * @signer: the signer's name
 * @certificate_addresses: the addresses in the certificate, already joined
 * @n_certificate_addresses: how many there are
 * @message_address: the address the message claims to come from
 *
 * Returns: (transfer full): the explanation
 */
char *
signet_strings_trust_explain_address_mismatch (const char *signer,
                                               const char *certificate_addresses,
                                               guint n_certificate_addresses,
                                               const char *message_address)
{
  return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   /* Translators: the first %s is a person's name, the second a list
                    * of e-mail addresses (one or more), the third an e-mail address. */
                   "The message was signed by %s with a certificate for %s, but it says it "
                   "comes from %s. Someone may be using their certificate to pose as that "
                   "address, or the address is simply another of theirs.",
                   "The message was signed by %s with a certificate for the addresses %s, "
                   "but it says it comes from %s. Someone may be using their certificate to "
                   "pose as that address, or the address is simply another of theirs.",
                   n_certificate_addresses),
      signer, certificate_addresses, message_address);
}

/**
 * signet_strings_trust_advice:
 * @kind: a prompt kind
 *
 * Returns: (transfer none) (nullable): what the person can do besides
 *   choosing, or %NULL
 */
const char *
signet_strings_trust_advice (const char *kind)
{
  if (g_str_equal (kind, "issuer-unknown"))
    return _ ("Ask the sender for their certificate authority’s certificate, or for a message that "
              "includes "
              "it, and import it with “signet import”; Signet can also fetch it when online checks "
              "are on. "
              "Then check the message again.");
  if (g_str_equal (kind, "untrusted-root") || g_str_equal (kind, "self-signed"))
    return _ (
        "If you cannot check the fingerprint now, choose nothing: the message stays marked as not "
        "verified, and you can decide later.");
  if (g_str_equal (kind, "certificate-changed"))
    return _ ("Until you decide, the message stays marked with a warning.");
  return NULL;
}

/**
 * signet_strings_trust_choice_label:
 * @choice: a stable choice id (`trust-authority`, `trust-sender`,
 *   `trust-session`, `distrust-authority`, `distrust`, `accept-new`,
 *   `reject-new`, `pin-address`)
 * @address: (nullable): the address the choice is about
 *
 * Returns: (transfer full): the label of the choice
 */
char *
signet_strings_trust_choice_label (const char *choice, const char *address)
{
  if (address == NULL)
    /* Translators: used in place of an e-mail address in the choices of a trust question,
     * such as “Trust only this certificate, for %s”. */
    address = C_ ("address", "this sender");
  if (g_str_equal (choice, "trust-authority"))
    /* Translators: a choice (a button or list item) of a trust question. */
    return g_strdup (_ ("Trust this certificate authority for e-mail"));
  if (g_str_equal (choice, "trust-sender"))
    /* Translators: %s is an e-mail address. */
    return g_strdup_printf (_ ("Trust only this certificate, for %s"), address);
  if (g_str_equal (choice, "trust-session"))
    /* Translators: %s is an e-mail address. */
    return g_strdup_printf (_ ("Trust this certificate for %s until Signet is closed"), address);
  if (g_str_equal (choice, "distrust-authority"))
    /* Translators: a choice of a trust question. */
    return g_strdup (_ ("Do not trust this certificate authority"));
  if (g_str_equal (choice, "distrust"))
    /* Translators: a choice of a trust question. */
    return g_strdup (_ ("Do not trust this certificate"));
  if (g_str_equal (choice, "accept-new"))
    /* Translators: %s is an e-mail address. */
    return g_strdup_printf (_ ("Accept the new certificate for %s"), address);
  if (g_str_equal (choice, "reject-new"))
    /* Translators: a choice of a trust question. */
    return g_strdup (_ ("Keep distrusting the new certificate"));
  if (g_str_equal (choice, "pin-address"))
    /* Translators: %s is an e-mail address. */
    return g_strdup_printf (_ ("This certificate is %s’s too"), address);
  return g_strdup (choice);
}

/**
 * signet_strings_trust_fact_label:
 * @fact: a fact id (`name`, `address`, `certificate-addresses`,
 *   `fingerprint`, `valid-from`, `valid-until`, `issuer`, `root`,
 *   `root-fingerprint`, `previous-fingerprint`, `previous-issuer`)
 *
 * Returns: (transfer none): the label of the fact
 */
const char *
signet_strings_trust_fact_label (const char *fact)
{
  if (g_str_equal (fact, "name"))
    /* Translators: the labels of the facts shown in a trust question; the value follows. */
    return C_ ("trust fact", "Name");
  if (g_str_equal (fact, "address"))
    return C_ ("trust fact", "Message from");
  if (g_str_equal (fact, "certificate-addresses"))
    return C_ ("trust fact", "Addresses in the certificate");
  if (g_str_equal (fact, "fingerprint"))
    return C_ ("trust fact", "Fingerprint (SHA-256)");
  if (g_str_equal (fact, "valid-from"))
    return C_ ("trust fact", "Valid from");
  if (g_str_equal (fact, "valid-until"))
    return C_ ("trust fact", "Valid until");
  if (g_str_equal (fact, "issuer"))
    return C_ ("trust fact", "Issued by");
  if (g_str_equal (fact, "root"))
    return C_ ("trust fact", "Certificate authority");
  if (g_str_equal (fact, "root-fingerprint"))
    return C_ ("trust fact", "Certificate authority’s fingerprint (SHA-256)");
  if (g_str_equal (fact, "previous-fingerprint"))
    return C_ ("trust fact", "Previous certificate’s fingerprint (SHA-256)");
  if (g_str_equal (fact, "previous-issuer"))
    return C_ ("trust fact", "Previous certificate issued by");
  return fact;
}

/**
 * signet_strings_trust_kind_label:
 * @kind: a decision kind (`anchor`, `removed-anchor`, `distrust`, `pin`)
 *
 * Returns: (transfer none): a short label for `signet trust list`
 */
const char *
signet_strings_trust_kind_label (const char *kind)
{
  if (g_str_equal (kind, "anchor"))
    /* Translators: the kinds of trust decision in `signet trust list`. */
    return C_ ("trust decision", "trusted for e-mail");
  if (g_str_equal (kind, "removed-anchor"))
    return C_ ("trust decision", "built-in authority removed");
  if (g_str_equal (kind, "distrust"))
    return C_ ("trust decision", "distrusted");
  if (g_str_equal (kind, "pin"))
    return C_ ("trust decision", "belongs to an address");
  return kind;
}

static const char *
detail (GVariant *details, const char *key, const char *fallback)
{
  const char *value = NULL;

  if (details == NULL || !g_variant_lookup (details, key, "&s", &value) || value == NULL ||
      *value == '\0')
    return fallback;
  return value;
}

/**
 * signet_strings_trust_warning_message:
 * @code: a warning code
 * @details: (nullable): the warning's a{sv} details
 *
 * The sentences of the warning codes the trust model adds: `distrusted`
 * (error) and `pinned` (information).
 *
 * Returns: (transfer full) (nullable): the message, or %NULL when @code is
 *   not one of them
 */
char *
signet_strings_trust_warning_message (const char *code, GVariant *details)
{
  /* Translators: used in place of a name in the sentences about trust decisions, such as
   * “You chose not to trust the certificate of “%s”, …” */
  const char *subject = detail (details, "certificate", C_ ("certificate", "a certificate"));

  if (g_str_equal (code, "distrusted"))
    {
      if (g_strcmp0 (detail (details, "reason", ""), "signer") == 0)
        return g_strdup_printf (
            /* Translators: %s is the name in a certificate. */
            _ ("You chose not to trust the certificate of “%s”, so this signature "
               "must not be relied on."),
            subject);
      return g_strdup_printf (
          /* Translators: %s is the name of a certificate authority. */
          _ ("The certificate of “%s”, which vouches for the signer, is distrusted, so "
             "this signature must not be relied on."),
          subject);
    }
  if (g_str_equal (code, "pinned"))
    return g_strdup_printf (
        /* Translators: the first %s is the name in a certificate, the second
         * an e-mail address. */
        _ ("You chose to trust the certificate of “%s” for %s yourself; no certificate "
           "authority vouches for it."),
        subject, detail (details, "address", "?"));
  return NULL;
}

/**
 * signet_strings_trust_format_date:
 * @unix_time: a time (Unix seconds)
 *
 * Returns: (transfer full): the calendar date (UTC) for a fact
 */
char *
signet_strings_trust_format_date (gint64 unix_time)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  if (dt == NULL)
    /* Translators: shown instead of a date nobody knows. */
    return g_strdup (C_ ("date", "an unknown date"));
  /* Translators: a date as shown in trust questions; see g_date_time_format(). */
  return g_date_time_format (dt, _ ("%-d %B %Y"));
}
