# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""coworking_ai's assistant: (1) how well it understands what it is asked,
on the held-out phrases shipped with the addon (never learned from), per
language; (2) how long a message to the assistant takes in Discuss, its
answer included, against a plain message between two people, in the same
run (medians; each post in its own transaction, rolled back, so that every
post meets the same database).

    python bench/ai/assistant.py -d DATABASE [--posts 40]

The database has coworking_ai installed; the script adds its own location,
rooms and users (committed, named "Bench Assistant …") when missing."""

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "booking"))

import common  # noqa: E402

MESSAGES = (
    "my bookings",
    "free rooms tomorrow afternoon",
    "book Bench Assistant Room 1 tomorrow 10:00-11:00",
    "how many credits do I have left?",
    "bonjour",
    "quelles salles sont libres demain matin ?",
    "réserve Bench Assistant Room 2 demain de 15h à 16h",
    "annule ma réservation de demain",
    "what's the weather like?",
)
GOAL = 0.95


def accuracy(env):
    from odoo.addons.coworking_ai.tools import intents

    started = time.perf_counter()
    model = intents.IntentModel(intents.read_phrases(intents.TRAINING_FILE))
    trained = time.perf_counter() - started
    held_out = intents.read_phrases(intents.HELD_OUT_FILE)
    figures = intents.evaluate(held_out, model=model)
    started = time.perf_counter()
    for _intent, _lang, text in held_out:
        model.predict(text)
    per_phrase = (time.perf_counter() - started) / len(held_out)
    print("Intent accuracy on the held-out phrases (never learned from):")
    ok = True
    for lang in intents.LANGS + ("all",):
        values = figures[lang]
        verdict = "ok" if values["accuracy"] >= GOAL else "BELOW GOAL"
        ok &= lang == "all" or values["accuracy"] >= GOAL
        print(
            f"  {lang:>3}: {values['correct']}/{values['total']} = "
            f"{100 * values['accuracy']:.1f} %  (goal >= {100 * GOAL:.0f} %: {verdict})"
        )
        for text, expected, predicted in values.get("errors", []):
            print(f"        missed: {text!r}: {expected} read as {predicted}")
    print(
        f"  trained on {model.size} phrases in {trained:.2f} s; "
        f"{1000 * per_phrase:.1f} ms per phrase"
    )
    return ok


def fixtures(env):
    """A location open every day, three rooms, the person asking (front
    desk) and the person a plain message goes to."""
    from odoo import Command

    Users = env["res.users"].with_context(no_reset_password=True)
    asking = Users.search([("login", "=", "bench_assistant_a")])
    if not asking:
        calendar = common.opening_hours(
            env, "Bench Assistant hours", "Europe/Paris", (8, 20)
        )
        location = env["coworking.location"].create(
            {
                "name": "Bench Assistant Place",
                "tz": "Europe/Paris",
                "resource_calendar_id": calendar.id,
            }
        )
        rate = env["product.product"].create(
            {
                "name": "Bench Assistant room (hour)",
                "type": "service",
                "list_price": 20.0,
                "coworking_rate_hours": 1,
            }
        )
        env["coworking.space"].create(
            [
                {
                    "name": f"Bench Assistant Room {number}",
                    "location_id": location.id,
                    "capacity": 6,
                    "rate_product_ids": [Command.set(rate.ids)],
                }
                for number in (1, 2, 3)
            ]
        )
        groups = [
            env.ref("base.group_user").id,
            env.ref("coworking_base.group_coworking_user").id,
        ]
        for login, name in (
            ("bench_assistant_a", "Bench Assistant Asker"),
            ("bench_assistant_b", "Bench Assistant Colleague"),
        ):
            Users.create(
                {
                    "login": login,
                    "name": name,
                    "tz": "Europe/Paris",
                    "groups_id": [Command.set(groups)],
                }
            )
        env.cr.commit()
        asking = Users.search([("login", "=", "bench_assistant_a")])
    other = Users.search([("login", "=", "bench_assistant_b")])
    bot_chat = env["coworking.ai.assistant"]._chat_channel(asking)
    plain_chat = (
        env["discuss.channel"]
        .with_user(asking)
        .sudo()
        .channel_get([other.partner_id.id])
    )
    env.cr.commit()
    return asking, bot_chat.id, plain_chat.id


def post_once(registry, user_id, channel_id, text):
    """Seconds to post ``text`` in a channel as the user, the assistant's
    answer included when the channel is its chat; rolled back."""
    import odoo

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, user_id, {"tz": "Europe/Paris"})
        channel = env["discuss.channel"].browse(channel_id).sudo()
        started = time.perf_counter()
        channel.message_post(
            author_id=env.user.partner_id.id,
            body=text,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        env.flush_all()
        elapsed = time.perf_counter() - started
        cr.rollback()
    return elapsed


def first_reply(env):
    """Seconds of the first message to the assistant in a fresh process:
    the classifier is trained then (and scikit-learn and dateparser
    loaded)."""
    asking, bot_chat, _plain_chat = fixtures(env)
    started = time.perf_counter()
    post_once(env.registry, asking.id, bot_chat, "hello")
    return time.perf_counter() - started


def reply_times(env, posts, first):
    asking, bot_chat, plain_chat = fixtures(env)
    registry = env.registry
    for text in MESSAGES[:3]:  # warm both paths
        post_once(registry, asking.id, plain_chat, text)
        post_once(registry, asking.id, bot_chat, text)
    plain, assistant, by_text = [], [], {}
    for index in range(posts):
        text = MESSAGES[index % len(MESSAGES)]
        # alternate which goes first, so that neither meets a warmer cache
        pairs = [(plain_chat, plain), (bot_chat, assistant)]
        for channel, samples in pairs if index % 2 else reversed(pairs):
            elapsed = post_once(registry, asking.id, channel, text)
            samples.append(elapsed)
            if channel == bot_chat:
                by_text.setdefault(text, []).append(elapsed)
    plain_ms = statistics.median(plain) * 1000
    assistant_ms = statistics.median(assistant) * 1000
    print()
    print(
        f"Reply time in Discuss ({posts} posts each, in-process, each post in "
        "its own transaction, rolled back):"
    )
    print(f"  plain message between two people : median {plain_ms:7.1f} ms")
    print(
        f"  message to the assistant + reply : median {assistant_ms:7.1f} ms  "
        f"= {assistant_ms / plain_ms:.1f} x the plain post"
    )
    print(
        f"  first message of a fresh process (loads scikit-learn and dateparser, "
        f"trains the classifier): {first:.2f} s"
    )
    print("  by message (median):")
    for text, samples in by_text.items():
        print(f"    {statistics.median(samples) * 1000:7.1f} ms  {text}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--posts", type=int, default=40)
    args = parser.parse_args()
    if args.posts < 30:
        parser.error("--posts: at least 30 posts make a median worth reading")
    with common.odoo_env(args.database) as env:
        first = first_reply(env)
        ok = accuracy(env)
        reply_times(env, args.posts, first)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
