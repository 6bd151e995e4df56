"""Full-text search through HTTP (``GET /engagements/{id}/search?q=``): cards of every kind, comments and
the library entries a member may read; only what the caller may see; never a 500 on odd input."""
from __future__ import annotations

import pytest

from tests.support.api import expect


def search(client, engagement: str, q: str, status: int = 200, **params):
    return expect(client.get(f"/engagements/{engagement}/search", query_string={"q": q, **params}), status)


def card(client, initiative: str, **body) -> dict:
    return expect(client.post(f"/initiatives/{initiative}/cards", body), 201)


def ids(hits: list[dict]) -> list[str]:
    return [h["id"] for h in hits]


def conclude(client, card_: dict, **learning) -> dict:
    version = card_["version"]
    for change in ({"status": "proposed"}, {"status": "running"}, {"status": "concluded", **learning}):
        version = expect(client.patch(f"/cards/{card_['id']}", {"version": version, **change}), 200)["version"]
    return card_


def test_every_kind_field_tag_and_comment_is_searchable(world):
    w, ini = world, world.initiative
    session = expect(w.provider.post(f"/initiatives/{ini}/shadowing-sessions", {"host": "Ann"}), 201)
    found = {
        "text": card(w.provider, ini, kind="observation", text="The zeppelin form times out",
                     shadowing_session_id=session["id"]),
        "tags": card(w.provider, ini, kind="observation", text="Slow screens", tags=["zeppelin"]),
        "title": card(w.buyer, ini, kind="story", title="Zeppelin delays"),
        "persona": card(w.buyer, ini, kind="story", title="s1", persona="Zeppelin pilot"),
        "situation": card(w.buyer, ini, kind="story", title="s2", situation="on the zeppelin"),
        "struggle": card(w.buyer, ini, kind="story", title="s3", struggle="zeppelin noise"),
        "outcome": card(w.buyer, ini, kind="story", title="s4", outcome="a calm zeppelin"),
    }
    for field in ("hypothesis", "test", "metric", "criterion"):
        found[field] = card(w.provider, ini, kind="experiment", title=f"e-{field}", **{field: f"zeppelin {field}"})
    expect(w.buyer.post(f"/initiatives/{ini}/kpis", {"name": "Cost"}), 201)
    for side in (w.buyer, w.provider):
        expect(side.post(f"/initiatives/{ini}/kpis/agree"), 200)
    for field in ("observed", "learned"):
        found[field] = conclude(w.provider, card(w.provider, ini, kind="experiment", title=f"e-{field}"),
                                decision="scale", **{"learned": "ok", field: f"the zeppelin {field}"})
    unrelated = card(w.provider, ini, kind="observation", text="nothing to see")
    comment = expect(w.buyer.post(f"/cards/{unrelated['id']}/comments", {"text": "Zeppelins again?"}), 201)

    hits = search(w.viewer, w.engagement, "zeppelin", limit=50)
    by_id = {h["id"]: h for h in hits}
    for field, c in found.items():
        assert c["id"] in by_id, f"a match in {field} is not found"
        hit = by_id[c["id"]]
        assert (hit["type"], hit["card_id"], hit["initiative_id"]) == ("card", c["id"], ini), field
        assert hit["kind"] == c["kind"] and "<mark>" in hit["snippet_html"], (field, hit)
        assert "zeppelin" in hit["snippet"].lower() and "\x02" not in hit["snippet"], (field, hit)
    assert by_id[found["title"]["id"]]["title"] == "Zeppelin delays"
    assert by_id[found["text"]["id"]]["title"] == "The zeppelin form times out"  # an observation's text
    note = by_id[comment["id"]]
    assert (note["type"], note["card_id"], note["kind"], note["title"]) == ("comment", unrelated["id"], "observation",
                                                                            "nothing to see")
    assert unrelated["id"] not in by_id
    assert set(by_id) == {c["id"] for c in found.values()} | {comment["id"]}
    for h in hits:
        assert set(h) == {"type", "id", "initiative_id", "card_id", "kind", "title", "snippet", "snippet_html", "rank"}


def test_the_last_word_is_also_a_prefix(world):
    w, ini = world, world.initiative
    prefill = card(w.provider, ini, kind="experiment", title="Prefill the address")
    card(w.provider, ini, kind="observation", text="Agents retype the address")
    assert ids(search(w.buyer, w.engagement, "prefi")) == [prefill["id"]]
    assert ids(search(w.buyer, w.engagement, "PREFILL addr")) == [prefill["id"]]  # every word must match
    assert search(w.buyer, w.engagement, "prefi address") == []  # only the last word is a prefix
    assert len(search(w.buyer, w.engagement, "addresses")) == 2  # stemmed: address, addresses
    assert search(w.buyer, w.engagement, "prefill callback") == []


def test_ranking_puts_the_best_match_first(world):
    w, ini = world, world.initiative
    for n in range(6):  # a corpus, so that "callback" is a rare word
        card(w.provider, ini, kind="observation", text=f"Customers wait on hold for minutes, call {n}")
    passing = card(w.provider, ini, kind="observation", text=(
        "Long shift notes: queues were long, the tooling was slow, the supervisor was away, "
        "the weather was grey, lunch was late, and someone mentioned a callback once."))
    titled = card(w.provider, ini, kind="experiment", title="Offer a callback window",
                  hypothesis="we believe a callback window cuts abandoned calls",
                  criterion="callback requests double")
    hits = search(w.buyer, w.engagement, "callback")
    assert ids(hits) == [titled["id"], passing["id"]]
    assert hits[0]["rank"] > hits[1]["rank"] > 0


def test_another_engagements_rows_never_appear(world, anonymous):
    w = world
    mine = card(w.provider, w.initiative, kind="observation", text="Escalation matrix is outdated")
    theirs = card(w.outsider, w.other_initiative, kind="observation", text="Escalation matrix is outdated")
    expect(w.outsider.post(f"/cards/{theirs['id']}/comments", {"text": "escalation again"}), 201)
    for client in (w.buyer, w.viewer, w.provider):  # the provider is a member of both
        assert ids(search(client, w.engagement, "escalation matrix")) == [mine["id"]]
        assert ids(search(client, w.engagement, "escalation")) == [mine["id"]]
    hits = search(w.provider, w.other_engagement, "escalation")
    assert theirs["id"] in ids(hits) and mine["id"] not in ids(hits)
    for client, engagement in ((w.outsider, w.engagement), (w.buyer, w.other_engagement)):
        err = search(client, engagement, "escalation", status=404)
        assert err == search(client, "no-such-engagement", "escalation", status=404)
    search(anonymous, w.engagement, "escalation", status=401)


def test_deleted_cards_and_their_comments_vanish(world):
    w, ini = world, world.initiative
    gone = card(w.provider, ini, kind="story", title="Forgotten voicemail")
    expect(w.buyer.post(f"/cards/{gone['id']}/comments", {"text": "the voicemail box is full"}), 201)
    assert len(search(w.buyer, w.engagement, "voicemail")) == 2
    expect(w.provider.delete(f"/cards/{gone['id']}", {"version": gone["version"]}), 200)
    assert search(w.buyer, w.engagement, "voicemail") == []
    expect(w.provider.post(f"/cards/{gone['id']}/restore"), 200)
    assert len(search(w.buyer, w.engagement, "voicemail")) == 2


def test_edits_are_searchable_at_once(world):
    w = world
    obs = card(w.provider, w.initiative, kind="observation", text="Paper forms everywhere")
    expect(w.provider.patch(f"/cards/{obs['id']}", {"version": obs["version"], "text": "Faxes everywhere",
                                                    "tags": ["legacy"]}), 200)
    assert search(w.buyer, w.engagement, "paper") == []
    assert ids(search(w.buyer, w.engagement, "fax")) == [obs["id"]]
    assert ids(search(w.buyer, w.engagement, "legacy")) == [obs["id"]]


def test_personal_data_is_indexed_masked(world):
    w = world
    obs = card(w.provider, w.initiative, kind="observation",
               text="Refund promised to jane.doe@example.com, call back on +44 20 7946 0958")
    assert obs["pii_masked"] == ["email", "phone"]
    for q in ("jane", "doe", "example.com", "7946", "0958"):
        assert search(w.buyer, w.engagement, q) == [], q
    [hit] = search(w.buyer, w.engagement, "refund")
    assert "[email]" in hit["snippet"] and "jane" not in hit["snippet"] and "7946" not in hit["title"]


@pytest.mark.parametrize("q", [
    '"', '""', "'", "*", "**", "a*", "-", "^", ":*", "!", "&", "|", "(", ")", "(((", "a)", "NEAR", "NEAR(a b)",
    "NEAR/2", "AND", "OR", "NOT", "a OR b", "x AND NOT y", "title:x", "x & y | !z", "x:*", "\\", "%", "_", "%_",
    "{}", "[email]", "<script>", "‘quote’ «guillemets»", "—", "😀", "naïve café", "ｆｕｌｌｗｉｄｔｈ", "x" * 200,
    " ".join(["word"] * 39), "\t\n", "0", "-1", "1e9",
])
def test_odd_queries_answer_a_list_never_an_error(world, q):
    card(world.provider, world.initiative, kind="observation", text="Naïve café NEAR the word quote")
    assert isinstance(search(world.buyer, world.engagement, q), list)


def test_bad_parameters_are_422(world):
    for params in ({"q": "x" * 201}, {"q": "x", "limit": 0}, {"q": "x", "limit": 51}, {"q": "x", "limit": "many"}):
        err = expect(world.buyer.get(f"/engagements/{world.engagement}/search", query_string=params), 422)
        assert err["error"]["fields"]
    assert search(world.buyer, world.engagement, "") == []


def test_limit_caps_the_answer(world):
    for n in range(5):
        card(world.provider, world.initiative, kind="observation", text=f"Hold music number {n}")
    assert len(search(world.buyer, world.engagement, "hold music")) == 5
    assert len(search(world.buyer, world.engagement, "hold music", limit=2)) == 2


def test_library_entries_the_member_may_read(world):
    """An approved learning of the provider's other engagement shows, with its shared fields only; a
    proposal not yet approved does not."""
    w, other = world, world.other_initiative
    expect(w.outsider.post(f"/initiatives/{other}/kpis", {"name": "Claims per day"}), 201)
    for client in (w.outsider, w.provider):
        expect(client.post(f"/initiatives/{other}/kpis/agree"), 200)
    shared = conclude(w.provider, card(w.provider, other, kind="experiment", title="Scanner pilot"),
                      learned="Scanning halves rekeying", decision="scale")
    pending = conclude(w.provider, card(w.provider, other, kind="experiment", title="Scanner queue"),
                       learned="Scanning queues form at noon", decision="pivot")
    entry = expect(w.provider.post(f"/cards/{shared['id']}/library-proposals", {"tags": ["scanning"]}), 201)
    expect(w.outsider.post(f"/library-proposals/{entry['id']}/decision", {"approve": True}), 200)
    expect(w.provider.post(f"/cards/{pending['id']}/library-proposals", {}), 201)

    for client in (w.buyer, w.viewer, w.provider):
        hits = search(client, w.engagement, "scanning")
        assert [(h["type"], h["id"]) for h in hits] == [("library", entry["id"])]
        assert hits[0]["initiative_id"] is None and hits[0]["card_id"] is None and hits[0]["kind"] is None
        assert hits[0]["title"] == "Scanner pilot"
    # in its own engagement the learning shows as a library entry and as the experiment card itself
    own = search(w.outsider, w.other_engagement, "scanning")
    assert {(h["type"], h["id"]) for h in own} >= {("library", entry["id"]), ("card", shared["id"])}


def test_the_index_follows_every_write(app, world):
    """Creates, edits, deletes, restores, comments and a row deleted outright: the index matches the rows
    (on SQLite, compared with an index built afresh; PostgreSQL's vectors are generated columns)."""
    from sqlalchemy import delete, text

    from board import uow
    from board.db import session
    from board.models import Card

    w, ini = world, world.initiative
    a = card(w.provider, ini, kind="observation", text="Wrap-up codes are guessed", tags=["codes"])
    b = card(w.buyer, ini, kind="story", title="Guessing codes", persona="Ann")
    expect(w.buyer.post(f"/cards/{a['id']}/comments", {"text": "codes everywhere"}), 201)
    a = expect(w.provider.patch(f"/cards/{a['id']}", {"version": a["version"], "text": "Wrap-up codes are typed",
                                                      "tags": []}), 200)
    expect(w.provider.patch(f"/cards/{a['id']}", {"version": a["version"], "lane_position": 9}), 200)  # not indexed
    expect(w.buyer.delete(f"/cards/{b['id']}", {"version": b["version"]}), 200)
    expect(w.buyer.post(f"/cards/{b['id']}/restore"), 200)

    def check() -> None:
        """Each SQLite index holds exactly what one built afresh from its rows holds (term, row, column, offset)."""
        if session.get_bind().dialect.name != "sqlite":
            return
        for index in ("search_cards", "search_comments", "search_library"):
            session.execute(text("CREATE VIRTUAL TABLE temp.fresh USING fts5(title, body, tags, "
                                 "tokenize='porter unicode61 remove_diacritics 2')"))
            session.execute(text(f"INSERT INTO temp.fresh(rowid, title, body, tags) SELECT * FROM {index}_src"))
            session.execute(text(f"CREATE VIRTUAL TABLE temp.live_terms USING fts5vocab(main, {index}, instance)"))
            session.execute(text("CREATE VIRTUAL TABLE temp.fresh_terms USING fts5vocab(temp, fresh, instance)"))
            live = set(session.execute(text("SELECT term, doc, col, offset FROM temp.live_terms")))
            fresh = set(session.execute(text("SELECT term, doc, col, offset FROM temp.fresh_terms")))
            assert live == fresh, (index, live ^ fresh)
            if index == "search_cards":
                assert live, "nothing indexed"
            for name in ("live_terms", "fresh_terms", "fresh"):
                session.execute(text(f"DROP TABLE temp.{name}"))

    with app.app_context():
        check()
        session.execute(delete(Card).where(Card.id == a["id"]))  # and its comment, by cascade
        uow.commit()
        check()
        uow.commit()
    assert ids(search(w.buyer, w.engagement, "codes")) == [b["id"]]
    assert search(w.buyer, w.engagement, "wrap") == []  # the deleted row


def test_while_authors_are_hidden_search_names_nobody(world, make_user, add_member, client_for):
    """Search honours the workshop's anonymity as the board does: no hit names, or is found by, who wrote a card
    or a comment (it never did: this keeps it so)."""
    w, ini = world, world.initiative
    make_user("quill@example.com", "Quillon Marsh")
    quill_id = add_member(w.engagement, "quill@example.com", "buyer")
    quill = client_for("quill@example.com")
    written = card(quill, ini, kind="observation", text="Zeppelin queue before the hidden phase")
    expect(w.facilitator.patch(f"/initiatives/{ini}/workshop", {"anonymous": True}), 200)
    hidden = card(quill, ini, kind="story", title="Zeppelin story written hidden")
    comment = expect(quill.post(f"/cards/{written['id']}/comments", {"text": "Zeppelin comment, Marsh style"}), 201)

    for reader in (w.viewer, w.provider, quill):
        hits = search(reader, w.engagement, "zeppelin", limit=50)
        assert {written["id"], hidden["id"], comment["id"]} <= set(ids(hits))
        for hit in hits:
            assert not {"author", "actor", "author_id", "user", "created_by"} & set(hit), hit
            leaked = [v for v in hit.values() if isinstance(v, str) and (
                quill_id in v or "quill@" in v or "Quillon" in v)]
            assert not leaked, (hit, leaked)
        assert search(reader, w.engagement, "Quillon") == []  # the author's name finds nothing of theirs
