/* test-address.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <glib.h>

#include "signet-address.h"

/* Twice: the second answer comes from the cache of keys, and must be the
 * first (a valid key, or NULL for what is not an address). */
static void
assert_normalizes (const char *address, const char *expected)
{
  g_autofree char *key = signet_address_normalize (address);
  g_autofree char *again = signet_address_normalize (address);

  g_assert_cmpstr (key, ==, expected);
  g_assert_cmpstr (again, ==, expected);
}

static void
test_case (void)
{
  assert_normalizes ("Alice@Example.ORG", "alice@example.org");
  assert_normalizes ("alice@example.org.", "alice@example.org");
  g_assert_true (signet_address_equal ("ALICE@EXAMPLE.ORG", "alice@example.org"));
  g_assert_true (signet_address_equal ("Alice@example.org", "alice@EXAMPLE.org."));
  g_assert_false (signet_address_equal ("alice@example.org", "alice@example.com"));
  g_assert_false (signet_address_equal ("alice@example.org", "alicia@example.org"));
  g_assert_false (signet_address_equal ("alice@example.org", "alice@sub.example.org"));
}

static void
test_idn (void)
{
  /* U-label and A-label forms of the same domain are one domain. */
  assert_normalizes ("info@bücher.example", "info@xn--bcher-kva.example");
  assert_normalizes ("info@xn--bcher-kva.example", "info@xn--bcher-kva.example");
  assert_normalizes ("info@XN--BCHER-KVA.Example", "info@xn--bcher-kva.example");
  g_assert_true (signet_address_equal ("info@bücher.example", "info@xn--bcher-kva.example"));
  g_assert_true (signet_address_equal ("info@BÜCHER.example", "INFO@xn--bcher-kva.example"));
  g_assert_false (signet_address_equal ("info@bücher.example", "info@bucher.example"));

  /* IDNA2008 (non-transitional): ß is not ss in a domain. */
  assert_normalizes ("a@faß.de", "a@xn--fa-hia.de");
  g_assert_false (signet_address_equal ("a@faß.de", "a@fass.de"));
}

static void
test_unicode_local (void)
{
  assert_normalizes ("Ünsal@example.org", "ünsal@example.org");
  g_assert_true (signet_address_equal ("ÜNSAL@example.org", "ünsal@example.org"));
  g_assert_true (signet_address_equal ("用户@例子.广告", "用户@xn--fsqu00a.xn--4rr70v"));
  g_assert_false (signet_address_equal ("ünsal@example.org", "unsal@example.org"));

  /* Quoted local parts may hold '@'. */
  assert_normalizes ("\"A@B\"@example.org", "\"a@b\"@example.org");
}

static void
test_invalid (void)
{
  const char *invalid[] = {
    "",
    "alice",
    "@example.org",
    "alice@",
    "alice@.",
    "alice@@example.org",
    "alice@example@org",
    "\"alice@example.org",
    "al ice@exa mple.org",
    "alice@exa\"mple.org",
    "alice@\x01"
    "example.org",
    "\xff\xfe@example.org",
    "alice@\xc3(.org",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *key = signet_address_normalize (invalid[i]);

      if (key != NULL)
        g_error ("'%s' normalised to '%s'", invalid[i], key);
    }

  g_assert_null (signet_address_normalize (NULL));
  /* Invalid addresses equal nothing, not even themselves. */
  g_assert_false (signet_address_equal ("alice", "alice"));
  g_assert_false (signet_address_equal (NULL, NULL));
}

static void
test_list_contains (void)
{
  const char *list[] = { "bob@example.org", "Info@xn--bcher-kva.example", "not an address", NULL };
  const char *matched = "sentinel";

  g_assert_true (signet_address_list_contains (list, "INFO@bücher.example", &matched));
  g_assert_true (matched == list[1]);
  g_assert_true (signet_address_list_contains (list, "Bob@Example.org", NULL));

  g_assert_false (signet_address_list_contains (list, "carol@example.org", &matched));
  g_assert_null (matched);
  g_assert_false (signet_address_list_contains (list, "not an address", &matched));
  g_assert_null (matched);
  g_assert_false (signet_address_list_contains (NULL, "bob@example.org", &matched));
  g_assert_false (signet_address_list_contains (list, NULL, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/signet/address/case", test_case);
  g_test_add_func ("/signet/address/idn", test_idn);
  g_test_add_func ("/signet/address/unicode-local", test_unicode_local);
  g_test_add_func ("/signet/address/invalid", test_invalid);
  g_test_add_func ("/signet/address/list-contains", test_list_contains);

  return g_test_run ();
}
