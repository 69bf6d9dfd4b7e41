/* signet-smime-part.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "signet-smime-part.h"

/**
 * SignetPartKind:
 * @SIGNET_PART_KIND_MULTIPART_SIGNED: RFC 1847 multipart/signed with a
 *   detached CMS signature
 * @SIGNET_PART_KIND_SIGNED_DATA: application/pkcs7-mime signed-data (opaque)
 * @SIGNET_PART_KIND_CERTS_ONLY: certs-only: certificates (and CRLs), no signer
 * @SIGNET_PART_KIND_ENVELOPED: enveloped-data or authEnvelopedData: encrypted
 * @SIGNET_PART_KIND_COMPRESSED: compressed-data
 * @SIGNET_PART_KIND_MALFORMED: looks like S/MIME but cannot be read
 *
 * What kind of S/MIME object a #SignetSmimePart is.
 *
 * Since: 0.1
 */

/**
 * SignetSmimePart:
 *
 * One S/MIME object found in a message by signet_mime_scan(): its kind,
 * where it sits, its CMS bytes, the candidate signed contents of a
 * multipart/signed, and the addresses of the message it belongs to.
 *
 * Since: 0.1
 */
struct _SignetSmimePart
{
  GObject parent_instance;

  SignetPartKind kind;
  char *path;
  guint depth;
  GBytes *cms;
  GPtrArray *signed_contents; /* element-type GBytes */
  char **from;
  char **sender;
  char *message_id;
  char *subject;
  char *mime_type;
  char *micalg;
  char *problem;
};

G_DEFINE_FINAL_TYPE (SignetSmimePart, signet_smime_part, G_TYPE_OBJECT)

static void
signet_smime_part_finalize (GObject *object)
{
  SignetSmimePart *self = SIGNET_SMIME_PART (object);

  g_free (self->path);
  g_clear_pointer (&self->cms, g_bytes_unref);
  g_clear_pointer (&self->signed_contents, g_ptr_array_unref);
  g_strfreev (self->from);
  g_strfreev (self->sender);
  g_free (self->message_id);
  g_free (self->subject);
  g_free (self->mime_type);
  g_free (self->micalg);
  g_free (self->problem);

  G_OBJECT_CLASS (signet_smime_part_parent_class)->finalize (object);
}

static void
signet_smime_part_class_init (SignetSmimePartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = signet_smime_part_finalize;
}

static void
signet_smime_part_init (SignetSmimePart *self)
{
  self->signed_contents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->from = g_new0 (char *, 1);
  self->sender = g_new0 (char *, 1);
}

/**
 * signet_smime_part_new:
 * @kind: what the part is
 * @path: where the part sits in the message, e.g. `1.2`
 *
 * Creates an S/MIME part (the scanner fills it).
 *
 * Returns: (transfer full): a new part with no data yet
 *
 * Since: 0.1
 */
SignetSmimePart *
signet_smime_part_new (SignetPartKind kind, const char *path)
{
  SignetSmimePart *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SIGNET_TYPE_SMIME_PART, NULL);
  self->kind = kind;
  self->path = g_strdup (path);
  return self;
}

/**
 * signet_smime_part_get_kind:
 * @self: a part
 *
 * Gets the kind of S/MIME object.
 *
 * Returns: the kind of S/MIME object
 *
 * Since: 0.1
 */
SignetPartKind
signet_smime_part_get_kind (SignetSmimePart *self)
{
  g_return_val_if_fail (SIGNET_IS_SMIME_PART (self), SIGNET_PART_KIND_MALFORMED);
  return self->kind;
}

/**
 * signet_smime_part_kind_to_string:
 * @kind: a kind
 *
 * Gets the stable name of a part kind.
 *
 * Returns: a stable lower-case name for @kind, e.g. `multipart-signed`
 *
 * Since: 0.1
 */
const char *
signet_smime_part_kind_to_string (SignetPartKind kind)
{
  switch (kind)
    {
    case SIGNET_PART_KIND_MULTIPART_SIGNED:
      return "multipart-signed";
    case SIGNET_PART_KIND_SIGNED_DATA:
      return "signed-data";
    case SIGNET_PART_KIND_CERTS_ONLY:
      return "certs-only";
    case SIGNET_PART_KIND_ENVELOPED:
      return "enveloped";
    case SIGNET_PART_KIND_COMPRESSED:
      return "compressed";
    case SIGNET_PART_KIND_MALFORMED:
      return "malformed";
    default:
      return "unknown";
    }
}

/**
 * signet_smime_part_get_path:
 * @self: a part
 *
 * Gets where the part sits: `1`, `1.2`, `1.2/message/1` (a part of an
 * attached message), `1/signed-data/1` (a part inside opaque signed data).
 *
 * Returns: where the part sits: `1`, `1.2`, `1.2/message/1` (a part of an
 *   attached message), `1/signed-data/1` (a part inside opaque signed data)
 *
 * Since: 0.1
 */
const char *
signet_smime_part_get_path (SignetSmimePart *self)
{
  g_return_val_if_fail (SIGNET_IS_SMIME_PART (self), NULL);
  return self->path;
}

/**
 * signet_smime_part_get_depth:
 * @self: a part
 *
 * Gets how many attached messages and opaque signed-data objects enclose the
 * part: 0 for the outermost message's own parts.
 *
 * Returns: how many attached messages and opaque signed-data objects
 *   enclose the part: 0 for the outermost message's own parts
 *
 * Since: 0.1
 */
guint
signet_smime_part_get_depth (SignetSmimePart *self)
{
  g_return_val_if_fail (SIGNET_IS_SMIME_PART (self), 0);
  return self->depth;
}

/**
 * signet_smime_part_set_depth:
 * @self: a part
 * @depth: the nesting depth
 *
 * Sets how deeply the part is enclosed.
 *
 * Since: 0.1
 */
void
signet_smime_part_set_depth (SignetSmimePart *self, guint depth)
{
  g_return_if_fail (SIGNET_IS_SMIME_PART (self));
  self->depth = depth;
}

/**
 * signet_smime_part_get_cms:
 * @self: a part
 *
 * Gets the DER (or BER) of the CMS ContentInfo, transfer-decoded.
 *
 * Returns: (transfer none) (nullable): the DER (or BER) of the CMS
 *   ContentInfo, transfer-decoded
 *
 * Since: 0.1
 */
GBytes *
signet_smime_part_get_cms (SignetSmimePart *self)
{
  g_return_val_if_fail (SIGNET_IS_SMIME_PART (self), NULL);
  return self->cms;
}

/**
 * signet_smime_part_set_cms:
 * @self: a part
 * @cms: (nullable): the CMS ContentInfo bytes
 *
 * Sets the CMS ContentInfo of the part.
 *
 * Since: 0.1
 */
void
signet_smime_part_set_cms (SignetSmimePart *self, GBytes *cms)
{
  g_return_if_fail (SIGNET_IS_SMIME_PART (self));

  if (cms != NULL)
    g_bytes_ref (cms);
  g_clear_pointer (&self->cms, g_bytes_unref);
  self->cms = cms;
}

/**
 * signet_smime_part_get_signed_contents:
 * @self: a part
 *
 * The candidates for the signed content of a multipart/signed, most likely
 * first, each CRLF-canonical. Empty for other kinds.
 *
 * Returns: (transfer none) (element-type GBytes): the candidates
 *
 * Since: 0.1
 */
GPtrArray *
signet_smime_part_get_signed_contents (SignetSmimePart *self)
{
  g_return_val_if_fail (SIGNET_IS_SMIME_PART (self), NULL);
  return self->signed_contents;
}

/**
 * signet_smime_part_add_signed_content:
 * @self: a part
 * @content: one more candidate for the signed content
 *
 * Adds a candidate for the signed content of the part.
 *
 * Since: 0.1
 */
void
signet_smime_part_add_signed_content (SignetSmimePart *self, GBytes *content)
{
  g_return_if_fail (SIGNET_IS_SMIME_PART (self));
  g_return_if_fail (content != NULL);

  g_ptr_array_add (self->signed_contents, g_bytes_ref (content));
}

/**
 * signet_smime_part_get_from:
 * @self: a part
 *
 * Gets the From addresses of the innermost message enclosing the part, as
 * written.
 *
 * Returns: (transfer none) (array zero-terminated=1): the From addresses of
 *   the innermost message enclosing the part, as written; never %NULL
 *
 * Since: 0.1
 */
const char *const *
signet_smime_part_get_from (SignetSmimePart *self)
{
  g_return_val_if_fail (SIGNET_IS_SMIME_PART (self), NULL);
  return (const char *const *) self->from;
}

/**
 * signet_smime_part_get_sender:
 * @self: a part
 *
 * Gets the Sender addresses of the innermost message enclosing the part.
 *
 * Returns: (transfer none) (array zero-terminated=1): the Sender addresses
 *   of the innermost message enclosing the part; never %NULL
 *
 * Since: 0.1
 */
const char *const *
signet_smime_part_get_sender (SignetSmimePart *self)
{
  g_return_val_if_fail (SIGNET_IS_SMIME_PART (self), NULL);
  return (const char *const *) self->sender;
}

/**
 * signet_smime_part_set_addresses:
 * @self: a part
 * @from: (nullable) (array zero-terminated=1): the From addresses
 * @sender: (nullable) (array zero-terminated=1): the Sender addresses
 *
 * Sets the From and Sender addresses of the enclosing message.
 *
 * Since: 0.1
 */
void
signet_smime_part_set_addresses (SignetSmimePart *self,
                                 const char *const *from,
                                 const char *const *sender)
{
  g_return_if_fail (SIGNET_IS_SMIME_PART (self));

  g_strfreev (self->from);
  g_strfreev (self->sender);
  self->from = from != NULL ? g_strdupv ((char **) from) : g_new0 (char *, 1);
  self->sender = sender != NULL ? g_strdupv ((char **) sender) : g_new0 (char *, 1);
}

/**
 * signet_smime_part_get_message_id:
 * @self: a part
 *
 * Gets the Message-ID of the enclosing message.
 *
 * Returns: (nullable): the Message-ID of the enclosing message
 *
 * Since: 0.1
 */
const char *
signet_smime_part_get_message_id (SignetSmimePart *self)
{
  g_return_val_if_fail (SIGNET_IS_SMIME_PART (self), NULL);
  return self->message_id;
}

/**
 * signet_smime_part_get_subject:
 * @self: a part
 *
 * Gets the Subject of the enclosing message.
 *
 * Returns: (nullable): the Subject of the enclosing message
 *
 * Since: 0.1
 */
const char *
signet_smime_part_get_subject (SignetSmimePart *self)
{
  g_return_val_if_fail (SIGNET_IS_SMIME_PART (self), NULL);
  return self->subject;
}

/**
 * signet_smime_part_set_message_info:
 * @self: a part
 * @message_id: (nullable): the Message-ID
 * @subject: (nullable): the Subject
 *
 * Sets the Message-ID and Subject of the enclosing message.
 *
 * Since: 0.1
 */
void
signet_smime_part_set_message_info (SignetSmimePart *self,
                                    const char *message_id,
                                    const char *subject)
{
  g_return_if_fail (SIGNET_IS_SMIME_PART (self));

  g_free (self->message_id);
  g_free (self->subject);
  self->message_id = g_strdup (message_id);
  self->subject = g_strdup (subject);
}

/**
 * signet_smime_part_get_mime_type:
 * @self: a part
 *
 * Gets the declared MIME type, e.g. `application/x-pkcs7-signature`.
 *
 * Returns: (nullable): the declared MIME type, e.g.
 *   `application/x-pkcs7-signature`
 *
 * Since: 0.1
 */
const char *
signet_smime_part_get_mime_type (SignetSmimePart *self)
{
  g_return_val_if_fail (SIGNET_IS_SMIME_PART (self), NULL);
  return self->mime_type;
}

/**
 * signet_smime_part_set_mime_type:
 * @self: a part
 * @mime_type: (nullable): the declared MIME type
 *
 * Sets the declared MIME type.
 *
 * Since: 0.1
 */
void
signet_smime_part_set_mime_type (SignetSmimePart *self, const char *mime_type)
{
  g_return_if_fail (SIGNET_IS_SMIME_PART (self));

  g_free (self->mime_type);
  self->mime_type = g_strdup (mime_type);
}

/**
 * signet_smime_part_get_micalg:
 * @self: a part
 *
 * Gets the micalg parameter of a multipart/signed.
 *
 * Returns: (nullable): the micalg parameter of a multipart/signed
 *
 * Since: 0.1
 */
const char *
signet_smime_part_get_micalg (SignetSmimePart *self)
{
  g_return_val_if_fail (SIGNET_IS_SMIME_PART (self), NULL);
  return self->micalg;
}

/**
 * signet_smime_part_set_micalg:
 * @self: a part
 * @micalg: (nullable): the micalg parameter
 *
 * Sets the micalg parameter of a multipart/signed.
 *
 * Since: 0.1
 */
void
signet_smime_part_set_micalg (SignetSmimePart *self, const char *micalg)
{
  g_return_if_fail (SIGNET_IS_SMIME_PART (self));

  g_free (self->micalg);
  self->micalg = g_strdup (micalg);
}

/**
 * signet_smime_part_get_problem:
 * @self: a part
 *
 * Gets what is wrong with a malformed part, in English (for logs and error
 * details).
 *
 * Returns: (nullable): for a malformed part, an English description of
 *   what is wrong (for logs and error details)
 *
 * Since: 0.1
 */
const char *
signet_smime_part_get_problem (SignetSmimePart *self)
{
  g_return_val_if_fail (SIGNET_IS_SMIME_PART (self), NULL);
  return self->problem;
}

/**
 * signet_smime_part_set_problem:
 * @self: a part
 * @problem: (nullable): what is wrong with the part
 *
 * Describes what is wrong with a malformed part.
 *
 * Since: 0.1
 */
void
signet_smime_part_set_problem (SignetSmimePart *self, const char *problem)
{
  g_return_if_fail (SIGNET_IS_SMIME_PART (self));

  g_free (self->problem);
  self->problem = g_strdup (problem);
}
