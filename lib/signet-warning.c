/* signet-warning.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-warning.h"

#include "signet-strings.h"

/**
 * SignetWarning:
 *
 * One finding: a stable code (`expired`, `revoked`, ...), a severity, the
 * details that explain it (subject names, addresses, dates) as an `a{sv}`
 * dictionary, and the translated sentence a person reads.
 *
 * Programs compare codes, never messages. The codes (new ones may be
 * added, none is ever renamed):
 *
 * - `bad-signature`: the signature does not verify; the message was changed
 *   or the signature is forged
 * - `address-mismatch`: the signer's certificate does not name the address
 *   the message comes from
 * - `no-address`: the signer's certificate names no e-mail address
 * - `untrusted-root`: the chain ends at a root nobody chose to trust
 * - `issuer-unknown`: an issuer's certificate is missing
 * - `invalid-chain`: the path breaks a rule of RFC 5280 (signatures, names,
 *   constraints, policies)
 * - `unknown-critical-extension`: a certificate has a critical extension
 *   Signet does not understand
 * - `expired`, `not-yet-valid`: a certificate is outside its validity period
 * - `revoked`: a certificate was revoked
 * - `revocation-unknown`: the revocation status could not be established
 *   (detail `reason`)
 * - `revocation-pending`: an info: a fetch may still settle the revocation
 *   status; see signet_verifier_verify_async()
 * - `crl-expired`, `crl-invalid`: the CRL at hand cannot be relied on
 * - `key-usage`: the certificate is not meant for signing e-mail
 * - `weak-algorithm`: a weak digest, signature algorithm or key
 * - `self-signed`: the signer's certificate is self-signed
 * - `malformed`: an S/MIME part cannot be read
 * - `encrypted`: the message holds an encrypted part Signet cannot check
 * - `signer-not-found`: the signer's certificate is neither in the message
 *   nor in the store
 * - `certificate-changed`: the sender signed with another certificate before
 * - `distrusted`: a certificate of the path is distrusted
 * - `pinned`: an info: the signer is trusted for the address because the user
 *   said so
 *
 * Each has a `SIGNET_WARNING_*` constant, e.g. %SIGNET_WARNING_EXPIRED.
 *
 * Since: 0.1
 */
struct _SignetWarning
{
  GObject parent_instance;

  char *code;
  SignetSeverity severity;
  GVariant *details;
  char *message;
};

G_DEFINE_FINAL_TYPE (SignetWarning, signet_warning, G_TYPE_OBJECT)

static void
signet_warning_finalize (GObject *object)
{
  SignetWarning *self = SIGNET_WARNING (object);

  g_free (self->code);
  g_clear_pointer (&self->details, g_variant_unref);
  g_free (self->message);

  G_OBJECT_CLASS (signet_warning_parent_class)->finalize (object);
}

static void
signet_warning_class_init (SignetWarningClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_warning_finalize;
}

static void
signet_warning_init (SignetWarning *self)
{
}

/**
 * signet_warning_new:
 * @code: a stable warning code such as `expired`
 * @severity: how much it matters
 * @details: (nullable): an `a{sv}` dictionary; a floating reference is sunk
 *
 * Creates a warning.
 *
 * Returns: (transfer full): a new warning
 *
 * Since: 0.1
 */
SignetWarning *
signet_warning_new (const char *code, SignetSeverity severity, GVariant *details)
{
  SignetWarning *self;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (details == NULL || g_variant_is_of_type (details, G_VARIANT_TYPE_VARDICT), NULL);

  self = g_object_new (SIGNET_TYPE_WARNING, NULL);
  self->code = g_strdup (code);
  self->severity = severity;
  if (details != NULL)
    self->details = g_variant_ref_sink (details);
  else
    self->details = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0));
  self->message = signet_strings_warning_message (self->code, self->details);
  return self;
}

/**
 * signet_warning_new_with:
 * @code: a stable warning code
 * @severity: how much it matters
 * @first_key: the first detail key, or %NULL
 * @...: its #GVariant value (floating references are sunk), then more
 *   key/value pairs, ending with %NULL
 *
 * Builds a warning whose `a{sv}` details are the given pairs. A %NULL value
 * skips its key.
 *
 * Returns: (transfer full): a new warning
 *
 * Since: 0.1
 */
SignetWarning *
signet_warning_new_with (const char *code, SignetSeverity severity, const char *first_key, ...)
{
  GVariantBuilder builder;
  va_list args;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      GVariant *value = va_arg (args, GVariant *);

      if (value != NULL)
        g_variant_builder_add (&builder, "{sv}", key, value);
    }
  va_end (args);
  return signet_warning_new (code, severity, g_variant_builder_end (&builder));
}

/**
 * signet_warning_get_code:
 * @self: a warning
 *
 * Gets the stable code, e.g. %SIGNET_WARNING_ADDRESS_MISMATCH.
 *
 * Returns: the stable code, e.g. %SIGNET_WARNING_ADDRESS_MISMATCH; codes are
 *   never renamed, so programs may compare them
 *
 * Since: 0.1
 */
const char *
signet_warning_get_code (SignetWarning *self)
{
  return self->code;
}

/**
 * signet_warning_get_severity:
 * @self: a warning
 *
 * Gets the severity of the warning.
 *
 * Returns: how much the warning matters
 *
 * Since: 0.1
 */
SignetSeverity
signet_warning_get_severity (SignetWarning *self)
{
  return self->severity;
}

/**
 * signet_warning_get_details:
 * @self: a warning
 *
 * Gets the `a{sv}` details (e.g. `certificate`, `address`, `reason`).
 *
 * Returns: (transfer none): the `a{sv}` details (e.g. `certificate`,
 *   `address`, `reason`)
 *
 * Since: 0.1
 */
GVariant *
signet_warning_get_details (SignetWarning *self)
{
  return self->details;
}

/**
 * signet_warning_get_detail_string:
 * @self: a warning
 * @key: a detail key
 *
 * Gets the string value of detail @key.
 *
 * Returns: (nullable): the string value of detail @key, %NULL when it is
 *   absent or not a string
 *
 * Since: 0.1
 */
const char *
signet_warning_get_detail_string (SignetWarning *self, const char *key)
{
  const char *value = NULL;

  if (!g_variant_lookup (self->details, key, "&s", &value))
    return NULL;
  return value;
}

/**
 * signet_warning_get_message:
 * @self: a warning
 *
 * Gets the translated sentence for this warning, for people.
 *
 * Returns: the translated sentence for this warning, for people
 *
 * Since: 0.1
 */
const char *
signet_warning_get_message (SignetWarning *self)
{
  return self->message;
}

/**
 * signet_severity_to_string:
 * @severity: a severity
 *
 * Gets the stable name of a severity.
 *
 * Returns: `info`, `warning` or `error` (not translated)
 *
 * Since: 0.1
 */
const char *
signet_severity_to_string (SignetSeverity severity)
{
  switch (severity)
    {
    case SIGNET_SEVERITY_INFO:
      return "info";
    case SIGNET_SEVERITY_WARNING:
      return "warning";
    case SIGNET_SEVERITY_ERROR:
      return "error";
    default:
      return "unknown";
    }
}
