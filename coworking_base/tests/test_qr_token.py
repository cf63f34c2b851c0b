# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..tools import qr_token
from .common import CoworkingCommon


@tagged("post_install", "-at_install")
class TestQrToken(CoworkingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.credential = cls.member._coworking_issue_credential()
        cls.token = cls.credential.token

    def _flip(self, token, index):
        char = token[index]
        return token[:index] + ("A" if char != "A" else "B") + token[index + 1 :]

    def test_issued_token_verifies_to_its_holder(self):
        verdict = self.env["coworking.credential"]._scan_token(self.token)
        self.assertTrue(verdict["valid"])
        self.assertEqual(verdict["reason"], "valid")
        self.assertEqual(verdict["credential"], self.credential)
        self.assertEqual(verdict["credential"].partner_id, self.member)
        self.assertEqual(
            self.env["coworking.credential"].verify_token(self.token), self.credential
        )
        self.assertEqual(self.member.coworking_credential_id, self.credential)

    def test_token_is_opaque(self):
        prefix, body, signature = self.token.split(".")
        self.assertEqual(prefix, "CW1")
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        self.assertEqual(len(raw), qr_token.TAG_SIZE + qr_token.HANDLE_SIZE)
        for number in (self.member.id, self.credential.id):
            self.assertNotIn(number.to_bytes(4, "big"), raw)
            self.assertNotIn(number.to_bytes(4, "little"), raw)
        other = self.env["res.partner"].create({"name": "Other"})
        other_token = other._coworking_issue_credential().token
        self.assertNotEqual(other_token, self.token)

    def test_qr_image_is_a_png(self):
        image = base64.b64decode(self.credential.qr_image)
        self.assertTrue(image.startswith(b"\x89PNG"))
        self.assertEqual(self.member.coworking_qr_image, self.credential.qr_image)

    def test_offline_verification_needs_only_key_and_tag(self):
        key, tag = self.env["coworking.credential"]._signing_material()
        handle = qr_token.verify(key, tag, self.token)
        self.assertEqual(handle, self.credential.sudo().handle)
        with self.assertRaises(qr_token.TokenError) as caught:
            qr_token.verify(b"x" * 32, tag, self.token)
        self.assertEqual(caught.exception.code, qr_token.TAMPERED)

    def test_tampered_body_is_refused(self):
        # Change one character of the random handle part of the body.
        index = len("CW1.") + 12
        verdict = self.env["coworking.credential"]._scan_token(
            self._flip(self.token, index)
        )
        self.assertFalse(verdict["valid"])
        self.assertEqual(verdict["reason"], qr_token.TAMPERED)
        self.assertIn("altered", verdict["message"])

    def test_tampered_signature_is_refused(self):
        verdict = self.env["coworking.credential"]._scan_token(
            self._flip(self.token, len(self.token) - 3)
        )
        self.assertEqual(verdict["reason"], qr_token.TAMPERED)
        with self.assertRaisesRegex(ValidationError, "signature does not match"):
            self.env["coworking.credential"].verify_token(
                self._flip(self.token, len(self.token) - 3)
            )

    def test_foreign_database_token_is_refused(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("database.uuid", "another-database-uuid")
        params.set_param("database.secret", "another-database-secret")
        verdict = self.env["coworking.credential"]._scan_token(self.token)
        self.assertEqual(verdict["reason"], qr_token.FOREIGN)
        self.assertIn("another coworking database", verdict["message"])
        # A token signed by the other database does not open this one either.
        foreign_token = (
            self.env["res.partner"]
            .create({"name": "Foreigner"})
            ._coworking_issue_credential()
            .token
        )
        params.set_param("database.uuid", "third-uuid")
        self.assertEqual(
            self.env["coworking.credential"]._scan_token(foreign_token)["reason"],
            qr_token.FOREIGN,
        )

    def test_revoked_token_is_refused_and_rotation_issues_a_new_one(self):
        new_credential = self.member._coworking_issue_credential()
        self.assertEqual(self.credential.state, "revoked")
        self.assertTrue(self.credential.revoke_date)
        verdict = self.env["coworking.credential"]._scan_token(self.token)
        self.assertEqual(verdict["reason"], "revoked")
        self.assertIn("revoked", verdict["message"])
        self.assertTrue(
            self.env["coworking.credential"]._scan_token(new_credential.token)["valid"]
        )
        self.assertEqual(self.member.coworking_credential_id, new_credential)

    def test_revoke_without_replacement(self):
        self.member.action_coworking_revoke_credential()
        self.assertFalse(self.member.coworking_credential_id)
        self.assertEqual(
            self.env["coworking.credential"]._scan_token(self.token)["reason"],
            "revoked",
        )

    def test_archived_holder_is_refused(self):
        self.member.action_archive()
        verdict = self.env["coworking.credential"]._scan_token(self.token)
        self.assertEqual(verdict["reason"], "archived")

    def test_unknown_handle_is_refused(self):
        key, tag = self.env["coworking.credential"]._signing_material()
        token = qr_token.sign(key, tag, qr_token.new_handle())
        verdict = self.env["coworking.credential"]._scan_token(token)
        self.assertEqual(verdict["reason"], "unknown")

    def test_malformed_tokens_are_refused(self):
        for bad in (
            "",
            "hello",
            None,
            42,
            "CW1.abc",
            "CW2." + self.token[4:],
            "CW1.!!!!.????",
            "CW1." + "A" * 10 + "." + "B" * 22,
            self.token + ".extra",
        ):
            with self.subTest(token=bad):
                verdict = self.env["coworking.credential"]._scan_token(bad)
                self.assertFalse(verdict["valid"])
                self.assertEqual(verdict["reason"], qr_token.MALFORMED)

    def test_database_refuses_a_second_active_credential(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env["coworking.credential"].create({"partner_id": self.member.id})

    def test_credential_cannot_change_holder(self):
        other = self.env["res.partner"].create({"name": "Someone Else"})
        with self.assertRaisesRegex(UserError, "cannot be reassigned"):
            self.credential.write({"partner_id": other.id})
