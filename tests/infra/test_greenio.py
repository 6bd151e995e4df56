"""The write gate and the WAL checkpointer of board/infra, under eventlet as ``board serve`` runs them."""
from board.infra import greenio


def test_writers_get_the_gate_in_arrival_order_and_none_overtakes(green):
    found = green("gate_order")
    # 0-5 queued in that order; 6 arrived just as the gate was handed on and queues behind them
    assert found == {"order": [0, 1, 2, 3, 4, 5, 6], "busy_after": False}


def test_a_writer_waiting_at_the_gate_does_not_stall_other_green_threads(green):
    found = green("gate_wait_is_green")
    assert found["ticks"] == 20  # the ticker ran all along (~100 ms) while the writer waited
    assert not found["waiter_done_before_release"]
    assert found["taken"] and found["seconds"] >= 0.09


def test_the_gate_is_released_when_a_write_fails_or_is_left_open(green):
    found = green("gate_released_on_error")
    assert found["failed"]  # the duplicate key raised, and its transaction was rolled back
    assert found["rows"] == [1, 3]  # neither the duplicate nor the abandoned write was kept
    assert found["next_writer_seconds"] < 1  # not the 30 s a gate left taken would cost


def test_concurrent_green_writers_take_turns_and_none_is_lost(green):
    assert green("gate_serialises_writers") == {"most_inside": 1, "rows": 80}


def test_checkpoints_copy_the_wal_off_the_commit_path_and_keep_it_bounded(green):
    found = green("checkpointer")
    assert found["autocheckpoint"] == 0  # SQLite's own checkpoint (inside COMMIT) is off
    # one checkpoint per CHECKPOINT_CHANGES rows, each in two passes: the first beside the
    # writers, the second holding the gate so that the log is fully copied
    passes, most = found["passes"], 2 * (found["commits"] // greenio.CHECKPOINT_CHANGES)
    assert 4 <= len(passes) <= most and passes == [False, True] * (len(passes) // 2), passes
    assert found["log_frames"] < found["commits"] / 2  # without them the WAL would hold every commit
