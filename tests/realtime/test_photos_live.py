"""A photo added on one phone appears on every open board: the upload's ``card.updated`` reaches the
other members' sockets with the card's photos, and its image is theirs to read."""
import requests

from tests.support.api import token_of
from tests.support.photos import upload_to_server


def test_another_members_board_sees_the_photo_arrive_and_go(world, servers, clients, rest_for):
    server = servers("eventlet")
    rest = rest_for(server, world.provider)
    card = rest.call("POST", f"/initiatives/{world.initiative}/cards",
                     {"kind": "observation", "text": "Sticky note with the workaround"}, expect=201)
    watcher = clients(server.url, token_of(world.sponsor)).connect()
    start = watcher.join(world.initiative, None)["seq"]
    auth = {"Authorization": f"Bearer {token_of(world.provider)}"}
    photo = upload_to_server(server, token_of(world.provider), card["id"], "note.jpg")

    def photos_heard():
        return [e["data"]["photos"] for e in watcher.events
                if e["seq"] > start and e["type"] == "card.updated" and e["data"]["id"] == card["id"]]

    watcher.wait_for(lambda c: len(photos_heard()) == 1, what="the photo's card.updated")
    assert photos_heard() == [[photo]]
    image = requests.get(server.url + photo["thumb_url"], timeout=10,
                         headers={"Authorization": f"Bearer {token_of(world.sponsor)}"})
    assert image.status_code == 200 and image.headers["Content-Type"] == "image/jpeg"
    gone = requests.delete(server.url + photo["url"], headers={**auth, "Idempotency-Key": "remove-1"}, timeout=10)
    assert gone.status_code == 200, gone.text
    watcher.wait_for(lambda c: len(photos_heard()) == 2, what="the removal's card.updated")
    assert photos_heard()[-1] == []
    assert rest.call("GET", f"/cards/{card['id']}", expect=200)["photos"] == []
    assert requests.get(server.url + photo["url"], headers=auth, timeout=10).status_code == 404
