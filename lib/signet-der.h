/* signet-der.h: a minimal, bounded DER TLV reader.
 *
 * GnuTLS stays the parser of certificates and the signature primitive. This
 * reader exists because GnuTLS exposes neither the to-be-signed bytes of a
 * certificate or CRL nor a CRL's entry list in less than quadratic time
 * (importing a 100,000-entry CRL whose entries carry reason codes takes
 * minutes). It reads one tag-length-value at a time, never allocates, and
 * rejects indefinite lengths and lengths that run past the buffer.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SIGNET_DER_CLASS_UNIVERSAL   0
#define SIGNET_DER_CLASS_APPLICATION 1
#define SIGNET_DER_CLASS_CONTEXT     2
#define SIGNET_DER_CLASS_PRIVATE     3

#define SIGNET_DER_TAG_BOOLEAN          1
#define SIGNET_DER_TAG_INTEGER          2
#define SIGNET_DER_TAG_BIT_STRING       3
#define SIGNET_DER_TAG_OCTET_STRING     4
#define SIGNET_DER_TAG_NULL             5
#define SIGNET_DER_TAG_OID              6
#define SIGNET_DER_TAG_ENUMERATED       10
#define SIGNET_DER_TAG_UTF8_STRING      12
#define SIGNET_DER_TAG_SEQUENCE         16
#define SIGNET_DER_TAG_SET              17
#define SIGNET_DER_TAG_PRINTABLE_STRING 19
#define SIGNET_DER_TAG_IA5_STRING       22
#define SIGNET_DER_TAG_UTC_TIME         23
#define SIGNET_DER_TAG_GENERALIZED_TIME 24

typedef struct
{
  guint8 tag_class;      /* SIGNET_DER_CLASS_* */
  gboolean constructed;
  guint32 tag;           /* tag number within its class */
  const guint8 *start;   /* first byte of the identifier octets */
  const guint8 *value;   /* first byte of the contents */
  gsize value_len;
  gsize total_len;       /* identifier + length + contents */
} SignetDerTlv;

/* A cursor over a run of consecutive TLVs: [pos, end). */
typedef struct
{
  const guint8 *pos;
  const guint8 *end;
} SignetDerReader;

void signet_der_reader_init (SignetDerReader *reader, const guint8 *data, gsize len);
void signet_der_reader_init_contents (SignetDerReader *reader, const SignetDerTlv *tlv);
gboolean signet_der_reader_at_end (const SignetDerReader *reader);
gboolean signet_der_read (SignetDerReader *reader, SignetDerTlv *out);
gboolean signet_der_peek (const SignetDerReader *reader, SignetDerTlv *out);
gboolean signet_der_read_expect (SignetDerReader *reader,
                                 guint8 tag_class,
                                 guint32 tag,
                                 SignetDerTlv *out);
gboolean signet_der_tlv_is (const SignetDerTlv *tlv, guint8 tag_class, guint32 tag);

char *signet_der_oid_to_string (const guint8 *data, gsize len);
gboolean signet_der_parse_time (const SignetDerTlv *tlv, gint64 *unix_time);
gboolean signet_der_parse_small_int (const SignetDerTlv *tlv, gint64 *value);

G_END_DECLS
