/* signet-signature.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-signature.h"

#include "signet-strings.h"

/**
 * SignetSignature:
 *
 * One signer of one S/MIME part: who signed, the certificate chain Signet
 * built, the warnings it found and the verdict they add up to. The verdict
 * is derived from the warnings: any %SIGNET_SEVERITY_ERROR makes it
 * invalid, any %SIGNET_SEVERITY_WARNING makes it a warning.
 *
 * Since: 0.1
 */
struct _SignetSignature
{
  GObject parent_instance;

  char *part;
  guint signer_index;
  gboolean path_valid;
  SignetCertificate *signer;
  GPtrArray *chain;
  GPtrArray *warnings;
  gint64 signing_time;
  char *digest_algorithm;
  char *signature_algorithm;
  GStrv message_addresses;
  GStrv valid_policies;
  char *revocation;
  char *first_verdict;
  gint64 first_verified;
};

G_DEFINE_FINAL_TYPE (SignetSignature, signet_signature, G_TYPE_OBJECT)

/**
 * signet_verdict_to_string:
 * @verdict: a verdict
 *
 * Gets the stable name of a verdict.
 *
 * Returns: the verdict's stable name: `valid`, `warning`, `invalid`,
 *   `unsigned` or `error` (for logs, JSON and scripts; not translated)
 *
 * Since: 0.1
 */
const char *
signet_verdict_to_string (SignetVerdict verdict)
{
  switch (verdict)
    {
    case SIGNET_VERDICT_VALID:
      return "valid";
    case SIGNET_VERDICT_WARNING:
      return "warning";
    case SIGNET_VERDICT_INVALID:
      return "invalid";
    case SIGNET_VERDICT_UNSIGNED:
      return "unsigned";
    case SIGNET_VERDICT_ERROR:
    default:
      return "error";
    }
}

static void
signet_signature_finalize (GObject *object)
{
  SignetSignature *self = SIGNET_SIGNATURE (object);

  g_free (self->part);
  g_clear_object (&self->signer);
  g_clear_pointer (&self->chain, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self->digest_algorithm);
  g_free (self->signature_algorithm);
  g_strfreev (self->message_addresses);
  g_strfreev (self->valid_policies);
  g_free (self->revocation);
  g_free (self->first_verdict);

  G_OBJECT_CLASS (signet_signature_parent_class)->finalize (object);
}

static void
signet_signature_class_init (SignetSignatureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_signature_finalize;
}

static void
signet_signature_init (SignetSignature *self)
{
  self->chain = g_ptr_array_new_with_free_func (g_object_unref);
  self->warnings = g_ptr_array_new_with_free_func (g_object_unref);
  self->signing_time = -1;
  self->message_addresses = g_new0 (char *, 1);
}

/**
 * signet_signature_new:
 * @part_path: where the S/MIME part sits in the message
 * @signer_index: which SignerInfo of that part
 *
 * Creates an empty signature result (the verifier fills it).
 *
 * Returns: (transfer full): a new, empty signature result
 *
 * Since: 0.1
 */
SignetSignature *
signet_signature_new (const char *part_path, guint signer_index)
{
  SignetSignature *self = g_object_new (SIGNET_TYPE_SIGNATURE, NULL);

  self->part = g_strdup (part_path);
  self->signer_index = signer_index;
  return self;
}

/**
 * signet_signature_get_part:
 * @self: a signature
 *
 * Gets where the signed S/MIME part sits in the message (see
 * signet_smime_part_get_path()).
 *
 * Returns: where the signed S/MIME part sits in the message (see
 *   signet_smime_part_get_path())
 *
 * Since: 0.1
 */
const char *
signet_signature_get_part (SignetSignature *self)
{
  return self->part;
}

/**
 * signet_signature_get_signer_index:
 * @self: a signature
 *
 * Gets which SignerInfo of the part this is, counting from 0.
 *
 * Returns: which SignerInfo of the part this is, counting from 0
 *
 * Since: 0.1
 */
guint
signet_signature_get_signer_index (SignetSignature *self)
{
  return self->signer_index;
}

/**
 * signet_signature_get_verdict:
 * @self: a signature
 *
 * Gets the verdict, from the most severe warning.
 *
 * Returns: the verdict, from the most severe warning
 *
 * Since: 0.1
 */
SignetVerdict
signet_signature_get_verdict (SignetSignature *self)
{
  SignetSeverity worst = SIGNET_SEVERITY_INFO;

  for (guint i = 0; i < self->warnings->len; i++)
    worst = MAX (worst, signet_warning_get_severity (g_ptr_array_index (self->warnings, i)));

  switch (worst)
    {
    case SIGNET_SEVERITY_ERROR:
      return SIGNET_VERDICT_INVALID;
    case SIGNET_SEVERITY_WARNING:
      return SIGNET_VERDICT_WARNING;
    case SIGNET_SEVERITY_INFO:
    default:
      return SIGNET_VERDICT_VALID;
    }
}

/**
 * signet_signature_get_path_valid:
 * @self: a signature
 *
 * Checks whether the signer's certificate path was fully validated.
 *
 * Returns: %TRUE only when a whole path to a trust anchor validated, with
 *   every certificate's revocation status known and good
 *
 * Since: 0.1
 */
gboolean
signet_signature_get_path_valid (SignetSignature *self)
{
  return self->path_valid;
}

/**
 * signet_signature_get_signer:
 * @self: a signature
 *
 * Gets the signer's certificate.
 *
 * Returns: (transfer none) (nullable): the signer's certificate, %NULL when
 *   it was not found
 *
 * Since: 0.1
 */
SignetCertificate *
signet_signature_get_signer (SignetSignature *self)
{
  return self->signer;
}

/**
 * signet_signature_get_chain:
 * @self: a signature
 *
 * Gets the certificate chain Signet built, signer first.
 *
 * Returns: (transfer none) (element-type SignetCertificate): the certificate
 *   chain Signet built, signer first; empty when there is none
 *
 * Since: 0.1
 */
GPtrArray *
signet_signature_get_chain (SignetSignature *self)
{
  return self->chain;
}

/**
 * signet_signature_get_warnings:
 * @self: a signature
 *
 * Gets the warnings, in the order they were found.
 *
 * Returns: (transfer none) (element-type SignetWarning): the warnings, in the
 *   order they were found
 *
 * Since: 0.1
 */
GPtrArray *
signet_signature_get_warnings (SignetSignature *self)
{
  return self->warnings;
}

/**
 * signet_signature_get_signing_time:
 * @self: a signature
 *
 * Gets the signingTime attribute as Unix time, or -1 when absent. The
 * sender's claim, not a proof of time.
 *
 * Returns: the signingTime attribute as Unix time, or -1 when absent. The
 *   sender's claim, not a proof of time.
 *
 * Since: 0.1
 */
gint64
signet_signature_get_signing_time (SignetSignature *self)
{
  return self->signing_time;
}

/**
 * signet_signature_get_digest_algorithm:
 * @self: a signature
 *
 * Gets the digest algorithm's name, e.g. `SHA256`.
 *
 * Returns: (nullable): the digest algorithm's name, e.g. `SHA256`
 *
 * Since: 0.1
 */
const char *
signet_signature_get_digest_algorithm (SignetSignature *self)
{
  return self->digest_algorithm;
}

/**
 * signet_signature_get_signature_algorithm:
 * @self: a signature
 *
 * Gets the signature algorithm's name, e.g. `RSA-SHA256`.
 *
 * Returns: (nullable): the signature algorithm's name, e.g. `RSA-SHA256`
 *
 * Since: 0.1
 */
const char *
signet_signature_get_signature_algorithm (SignetSignature *self)
{
  return self->signature_algorithm;
}

/**
 * signet_signature_get_message_addresses:
 * @self: a signature
 *
 * Gets the addresses of the message (From and Sender) the signer's
 * certificate was compared with.
 *
 * Returns: (transfer none): the addresses of the message (From and Sender)
 *   the signer's certificate was compared with; possibly empty
 *
 * Since: 0.1
 */
const char *const *
signet_signature_get_message_addresses (SignetSignature *self)
{
  return (const char *const *) self->message_addresses;
}

/**
 * signet_signature_get_valid_policies:
 * @self: a signature
 *
 * Gets the valid policy set of the path (certificate policy OIDs).
 *
 * Returns: (transfer none) (nullable): the valid policy set of the path
 *   (certificate policy OIDs), %NULL when no policy processing result exists
 *
 * Since: 0.1
 */
const char *const *
signet_signature_get_valid_policies (SignetSignature *self)
{
  return (const char *const *) self->valid_policies;
}

/**
 * signet_signature_get_revocation:
 * @self: a signature
 *
 * Gets the revocation state of the signer's certificate.
 *
 * Returns: (nullable): the signer's revocation state: `good`, `revoked`,
 *   `unknown`, `pending`, or %NULL when it was not checked
 *
 * Since: 0.1
 */
const char *
signet_signature_get_revocation (SignetSignature *self)
{
  return self->revocation;
}

/**
 * signet_signature_has_warning:
 * @self: a signature
 * @code: a warning code such as %SIGNET_WARNING_EXPIRED
 *
 * Checks whether the signature carries a warning with @code.
 *
 * Returns: whether the signature carries a warning with @code
 *
 * Since: 0.1
 */
gboolean
signet_signature_has_warning (SignetSignature *self, const char *code)
{
  for (guint i = 0; i < self->warnings->len; i++)
    if (g_str_equal (signet_warning_get_code (g_ptr_array_index (self->warnings, i)), code))
      return TRUE;
  return FALSE;
}

/**
 * signet_signature_get_summary:
 * @self: a signature
 *
 * Gets one translated sentence for a signature bar.
 *
 * Returns: (transfer full): one translated sentence for a signature bar
 *
 * Since: 0.1
 */
char *
signet_signature_get_summary (SignetSignature *self)
{
  const char *name = NULL;
  const char *address = NULL;

  if (self->signer != NULL)
    {
      const char *const *emails = signet_certificate_get_emails (self->signer);

      name = signet_certificate_get_common_name (self->signer);
      address = emails[0];
    }
  return signet_strings_verdict_line (signet_verdict_to_string (signet_signature_get_verdict (self)),
                                      name, address);
}

/**
 * signet_signature_set_signer:
 * @self: a signature
 * @signer: (nullable): the signer's certificate
 *
 * Sets the signer's certificate. Used by the verifier.
 *
 * Since: 0.1
 */
void
signet_signature_set_signer (SignetSignature *self, SignetCertificate *signer)
{
  g_set_object (&self->signer, signer);
}

/**
 * signet_signature_set_chain:
 * @self: a signature
 * @chain: (nullable) (element-type SignetCertificate): the chain, signer first
 *
 * Replaces the chain with the certificates of @chain. Used by the verifier.
 *
 * Since: 0.1
 */
void
signet_signature_set_chain (SignetSignature *self, GPtrArray *chain)
{
  g_ptr_array_set_size (self->chain, 0);
  for (guint i = 0; chain != NULL && i < chain->len; i++)
    g_ptr_array_add (self->chain, g_object_ref (g_ptr_array_index (chain, i)));
}

/**
 * signet_signature_set_path_valid:
 * @self: a signature
 * @path_valid: whether a whole path to a trust anchor validated
 *
 * Used by the verifier.
 *
 * Since: 0.1
 */
void
signet_signature_set_path_valid (SignetSignature *self, gboolean path_valid)
{
  self->path_valid = path_valid;
}

/**
 * signet_signature_set_signing_time:
 * @self: a signature
 * @signing_time: the signingTime attribute (Unix time), or -1
 *
 * Used by the verifier.
 *
 * Since: 0.1
 */
void
signet_signature_set_signing_time (SignetSignature *self, gint64 signing_time)
{
  self->signing_time = signing_time;
}

/**
 * signet_signature_set_algorithms:
 * @self: a signature
 * @digest: (nullable): the digest algorithm's name
 * @signature: (nullable): the signature algorithm's name
 *
 * Used by the verifier.
 *
 * Since: 0.1
 */
void
signet_signature_set_algorithms (SignetSignature *self, const char *digest, const char *signature)
{
  g_free (self->digest_algorithm);
  self->digest_algorithm = g_strdup (digest);
  g_free (self->signature_algorithm);
  self->signature_algorithm = g_strdup (signature);
}

/**
 * signet_signature_set_message_addresses:
 * @self: a signature
 * @addresses: (nullable) (array zero-terminated=1): the message's addresses
 *
 * Used by the verifier.
 *
 * Since: 0.1
 */
void
signet_signature_set_message_addresses (SignetSignature *self, const char *const *addresses)
{
  g_strfreev (self->message_addresses);
  self->message_addresses = addresses ? g_strdupv ((char **) addresses) : g_new0 (char *, 1);
}

/**
 * signet_signature_set_valid_policies:
 * @self: a signature
 * @policies: (nullable) (array zero-terminated=1): the valid policy set
 *
 * Used by the verifier.
 *
 * Since: 0.1
 */
void
signet_signature_set_valid_policies (SignetSignature *self, const char *const *policies)
{
  g_strfreev (self->valid_policies);
  self->valid_policies = policies ? g_strdupv ((char **) policies) : NULL;
}

/**
 * signet_signature_set_revocation:
 * @self: a signature
 * @revocation: (nullable): `good`, `revoked`, `unknown` or `pending`
 *
 * Used by the verifier.
 *
 * Since: 0.1
 */
void
signet_signature_set_revocation (SignetSignature *self, const char *revocation)
{
  g_free (self->revocation);
  self->revocation = g_strdup (revocation);
}

/**
 * signet_signature_add_warning:
 * @self: a signature
 * @warning: a warning
 *
 * Adds @warning unless one with the same code and details is there.
 *
 * Since: 0.1
 */
void
signet_signature_add_warning (SignetSignature *self, SignetWarning *warning)
{
  for (guint i = 0; i < self->warnings->len; i++)
    {
      SignetWarning *w = g_ptr_array_index (self->warnings, i);

      if (g_str_equal (signet_warning_get_code (w), signet_warning_get_code (warning)) &&
          g_variant_equal (signet_warning_get_details (w), signet_warning_get_details (warning)))
        return;
    }
  g_ptr_array_add (self->warnings, g_object_ref (warning));
}

/**
 * signet_signature_get_first_verified:
 * @self: a signature
 * @when: (out) (optional): when this signature was first verified
 *
 * What the certificate store remembers of the first verification of this
 * very signature (the same message and signature value), so that old mail
 * can be shown as it was when it arrived.
 *
 * Returns: (nullable): the first verdict, or %NULL when unknown
 *
 * Since: 0.1
 */
const char *
signet_signature_get_first_verified (SignetSignature *self, gint64 *when)
{
  if (when)
    *when = self->first_verified;
  return self->first_verdict;
}

/**
 * signet_signature_set_first_verified:
 * @self: a signature
 * @verdict: (nullable): the verdict of the first verification
 * @when: when it happened (Unix time)
 *
 * Used by the verifier with what the store remembers.
 *
 * Since: 0.1
 */
void
signet_signature_set_first_verified (SignetSignature *self, const char *verdict, gint64 when)
{
  g_free (self->first_verdict);
  self->first_verdict = g_strdup (verdict);
  self->first_verified = when;
}

/**
 * signet_signature_replace_warning:
 * @self: a signature
 * @old: one of the signature's warnings
 * @replacement: the warning to put in its place
 *
 * Replaces @old with @replacement; does nothing when @old is not one of the
 * signature's warnings.
 *
 * Since: 0.1
 */
void
signet_signature_replace_warning (SignetSignature *self, SignetWarning *old, SignetWarning *replacement)
{
  for (guint i = 0; i < self->warnings->len; i++)
    if (g_ptr_array_index (self->warnings, i) == old)
      {
        g_object_unref (self->warnings->pdata[i]);
        self->warnings->pdata[i] = g_object_ref (replacement);
        return;
      }
}

/**
 * signet_signature_add_warnings:
 * @self: a signature
 * @warnings: (nullable) (element-type SignetWarning): warnings
 *
 * Adds each of @warnings with signet_signature_add_warning().
 *
 * Since: 0.1
 */
void
signet_signature_add_warnings (SignetSignature *self, GPtrArray *warnings)
{
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    signet_signature_add_warning (self, g_ptr_array_index (warnings, i));
}
