/* fuzz-der.c: the signet-der reader walking arbitrary input.
 *
 * Walks every TLV recursively (constructed values are entered, as deep as
 * SIGNET_MAX_DER_DEPTH) and decodes OIDs, times and small integers, checking
 * that every value the reader hands out lies inside the buffer and inside
 * its parent.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "fuzz-common.h"

#include "signet-der.h"
#include "signet-limits.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
walk (SignetDerReader *reader, guint depth)
{
  SignetDerTlv tlv, peeked;

  while (!signet_der_reader_at_end (reader))
    {
      const guint8 *pos = reader->pos;
      const guint8 *end = reader->end;
      gboolean peek_ok = signet_der_peek (reader, &peeked);

      if (!signet_der_read (reader, &tlv))
        {
          /* A failed read does not move the cursor; peek agrees. */
          if (peek_ok || reader->pos != pos)
            abort ();
          return;
        }
      if (!peek_ok || peeked.start != tlv.start || peeked.total_len != tlv.total_len)
        abort ();
      if (tlv.start != pos || reader->pos != pos + tlv.total_len || reader->pos > end ||
          tlv.value < tlv.start || tlv.value + tlv.value_len != tlv.start + tlv.total_len ||
          tlv.tag_class > SIGNET_DER_CLASS_PRIVATE)
        abort ();
      if (signet_der_tlv_is (&tlv, tlv.tag_class, tlv.tag) != TRUE)
        abort ();

      if (tlv.constructed)
        {
          SignetDerReader inner;

          if (depth + 1 < SIGNET_MAX_DER_DEPTH)
            {
              signet_der_reader_init_contents (&inner, &tlv);
              walk (&inner, depth + 1);
            }
          continue;
        }

      if (tlv.tag_class == SIGNET_DER_CLASS_UNIVERSAL)
        {
          gint64 v;

          switch (tlv.tag)
            {
            case SIGNET_DER_TAG_OID:
              g_free (signet_der_oid_to_string (tlv.value, tlv.value_len));
              break;
            case SIGNET_DER_TAG_UTC_TIME:
            case SIGNET_DER_TAG_GENERALIZED_TIME:
              (void) signet_der_parse_time (&tlv, &v);
              break;
            case SIGNET_DER_TAG_INTEGER:
            case SIGNET_DER_TAG_ENUMERATED:
              (void) signet_der_parse_small_int (&tlv, &v);
              break;
            default:
              break;
            }
        }
      else
        {
          SignetDerReader copy = *reader;
          SignetDerTlv expected;

          /* Context-tagged primitives are often IMPLICIT OCTET STRINGs
           * holding more DER: try them as such. */
          if (depth + 1 < SIGNET_MAX_DER_DEPTH)
            {
              SignetDerReader inner;

              signet_der_reader_init_contents (&inner, &tlv);
              walk (&inner, depth + 1);
            }
          (void) signet_der_read_expect (&copy, tlv.tag_class, tlv.tag, &expected);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree guint8 *copy = g_memdup2 (data, size);
  SignetDerReader reader;

  signet_der_reader_init (&reader, copy, size);
  walk (&reader, 0);
  /* Every DER value is also an OID candidate. */
  g_free (signet_der_oid_to_string (copy, size));
  return 0;
}
