/* signet-report.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-report.h"

#include <json-glib/json-glib.h>

#include "signet-strings.h"

/**
 * SignetReport:
 *
 * The result of verifying one message: every S/MIME part found, one
 * #SignetSignature per signer, and the overall verdict (the worst of the
 * signatures'; %SIGNET_VERDICT_UNSIGNED when there is none;
 * %SIGNET_VERDICT_ERROR when the message could not be read).
 *
 * |[<!-- language="C" -->
 * g_autoptr (SignetReport) report = signet_verifier_verify_bytes (verifier, bytes, NULL, &error);
 * g_print ("%s\n", signet_verdict_to_string (signet_report_get_verdict (report)));
 * ]|
 *
 * Since: 0.1
 */
struct _SignetReport
{
  GObject parent_instance;

  GPtrArray *signatures;
  GPtrArray *parts;
  GError *error;
};

G_DEFINE_FINAL_TYPE (SignetReport, signet_report, G_TYPE_OBJECT)

static void
signet_report_finalize (GObject *object)
{
  SignetReport *self = SIGNET_REPORT (object);

  g_clear_pointer (&self->signatures, g_ptr_array_unref);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (signet_report_parent_class)->finalize (object);
}

static void
signet_report_class_init (SignetReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_report_finalize;
}

static void
signet_report_init (SignetReport *self)
{
  self->signatures = g_ptr_array_new_with_free_func (g_object_unref);
  self->parts = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * signet_report_is_pending:
 * @self: a report
 *
 * Tells whether some of the report waits for the network: a signature's
 * revocation state is "pending" or it carries a `revocation-pending`
 * warning. Such a report comes from signet_verifier_verify_async(); pass
 * the message to signet_verifier_complete_async() for the final one.
 *
 * Returns: %TRUE when the report is not final
 *
 * Since: 0.1
 */
gboolean
signet_report_is_pending (SignetReport *self)
{
  g_return_val_if_fail (SIGNET_IS_REPORT (self), FALSE);

  for (guint i = 0; i < self->signatures->len; i++)
    {
      SignetSignature *sig = g_ptr_array_index (self->signatures, i);

      if (g_strcmp0 (signet_signature_get_revocation (sig), "pending") == 0 ||
          signet_signature_has_warning (sig, "revocation-pending"))
        return TRUE;
    }
  return FALSE;
}

/**
 * signet_report_new:
 *
 * Creates an empty report (the verifier fills it).
 *
 * Returns: (transfer full): an empty report
 *
 * Since: 0.1
 */
SignetReport *
signet_report_new (void)
{
  return g_object_new (SIGNET_TYPE_REPORT, NULL);
}

/**
 * signet_report_new_for_error:
 * @error: why the message could not be read
 *
 * Creates the report of a message that could not be read.
 *
 * Returns: (transfer full): a report whose verdict is %SIGNET_VERDICT_ERROR
 *
 * Since: 0.1
 */
SignetReport *
signet_report_new_for_error (const GError *error)
{
  SignetReport *self = signet_report_new ();

  self->error = g_error_copy (error);
  return self;
}

/**
 * signet_report_get_verdict:
 * @self: a report
 *
 * The verdict of the whole message: %SIGNET_VERDICT_ERROR when it could not
 * be read, %SIGNET_VERDICT_UNSIGNED without signatures, else the worst
 * verdict of its signatures.
 *
 * Returns: the verdict
 *
 * Since: 0.1
 */
SignetVerdict
signet_report_get_verdict (SignetReport *self)
{
  SignetVerdict worst = SIGNET_VERDICT_VALID;

  if (self->error != NULL)
    return SIGNET_VERDICT_ERROR;
  if (self->signatures->len == 0)
    return SIGNET_VERDICT_UNSIGNED;
  for (guint i = 0; i < self->signatures->len; i++)
    worst = MAX (worst, signet_signature_get_verdict (g_ptr_array_index (self->signatures, i)));
  return worst;
}

/**
 * signet_report_get_signatures:
 * @self: a report
 *
 * Gets the signatures, in message order.
 *
 * Returns: (transfer none) (element-type SignetSignature): the signatures,
 *   in message order
 *
 * Since: 0.1
 */
GPtrArray *
signet_report_get_signatures (SignetReport *self)
{
  return self->signatures;
}

/**
 * signet_report_get_parts:
 * @self: a report
 *
 * Gets the S/MIME parts found in the message.
 *
 * Returns: (transfer none) (element-type SignetSmimePart): the S/MIME parts
 *   found in the message
 *
 * Since: 0.1
 */
GPtrArray *
signet_report_get_parts (SignetReport *self)
{
  return self->parts;
}

/**
 * signet_report_get_error:
 * @self: a report
 *
 * Gets why the message could not be read.
 *
 * Returns: (transfer none) (nullable): why the message could not be read,
 *   %NULL when it was read
 *
 * Since: 0.1
 */
const GError *
signet_report_get_error (SignetReport *self)
{
  return self->error;
}

/**
 * signet_report_has_encrypted_part:
 * @self: a report
 *
 * Checks whether the message holds an encrypted (enveloped) part, which
 * Signet cannot look into.
 *
 * Returns: whether the message holds an encrypted (enveloped) part, which
 *   Signet cannot look into
 *
 * Since: 0.1
 */
gboolean
signet_report_has_encrypted_part (SignetReport *self)
{
  for (guint i = 0; i < self->parts->len; i++)
    if (signet_smime_part_get_kind (g_ptr_array_index (self->parts, i)) == SIGNET_PART_KIND_ENVELOPED)
      return TRUE;
  return FALSE;
}

/**
 * signet_report_get_summary:
 * @self: a report
 *
 * Gets one translated sentence for the whole message.
 *
 * Returns: (transfer full): one translated sentence for the whole message
 *
 * Since: 0.1
 */
char *
signet_report_get_summary (SignetReport *self)
{
  SignetVerdict verdict = signet_report_get_verdict (self);

  if (self->signatures->len > 0)
    {
      /* The worst signature speaks for the message. */
      for (guint i = 0; i < self->signatures->len; i++)
        {
          SignetSignature *sig = g_ptr_array_index (self->signatures, i);

          if (signet_signature_get_verdict (sig) == verdict)
            return signet_signature_get_summary (sig);
        }
    }
  return signet_strings_verdict_line (signet_verdict_to_string (verdict), NULL, NULL);
}

/**
 * signet_report_add_signature:
 * @self: a report
 * @signature: a signature
 *
 * Adds @signature. Used by the verifier.
 *
 * Since: 0.1
 */
void
signet_report_add_signature (SignetReport *self, SignetSignature *signature)
{
  g_ptr_array_add (self->signatures, g_object_ref (signature));
}

/**
 * signet_report_add_part:
 * @self: a report
 * @part: an S/MIME part
 *
 * Adds @part. Used by the verifier.
 *
 * Since: 0.1
 */
void
signet_report_add_part (SignetReport *self, SignetSmimePart *part)
{
  g_ptr_array_add (self->parts, g_object_ref (part));
}

static char *
iso8601 (gint64 t)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static void
add_time_member (JsonBuilder *b, const char *name, gint64 t)
{
  g_autofree char *s = t >= 0 ? iso8601 (t) : NULL;

  json_builder_set_member_name (b, name);
  if (s != NULL)
    json_builder_add_string_value (b, s);
  else
    json_builder_add_null_value (b);
}

static void
add_string_member (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_strv_member (JsonBuilder *b, const char *name, const char *const *values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

static void
add_certificate (JsonBuilder *b, SignetCertificate *cert)
{
  json_builder_begin_object (b);
  add_string_member (b, "subject", signet_certificate_get_subject (cert));
  add_string_member (b, "issuer", signet_certificate_get_issuer (cert));
  add_string_member (b, "serial", signet_certificate_get_serial_hex (cert));
  add_strv_member (b, "emails", signet_certificate_get_emails (cert));
  add_string_member (b, "sha256", signet_certificate_get_sha256 (cert));
  add_time_member (b, "not_before", signet_certificate_get_not_before (cert));
  add_time_member (b, "not_after", signet_certificate_get_not_after (cert));
  json_builder_end_object (b);
}

static void
add_warning (JsonBuilder *b, SignetWarning *w)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  json_builder_begin_object (b);
  add_string_member (b, "code", signet_warning_get_code (w));
  add_string_member (b, "severity", signet_severity_to_string (signet_warning_get_severity (w)));
  add_string_member (b, "message", signet_warning_get_message (w));
  g_variant_iter_init (&iter, signet_warning_get_details (w));
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      if (g_str_equal (key, "code") || g_str_equal (key, "severity") || g_str_equal (key, "message"))
        continue;
      json_builder_set_member_name (b, key);
      json_builder_add_value (b, json_gvariant_serialize (value));
    }
  json_builder_end_object (b);
}

static void
add_signature (JsonBuilder *b, SignetSignature *sig)
{
  SignetCertificate *signer = signet_signature_get_signer (sig);
  GPtrArray *chain = signet_signature_get_chain (sig);
  GPtrArray *warnings = signet_signature_get_warnings (sig);
  const char *const *policies = signet_signature_get_valid_policies (sig);

  json_builder_begin_object (b);
  add_string_member (b, "part", signet_signature_get_part (sig));
  add_string_member (b, "verdict", signet_verdict_to_string (signet_signature_get_verdict (sig)));
  json_builder_set_member_name (b, "path_valid");
  json_builder_add_boolean_value (b, signet_signature_get_path_valid (sig));
  json_builder_set_member_name (b, "signer");
  if (signer != NULL)
    add_certificate (b, signer);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "chain");
  json_builder_begin_array (b);
  for (guint i = 0; i < chain->len; i++)
    {
      SignetCertificate *c = g_ptr_array_index (chain, i);

      json_builder_begin_object (b);
      add_string_member (b, "subject", signet_certificate_get_subject (c));
      add_string_member (b, "sha256", signet_certificate_get_sha256 (c));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_time_member (b, "signing_time", signet_signature_get_signing_time (sig));
  add_string_member (b, "digest_algorithm", signet_signature_get_digest_algorithm (sig));
  add_string_member (b, "signature_algorithm", signet_signature_get_signature_algorithm (sig));
  add_string_member (b, "revocation", signet_signature_get_revocation (sig));
  add_strv_member (b, "message_addresses", signet_signature_get_message_addresses (sig));
  json_builder_set_member_name (b, "first_verified");
  {
    gint64 when = -1;
    const char *first = signet_signature_get_first_verified (sig, &when);

    if (first != NULL)
      {
        json_builder_begin_object (b);
        add_string_member (b, "verdict", first);
        add_time_member (b, "time", when);
        json_builder_end_object (b);
      }
    else
      {
        json_builder_add_null_value (b);
      }
  }
  json_builder_set_member_name (b, "valid_policies");
  if (policies != NULL)
    {
      json_builder_begin_array (b);
      for (guint i = 0; policies[i] != NULL; i++)
        json_builder_add_string_value (b, policies[i]);
      json_builder_end_array (b);
    }
  else
    {
      json_builder_add_null_value (b);
    }
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < warnings->len; i++)
    add_warning (b, g_ptr_array_index (warnings, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/**
 * signet_report_to_json:
 * @self: a report
 * @pretty: whether to indent
 *
 * Serialises the report as one JSON object:
 * `{"verdict", "summary", "signatures": [...], "parts": [...], "error"}`.
 *
 * Returns: (transfer full): the JSON text
 *
 * Since: 0.1
 */
char *
signet_report_to_json (SignetReport *self, gboolean pretty)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *summary = signet_report_get_summary (self);

  json_builder_begin_object (b);
  add_string_member (b, "verdict", signet_verdict_to_string (signet_report_get_verdict (self)));
  add_string_member (b, "summary", summary);
  json_builder_set_member_name (b, "signatures");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->signatures->len; i++)
    add_signature (b, g_ptr_array_index (self->signatures, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "parts");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->parts->len; i++)
    {
      SignetSmimePart *part = g_ptr_array_index (self->parts, i);

      json_builder_begin_object (b);
      add_string_member (b, "path", signet_smime_part_get_path (part));
      add_string_member (b, "kind", signet_smime_part_kind_to_string (signet_smime_part_get_kind (part)));
      add_string_member (b, "mime_type", signet_smime_part_get_mime_type (part));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_string_member (b, "error", self->error ? self->error->message : NULL);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, pretty);
  return json_generator_to_data (gen, NULL);
}
