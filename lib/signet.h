/* signet.h: the public API of libsignet. Include only this header:
 *
 *   #include <signet/signet.h>
 *
 * and build with `pkg-config --cflags --libs signet-1.0`.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#define __SIGNET_H_INSIDE__

#include "signet-init.h"
#include "signet-error.h"
#include "signet-certificate.h"
#include "signet-crl.h"
#include "signet-fetcher.h"
#include "signet-warning.h"
#include "signet-signature.h"
#include "signet-smime-part.h"
#include "signet-report.h"
#include "signet-store.h"
#include "signet-async.h"
#include "signet-verifier.h"
#include "signet-trust-anchors.h"
#include "signet-trust.h"
#include "signet-prompt.h"
#include "signet-settings.h"
#include "signet-enum-types.h"

#undef __SIGNET_H_INSIDE__
