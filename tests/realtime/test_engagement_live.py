"""Membership changes reach the people concerned live, across processes: invitations, acceptance, removal."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.realtime.harness import wait_until
from tests.support.api import token_of


def listen(client, name: str) -> list[dict]:
    """Keep every ``name`` message the client's socket receives."""
    got: list[dict] = []
    client.sio.on(name, got.append)
    return got


def test_an_invitation_its_acceptance_and_a_removal_are_pushed_to_members_on_every_process(
        world, make_user, client_for, servers, clients, rest_for, redis_url):
    a = servers("eventlet", redis_url=redis_url)
    b = servers("gevent", redis_url=redis_url)
    make_user("kim@partner.example", "Kim Known")
    kim = client_for("kim@partner.example")
    admin_socket = clients(a.url, token_of(world.buyer_admin)).connect()
    kim_socket = clients(b.url, token_of(kim)).connect()
    admin_news, kim_news = listen(admin_socket, "engagement"), listen(kim_socket, "engagement")
    kim_invites = listen(kim_socket, "invitation")

    invitation = rest_for(a, world.buyer_admin).call("POST", f"/engagements/{world.engagement}/invitations", {
        "email": "kim@partner.example", "side": "provider", "roles": ["member"]}, expect=201)
    wait_until(lambda: kim_invites, what="the invitee's own sockets to hear of it")
    assert kim_invites == [{"type": "invitation.received", "invitation_id": invitation["id"]}]
    wait_until(lambda: admin_news, what="the admin to see the invitation")
    assert (admin_news[0]["type"], admin_news[0]["engagement"]) == ("invitation.created", world.engagement)
    assert kim_news == []  # not a member yet: nothing of the engagement reaches her socket

    rest_for(b, kim).call("POST", f"/me/invitations/{invitation['id']}/accept", {}, expect=200)
    wait_until(lambda: len(admin_news) == 2 and kim_news, what="both to see the acceptance")
    accepted = admin_news[1]
    assert accepted["type"] == "invitation.accepted" and accepted["data"]["name"] == "Kim Known"
    assert accepted["actor"]["name"] == "Kim Known" and kim_news[0]["type"] == "invitation.accepted"

    kim_id = accepted["data"]["user_id"]
    rest_for(a, world.buyer_admin).call("DELETE", f"/engagements/{world.engagement}/members/{kim_id}", expect=204)
    wait_until(lambda: len(kim_news) == 2, what="the removed member to hear of it")
    assert kim_news[1]["type"] == "member.removed" and kim_news[1]["data"]["user_id"] == kim_id


def test_a_cli_write_is_published_after_its_commit_like_any_other(world, make_user, database_url, tmp_path, servers,
                                                                   clients, redis_url):
    """``board member add`` runs as a unit of work in its own process: its commit reaches live sockets."""
    server = servers("eventlet", redis_url=redis_url)
    admin_socket = clients(server.url, token_of(world.buyer_admin)).connect()
    news = listen(admin_socket, "engagement")
    make_user("lee@partner.example", "Lee Operator")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("BOARD_")}, "BOARD_DATABASE_URL": database_url,
           "BOARD_INSTANCE_DIR": str(tmp_path), "BOARD_REDIS_URL": redis_url, "BOARD_ASYNC_MODE": "threading"}
    done = subprocess.run([sys.executable, "-m", "board.cli", "member", "add", "--engagement", world.engagement,
                           "--email", "lee@partner.example", "--side", "provider"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    wait_until(lambda: news, what="the admin to hear of the new member")
    assert (news[0]["type"], news[0]["data"]["name"], news[0]["op_id"]) == ("member.added", "Lee Operator", None)
