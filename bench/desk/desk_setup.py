# Copyright 2026 Coworking Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The fixtures of the desk benchmark (``bench_desk.py``), committed by the
caller: events, tickets, items, desks with their cashiers and open
sessions, buyers, registered participants with their QR, and the website's
carts of the last-seats races. Everything is named with a run tag, so that a
second run on the same database makes its own."""

import random
from datetime import timedelta

CASHIER_GROUPS = (
    "base.group_user",
    "base.group_partner_manager",
    "coworking_base.group_coworking_cashier",
)
# the website's payment confirms the cart's order (``payment.transaction``
# post-processing, as a system user); here an internal user with the sales
# and event rights confirms it through JSON-RPC
PLAIN_GROUPS = (
    "base.group_user",
    "base.group_partner_manager",
    "point_of_sale.group_pos_user",
    "event.group_event_registration_desk",
)
WEB_GROUPS = (
    "base.group_user",
    "sales_team.group_sale_salesman_all_leads",
    "event.group_event_user",
)
TICKET_PRICE = 40.0
ITEM_PRICE = 20.0


def quiet(env):
    return env(
        context=dict(
            env.context,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_notrack=True,
            no_reset_password=True,
        )
    )


def line_amounts(product, price, currency):
    """``(tax ids, untaxed, total)`` of one unit of ``product`` at ``price``,
    as the Point of Sale computes them."""
    taxes = product.taxes_id.filtered(lambda tax: tax.company_id == product.env.company)
    if not taxes:
        return [], currency.round(price), currency.round(price)
    values = taxes.compute_all(price, currency, 1, product=product)
    return taxes.ids, values["total_excluded"], values["total_included"]


def products(env, tag):
    """The event ticket's product and the item (a service, as the dinner of
    the desk tests: no stock move), both with the company's sales tax."""
    company = env.company
    if not company.chart_template:
        env["account.chart.template"].try_loading(
            "generic_coa", company, install_demo=False
        )
    tax = company.account_sale_tax_id
    Product = env["product.product"]
    common = {
        "type": "service",
        "available_in_pos": True,
        "taxes_id": [(6, 0, tax.ids)],
    }
    ticket_product = Product.create(
        {
            **common,
            "name": f"Bench Desk Ticket {tag}",
            "service_tracking": "event",
            "list_price": TICKET_PRICE,
        }
    )
    item = Product.create(
        {**common, "name": f"Bench Desk Dinner {tag}", "list_price": ITEM_PRICE}
    )
    currency = company.currency_id
    tax_ids, untaxed, total = line_amounts(item, ITEM_PRICE, currency)
    item_data = {
        "product_id": item.id,
        "name": item.display_name,
        "price": ITEM_PRICE,
        "tax_ids": tax_ids,
        "untaxed": untaxed,
        "total": total,
    }
    return ticket_product, item, item_data


def workshop_event(env, tag, name, ticket_product, seats_max, now):
    """An event running now (``seats_max`` 0: unlimited) with a workshop
    (a paid session starting in two hours) and its ticket; answer the
    event, the ticket and the ticket's data for the clients."""
    limited = bool(seats_max)
    event = env["event.event"].create(
        {
            "name": f"{name} {tag}",
            "company_id": env.company.id,
            "date_tz": "UTC",
            "date_begin": now - timedelta(hours=1),
            "date_end": now + timedelta(hours=10),
            "seats_limited": limited,
            "seats_max": seats_max if limited else 0,
        }
    )
    # no confirmation e-mails scheduled for thousands of registrations
    event.event_mail_ids.unlink()
    track = env["event.track"].create(
        {
            "name": f"Bench Workshop of {event.name}",
            "event_id": event.id,
            "date": now + timedelta(hours=2),
            "duration": 1.5,
        }
    )
    ticket = env["event.event.ticket"].create(
        {
            "name": "Bench Workshop",
            "event_id": event.id,
            "product_id": ticket_product.id,
            "price": TICKET_PRICE,
            "coworking_track_ids": [(6, 0, track.ids)],
        }
    )
    tax_ids, untaxed, total = line_amounts(
        ticket_product, TICKET_PRICE, env.company.currency_id
    )
    data = {
        "id": ticket.id,
        "event_id": event.id,
        "product_id": ticket_product.id,
        "name": ticket_product.display_name,
        "price": TICKET_PRICE,
        "tax_ids": tax_ids,
        "untaxed": untaxed,
        "total": total,
    }
    return event, ticket, data


def users(env, prefix, count, groups, password, tag):
    Users = env["res.users"].with_context(active_test=False)
    group_ids = [env.ref(xmlid).id for xmlid in groups]
    login = f"cw_bench_desk_{prefix.lower()}_{tag}"
    return Users.create(
        [
            {
                "name": f"Bench {prefix} {index:02d} {tag}",
                "login": f"{login}_{index:02d}",
                "email": f"{login}_{index:02d}@example.com",
                "password": password,
                "tz": "UTC",
                "groups_id": [(6, 0, group_ids)],
            }
            for index in range(count)
        ]
    )


def desks(env, tag, name, event, item, cashiers, first_code):
    """One desk per cashier, of ``event``, selling ``item``, each with its
    own cash journal and method and cash control, opened by its cashier as
    the Point of Sale does (``open_ui``, then the opening cash count).
    Without ``event``: plain Points of Sale, not desks."""
    company = env.company
    loss = company.default_cash_difference_expense_account_id
    profit = company.default_cash_difference_income_account_id
    result = []
    for index, cashier in enumerate(cashiers):
        code = f"{tag[:2]}{first_code + index:03d}"
        journal = env["account.journal"].create(
            {
                "name": f"{name} {index + 1:02d} Cash {tag}",
                "code": code,
                "type": "cash",
                "loss_account_id": loss.id,
                "profit_account_id": profit.id,
            }
        )
        cash = env["pos.payment.method"].create(
            {"name": f"{name} {index + 1:02d} Cash", "journal_id": journal.id}
        )
        values = {
            "name": f"{name} {index + 1:02d} {tag}",
            "payment_method_ids": [(6, 0, cash.ids)],
            "cash_control": True,
        }
        if event:
            values.update(
                {
                    "coworking_event_id": event.id,
                    "coworking_operator_ids": [(6, 0, cashier.ids)],
                    "coworking_item_ids": [(6, 0, item.ids)],
                }
            )
        desk = env["pos.config"].create(values)
        desk.with_user(cashier).open_ui()
        session = desk.current_session_id
        session.with_user(cashier).set_opening_control(0, "")
        result.append(
            {
                "config_id": desk.id,
                "session_id": session.id,
                "cash_method_id": cash.id,
                "pricelist_id": desk.pricelist_id.id,
                "uid": cashier.id,
                "login": cashier.login,
            }
        )
    return result


def buyers(env, tag, count):
    partners = env["res.partner"].create(
        [
            {
                "name": f"Bench Buyer {tag} {index:05d}",
                "email": f"bench.buyer.{tag}.{index:05d}@example.com",
            }
            for index in range(count)
        ]
    )
    return [
        {"id": partner.id, "name": partner.name, "email": partner.email}
        for partner in partners
    ]


def participants(env, tag, event, ticket, count):
    """``count`` people registered (confirmed) in ``event``, each with the
    QR credential of the event's company; answer their QR codes."""
    partners = env["res.partner"].create(
        [
            {
                "name": f"Bench Participant {tag} {index:05d}",
                "email": f"bench.participant.{tag}.{index:05d}@example.com",
            }
            for index in range(count)
        ]
    )
    credentials = partners.with_company(event.company_id)._coworking_issue_credential()
    env["event.registration"].create(
        [
            {
                "event_id": event.id,
                "event_ticket_id": ticket.id,
                "partner_id": partner.id,
                "coworking_attendee_id": partner.id,
                "name": partner.name,
                "email": partner.email,
                "state": "open",
            }
            for partner in partners
        ]
    )
    return [credential.token for credential in credentials]


def web_carts(env, event, ticket, people):
    """The website's customers with the event's ticket in their cart: a
    quotation each, its registration in draft (``_init_registrations``, as
    the website's cart makes it); answer the orders' ids."""
    Order = env["sale.order"]
    orders = Order.create(
        [
            {
                "partner_id": person["id"],
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": ticket.product_id.id,
                            "event_id": event.id,
                            "event_ticket_id": ticket.id,
                            "product_uom_qty": 1,
                        },
                    )
                ],
            }
            for person in people
        ]
    )
    orders.order_line._init_registrations()
    return orders.ids


def setup(env, args, tag, now):
    """Every fixture of the run; answer the data the clients need."""
    env = quiet(env)
    ticket_product, item, item_data = products(env, tag)
    data = {"db": env.cr.dbname, "tag": tag, "item": item_data, "races": []}
    # the latency series: a limited event with room for every sale, and
    # an unlimited one (no guard row written by its sales)
    event, ticket, data["ticket"] = workshop_event(
        env, tag, "Bench Desk Summit", ticket_product, args.seats_latency, now
    )
    data["event"] = event.id
    open_event, _open_ticket, data["open_ticket"] = workshop_event(
        env, tag, "Bench Desk Open Day", ticket_product, 0, now
    )
    data["open_event"] = open_event.id
    cashiers = users(env, "Cashier", args.desks * 2, CASHIER_GROUPS, args.password, tag)
    data["desks"] = desks(
        env, tag, "Bench Desk", event, item, cashiers[: args.desks], first_code=0
    )
    data["open_desks"] = desks(
        env,
        tag,
        "Bench Open Desk",
        open_event,
        item,
        cashiers[args.desks :],
        first_code=100,
    )
    # the same sale at a plain Point of Sale (not a desk), in-process only
    plain_user = users(env, "Plain", 1, PLAIN_GROUPS, args.password, tag)
    data["plain"] = desks(
        env, tag, "Bench Plain POS", False, item, plain_user, first_code=190
    )[0]
    data["tokens"] = participants(env, tag, event, ticket, args.participants)
    sales = args.warmup * args.desks * 2 + args.sales * 3
    data["buyers"] = buyers(env, f"{tag}s", sales)
    # the last-seats races: each its own event, ``seats_left`` seats left
    # after ``taken`` confirmed registrations
    for number, (race_desks, race_web) in enumerate(args.races):
        race_event, race_ticket, ticket_data = workshop_event(
            env,
            tag,
            f"Bench Last Seats {number + 1}",
            ticket_product,
            args.taken + args.seats_left,
            now,
        )
        early = buyers(env, f"{tag}e{number}", args.taken)
        env["event.registration"].create(
            [
                {
                    "event_id": race_event.id,
                    "event_ticket_id": race_ticket.id,
                    "partner_id": person["id"],
                    "name": person["name"],
                    "email": person["email"],
                    "state": "open",
                }
                for person in early
            ]
        )
        race_cashiers = users(
            env, f"Racer{number + 1}", race_desks, CASHIER_GROUPS, args.password, tag
        )
        web_users = users(
            env, f"Web{number + 1}", race_web, WEB_GROUPS, args.password, tag
        )
        people = buyers(env, f"{tag}r{number}", (race_desks + race_web) * args.tries)
        web_people = people[race_desks * args.tries :]
        carts = web_carts(env, race_event, race_ticket, web_people)
        data["races"].append(
            {
                "event": race_event.id,
                "ticket": ticket_data,
                "seats_max": args.taken + args.seats_left,
                "taken": args.taken,
                "desks": desks(
                    env,
                    tag,
                    f"Bench Race {number + 1} Desk",
                    race_event,
                    item,
                    race_cashiers,
                    first_code=200 + 20 * number,
                ),
                "web": [
                    {
                        "login": user.login,
                        "uid": user.id,
                        "orders": carts[index * args.tries : (index + 1) * args.tries],
                    }
                    for index, user in enumerate(web_users)
                ],
                "buyers": people[: race_desks * args.tries],
            }
        )
    random.Random(args.seed).shuffle(data["tokens"])
    env.flush_all()
    return data
