package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.FrameDescriptor;
import io.tickloop.protocol.game.ChatDecoder;
import io.tickloop.protocol.game.ChatEncoder;
import io.tickloop.protocol.game.GameProtocol;
import io.tickloop.protocol.game.HeartbeatDecoder;
import io.tickloop.protocol.game.HelloDecoder;
import io.tickloop.protocol.game.JoinDecoder;
import io.tickloop.protocol.game.MoveDecoder;
import io.tickloop.protocol.game.ReasonDecoder;
import io.tickloop.protocol.game.SpectateDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;

import static io.tickloop.server.game.Player.CONNECTED;
import static io.tickloop.server.game.Player.HELLOED;
import static io.tickloop.server.game.Player.IN_ROOM;
import static io.tickloop.server.game.Player.SPECTATING;

/**
 * Every message the game accepts, registered by type in one place with the states it is accepted in, and
 * the handlers themselves: each holds its own decoder, checks it is well formed, and acts on the world.
 */
final class GameMessages
{
    private GameMessages()
    {
    }

    static void registerAll(final MessageDispatcher dispatcher, final World world)
    {
        dispatcher.register(GameProtocol.HELLO, CONNECTED, new Hello());
        dispatcher.register(GameProtocol.JOIN, HELLOED | IN_ROOM | SPECTATING, new Join());
        dispatcher.register(GameProtocol.SPECTATE, HELLOED | IN_ROOM | SPECTATING, new Spectate());
        dispatcher.register(GameProtocol.LEAVE, HELLOED | IN_ROOM | SPECTATING, new Leave());
        // a spectator has no avatar to move, and is kept read-only (no CHAT) so that watching costs a room nothing
        dispatcher.register(GameProtocol.MOVE, IN_ROOM, new Move());
        dispatcher.register(GameProtocol.CHAT, HELLOED | IN_ROOM, new Chat());
        dispatcher.register(GameProtocol.HEARTBEAT, HELLOED | IN_ROOM | SPECTATING, new Heartbeat());
        dispatcher.register(GameProtocol.BYE, CONNECTED | HELLOED | IN_ROOM | SPECTATING, new Bye());
    }

    /** HELLO: version and name checked, the name claimed, WELCOME sent. */
    static final class Hello implements MessageHandler
    {
        private final HelloDecoder hello = new HelloDecoder();

        @Override
        public void onMessage(final World world, final Player player, final DirectBuffer buffer, final int offset,
            final int length)
        {
            if (!hello.wrap(buffer, offset, length).isWellFormed())
            {
                world.kick(player, CloseReason.MALFORMED_MESSAGE);
            }
            else if (hello.version() != GameProtocol.VERSION)
            {
                world.kick(player, CloseReason.UNEXPECTED_MESSAGE);
            }
            else if (!world.hello(player, hello.name()))
            {
                world.kick(player, CloseReason.DUPLICATE_NAME);
            }
        }
    }

    /** JOIN: into the room, or a KICK when it is full. */
    static final class Join implements MessageHandler
    {
        private final JoinDecoder join = new JoinDecoder();

        @Override
        public void onMessage(final World world, final Player player, final DirectBuffer buffer, final int offset,
            final int length)
        {
            if (!join.wrap(buffer, offset, length).isWellFormed())
            {
                world.kick(player, CloseReason.MALFORMED_MESSAGE);
            }
            else if (!world.join(player, join.roomId()))
            {
                world.kick(player, CloseReason.ROOM_FULL);
            }
        }
    }

    /** SPECTATE: watch a room without an avatar; never refused, answered by JOINED. */
    static final class Spectate implements MessageHandler
    {
        private final SpectateDecoder spectate = new SpectateDecoder();

        @Override
        public void onMessage(final World world, final Player player, final DirectBuffer buffer, final int offset,
            final int length)
        {
            if (!spectate.wrap(buffer, offset, length).isWellFormed())
            {
                world.kick(player, CloseReason.MALFORMED_MESSAGE);
                return;
            }
            world.spectate(player, spectate.roomId());
        }
    }

    /** LEAVE: a bare header; out of the room (as a player or a spectator), still hello'd. */
    static final class Leave implements MessageHandler
    {
        @Override
        public void onMessage(final World world, final Player player, final DirectBuffer buffer, final int offset,
            final int length)
        {
            if (length != FrameDescriptor.HEADER_LENGTH)
            {
                world.kick(player, CloseReason.MALFORMED_MESSAGE);
                return;
            }
            world.leave(player);
        }
    }

    /** HEARTBEAT: hearing from the client is all it does (the world has noted the time); its body is checked. */
    static final class Heartbeat implements MessageHandler
    {
        private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();

        @Override
        public void onMessage(final World world, final Player player, final DirectBuffer buffer, final int offset,
            final int length)
        {
            if (!heartbeat.wrap(buffer, offset, length).isWellFormed())
            {
                world.kick(player, CloseReason.MALFORMED_MESSAGE);
            }
        }
    }

    /** MOVE: kept until the next tick applies it; an older sequence than one already seen is ignored. */
    static final class Move implements MessageHandler
    {
        private final MoveDecoder move = new MoveDecoder();

        @Override
        public void onMessage(final World world, final Player player, final DirectBuffer buffer, final int offset,
            final int length)
        {
            if (!move.wrap(buffer, offset, length).isWellFormed() || !world.isInBounds(move.x()) ||
                !world.isInBounds(move.y()))
            {
                world.kick(player, CloseReason.MALFORMED_MESSAGE);
                return;
            }
            player.offerInput(move.inputSeq(), move.x(), move.y());
        }
    }

    /**
     * CHAT: to every other member of the sender's room and to its spectators, with the sender's id; dropped
     * outside a room. A spectator may not send one (UNEXPECTED_MESSAGE, by its registration).
     */
    static final class Chat implements MessageHandler
    {
        private final ChatDecoder chat = new ChatDecoder();
        private final ChatEncoder encoder = new ChatEncoder();

        @Override
        public void onMessage(final World world, final Player player, final DirectBuffer buffer, final int offset,
            final int length)
        {
            if (!chat.wrap(buffer, offset, length).isWellFormed())
            {
                world.kick(player, CloseReason.MALFORMED_MESSAGE);
                return;
            }
            if (null == player.room)
            {
                return;
            }
            final UnsafeBuffer out = world.scratch();
            final int frameLength = encoder.wrap(out, 0).senderId(player.playerId).clientTimeNs(chat.clientTimeNs())
                .text(buffer, chat.textOffset(), chat.textLength()).frameLength();
            final ArrayList<Player> members = player.room.players;
            for (int i = members.size() - 1; i >= 0; i--)
            {
                final Player member = members.get(i);
                if (member != player)
                {
                    world.send(member, out, frameLength);
                }
            }
            final ArrayList<Player> spectators = player.room.spectators;
            for (int i = spectators.size() - 1; i >= 0; i--)
            {
                world.send(spectators.get(i), out, frameLength);
            }
        }
    }

    /** BYE: the client is leaving; close without a KICK. A malformed BYE is a KICK like any malformed frame. */
    static final class Bye implements MessageHandler
    {
        private final ReasonDecoder bye = new ReasonDecoder();

        @Override
        public void onMessage(final World world, final Player player, final DirectBuffer buffer, final int offset,
            final int length)
        {
            if (bye.wrap(buffer, offset, length).isWellFormed())
            {
                world.bye(player, CloseReason.PEER_CLOSED);
            }
            else
            {
                world.kick(player, CloseReason.MALFORMED_MESSAGE);
            }
        }
    }
}
