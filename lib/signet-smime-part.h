/* signet-smime-part.h: one S/MIME object found in a message.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  SIGNET_PART_KIND_MULTIPART_SIGNED, /* RFC 1847 multipart/signed, detached CMS */
  SIGNET_PART_KIND_SIGNED_DATA,      /* application/pkcs7-mime signed-data (opaque) */
  SIGNET_PART_KIND_CERTS_ONLY,       /* certs-only: certificates (and CRLs), no signer */
  SIGNET_PART_KIND_ENVELOPED,        /* enveloped-data or authEnvelopedData: encrypted */
  SIGNET_PART_KIND_COMPRESSED,       /* compressed-data */
  SIGNET_PART_KIND_MALFORMED,        /* looks like S/MIME but cannot be read */
} SignetPartKind;

#define SIGNET_TYPE_SMIME_PART (signet_smime_part_get_type ())
G_DECLARE_FINAL_TYPE (SignetSmimePart, signet_smime_part, SIGNET, SMIME_PART, GObject)

SignetSmimePart *signet_smime_part_new (SignetPartKind kind, const char *path);

SignetPartKind signet_smime_part_get_kind (SignetSmimePart *self);
const char *signet_smime_part_kind_to_string (SignetPartKind kind);
/* Where the part sits: "1", "1.2", "2/message/1" (a part of an attached
 * message), "1/signed-data/1" (a part inside opaque signed data). */
const char *signet_smime_part_get_path (SignetSmimePart *self);
/* Nesting depth: 0 for the outermost message's own parts. */
guint signet_smime_part_get_depth (SignetSmimePart *self);
void signet_smime_part_set_depth (SignetSmimePart *self, guint depth);

/* The DER (or BER) of the CMS ContentInfo: the signature part of a
 * multipart/signed, or the body of a pkcs7-mime part, transfer-decoded. */
GBytes *signet_smime_part_get_cms (SignetSmimePart *self);
void signet_smime_part_set_cms (SignetSmimePart *self, GBytes *cms);

/* For multipart/signed: the candidate byte strings for the signed content,
 * most likely first (each CRLF-canonical): the raw bytes of the first body
 * part as stored, and GMime's re-serialisation when it differs. The
 * verifier tries each until one verifies. Empty for other kinds. */
GPtrArray *signet_smime_part_get_signed_contents (SignetSmimePart *self); /* element-type GBytes */
void signet_smime_part_add_signed_content (SignetSmimePart *self, GBytes *content);

/* The mailboxes of the message that this part belongs to (the innermost
 * enclosing message: for a forwarded message/rfc822, that message's From):
 * bare addresses as written (for display), and their count. */
const char *const *signet_smime_part_get_from (SignetSmimePart *self);
const char *const *signet_smime_part_get_sender (SignetSmimePart *self);
void signet_smime_part_set_addresses (SignetSmimePart *self,
                                      const char *const *from,
                                      const char *const *sender);
/* The Message-ID and Subject of that message (nullable). */
const char *signet_smime_part_get_message_id (SignetSmimePart *self);
const char *signet_smime_part_get_subject (SignetSmimePart *self);
void signet_smime_part_set_message_info (SignetSmimePart *self, const char *message_id, const char *subject);

/* The declared MIME type, e.g. "application/x-pkcs7-signature", and micalg. */
const char *signet_smime_part_get_mime_type (SignetSmimePart *self);
void signet_smime_part_set_mime_type (SignetSmimePart *self, const char *mime_type);
const char *signet_smime_part_get_micalg (SignetSmimePart *self);
void signet_smime_part_set_micalg (SignetSmimePart *self, const char *micalg);

/* For MALFORMED parts: an English description (debug / error detail). */
const char *signet_smime_part_get_problem (SignetSmimePart *self);
void signet_smime_part_set_problem (SignetSmimePart *self, const char *problem);

G_END_DECLS
