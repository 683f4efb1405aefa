package io.tickloop.server.game;

import io.tickloop.protocol.CloseReason;
import io.tickloop.protocol.MessageTypes;
import io.tickloop.protocol.game.GameProtocol;
import org.agrona.DirectBuffer;

/**
 * Message handlers by type, each with the session states it is accepted in. A type with no handler, or one
 * that arrives in another state, kicks the player with {@code UNEXPECTED_MESSAGE}.
 */
final class MessageDispatcher
{
    private final MessageHandler[] handlers = new MessageHandler[GameProtocol.END_TYPE];
    private final int[] allowedStates = new int[GameProtocol.END_TYPE];

    /**
     * @param type a game message type.
     * @param stateMask the {@link Player} states it is accepted in, or'ed.
     * @param handler what handles it.
     */
    void register(final int type, final int stateMask, final MessageHandler handler)
    {
        if (type < MessageTypes.FIRST_GAME_TYPE || type >= GameProtocol.END_TYPE || null != handlers[type])
        {
            throw new IllegalArgumentException("type " + type + " is not a free game type");
        }
        handlers[type] = handler;
        allowedStates[type] = stateMask;
    }

    void dispatch(
        final World world, final Player player, final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (type >= handlers.length || null == handlers[type] || !player.isIn(allowedStates[type]))
        {
            world.kick(player, CloseReason.UNEXPECTED_MESSAGE);
            return;
        }
        handlers[type].onMessage(world, player, buffer, offset, length);
    }
}
