/* signet-report.h: everything Signet found in one message.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib-object.h>

#include "signet-signature.h"
#include "signet-smime-part.h"

G_BEGIN_DECLS

#define SIGNET_TYPE_REPORT (signet_report_get_type ())
G_DECLARE_FINAL_TYPE (SignetReport, signet_report, SIGNET, REPORT, GObject)

SignetReport *signet_report_new (void);
SignetReport *signet_report_new_for_error (const GError *error);

SignetVerdict signet_report_get_verdict (SignetReport *self);
GPtrArray *signet_report_get_signatures (SignetReport *self);
GPtrArray *signet_report_get_parts (SignetReport *self);
const GError *signet_report_get_error (SignetReport *self);
gboolean signet_report_has_encrypted_part (SignetReport *self);
gboolean signet_report_is_pending (SignetReport *self);
char *signet_report_get_summary (SignetReport *self);
char *signet_report_to_json (SignetReport *self, gboolean pretty);

void signet_report_add_signature (SignetReport *self, SignetSignature *signature);
void signet_report_add_part (SignetReport *self, SignetSmimePart *part);

G_END_DECLS
