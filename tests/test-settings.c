/* test-settings.c: the org.signet.Signet GSettings schema.
 *
 * Loads the schema compiled into the build folder (data/, next to this
 * test's folder; SIGNET_SCHEMA_DIR overrides) with a private schema source
 * and the memory backend, so that nothing of the user's settings is read
 * or written.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gio.h>
#include <gio/gsettingsbackend.h>

#include "signet-settings.h"
#include "signet-trust-anchors.h"

/* Fixtures are valid 2020..2045; everything validates on this date. */
#define TEST_TIME 1893456000 /* 2030-01-01T00:00:00Z */

static GSettingsSchema *
load_schema (void)
{
  const char *env = g_getenv ("SIGNET_SCHEMA_DIR");
  g_autofree char *dir =
      env ? g_strdup (env) : g_test_build_filename (G_TEST_BUILT, "..", "data", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettingsSchemaSource) source =
      g_settings_schema_source_new_from_directory (dir, NULL, TRUE, &error);

  g_assert_no_error (error);
  return g_settings_schema_source_lookup (source, "org.signet.Signet", FALSE);
}

static GSettings *
new_settings (GSettingsSchema *schema)
{
  g_autoptr (GSettingsBackend) backend = g_memory_settings_backend_new ();

  return g_settings_new_full (schema, backend, NULL);
}

static void
test_keys (void)
{
  g_autoptr (GSettingsSchema) schema = load_schema ();
  const char *expected[] = {
    "evolution-alert-bar", "fetch-timeout", "ocsp-order", "offline", "online-checks",
    "trust-source",        "weak-algorithm-policy", NULL
  };
  g_auto (GStrv) keys = NULL;

  g_assert_nonnull (schema);
  g_assert_cmpstr (g_settings_schema_get_path (schema), ==, "/org/signet/Signet/");
  keys = g_settings_schema_list_keys (schema);
  g_assert_cmpuint (g_strv_length (keys), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_assert_true (g_settings_schema_has_key (schema, expected[i]));
    }
}

static void
test_defaults (void)
{
  g_autoptr (GSettingsSchema) schema = load_schema ();
  g_autoptr (GSettings) settings = new_settings (schema);
  g_autofree char *order = NULL;
  g_autofree char *weak = NULL;
  g_autofree char *source = NULL;
  SignetTrustSource parsed;

  g_assert_true (g_settings_get_boolean (settings, "online-checks"));
  g_assert_false (g_settings_get_boolean (settings, "offline"));
  g_assert_cmpuint (g_settings_get_uint (settings, "fetch-timeout"), ==, 10);
  order = g_settings_get_string (settings, "ocsp-order");
  g_assert_cmpstr (order, ==, "crl-first");
  weak = g_settings_get_string (settings, "weak-algorithm-policy");
  g_assert_cmpstr (weak, ==, "warn");
  source = g_settings_get_string (settings, "trust-source");
  g_assert_cmpstr (source, ==, "mozilla");
  /* The enum nicks are the names SignetTrustSource reads, value for value. */
  g_assert_true (signet_trust_source_from_string (source, &parsed));
  g_assert_cmpint (g_settings_get_enum (settings, "trust-source"), ==, parsed);
}

static void
test_ranges (void)
{
  g_autoptr (GSettingsSchema) schema = load_schema ();
  g_autoptr (GSettings) settings = new_settings (schema);
  g_autoptr (GSettingsSchemaKey) timeout = g_settings_schema_get_key (schema, "fetch-timeout");
  g_autoptr (GSettingsSchemaKey) order = g_settings_schema_get_key (schema, "ocsp-order");
  g_autoptr (GVariant) zero = g_variant_ref_sink (g_variant_new_uint32 (0));
  g_autoptr (GVariant) big = g_variant_ref_sink (g_variant_new_uint32 (121));
  g_autoptr (GVariant) ok = g_variant_ref_sink (g_variant_new_uint32 (120));
  g_autoptr (GVariant) bad_order = g_variant_ref_sink (g_variant_new_string ("ocsp-only"));
  const char *sources[] = { "mozilla", "system", "none" };

  g_assert_false (g_settings_schema_key_range_check (timeout, zero));
  g_assert_false (g_settings_schema_key_range_check (timeout, big));
  g_assert_true (g_settings_schema_key_range_check (timeout, ok));
  g_assert_false (g_settings_schema_key_range_check (order, bad_order));
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      SignetTrustSource s;

      g_assert_true (g_settings_set_string (settings, "trust-source", sources[i]));
      g_assert_true (signet_trust_source_from_string (sources[i], &s));
      g_assert_cmpint (g_settings_get_enum (settings, "trust-source"), ==, s);
    }
  g_assert_true (g_settings_set_string (settings, "ocsp-order", "crl-only"));
  g_assert_true (g_settings_set_string (settings, "weak-algorithm-policy", "reject-sha1"));
}

/* Without settings (schema not installed) a verifier gets the schema's
 * defaults, and every key changes exactly its verifier property. */
static void
test_configure_verifier (void)
{
  g_autoptr (GSettingsSchema) schema = load_schema ();
  g_autoptr (GSettings) settings = new_settings (schema);
  g_autoptr (SignetVerifier) v = signet_verifier_new ();

  signet_verifier_set_offline (v, TRUE);
  signet_verifier_set_fetch_timeout (v, 99);
  signet_settings_configure_verifier (NULL, v);
  g_assert_false (signet_verifier_get_offline (v));
  g_assert_cmpint (signet_verifier_get_revocation_order (v), ==, SIGNET_REVOCATION_ORDER_CRL_FIRST);
  g_assert_cmpuint (signet_verifier_get_fetch_timeout (v), ==, 10);
  g_assert_false (signet_verifier_get_reject_sha1 (v));
  g_assert_cmpint (signet_settings_get_trust_source (NULL), ==, SIGNET_TRUST_SOURCE_MOZILLA);

  /* The memory backend starts at the defaults: the same result. */
  signet_settings_configure_verifier (settings, v);
  g_assert_false (signet_verifier_get_offline (v));
  g_assert_cmpuint (signet_verifier_get_fetch_timeout (v), ==, 10);

  g_assert_true (g_settings_set_boolean (settings, "offline", TRUE));
  signet_settings_configure_verifier (settings, v);
  g_assert_true (signet_verifier_get_offline (v));

  /* "online-checks" off is offline too, whatever "offline" says. */
  g_assert_true (g_settings_set_boolean (settings, "offline", FALSE));
  g_assert_true (g_settings_set_boolean (settings, "online-checks", FALSE));
  signet_settings_configure_verifier (settings, v);
  g_assert_true (signet_verifier_get_offline (v));
  g_assert_true (g_settings_set_boolean (settings, "online-checks", TRUE));
  signet_settings_configure_verifier (settings, v);
  g_assert_false (signet_verifier_get_offline (v));

  g_assert_true (g_settings_set_string (settings, "ocsp-order", "ocsp-first"));
  g_assert_true (g_settings_set_uint (settings, "fetch-timeout", 3));
  g_assert_true (g_settings_set_string (settings, "weak-algorithm-policy", "reject-sha1"));
  signet_settings_configure_verifier (settings, v);
  g_assert_cmpint (signet_verifier_get_revocation_order (v), ==, SIGNET_REVOCATION_ORDER_OCSP_FIRST);
  g_assert_cmpuint (signet_verifier_get_fetch_timeout (v), ==, 3);
  g_assert_true (signet_verifier_get_reject_sha1 (v));
  g_assert_true (g_settings_set_string (settings, "ocsp-order", "crl-only"));
  signet_settings_configure_verifier (settings, v);
  g_assert_cmpint (signet_verifier_get_revocation_order (v), ==, SIGNET_REVOCATION_ORDER_CRL_ONLY);

  g_assert_true (g_settings_set_string (settings, "trust-source", "none"));
  g_assert_cmpint (signet_settings_get_trust_source (settings), ==, SIGNET_TRUST_SOURCE_NONE);
  g_assert_true (g_settings_set_string (settings, "trust-source", "system"));
  g_assert_cmpint (signet_settings_get_trust_source (settings), ==, SIGNET_TRUST_SOURCE_SYSTEM);
}

static SignetWarning *
find_warning (SignetSignature *sig, const char *code)
{
  GPtrArray *warnings = signet_signature_get_warnings (sig);

  for (guint i = 0; i < warnings->len; i++)
    if (g_str_equal (signet_warning_get_code (warnings->pdata[i]), code))
      return warnings->pdata[i];
  return NULL;
}

static SignetReport *
verify_sha1_message (GSettings *settings)
{
  g_autoptr (SignetVerifier) v = signet_verifier_new ();
  g_autofree char *root = g_test_build_filename (G_TEST_DIST, "data", "pki", "root-ca.pem", NULL);
  g_autofree char *msg =
      g_test_build_filename (G_TEST_DIST, "data", "messages", "sha1-digest.eml", NULL);
  g_autoptr (GError) error = NULL;
  SignetReport *report;

  signet_settings_configure_verifier (settings, v);
  signet_verifier_set_use_system_trust (v, FALSE);
  signet_verifier_set_offline (v, TRUE);
  signet_verifier_set_check_revocation (v, FALSE);
  signet_verifier_set_time (v, TEST_TIME);
  g_assert_true (signet_verifier_add_anchors_from_file (v, root, &error));
  report = signet_verifier_verify_file (v, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* "weak-algorithm-policy": a message whose signature digests with SHA-1 is
 * shown with a warning, and is invalid with "reject-sha1". */
static void
test_weak_algorithm_policy (void)
{
  g_autoptr (GSettingsSchema) schema = load_schema ();
  g_autoptr (GSettings) settings = new_settings (schema);
  g_autoptr (SignetReport) warn = verify_sha1_message (settings);
  g_autoptr (SignetReport) reject = NULL;
  SignetSignature *sig;
  SignetWarning *w;

  g_assert_cmpint (signet_report_get_verdict (warn), ==, SIGNET_VERDICT_WARNING);
  sig = g_ptr_array_index (signet_report_get_signatures (warn), 0);
  w = find_warning (sig, SIGNET_WARNING_WEAK_ALGORITHM);
  g_assert_nonnull (w);
  g_assert_cmpint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_WARNING);

  g_assert_true (g_settings_set_string (settings, "weak-algorithm-policy", "reject-sha1"));
  reject = verify_sha1_message (settings);
  g_assert_cmpint (signet_report_get_verdict (reject), ==, SIGNET_VERDICT_INVALID);
  sig = g_ptr_array_index (signet_report_get_signatures (reject), 0);
  w = find_warning (sig, SIGNET_WARNING_WEAK_ALGORITHM);
  g_assert_nonnull (w);
  g_assert_cmpint (signet_warning_get_severity (w), ==, SIGNET_SEVERITY_ERROR);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signet/settings/keys", test_keys);
  g_test_add_func ("/signet/settings/defaults", test_defaults);
  g_test_add_func ("/signet/settings/ranges", test_ranges);
  g_test_add_func ("/signet/settings/configure-verifier", test_configure_verifier);
  g_test_add_func ("/signet/settings/weak-algorithm-policy", test_weak_algorithm_policy);
  return g_test_run ();
}
