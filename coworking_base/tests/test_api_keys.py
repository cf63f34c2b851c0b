# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta
from unittest.mock import Mock, patch

from odoo import fields
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import SQL

from ..tools import api_keys


@tagged("post_install", "-at_install")
class TestApiKeys(TransactionCase):
    """The API key check of the suite's routes answers as Odoo's own, and
    pays the key's hash once per worker."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(cls.env, login="cw_key_user", groups="base.group_user")
        cls.key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.user)
            ._generate("rpc", "scanner", fields.Datetime.now() + timedelta(days=1))
        )

    def setUp(self):
        super().setUp()
        api_keys._verified.clear()
        context = self.startPatcher(
            patch.object(
                api_keys,
                "KEY_CRYPT_CONTEXT",
                Mock(wraps=api_keys.KEY_CRYPT_CONTEXT),
            )
        )
        self.verify = context.verify

    def test_a_key_is_hashed_once(self):
        for _request in range(3):
            self.assertEqual(api_keys.check_api_key(self.env, self.key), self.user.id)
        self.assertEqual(self.verify.call_count, 1)
        self.assertEqual(
            self.env["res.users.apikeys"]._check_credentials(scope="rpc", key=self.key),
            self.user.id,
        )

    def test_a_wrong_key_with_the_same_index_is_refused(self):
        api_keys.check_api_key(self.env, self.key)
        forged = self.key[:8] + ("0" if self.key[8] != "0" else "1") + self.key[9:]
        self.assertIsNone(api_keys.check_api_key(self.env, forged))
        self.assertIsNone(api_keys.check_api_key(self.env, ""))

    def test_a_removed_key_is_refused_at_once(self):
        api_keys.check_api_key(self.env, self.key)
        self.env["res.users.apikeys"].search([("user_id", "=", self.user.id)]).unlink()
        self.env.flush_all()
        self.assertIsNone(api_keys.check_api_key(self.env, self.key))

    def test_an_archived_user_or_an_expired_key_is_refused_at_once(self):
        api_keys.check_api_key(self.env, self.key)
        expire = "UPDATE res_users_apikeys SET expiration_date = %s WHERE user_id = %s"
        yesterday = fields.Datetime.now() - timedelta(days=1)
        self.env.cr.execute(SQL(expire, yesterday, self.user.id))
        self.assertIsNone(api_keys.check_api_key(self.env, self.key))
        self.env.cr.execute(SQL(expire, None, self.user.id))
        self.assertEqual(api_keys.check_api_key(self.env, self.key), self.user.id)
        self.user.active = False
        self.env.flush_all()
        self.assertIsNone(api_keys.check_api_key(self.env, self.key))

    def test_a_key_of_another_scope_is_refused(self):
        self.assertIsNone(api_keys.check_api_key(self.env, self.key, scope="other"))
