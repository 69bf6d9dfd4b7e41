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
 * Returns: (transfer full): a new warning
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

const char *
signet_warning_get_code (SignetWarning *self)
{
  return self->code;
}

SignetSeverity
signet_warning_get_severity (SignetWarning *self)
{
  return self->severity;
}

/* Returns: (transfer none): the `a{sv}` details */
GVariant *
signet_warning_get_details (SignetWarning *self)
{
  return self->details;
}

/* Returns: (nullable): the string value of detail @key */
const char *
signet_warning_get_detail_string (SignetWarning *self, const char *key)
{
  const char *value = NULL;

  if (!g_variant_lookup (self->details, key, "&s", &value))
    return NULL;
  return value;
}

/* Returns: the translated sentence for this warning */
const char *
signet_warning_get_message (SignetWarning *self)
{
  return self->message;
}

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
