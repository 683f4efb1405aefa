#!/usr/bin/env python3
"""Writes the hand-made seed inputs of the protocol's fuzz targets (layout: FuzzInput's Javadoc).

Run from the repository root after changing a layout: python3 protocol/src/test/seeds/make_seeds.py
"""
import os
import struct

RES = "protocol/src/test/resources/io/tickloop/protocol"


def frame(type_, body=b""):
    return struct.pack("<HH", 4 + len(body), type_) + body


def fuzz_input(parameter, cuts, stream):
    return bytes([parameter, len(cuts)]) + b"".join(struct.pack("<H", c) for c in cuts) + stream


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


PING = frame(1, struct.pack("<QQ", 7, 123456789))
PONG = frame(2, struct.pack("<QQ", 7, 123456789) + b"pad")
HELLO = frame(16, struct.pack("<HB", 1, 5) + b"bot-\xc3\xa9"[:5])
WELCOME = frame(17, struct.pack("<IH", 42, 20))
JOIN = frame(18, struct.pack("<I", 1))
JOINED = frame(19, struct.pack("<IH", 1, 3))
LEAVE = frame(20)
MOVE = frame(21, struct.pack("<IiiQ", 1, -5, 9, 1000))
STATE = frame(22, struct.pack("<QH", 99, 2) + struct.pack("<IiiI", 1, 0, 0, 1) + struct.pack("<IiiI", 2, -3, 4, 7))
CHAT = frame(23, struct.pack("<IQH", 0, 55, 6) + "héllo".encode())
HEARTBEAT = frame(24, struct.pack("<Q", 31337))
KICK = frame(25, struct.pack("<H", 6))
BYE = frame(26, struct.pack("<H", 1))
SPECTATE = frame(27, struct.pack("<I", 7))
EVERY_TYPE = PING + PONG + HELLO + WELCOME + JOIN + JOINED + LEAVE + MOVE + STATE + CHAT + HEARTBEAT + KICK + BYE

reader = RES + "/FrameReaderFuzzTestInputs/shouldReadTheSameFramesHoweverTheStreamIsCut"
write(reader, "two_frames_in_one_read", fuzz_input(63, [], PING + JOIN))
write(reader, "split_header", fuzz_input(63, [1, 3], PING))
write(reader, "split_body", fuzz_input(63, [10], PING))
write(reader, "one_and_a_half_frames", fuzz_input(63, [len(PING) + 6], PING + PING))
write(reader, "every_byte_its_own_read", fuzz_input(63, [1, 2, 3, 4, 5, 6, 7], JOIN))
write(reader, "oversized_length", fuzz_input(4, [2], PING + struct.pack("<HH", 300, 1) + b"x" * 30))
write(reader, "zero_length", fuzz_input(63, [1], JOIN + struct.pack("<HH", 0, 1)))
write(reader, "header_only_frames_at_the_smallest_maximum", fuzz_input(0, [3], frame(5) * 4))

decoders = RES + "/game/GameDecodersFuzzTestInputs/shouldDecodeTheSameMessagesHoweverTheStreamIsCut"
write(decoders, "every_type_whole", fuzz_input(255, [], EVERY_TYPE))
write(decoders, "every_type_cut", fuzz_input(255, [3, 30, 31, 77, 120, 121, 200], EVERY_TYPE))
for name, good in [("ping", PING), ("hello", HELLO), ("welcome", WELCOME), ("join", JOIN), ("joined", JOINED),
                   ("move", MOVE), ("state", STATE), ("chat", CHAT), ("heartbeat", HEARTBEAT), ("kick", KICK),
                   ("spectate", SPECTATE)]:
    short = frame(struct.unpack_from("<H", good, 2)[0], good[4:-1])
    long_ = frame(struct.unpack_from("<H", good, 2)[0], good[4:] + b"\x00")
    write(decoders, name + "_short_and_long", fuzz_input(255, [len(short)], short + long_ + good))
write(decoders, "state_count_past_the_frame", fuzz_input(255, [], frame(22, struct.pack("<QH", 1, 0xFFFF))))
write(decoders, "chat_text_length_past_the_frame", fuzz_input(255, [], frame(23, struct.pack("<IQH", 0, 0, 300) + b"x")))
write(decoders, "hello_name_length_zero", fuzz_input(255, [], frame(16, struct.pack("<HB", 1, 0))))
write(decoders, "chat_invalid_utf8", fuzz_input(255, [20], frame(23, struct.pack("<IQH", 0, 0, 3) + b"\xff\xc3\x28")))
