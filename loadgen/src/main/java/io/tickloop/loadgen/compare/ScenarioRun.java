package io.tickloop.loadgen.compare;

import io.tickloop.loadgen.game.BotTransport;

/**
 * One scenario as a comparison runs it: the game over one transport, and, in the loss lab, with one share of the
 * loopback's packets dropped. Its {@link #label()} names its table, its charts and its folder.
 *
 * @param scenario the load.
 * @param transport how the game's MOVE and STATE travel (TCP for the PING scenarios).
 * @param lossPercent the share of packets dropped, or {@link #NO_LOSS_LAB} outside the loss lab.
 */
public record ScenarioRun(Scenario scenario, BotTransport transport, int lossPercent)
{
    /** {@link #lossPercent()} of a run outside the loss lab. */
    public static final int NO_LOSS_LAB = -1;

    /**
     * @return {@code game}, {@code game-udp}, {@code game-ws}, {@code rate-loss2}, {@code game-udp-loss2}, ...
     */
    public String label()
    {
        return scenario.cliName() + (transport == BotTransport.TCP ? "" : "-" + transport) +
            (lossPercent == NO_LOSS_LAB ? "" : "-loss" + lossPercent);
    }

    /**
     * @return true when the run drops packets in the loss lab (0% included: the lab's baseline).
     */
    public boolean inLossLab()
    {
        return lossPercent != NO_LOSS_LAB;
    }

    /**
     * @param label a run's label, as {@link #label()} makes it.
     * @return what the run measures: its scenario's description and how it was run, or "" for a label not made
     * by {@link #label()}.
     */
    public static String describe(final String label)
    {
        final String base = label.split("-", 2)[0];
        if (!Scenario.names().contains(base))
        {
            return "";
        }
        final StringBuilder description = new StringBuilder(Scenario.of(base).description());
        if (label.contains("-udp"))
        {
            description.append("; MOVE and STATE by UDP");
        }
        if (label.contains("-ws"))
        {
            description.append("; every frame a WebSocket message, on the server's --ws-port");
        }
        final int loss = label.indexOf("-loss");
        if (loss >= 0)
        {
            description.append("; ").append(label.substring(loss + "-loss".length()))
                .append("% of loopback packets dropped");
        }
        return description.toString();
    }
}
