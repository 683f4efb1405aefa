#!/usr/bin/env python3
"""Writes the hand-made seed inputs of the game dispatcher's fuzz target (layout: GameDispatcherFuzzTest's Javadoc).

Run from the repository root after changing the layout: python3 server/src/test/seeds/make_seeds.py
"""
import os
import struct

FOLDER = "server/src/test/resources/io/tickloop/server/game/GameDispatcherFuzzTestInputs/shouldActTheSameHoweverTheBytesAreCut"
TICK, PEER_CLOSES, STOPS_READING = 0x80, 0x40, 0x04
MS10, S1, S6 = 0x10, 0x20, 0x30


def frame(type_, body=b""):
    return struct.pack("<HH", 4 + len(body), type_) + body


def hello(name, version=1):
    return frame(16, struct.pack("<HB", version, len(name)) + name)


def join(room):
    return frame(18, struct.pack("<I", room))


def spectate(room):
    return frame(27, struct.pack("<I", room))


def move(seq, x, y):
    return frame(21, struct.pack("<IiiQ", seq, x, y, 0))


def chat(text):
    return frame(23, struct.pack("<IQH", 0, 7, len(text)) + text)


LEAVE, HEARTBEAT, BYE = frame(20), frame(24, struct.pack("<Q", 1)), frame(26, struct.pack("<H", 1))


def step(op, data=b"", cut_a=1, cut_b=5):
    return bytes([op, len(data), cut_a, cut_b]) + data


def write(name, settings, *steps):
    os.makedirs(FOLDER, exist_ok=True)
    with open(os.path.join(FOLDER, name), "wb") as f:
        f.write(bytes([settings]) + b"".join(steps))


write("two_players_play_chat_and_leave", 0b110,
      step(0, hello(b"ann") + join(1)), step(1, hello(b"bob") + join(1), 3, 20),
      step(0 | TICK, move(1, 5, 5) + chat(b"hi")), step(1 | TICK, move(2, -5, 9) + HEARTBEAT, 2, 30),
      step(0 | MS10, LEAVE + join(2)), step(1 | TICK, BYE), step(0 | TICK | MS10, move(3, 1, 1)))
write("view_radius_and_a_full_room", 0b011,
      step(0, hello(b"a") + join(7) + move(1, 0, 0)), step(1, hello(b"b") + join(7) + move(1, 90, 90)),
      step(2, hello(b"c") + join(7)), step(3 | TICK, hello(b"d") + join(8) + move(1, 1000, 0)),
      step(0 | TICK, move(2, 150, 0)))
write("duplicate_name_and_wrong_version", 0,
      step(0, hello(b"same")), step(1, hello(b"same")), step(2 | TICK, hello(b"old", version=2)))
write("messages_out_of_state_and_malformed", 0,
      step(0, join(1)), step(1, move(1, 0, 0)), step(2, hello(b"x") + frame(18, b"\x01")),
      step(3 | TICK, hello(b"y") + chat(b"")[:-1] + b"\x00" * 3))
write("broken_streams", 0,
      step(0, hello(b"z") + struct.pack("<HH", 2, 18)), step(1, hello(b"w") + struct.pack("<HH", 4000, 18)),
      step(2, frame(99) + frame(1)), step(3 | TICK, frame(20)))
write("timeouts_and_peers_leaving", 0,
      step(0, hello(b"late")[:5]), step(1, hello(b"quiet") + join(3)), step(2 | PEER_CLOSES),
      step(3 | S1 | TICK, hello(b"p") + join(3)), step(2 | S6 | TICK, hello(b"again")),
      step(1 | S6 | TICK), step(3 | S6 | TICK), step(0 | S6 | TICK, hello(b"new")))
write("slow_consumers_cut_off_mid_broadcast", 0b111,
      step(0, hello(b"a") + join(1)), step(1, hello(b"b") + join(1)), step(2, hello(b"c") + join(1)),
      step(1 | STOPS_READING | TICK), step(0, chat(b"to all")), step(2 | STOPS_READING, chat(b"me too")),
      step(3, hello(b"d") + join(1)), step(0 | TICK | S6), step(3 | TICK | S6))
write("spectators_watch_switch_and_are_kicked", 0b011,
      step(0, hello(b"a") + join(1) + move(1, 5, 5)), step(1, hello(b"b") + spectate(1)),
      step(2 | TICK, hello(b"c") + join(1)), step(0 | TICK, chat(b"hi")),
      step(1 | TICK, spectate(2)), step(1 | TICK, LEAVE + join(1)),
      step(3, hello(b"d") + spectate(1) + spectate(1) + move(1, 0, 0)), step(2 | TICK, spectate(1) + join(1)))
