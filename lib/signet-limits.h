/* signet-limits.h: every defensive limit Signet enforces, in one place.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

/* MIME */
#define SIGNET_MAX_MESSAGE_SIZE        (256 * 1024 * 1024) /* bytes of one message */
#define SIGNET_MAX_MIME_DEPTH          16   /* nested multiparts, message/rfc822 and opaque signed-data */
#define SIGNET_MAX_MIME_PARTS          1000 /* MIME entities visited in one message */
#define SIGNET_MAX_SMIME_PARTS         32   /* S/MIME objects reported for one message */

/* CMS */
#define SIGNET_MAX_CMS_SIZE            (64 * 1024 * 1024)
#define SIGNET_MAX_CMS_SIGNERS         16   /* SignerInfos examined per SignedData */
#define SIGNET_MAX_CMS_CERTIFICATES    64   /* certificates taken from one SignedData */
#define SIGNET_MAX_CMS_CRLS            32   /* CRLs taken from one SignedData */
#define SIGNET_MAX_CERTIFICATE_SIZE    (64 * 1024)

/* Path building */
#define SIGNET_MAX_PATH_LENGTH         10   /* certificates in one path, anchor included */
#define SIGNET_MAX_PATH_CANDIDATES     64   /* issuer candidates tried while building one path */

/* CRLs */
#define SIGNET_MAX_CRL_SIZE            (512 * 1024 * 1024)
#define SIGNET_MAX_CRL_ENTRIES         20000000
#define SIGNET_MAX_DER_DEPTH           32   /* nesting of DER values walked by signet-der */
