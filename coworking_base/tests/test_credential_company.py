# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger, sql

from .common import CoworkingCommon


@tagged("post_install", "-at_install")
class TestCredentialCompany(CoworkingCommon):
    """A credential belongs to the company that issued it: the front desk and
    the doors of another company neither see it nor honour it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Coworking B"})
        group = "coworking_base.group_coworking_"
        only_b = {
            "company_id": cls.company_b.id,
            "company_ids": [Command.set(cls.company_b.ids)],
        }
        cls.user_front_b = new_test_user(
            cls.env, "cw_front_b", groups=f"{group}user", **only_b
        )
        cls.user_controller_b = new_test_user(
            cls.env, "cw_controller_b", groups=f"{group}badge_controller", **only_b
        )
        cls.user_portal_b = new_test_user(
            cls.env, "cw_portal_b", groups="base.group_portal", **only_b
        )
        cls.user_both = new_test_user(
            cls.env,
            "cw_controller_ab",
            groups=f"{group}badge_controller",
            company_ids=[Command.set((cls.company + cls.company_b).ids)],
        )
        # issued by company A (the test environment's company)
        cls.credential_a = cls.member._coworking_issue_credential()
        cls.token_a = cls.credential_a.token

    def _as(self, user, companies=None):
        companies = companies or user.company_ids
        return self.env(user=user, context={"allowed_company_ids": companies.ids})

    def test_credential_is_issued_by_the_current_company(self):
        self.assertEqual(self.credential_a.company_id, self.company)
        credential_b = self.member.with_company(
            self.company_b
        )._coworking_issue_credential()
        self.assertEqual(credential_b.company_id, self.company_b)
        self.assertEqual(self.credential_a.state, "active", "A's badge is untouched")
        self.assertEqual(self.member.coworking_credential_id, self.credential_a)
        self.assertEqual(
            self.member.with_company(self.company_b).coworking_credential_id,
            credential_b,
        )
        self.assertEqual(
            self.member.with_company(self.company_b).coworking_qr_image,
            credential_b.qr_image,
        )

    def test_front_desk_of_another_company_cannot_read_the_token(self):
        env = self._as(self.user_front_b)
        self.assertNotIn(self.credential_a, env["coworking.credential"].search([]))
        with self.assertRaises(AccessError):
            self.credential_a.with_env(env).read(["token"])
        with self.assertRaises(AccessError):
            self.credential_a.with_env(env).token  # noqa: B018
        member = self.member.with_env(env)
        self.assertFalse(member.coworking_credential_ids)
        self.assertFalse(member.coworking_credential_id)
        self.assertFalse(member.coworking_qr_image)
        # the front desk of company A still reads it
        self.assertEqual(
            self.credential_a.with_env(self._as(self.user_front)).token, self.token_a
        )

    def test_holders_read_their_own_credential_of_any_company(self):
        own_a = self.user_portal_b.partner_id._coworking_issue_credential()
        own_b = self.user_portal_b.partner_id.with_company(
            self.company_b
        )._coworking_issue_credential()
        env = self._as(self.user_portal_b)
        self.assertEqual(env["coworking.credential"].search([]), own_a + own_b)
        self.assertTrue(own_a.with_env(env).token.startswith("CW1."))
        # the staff of company B see B's credential, not A's
        env_front_b = self._as(self.user_front_b)
        self.assertEqual(
            env_front_b["coworking.credential"].search(
                [("partner_id", "=", self.user_portal_b.partner_id.id)]
            ),
            own_b,
        )

    def test_front_desk_of_another_company_cannot_revoke_or_rotate(self):
        env = self._as(self.user_front_b)
        with self.assertRaises(AccessError):
            self.credential_a.with_env(env).action_revoke()
        member = self.member.with_env(env)
        member.action_coworking_revoke_credential()
        self.assertEqual(self.credential_a.state, "active")
        # issuing at B gives B its own credential and leaves A's alone
        member.action_coworking_issue_credential()
        credential_b = member.coworking_credential_id
        self.assertEqual(credential_b.company_id, self.company_b)
        self.assertEqual(self.credential_a.state, "active")
        self.assertTrue(self._check(self.user_controller, self.token_a)["valid"])
        # rotating at B revokes B's credential only
        member.action_coworking_issue_credential()
        self.assertEqual(credential_b.state, "revoked")
        self.assertEqual(self.credential_a.state, "active")
        member.action_coworking_revoke_credential()
        self.assertFalse(member.coworking_credential_id)
        self.assertEqual(self.credential_a.state, "active")

    def test_credential_cannot_move_to_another_company(self):
        with self.assertRaisesRegex(UserError, "cannot be reassigned"):
            self.credential_a.write({"company_id": self.company_b.id})

    def _check(self, user, token, companies=None):
        env = self._as(user, companies)
        return env["coworking.credential"]._scan_token(token)

    def test_doors_of_another_company_do_not_know_the_credential(self):
        verdict = self._check(self.user_controller_b, self.token_a)
        self.assertFalse(verdict["valid"])
        self.assertEqual(verdict["reason"], "unknown")
        self.assertFalse(verdict["credential"])
        self.assertNotIn(self.member.name, verdict["message"])
        # nor whether it was revoked
        self.credential_a.action_revoke()
        self.assertEqual(
            self._check(self.user_controller_b, self.token_a)["reason"], "unknown"
        )
        self.assertEqual(
            self._check(self.user_controller, self.token_a)["reason"], "revoked"
        )

    def test_doors_honour_the_companies_the_scanner_works_for(self):
        token_b = (
            self.member.with_company(self.company_b)._coworking_issue_credential().token
        )
        self.assertTrue(self._check(self.user_controller_b, token_b)["valid"])
        self.assertEqual(
            self._check(self.user_controller, token_b)["reason"], "unknown"
        )
        both = self.company + self.company_b
        for token in (self.token_a, token_b):
            self.assertTrue(self._check(self.user_both, token, both)["valid"])
        self.assertEqual(
            self._check(self.user_both, self.token_a, self.company_b)["reason"],
            "unknown",
        )
        env = self._as(self.user_both, self.company_b)
        with self.assertRaisesRegex(ValidationError, "not known here"):
            env["coworking.credential"].verify_token(self.token_a)

    def test_database_keeps_one_active_credential_per_person_and_company(self):
        Credential = self.env["coworking.credential"]
        credential_b = Credential.create(
            {"partner_id": self.member.id, "company_id": self.company_b.id}
        )
        self.assertEqual(credential_b.state, "active")
        for company in (self.company, self.company_b):
            with self.subTest(company=company.name):
                with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
                    with self.env.cr.savepoint():
                        Credential.create(
                            {"partner_id": self.member.id, "company_id": company.id}
                        )

    def test_a_person_of_one_company_gets_no_credential_of_another(self):
        person_a = self.env["res.partner"].create(
            {"name": "Only A", "company_id": self.company.id}
        )
        with self.assertRaises(UserError):
            person_a.with_company(self.company_b)._coworking_issue_credential()

    def test_existing_credentials_take_their_holder_company_on_update(self):
        """A database made before credentials had a company: the update fills
        the new column with the holder's company, else the default one."""
        holder_b = self.env["res.partner"].create(
            {"name": "Holder B", "company_id": self.company_b.id}
        )
        credential_b = holder_b.with_company(
            self.company_b
        )._coworking_issue_credential()
        credentials = self.credential_a + credential_b
        credentials.flush_recordset()
        cr = self.env.cr
        cr.execute("ALTER TABLE coworking_credential DROP COLUMN company_id")
        self.assertFalse(sql.column_exists(cr, "coworking_credential", "company_id"))
        self.registry.init_models(
            cr,
            ["coworking.credential"],
            {"module": "coworking_base"},
            install=False,
        )
        self.assertTrue(sql.column_exists(cr, "coworking_credential", "company_id"))
        credentials.invalidate_recordset(["company_id"])
        self.assertEqual(self.credential_a.company_id, self.env.company)
        self.assertEqual(credential_b.company_id, self.company_b)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with cr.savepoint():
                self.env["coworking.credential"].create({"partner_id": self.member.id})
