/* test-der.c: the bounded DER reader (regressions found by fuzzing).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-der.h"

/* An empty GBytes has a NULL data pointer: the reader must accept it
 * without pointer arithmetic on NULL (UBSan aborted here; input
 * fuzz/regressions/der/empty-input). */
static void
test_empty_null (void)
{
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  SignetDerReader reader;
  SignetDerTlv tlv;

  g_assert_null (g_bytes_get_data (empty, NULL));
  signet_der_reader_init (&reader, g_bytes_get_data (empty, NULL), 0);
  g_assert_true (signet_der_reader_at_end (&reader));
  g_assert_false (signet_der_peek (&reader, &tlv));
  g_assert_false (signet_der_read (&reader, &tlv));
  g_assert_true (reader.pos == NULL && reader.end == NULL);
}

/* Lengths that run past the buffer, indefinite lengths and over-long
 * length fields are refused without moving the cursor. */
static void
test_bad_lengths (void)
{
  static const guint8 past[] = { 0x30, 0x05, 0x02, 0x01 };
  static const guint8 indefinite[] = { 0x30, 0x80, 0x00, 0x00 };
  static const guint8 huge[] = { 0x04, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  static const guint8 good[] = { 0x02, 0x01, 0x05 };
  const guint8 *bad[] = { past, indefinite, huge };
  const gsize bad_len[] = { sizeof past, sizeof indefinite, sizeof huge };
  SignetDerReader reader;
  SignetDerTlv tlv;
  gint64 v = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      signet_der_reader_init (&reader, bad[i], bad_len[i]);
      g_assert_false (signet_der_read (&reader, &tlv));
      g_assert_true (reader.pos == bad[i]);
    }
  signet_der_reader_init (&reader, good, sizeof good);
  g_assert_true (signet_der_read (&reader, &tlv));
  g_assert_true (signet_der_parse_small_int (&tlv, &v));
  g_assert_cmpint (v, ==, 5);
  g_assert_true (signet_der_reader_at_end (&reader));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/signet/der/empty-null", test_empty_null);
  g_test_add_func ("/signet/der/bad-lengths", test_bad_lengths);
  return g_test_run ();
}
