#!/usr/bin/env python3
# Checks libsignet through its typelib (Signet-1.0), the way a Python or
# JavaScript mail client would use it. meson runs it with GI_TYPELIB_PATH
# and LD_LIBRARY_PATH pointing at the build folder.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import shutil
import sys
import tempfile
import unittest

import gi

gi.require_version('GLib', '2.0')
gi.require_version('Gio', '2.0')
gi.require_version('GObject', '2.0')
gi.require_version('Signet', '1.0')
from gi.repository import GLib, Gio, GObject, Signet  # noqa: E402

DATA = os.path.join(os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__))),
                    'data')
ROOT = os.path.join(DATA, 'pki', 'root-ca.pem')
VALIDATION_TIME = 1893456000  # 2030-01-01T00:00:00Z


def message(name):
    return os.path.join(DATA, 'messages', name)


def read_bytes(*path):
    with open(os.path.join(DATA, *path), 'rb') as f:
        return GLib.Bytes.new(f.read())


# One certificate from its bytes. (An array returned as (transfer full)
# that owns its elements is released twice by PyGObject: the list
# functions must be annotated (transfer container), as the store's are.)
def load_certificate(name):
    return Signet.Certificate.new_from_bytes(read_bytes('pki', name))


def new_verifier(with_crls=False):
    verifier = Signet.Verifier.new()
    verifier.add_anchors_from_file(ROOT)
    if with_crls:
        # Revocation must be known for a fully valid verdict.
        verifier.add_crls_from_file(os.path.join(DATA, 'pki', 'inter-ca.crl'))
        verifier.add_crls_from_file(os.path.join(DATA, 'pki', 'root-ca.crl'))
    verifier.set_time(VALIDATION_TIME)
    verifier.set_use_system_trust(False)
    verifier.set_offline(True)
    return verifier


class IntrospectionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        Signet.init()

    def test_types(self):
        self.assertEqual(Signet.Verifier.__gtype__.name, 'SignetVerifier')
        self.assertEqual(Signet.Report.__gtype__.name, 'SignetReport')
        self.assertTrue(hasattr(Signet.Store, 'list_async'))

    def test_enums_are_gtypes(self):
        self.assertEqual(Signet.Verdict.__gtype__.name, 'SignetVerdict')
        self.assertEqual(Signet.Severity.__gtype__.name, 'SignetSeverity')
        self.assertEqual(Signet.Verdict.VALID.value_nick, 'valid')
        self.assertEqual(Signet.Severity.ERROR.value_nick, 'error')
        self.assertEqual(Signet.verdict_to_string(Signet.Verdict.WARNING), 'warning')

    def test_gnutls_handles_are_skipped(self):
        self.assertFalse(hasattr(Signet.Certificate, 'get_gnutls'))
        self.assertFalse(hasattr(Signet.Crl, 'verify_signature_with_pubkey'))

    def test_mismatch(self):
        report = new_verifier().verify_file(message('mismatch.eml'), None)
        self.assertEqual(report.get_verdict(), Signet.Verdict.WARNING)
        signatures = report.get_signatures()
        self.assertEqual(len(signatures), 1)
        signature = signatures[0]
        self.assertIsInstance(signature, Signet.Signature)
        self.assertEqual(signature.get_verdict(), Signet.Verdict.WARNING)
        codes = [w.get_code() for w in signature.get_warnings()]
        self.assertIn('address-mismatch', codes)
        self.assertTrue(signature.has_warning('address-mismatch'))
        warning = [w for w in signature.get_warnings() if w.get_code() == 'address-mismatch'][0]
        self.assertEqual(warning.get_severity(), Signet.Severity.WARNING)
        text = warning.get_message()
        self.assertIsInstance(text, str)
        self.assertIn('mallory@example.com', text)
        details = warning.get_details()
        self.assertIsInstance(details, GLib.Variant)
        self.assertEqual(details.get_type_string(), 'a{sv}')
        signer = signature.get_signer()
        self.assertIsInstance(signer, Signet.Certificate)
        self.assertIn('alice@example.org', [e.lower() for e in signer.get_emails()])
        self.assertEqual(len(signer.get_sha256()), 64)
        self.assertIsInstance(report.get_summary(), str)
        self.assertIn('"address-mismatch"', report.to_json(False))

    def test_valid(self):
        report = new_verifier(with_crls=True).verify_file(message('good-rsa.eml'), None)
        self.assertEqual(report.get_verdict(), Signet.Verdict.VALID)
        signature = report.get_signatures()[0]
        self.assertTrue(signature.get_path_valid())
        self.assertEqual([w for w in signature.get_warnings()
                          if w.get_severity() != Signet.Severity.INFO], [])
        chain = signature.get_chain()
        self.assertGreaterEqual(len(chain), 2)
        self.assertTrue(chain[-1].is_self_signed())

    def test_verify_async(self):
        with open(message('mismatch.eml'), 'rb') as f:
            data = GLib.Bytes.new(f.read())
        loop = GLib.MainLoop()
        result = {}

        def done(verifier, res):
            result['report'] = verifier.verify_finish(res)
            loop.quit()

        new_verifier().verify_async(data, None, done)
        GLib.timeout_add_seconds(20, loop.quit)
        loop.run()
        report = result.get('report')
        self.assertIsNotNone(report)
        self.assertEqual(report.get_verdict(), Signet.Verdict.WARNING)

    def test_store_records(self):
        directory = tempfile.mkdtemp(prefix='signet-gi-')
        self.addCleanup(shutil.rmtree, directory)
        store = Signet.Store.open(directory)
        alice = [load_certificate('alice.pem')]
        ok, n_added = store.add_certificates(alice, 'python', VALIDATION_TIME)
        self.assertTrue(ok)
        self.assertEqual(n_added, 1)

        records = store.list(None)
        self.assertEqual(len(records), 1)
        record = records[0]
        self.assertIsInstance(record, Signet.StoreRecord)
        self.assertEqual(Signet.StoreRecord.__gtype__.name, 'SignetStoreRecord')
        self.assertIsInstance(record.certificate, Signet.Certificate)
        self.assertEqual(record.certificate.get_sha256(), alice[0].get_sha256())
        self.assertEqual(record.origin, 'python')
        self.assertEqual(record.first_seen, VALIDATION_TIME)
        self.assertEqual(record.last_seen, VALIDATION_TIME)
        self.assertIn('alice@example.org', record.addresses)
        # a record outlives its list (the boxed copy)
        del records
        self.assertEqual(record.origin, 'python')

        found = store.lookup_record(alice[0].get_sha256())
        self.assertIsInstance(found, Signet.StoreRecord)
        self.assertEqual(found.origin, 'python')

        # the same through the asynchronous form
        loop = GLib.MainLoop()
        result = {}

        def listed(source, res):
            result['records'] = source.list_finish(res)
            loop.quit()

        store.list_async('alice@example.org', None, listed)
        GLib.timeout_add_seconds(20, loop.quit)
        loop.run()
        self.assertEqual([r.certificate.get_sha256() for r in result['records']],
                         [alice[0].get_sha256()])

        # stored CRLs are boxed too
        crls = [Signet.Crl.new_from_bytes(read_bytes('pki', 'inter-ca.crl'))]
        ok, added = store.add_crl(crls[0], 'http://crl.example.org/', VALIDATION_TIME)
        self.assertTrue(ok)
        self.assertEqual(added, Signet.StoreCrlResult.ADDED)
        crl_records = store.list_crls()
        self.assertEqual(len(crl_records), 1)
        self.assertIsInstance(crl_records[0], Signet.StoreCrlRecord)
        self.assertEqual(crl_records[0].fetched_from, 'http://crl.example.org/')
        self.assertEqual(crl_records[0].crl.get_sha256(), crls[0].get_sha256())

        # and trust decisions
        trust = Signet.Trust.new(store, Signet.TrustSource.NONE)
        decision_id = trust.pin(alice[0], 'alice@example.org', Signet.TrustScope.PERMANENT, None)
        decisions = trust.list()
        self.assertEqual(len(decisions), 1)
        self.assertIsInstance(decisions[0], Signet.TrustDecision)
        self.assertEqual(decisions[0].id, decision_id)
        self.assertEqual(decisions[0].kind, Signet.TrustKind.PIN)
        self.assertEqual(decisions[0].address, 'alice@example.org')

    def test_key_usage_flags(self):
        self.assertTrue(issubclass(Signet.KeyUsage, GObject.GFlags))
        self.assertEqual(Signet.KeyUsage.__gtype__.name, 'SignetKeyUsage')
        self.assertTrue(GObject.type_is_a(Signet.KeyUsage.__gtype__, GObject.TYPE_FLAGS))
        alice = load_certificate('alice.pem')
        has_key_usage, bits = alice.get_key_usage()
        self.assertTrue(has_key_usage)
        usage = Signet.KeyUsage(bits)
        self.assertTrue(usage & Signet.KeyUsage.DIGITAL_SIGNATURE)
        self.assertFalse(usage & Signet.KeyUsage.KEY_CERT_SIGN)
        self.assertEqual(Signet.KeyUsage.DIGITAL_SIGNATURE.first_value_nick, 'digital-signature')
        root = load_certificate('root-ca.pem')
        has_key_usage, bits = root.get_key_usage()
        self.assertTrue(has_key_usage)
        self.assertTrue(Signet.KeyUsage(bits) & Signet.KeyUsage.KEY_CERT_SIGN)

    def test_builtin_anchors_loader(self):
        anchors = Signet.TrustAnchors.load_system(os.path.join(DATA, 'trust', 'system'))
        self.assertIsInstance(anchors, Signet.TrustAnchors)
        self.assertEqual(anchors.source, Signet.TrustSource.SYSTEM)
        self.assertEqual(len(anchors.anchors), 1)
        self.assertIsNone(anchors.problem)

    def test_unreadable_file_is_an_error(self):
        with self.assertRaises(GLib.Error) as ctx:
            new_verifier().verify_file(message('does-not-exist.eml'), None)
        self.assertTrue(ctx.exception.matches(Signet.error_quark(), Signet.Error.IO)
                        or ctx.exception.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_FOUND))


if __name__ == '__main__':
    unittest.main(argv=sys.argv[:1], verbosity=2)
