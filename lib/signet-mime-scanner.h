/* signet-mime-scanner.h: finds every S/MIME object in a message.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

#include "signet-smime-part.h"

G_BEGIN_DECLS

/* Mailboxes taken from the From (or the Sender) headers of one message. */
#define SIGNET_MAX_MESSAGE_ADDRESSES 256

/* Parses @message (RFC 5322, LF or CRLF line ends) with GMime and returns
 * every S/MIME object in document order (element-type SignetSmimePart),
 * an empty array when there is none. It descends into multiparts, into
 * attached message/rfc822 (and message/global) parts, and into the content of
 * opaque signed-data (whose eContent is itself a MIME entity: the scanner
 * extracts it with GnuTLS and parses it), up to SIGNET_MAX_MIME_DEPTH.
 * Recognised: multipart/signed with protocol application/pkcs7-signature or
 * application/x-pkcs7-signature; application/pkcs7-mime and
 * application/x-pkcs7-mime with smime-type signed-data, certs-only,
 * enveloped-data, compressed-data, or no/unknown smime-type (sniffed from
 * the ContentInfo OID: never trust the label alone);
 * application/pkcs7-signature parts outside multipart/signed are ignored;
 * application/octet-stream with a .p7m/.p7c/.p7s file name is sniffed.
 * Errors (GError, SIGNET_ERROR): message over SIGNET_MAX_MESSAGE_SIZE
 * (LIMIT), not parseable as a message at all (PARSE), more than
 * SIGNET_MAX_MIME_PARTS entities (LIMIT). A damaged S/MIME part is not an
 * error: it becomes a SIGNET_PART_KIND_MALFORMED part with a problem. Too
 * deep nesting is reported as a MALFORMED part at the point where the
 * scanner stopped. */
GPtrArray *signet_mime_scan (GBytes *message, GError **error);

/* The same for a message the host already parsed (a GMimeMessage); @raw,
 * when given, are the bytes it was parsed from (needed for exact signed
 * content). */
GPtrArray *signet_mime_scan_message (gpointer gmime_message, GBytes *raw, GError **error);

/* For tests and the fuzzer: parses @message and re-serialises each entity
 * both with GMime and with the scanner's own writer (which skips GMime's
 * newline filter); FALSE when the two differ for any entity. @compared
 * (optional) gets the number of entities compared. */
gboolean _signet_mime_serializations_agree (GBytes *message, guint *compared);

G_END_DECLS
