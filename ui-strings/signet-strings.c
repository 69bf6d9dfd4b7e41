/* signet-strings.c: the catalog of user-facing sentences.
 *
 * Every sentence a person can read is written out whole here, keyed by a
 * stable warning code (and, where one code covers several situations, by a
 * stable "reason" detail). Nothing is assembled from fragments, so each can
 * be translated as a sentence.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-strings.h"
#include "signet-strings-trust.h"

#include <glib/gi18n-lib.h>

static const char *
detail (GVariant *details, const char *key, const char *fallback)
{
  const char *value = NULL;

  if (details == NULL || !g_variant_lookup (details, key, "&s", &value) || value == NULL ||
      *value == '\0')
    return fallback;
  return value;
}

static char *
detail_list (GVariant *details, const char *key, guint *count)
{
  g_autofree const char **values = NULL;
  gsize n = 0;

  *count = 0;
  if (details == NULL || !g_variant_lookup (details, key, "^a&s", &values))
    return g_strdup ("");
  n = g_strv_length ((char **) values);
  *count = (guint) n;
  /* Translators: separates items of a list of e-mail addresses. */
  return g_strjoinv (_(", "), (char **) values);
}

/* A date detail (ISO 8601 in UTC) shown as a calendar date. */
static char *
detail_date (GVariant *details, const char *key)
{
  const char *iso = detail (details, key, NULL);
  g_autoptr (GDateTime) dt = NULL;

  if (iso == NULL)
    /* Translators: shown in a sentence instead of a date nobody knows. */
    return g_strdup (C_("date", "an unknown date"));
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  if (dt == NULL)
    return g_strdup (iso);
  /* Translators: a date as shown in warnings; see g_date_time_format(). */
  return g_date_time_format (dt, _("%-d %B %Y"));
}

static char *
revoked_message (GVariant *details)
{
  /* Translators: used in place of a name in the warning sentences, such as “The certificate
   * of “%s” expired on %s.”, when the certificate names nobody. */
  const char *subject = detail (details, "certificate", C_("certificate", "the signer"));
  const char *reason = detail (details, "reason", "");
  g_autofree char *date = detail_date (details, "revocation_time");

  if (g_str_equal (reason, "key-compromise"))
    /* Translators: first %s is a person's or CA's name, second a date. */
    return g_strdup_printf (_("The certificate of “%s” was revoked on %s because its key was compromised. "
                              "Do not trust this signature."),
                            subject, g_strstrip (date));
  if (g_str_equal (reason, "ca-compromise"))
    /* Translators: the first %s is a person's or CA's name, the second a date. */
    return g_strdup_printf (_("The certificate of “%s” was revoked on %s because the certificate authority "
                              "was compromised. Do not trust this signature."),
                            subject, g_strstrip (date));
  if (g_str_equal (reason, "certificate-hold"))
    /* Translators: the first %s is a person's or CA's name, the second a date. */
    return g_strdup_printf (_("The certificate of “%s” has been suspended since %s. "
                              "Do not trust this signature until it is reinstated."),
                            subject, g_strstrip (date));
  /* Translators: the first %s is a person's or CA's name, the second a date. */
  return g_strdup_printf (_("The certificate of “%s” was revoked on %s. Do not trust this signature."),
                          subject, g_strstrip (date));
}

static char *
invalid_chain_message (GVariant *details)
{
  /* Translators: used in place of a name in sentences about the chain of certificates, such
   * as “The chain of certificates is broken at “%s”.” */
  const char *subject = detail (details, "certificate", C_("certificate", "a certificate"));
  /* Translators: used in place of a name in sentences about the chain of certificates, such
   * as “The chain of certificates is longer than “%s” allows.” */
  const char *issuer = detail (details, "issuer", C_("certificate", "its issuer"));
  const char *reason = detail (details, "reason", "");

  if (g_str_equal (reason, "signature"))
    /* Translators: both %s are names of certificate holders. */
    return g_strdup_printf (_("The certificate of “%s” does not carry a valid signature of “%s”: "
                              "the chain of certificates is broken."),
                            subject, issuer);
  if (g_str_equal (reason, "basic-constraints"))
    /* Translators: %s is the name of a certificate authority. */
    return g_strdup_printf (_("“%s” issued a certificate but is not a certificate authority: "
                              "the chain of certificates is broken."),
                            issuer);
  if (g_str_equal (reason, "path-length"))
    /* Translators: %s is the name of a certificate authority. */
    return g_strdup_printf (_("The chain of certificates is longer than “%s” allows."), issuer);
  if (g_str_equal (reason, "key-usage"))
    /* Translators: %s is the name of a certificate authority. */
    return g_strdup_printf (_("“%s” is not allowed to issue certificates: "
                              "the chain of certificates is broken."),
                            issuer);
  if (g_str_equal (reason, "name-constraints"))
    /* Translators: the first %s is the name in a certificate, the second the name of the
     * certificate authority that issued it. */
    return g_strdup_printf (_("The certificate of “%s” uses a name that “%s” is not allowed to certify."),
                            subject, issuer);
  if (g_str_equal (reason, "policy"))
    /* Translators: a certificate policy is a document in which a certificate authority says
     * for what and how it issues certificates. */
    return g_strdup (_("The certificates of the chain do not share an acceptable certificate policy."));
  if (g_str_equal (reason, "name-chaining"))
    /* Translators: the first %s is the name in a certificate, the second the name of a
     * certificate authority. */
    return g_strdup_printf (_("The certificate of “%s” does not name “%s” as its issuer: "
                              "the chain of certificates is broken."),
                            subject, issuer);
  if (g_str_equal (reason, "too-long"))
    return g_strdup (_("The chain of certificates is too long or too tangled to check."));
  /* Translators: %s is the name in a certificate. */
  return g_strdup_printf (_("The chain of certificates is broken at “%s”."), subject);
}

static char *
crl_invalid_message (GVariant *details)
{
  /* Translators: used in place of a name in sentences about revocation lists, such as “A
   * revocation list from “%s” could not be used.” */
  const char *issuer = detail (details, "crl_issuer", C_("certificate", "a certificate authority"));
  const char *reason = detail (details, "reason", "");

  if (g_str_equal (reason, "signature"))
    /* Translators: %s is the name of a certificate authority. */
    return g_strdup_printf (_("A revocation list that claims to come from “%s” has an invalid signature "
                              "and was ignored."),
                            issuer);
  if (g_str_equal (reason, "not-yet-valid"))
    /* Translators: %s is the name of a certificate authority. */
    return g_strdup_printf (_("A revocation list from “%s” is dated in the future and was ignored."),
                            issuer);
  if (g_str_equal (reason, "critical-extension"))
    /* Translators: %s is the name of a certificate authority. */
    return g_strdup_printf (_("A revocation list from “%s” contains a critical extension that Signet does "
                              "not understand and was ignored."),
                            issuer);
  if (g_str_equal (reason, "no-crl-sign"))
    /* Translators: %s is the name of a certificate authority. */
    return g_strdup_printf (_("“%s” is not allowed to sign revocation lists; its list was ignored."),
                            issuer);
  if (g_str_equal (reason, "scope"))
    /* Translators: %s is the name of a certificate authority. */
    return g_strdup_printf (_("A revocation list from “%s” does not cover this certificate."), issuer);
  if (g_str_equal (reason, "malformed"))
    return g_strdup (_("A revocation list is damaged and was ignored."));
  /* Translators: %s is the name of a certificate authority. */
  return g_strdup_printf (_("A revocation list from “%s” could not be used."), issuer);
}

static char *
key_usage_message (GVariant *details)
{
  /* Translators: used in place of a name in the warning sentences, such as “The certificate
   * of “%s” expired on %s.”, when the certificate names nobody. */
  const char *subject = detail (details, "certificate", C_("certificate", "the signer"));
  const char *reason = detail (details, "reason", "");

  if (g_str_equal (reason, "extended-key-usage"))
    /* Translators: %s is a person's name. */
    return g_strdup_printf (_("The certificate of “%s” is not meant for e-mail."), subject);
  if (g_str_equal (reason, "encryption"))
    {
      if (g_str_equal (detail (details, "problem", ""), "key-algorithm"))
        /* Translators: %s is a person's name. */
        return g_strdup_printf (_("The key of “%s” cannot be used to encrypt messages."), subject);
      /* Translators: %s is a person's name. */
      return g_strdup_printf (_("The certificate of “%s” is not meant for encrypting messages."), subject);
    }
  if (g_str_equal (reason, "crl-sign"))
    /* Translators: %s is the name of a certificate authority. */
    return g_strdup_printf (_("“%s” is not allowed to sign revocation lists."), subject);
  /* Translators: %s is a person's name. */
  return g_strdup_printf (_("The certificate of “%s” is not meant for signing messages."), subject);
}

static char *
weak_algorithm_message (GVariant *details)
{
  /* Translators: used in place of a name in the warning sentences, such as “The certificate
   * of “%s” expired on %s.”, when the certificate names nobody. */
  const char *subject = detail (details, "certificate", C_("certificate", "the signer"));
  const char *algorithm = detail (details, "algorithm", "?");
  const char *reason = detail (details, "reason", "");
  guint32 bits = 0;

  if (g_str_equal (reason, "key-size"))
    {
      if (details != NULL)
        g_variant_lookup (details, "bits", "u", &bits);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: %s is a name, %u a number of bits (such as 1024). */
                                           "The key of “%s” is only %u bit long; "
                                           "keys shorter than 2048 bits can be broken.",
                                           "The key of “%s” is only %u bits long; "
                                           "keys shorter than 2048 bits can be broken.",
                                           bits),
                              subject, (guint) bits);
    }
  if (g_str_equal (reason, "broken"))
    /* Translators: %s is an algorithm name such as MD5. */
    return g_strdup_printf (_("The signature relies on %s, which is broken: it proves nothing."),
                            algorithm);
  if (g_str_equal (reason, "certificate"))
    /* Translators: the first %s is a name, the second an algorithm name such as SHA-1. */
    return g_strdup_printf (_("The certificate of “%s” is signed with %s, an algorithm that is no longer "
                              "considered secure."),
                            subject, algorithm);
  /* Translators: %s is an algorithm name such as SHA-1. */
  return g_strdup_printf (_("The signature uses %s, an algorithm that is no longer considered secure."),
                          algorithm);
}

/**
 * signet_strings_warning_message:
 * @code: a warning code
 * @details: (nullable): the warning's `a{sv}` details
 *
 * Returns: (transfer full): the translated sentence explaining the warning
 */
char *
signet_strings_warning_message (const char *code, GVariant *details)
{
  /* Translators: used in place of a name in the warning sentences, such as “The certificate
   * of “%s” expired on %s.”, when the certificate names nobody. */
  const char *subject = detail (details, "certificate", C_("certificate", "the signer"));
  char *trust_message = signet_strings_trust_warning_message (code, details);

  if (trust_message != NULL)
    return trust_message;

  if (g_str_equal (code, "bad-signature"))
    return g_strdup (_("The signature does not match the message: the message was changed after it was "
                       "signed, or the signature is forged."));

  if (g_str_equal (code, "address-mismatch"))
    {
      guint n_msg = 0, n_cert = 0;
      g_autofree char *msg = detail_list (details, "message_addresses", &n_msg);
      g_autofree char *cert = detail_list (details, "certificate_addresses", &n_cert);

      if (n_msg == 0)
        /* Translators: %s is one or more e-mail addresses. */
        return g_strdup_printf (_("The message does not say who sent it, so it cannot be matched "
                                  "with the certificate, which belongs to %s."),
                                cert);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* Translators: the first %s is the sender's address
                                            * or addresses, the second the certificate's address
                                            * or addresses; the number is how many the
                                            * certificate has. */
                                           "The message says it is from %s, but the certificate belongs to %s.",
                                           "The message says it is from %s, but the certificate belongs to "
                                           "these addresses: %s.",
                                           n_cert),
                              msg, cert);
    }

  if (g_str_equal (code, "no-address"))
    /* Translators: %s is a person's name. */
    return g_strdup_printf (_("The certificate of “%s” names no e-mail address, so it cannot show who "
                              "sent this message."),
                            subject);

  if (g_str_equal (code, "untrusted-root"))
    /* Translators: %s is the name of a certificate authority. */
    return g_strdup_printf (_("The certificate was issued by “%s”, a certificate authority you have not "
                              "chosen to trust."),
                            detail (details, "root", subject));

  if (g_str_equal (code, "issuer-unknown"))
    /* Translators: the first %s is a person's name, the second the name of a certificate
     * authority. */
    return g_strdup_printf (_("The certificate of “%s” was issued by “%s”, whose certificate is not "
                              "available, so it cannot be checked."),
                            subject, detail (details, "issuer", "?"));

  if (g_str_equal (code, "invalid-chain"))
    return invalid_chain_message (details);

  if (g_str_equal (code, "unknown-critical-extension"))
    /* Translators: the first %s is a name, the second a technical identifier (an OID) such
     * as 1.2.3.4. */
    return g_strdup_printf (_("The certificate of “%s” contains a critical extension (%s) that Signet does "
                              "not understand, so it cannot be relied on."),
                            subject, detail (details, "oid", "?"));

  if (g_str_equal (code, "expired") && g_str_equal (detail (details, "reason", ""), "after-first-verification"))
    {
      g_autofree char *date = detail_date (details, "not_after");
      g_autofree char *first = detail_date (details, "first_verified");

      /* Translators: a name, then two dates. */
      return g_strdup_printf (_("The certificate of “%s” expired on %s, after this message was found valid "
                                "on %s."),
                              subject, g_strstrip (date), g_strstrip (first));
    }

  if (g_str_equal (code, "expired"))
    {
      g_autofree char *date = detail_date (details, "not_after");
      /* Translators: %s is a name, then a date. */
      return g_strdup_printf (_("The certificate of “%s” expired on %s."), subject, g_strstrip (date));
    }

  if (g_str_equal (code, "not-yet-valid"))
    {
      g_autofree char *date = detail_date (details, "not_before");
      /* Translators: the first %s is a name, the second a date. */
      return g_strdup_printf (_("The certificate of “%s” is not valid before %s."), subject,
                              g_strstrip (date));
    }

  if (g_str_equal (code, "revoked"))
    return revoked_message (details);

  if (g_str_equal (code, "revocation-unknown"))
    /* Translators: %s is a person's or a certificate authority's name. */
    return g_strdup_printf (_("Signet could not find out whether the certificate of “%s” has been revoked."),
                            subject);

  if (g_str_equal (code, "revocation-pending") && g_str_equal (detail (details, "reason", ""), "issuer"))
    /* Translators: %s is a person's or a certificate authority's name. The
     * sentence is shown while Signet fetches a missing certificate. */
    return g_strdup_printf (_("Signet is fetching the certificate that issued the certificate of “%s”; "
                              "the result will follow shortly."),
                            subject);

  if (g_str_equal (code, "revocation-pending"))
    /* Translators: %s is a person's or a certificate authority's name. The
     * sentence is shown while Signet asks the network about revocation. */
    return g_strdup_printf (_("Signet is checking online whether the certificate of “%s” has been revoked; "
                              "the result will follow shortly."),
                            subject);

  if (g_str_equal (code, "crl-expired"))
    {
      g_autofree char *date = detail_date (details, "next_update");
      /* Translators: %s is a certificate authority, then a date. */
      return g_strdup_printf (_("The revocation list of “%s” is out of date: it should have been replaced "
                                "on %s."),
                              detail (details, "crl_issuer", "?"), g_strstrip (date));
    }

  if (g_str_equal (code, "crl-invalid"))
    return crl_invalid_message (details);

  if (g_str_equal (code, "key-usage"))
    return key_usage_message (details);

  if (g_str_equal (code, "weak-algorithm"))
    return weak_algorithm_message (details);

  if (g_str_equal (code, "self-signed"))
    /* Translators: %s is a person's name. */
    return g_strdup_printf (_("The certificate of “%s” is self-signed: nobody vouches for it but its owner."),
                            subject);

  if (g_str_equal (code, "malformed"))
    return g_strdup (_("The signature of this message is damaged and cannot be checked."));

  if (g_str_equal (code, "encrypted"))
    return g_strdup (_("This part of the message is encrypted; Signet checks signatures only."));

  if (g_str_equal (code, "certificate-changed"))
    {
      const char *reason = detail (details, "reason", "");
      const char *address = detail (details, "address", "?");

      if (g_str_equal (reason, "renewal"))
        /* Translators: %s is an e-mail address. */
        return g_strdup_printf (_("%s signed with a renewed certificate from the same certificate authority "
                                  "as before."),
                                address);
      if (g_str_equal (reason, "issuer-changed"))
        /* Translators: first %s an e-mail address, second and third certificate authorities. */
        return g_strdup_printf (_("%s used to sign with a certificate from “%s” and now signs with one from "
                                  "“%s”. Make sure the change is genuine."),
                                address, detail (details, "old_issuer", "?"), detail (details, "new_issuer", "?"));
      /* Translators: %s is an e-mail address. */
      return g_strdup_printf (_("%s now signs with a different certificate than before. Make sure the change "
                                "is genuine."),
                              address);
    }

  if (g_str_equal (code, "signer-not-found"))
    return g_strdup (_("The signer’s certificate is neither in the message nor in your certificate store, "
                       "so the signature cannot be checked."));

  /* Translators: %s is a technical code in English, such as “bad-signature”. */
  return g_strdup_printf (_("Signet found a problem it cannot describe (%s)."), code);
}

/**
 * signet_strings_verdict_title:
 * @verdict: `valid`, `warning`, `invalid`, `unsigned` or `error`
 *
 * Returns: (transfer none): a short translated title for the verdict
 */
const char *
signet_strings_verdict_title (const char *verdict)
{
  if (g_str_equal (verdict, "valid"))
    /* Translators: a verdict title: the signature is correct and trusted. */
    return C_("verdict", "Valid signature");
  if (g_str_equal (verdict, "warning"))
    /* Translators: a verdict title: the signature is correct, but something needs the
     * reader's attention. */
    return C_("verdict", "Signature with warnings");
  if (g_str_equal (verdict, "invalid"))
    /* Translators: a verdict title: the signature must not be trusted. */
    return C_("verdict", "Invalid signature");
  if (g_str_equal (verdict, "unsigned"))
    /* Translators: a verdict title: the message carries no signature. */
    return C_("verdict", "Not signed");
  /* Translators: a verdict title: the signature could not be checked at all. */
  return C_("verdict", "Signature not checked");
}

/**
 * signet_strings_verdict_line:
 * @verdict: a verdict
 * @signer: (nullable): the signer's name
 * @address: (nullable): the signer's e-mail address
 *
 * Returns: (transfer full): one plain sentence summing up the verdict, for
 *   a signature bar
 */
char *
signet_strings_verdict_line (const char *verdict, const char *signer, const char *address)
{
  const char *who = signer != NULL ? signer : address;

  if (g_str_equal (verdict, "unsigned"))
    return g_strdup (_("This message is not signed."));
  if (g_str_equal (verdict, "error"))
    return g_strdup (_("The signature of this message could not be checked."));
  if (who == NULL)
    /* Translators: used in place of a name in the verdict sentences, such as “Signed by %s;
     * the signature is valid.” */
    who = C_("signer", "an unknown signer");

  if (g_str_equal (verdict, "valid"))
    {
      if (address != NULL && signer != NULL && g_strcmp0 (signer, address) != 0)
        /* Translators: %s is a person's name, then an e-mail address. */
        return g_strdup_printf (_("Signed by %s <%s>; the signature is valid."), signer, address);
      /* Translators: %s is a person's name or e-mail address. */
      return g_strdup_printf (_("Signed by %s; the signature is valid."), who);
    }
  if (g_str_equal (verdict, "warning"))
    /* Translators: %s is a person's name or e-mail address. */
    return g_strdup_printf (_("Signed by %s, but there are problems you should read about."), who);
  /* Translators: %s is a person's name or e-mail address. */
  return g_strdup_printf (_("The signature from %s is not valid: do not trust this message."), who);
}
