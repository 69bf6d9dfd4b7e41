/* test-pkits.c: NIST PKITS through the message → report pipeline.
 *
 * Every row of data/pkits/expected.tsv names a signed message, the
 * expected result and the RFC 5280 inputs it assumes (initial policy set,
 * explicit policy, policy mapping and anyPolicy inhibition). The message
 * goes through signet_verifier_verify_file() exactly like real mail, and
 * the signature's path_valid must equal the expected result.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include "signet-init.h"
#include "signet-verifier.h"

#define PKITS_TIME 1302825600 /* 2011-04-15T00:00:00Z */
#define NIST_POLICY_PREFIX "2.16.840.1.101.3.2.1.48."
#define ANY_POLICY "2.5.29.32.0"

typedef struct
{
  char *section;
  guint total;
  guint passed;
} Section;

static char *
pkits_file (const char *a, const char *b)
{
  return g_test_build_filename (G_TEST_DIST, "data", "pkits", a, b, NULL);
}

static GStrv
parse_policies (const char *text)
{
  g_auto (GStrv) names = g_strsplit (text, ",", -1);
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *n = g_strstrip (names[i]);

      if (g_str_equal (n, "anyPolicy"))
        g_strv_builder_add (b, ANY_POLICY);
      else if (g_str_has_prefix (n, "NIST-test-policy-"))
        {
          g_autofree char *oid = g_strconcat (NIST_POLICY_PREFIX, n + strlen ("NIST-test-policy-"), NULL);

          g_strv_builder_add (b, oid);
        }
      else
        g_error ("Unknown policy name %s", n);
    }
  return g_strv_builder_end (b);
}

static Section *
section_for (GPtrArray *sections, const char *id)
{
  g_auto (GStrv) parts = g_strsplit (id, ".", 3);
  g_autofree char *name = g_strdup_printf ("%s.%s", parts[0], parts[1] ? parts[1] : "");

  for (guint i = 0; i < sections->len; i++)
    {
      Section *s = g_ptr_array_index (sections, i);

      if (g_str_equal (s->section, name))
        return s;
    }
  {
    Section *s = g_new0 (Section, 1);

    s->section = g_steal_pointer (&name);
    g_ptr_array_add (sections, s);
    return s;
  }
}

static void
section_free (gpointer p)
{
  Section *s = p;

  g_free (s->section);
  g_free (s);
}

static void
test_pkits (void)
{
  g_autofree char *manifest = g_test_build_filename (G_TEST_DIST, "data", "pkits", "expected.tsv", NULL);
  g_autofree char *anchor = pkits_file ("certs", "TrustAnchorRootCertificate.crt");
  g_autofree char *anchor_crl = pkits_file ("crls", "TrustAnchorRootCRL.crl");
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sections = g_ptr_array_new_with_free_func (section_free);
  g_autoptr (GString) failures = g_string_new (NULL);
  guint total = 0, passed = 0;

  g_assert_true (g_file_get_contents (manifest, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) cols = NULL;
      g_auto (GStrv) policies = NULL;
      g_autoptr (SignetVerifier) v = NULL;
      g_autoptr (SignetReport) report = NULL;
      g_autoptr (GError) local = NULL;
      g_autofree char *message = NULL;
      gboolean expected, got = FALSE;
      Section *section;

      if (*lines[i] == '\0')
        continue;
      cols = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (cols), >=, 9);

      v = signet_verifier_new ();
      signet_verifier_set_use_system_trust (v, FALSE);
      signet_verifier_set_offline (v, TRUE);
      signet_verifier_set_time (v, PKITS_TIME);
      g_assert_true (signet_verifier_add_anchors_from_file (v, anchor, &error));
      g_assert_true (signet_verifier_add_crls_from_file (v, anchor_crl, &error));
      policies = parse_policies (cols[4]);
      signet_verifier_set_initial_policies (v, (const char *const *) policies);
      signet_verifier_set_require_explicit_policy (v, g_str_equal (cols[5], "true"));
      signet_verifier_set_inhibit_policy_mapping (v, g_str_equal (cols[6], "true"));
      signet_verifier_set_inhibit_any_policy (v, g_str_equal (cols[7], "true"));

      message = g_test_build_filename (G_TEST_DIST, "data", "pkits", cols[2], NULL);
      report = signet_verifier_verify_file (v, message, NULL, &local);
      g_assert_no_error (local);
      if (signet_report_get_signatures (report)->len == 1)
        got = signet_signature_get_path_valid (g_ptr_array_index (signet_report_get_signatures (report), 0));
      expected = g_str_equal (cols[3], "valid");

      section = section_for (sections, cols[0]);
      section->total++;
      total++;
      if (got == expected)
        {
          section->passed++;
          passed++;
        }
      else
        {
          g_autofree char *json = signet_report_to_json (report, FALSE);

          g_string_append_printf (failures, "  %s %s [%s %s %s %s]: expected %s (%s), got %s\n    %s\n",
                                  cols[0], cols[1], cols[4], cols[5], cols[6], cols[7], cols[3], cols[8],
                                  got ? "valid" : "invalid", json);
        }
    }

  for (guint i = 0; i < sections->len; i++)
    {
      Section *s = g_ptr_array_index (sections, i);

      g_test_message ("PKITS %-5s %3u/%3u", s->section, s->passed, s->total);
    }
  g_test_message ("PKITS total %u/%u", passed, total);
  if (failures->len > 0)
    g_test_message ("Failures:\n%s", failures->str);
  g_assert_cmpuint (total, ==, 250);
  g_assert_cmpuint (passed, ==, total);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  signet_init ();
  g_test_add_func ("/signet/pkits/all", test_pkits);
  return g_test_run ();
}
