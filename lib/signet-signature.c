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
 * Returns: (transfer full): a new, empty signature result
 */
SignetSignature *
signet_signature_new (const char *part_path, guint signer_index)
{
  SignetSignature *self = g_object_new (SIGNET_TYPE_SIGNATURE, NULL);

  self->part = g_strdup (part_path);
  self->signer_index = signer_index;
  return self;
}

const char *
signet_signature_get_part (SignetSignature *self)
{
  return self->part;
}

guint
signet_signature_get_signer_index (SignetSignature *self)
{
  return self->signer_index;
}

/**
 * signet_signature_get_verdict:
 * @self: a signature
 *
 * Returns: the verdict, from the most severe warning
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
 * Returns: %TRUE only when a whole path to a trust anchor validated, with
 *   every certificate's revocation status known and good
 */
gboolean
signet_signature_get_path_valid (SignetSignature *self)
{
  return self->path_valid;
}

/* Returns: (transfer none) (nullable): the signer's certificate */
SignetCertificate *
signet_signature_get_signer (SignetSignature *self)
{
  return self->signer;
}

/* Returns: (transfer none) (element-type SignetCertificate): the chain, signer first */
GPtrArray *
signet_signature_get_chain (SignetSignature *self)
{
  return self->chain;
}

/* Returns: (transfer none) (element-type SignetWarning): the warnings */
GPtrArray *
signet_signature_get_warnings (SignetSignature *self)
{
  return self->warnings;
}

/* Returns: the signingTime attribute as Unix time, or -1 */
gint64
signet_signature_get_signing_time (SignetSignature *self)
{
  return self->signing_time;
}

const char *
signet_signature_get_digest_algorithm (SignetSignature *self)
{
  return self->digest_algorithm;
}

const char *
signet_signature_get_signature_algorithm (SignetSignature *self)
{
  return self->signature_algorithm;
}

const char *const *
signet_signature_get_message_addresses (SignetSignature *self)
{
  return (const char *const *) self->message_addresses;
}

/* Returns: (nullable): the valid policy set of the path */
const char *const *
signet_signature_get_valid_policies (SignetSignature *self)
{
  return (const char *const *) self->valid_policies;
}

/* Returns: the signer's revocation state: "good", "revoked", "unknown",
 * "pending", or NULL when it was not checked */
const char *
signet_signature_get_revocation (SignetSignature *self)
{
  return self->revocation;
}

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
 * Returns: (transfer full): one translated sentence for a signature bar
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

void
signet_signature_set_signer (SignetSignature *self, SignetCertificate *signer)
{
  g_set_object (&self->signer, signer);
}

void
signet_signature_set_chain (SignetSignature *self, GPtrArray *chain)
{
  g_ptr_array_set_size (self->chain, 0);
  for (guint i = 0; chain != NULL && i < chain->len; i++)
    g_ptr_array_add (self->chain, g_object_ref (g_ptr_array_index (chain, i)));
}

void
signet_signature_set_path_valid (SignetSignature *self, gboolean path_valid)
{
  self->path_valid = path_valid;
}

void
signet_signature_set_signing_time (SignetSignature *self, gint64 signing_time)
{
  self->signing_time = signing_time;
}

void
signet_signature_set_algorithms (SignetSignature *self, const char *digest, const char *signature)
{
  g_free (self->digest_algorithm);
  self->digest_algorithm = g_strdup (digest);
  g_free (self->signature_algorithm);
  self->signature_algorithm = g_strdup (signature);
}

void
signet_signature_set_message_addresses (SignetSignature *self, const char *const *addresses)
{
  g_strfreev (self->message_addresses);
  self->message_addresses = addresses ? g_strdupv ((char **) addresses) : g_new0 (char *, 1);
}

void
signet_signature_set_valid_policies (SignetSignature *self, const char *const *policies)
{
  g_strfreev (self->valid_policies);
  self->valid_policies = policies ? g_strdupv ((char **) policies) : NULL;
}

void
signet_signature_set_revocation (SignetSignature *self, const char *revocation)
{
  g_free (self->revocation);
  self->revocation = g_strdup (revocation);
}

/* Adds @warning unless one with the same code and details is there. */
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
 */
const char *
signet_signature_get_first_verified (SignetSignature *self, gint64 *when)
{
  if (when)
    *when = self->first_verified;
  return self->first_verdict;
}

void
signet_signature_set_first_verified (SignetSignature *self, const char *verdict, gint64 when)
{
  g_free (self->first_verdict);
  self->first_verdict = g_strdup (verdict);
  self->first_verified = when;
}

/* Replaces @old (one of the signature's warnings) with @replacement. */
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

void
signet_signature_add_warnings (SignetSignature *self, GPtrArray *warnings)
{
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    signet_signature_add_warning (self, g_ptr_array_index (warnings, i));
}
